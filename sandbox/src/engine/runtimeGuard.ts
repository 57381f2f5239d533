import { DenoRuntimeSubprocessController } from '@rocket.chat/apps-engine/server/runtime/deno/AppsEngineDenoRuntime';

import type { Logger } from '../logger';

type Controller = {
	state?: string;
	deno?: { stdin?: { on(event: 'error', listener: (error: Error) => void): void } | null };
	getAppId(): string;
	setupListeners(): void;
};

let guarded = false;

/**
 * When an app's Deno process has ended (e.g. the engine's decoder refused a request and its read loop stopped), the
 * engine keeps writing to its stdin and Node emits `write EPIPE` with no listener: an uncaught error that would end the
 * whole sandbox. The sandbox only notes it and leaves the restart to the engine, as Rocket.Chat does (its liveness
 * manager restarts the runtime once pings time out). Writes after a deliberate stop are expected and not noted.
 * Installed once, on the engine's controller, every time it sets up a new process.
 */
export function guardRuntimeWrites(log: Logger): void {
	if (guarded) {
		return;
	}
	guarded = true;
	const prototype = DenoRuntimeSubprocessController.prototype as unknown as Controller;
	const { setupListeners } = prototype;
	prototype.setupListeners = function setupListenersGuarded(this: Controller) {
		setupListeners.call(this);
		this.deno?.stdin?.on('error', (error: Error) => {
			if (this.state === 'stopped') {
				return;
			}
			log(
				'error',
				`app ${this.getAppId()}: its runtime process is not running (${error.message}); the engine restarts it once its pings time out, or disable and enable the app`,
			);
		});
	};
}
