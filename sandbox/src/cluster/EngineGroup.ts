import type { IPermission } from '@rocket.chat/apps-engine/definition/permissions/IPermission';

import type { SandboxEngine } from '../engine/SandboxEngine';
import type { AppApiView, AppSettingView, AppSummary } from '../engine/engineTypes';

/**
 * The apps of a workspace as an admin manages them, across the instances of a cluster: Rocket.Chat installs,
 * updates, enables and configures an app on every instance (each loads it into its own runtime, and a changed
 * setting reaches every instance's app: ee/server/apps/communication/websockets.ts); what is read is the same
 * everywhere, so it is read from the first. With one instance it is that instance's engine.
 */
export class EngineGroup {
	constructor(public readonly engines: ReadonlyArray<SandboxEngine>) {}

	private get first(): SandboxEngine {
		return this.engines[0];
	}

	private async onEach<T>(work: (engine: SandboxEngine) => Promise<T>): Promise<T> {
		const result = await work(this.first);
		for (const engine of this.engines.slice(1)) {
			await work(engine);
		}
		return result;
	}

	public list(): Promise<AppSummary[]> {
		return this.first.list();
	}

	public get(appId: string): Promise<AppSummary | undefined> {
		return this.first.get(appId);
	}

	public install(zip: Buffer, permissionsGranted?: IPermission[]): Promise<AppSummary> {
		return this.onEach((engine) => engine.install(zip, permissionsGranted));
	}

	public update(appId: string, zip: Buffer, permissionsGranted?: IPermission[]): Promise<AppSummary> {
		return this.onEach((engine) => engine.update(appId, zip, permissionsGranted));
	}

	public uninstall(appId: string): Promise<boolean> {
		return this.onEach((engine) => engine.uninstall(appId));
	}

	public setEnabled(appId: string, enabled: boolean): Promise<AppSummary> {
		return this.onEach((engine) => engine.setEnabled(appId, enabled));
	}

	public settings(appId: string): Record<string, AppSettingView> | undefined {
		return this.first.settings(appId);
	}

	public setSetting(appId: string, settingId: string, value: unknown): Promise<boolean> {
		return this.onEach((engine) => engine.setSetting(appId, settingId, value));
	}

	/** One log for every instance, as Rocket.Chat keeps apps' logs in its database. */
	public logs(appId: string, offset = 0, count = 50) {
		return this.first.logs(appId, offset, count);
	}

	public languages(appId: string): Record<string, Record<string, string>> | undefined {
		return this.first.languages(appId);
	}

	public apis(appId: string): AppApiView[] | undefined {
		return this.first.apis(appId);
	}
}
