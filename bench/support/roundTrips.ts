import { DenoRuntimeSubprocessController } from '@rocket.chat/apps-engine/server/runtime/deno/AppsEngineDenoRuntime';

/** One request from an app's Deno process to Rocket.Chat (an accessor or a bridge call), as the host handled it. */
export type RoundTrip = { appId: string; method: string; startedMs: number; endedMs: number };

type IncomingMessage = { payload: { method: string } };
type Handler = (this: DenoRuntimeSubprocessController, message: IncomingMessage) => Promise<void>;

/**
 * Sees every Deno→Node round trip of every app, setting reads included, by wrapping the engine's own dispatcher of
 * the subprocess's requests (`handleIncomingMessage`; accessor and bridge requests both pass there). The sandbox runs
 * in this process, so the wrapper sits exactly where Rocket.Chat would receive the call.
 *
 * With `delayMs` set, each round trip waits that long before the host handles it: calls the app starts together then
 * overlap, calls it makes one after another do not, and the longest chain of non-overlapping calls is the number of
 * sequential waits (the depth).
 */
export class RoundTripRecorder {
	private trips: RoundTrip[] = [];

	private recording = false;

	private delayMs = 0;

	/** Every round trip since the recorder was made, recording or not (long runs count without keeping them). */
	public total = 0;

	public constructor() {
		const prototype = DenoRuntimeSubprocessController.prototype as unknown as { handleIncomingMessage: Handler };
		const original = prototype.handleIncomingMessage;
		const handle = (controller: DenoRuntimeSubprocessController, message: IncomingMessage) =>
			this.handle(controller, message, original);
		prototype.handleIncomingMessage = function (this: DenoRuntimeSubprocessController, message) {
			return handle(this, message);
		};
	}

	private async handle(
		controller: DenoRuntimeSubprocessController,
		message: IncomingMessage,
		original: Handler,
	): Promise<void> {
		const method = message?.payload?.method ?? '';
		const roundTrip = method.startsWith('accessor:') || method.startsWith('bridges:');
		if (roundTrip) {
			this.total += 1;
		}
		if (!this.recording || !roundTrip) {
			return original.call(controller, message);
		}
		// Recorded as it starts, so a call still running when recording stops is counted too.
		const trip: RoundTrip = { appId: controller.getAppId(), method: shortName(method), startedMs: now(), endedMs: NaN };
		this.trips.push(trip);
		if (this.delayMs > 0) {
			await new Promise((resolve) => setTimeout(resolve, this.delayMs));
		}
		try {
			return await original.call(controller, message);
		} finally {
			trip.endedMs = now();
		}
	}

	/** Starts recording (again), with each round trip held `delayMs` before the host handles it. */
	public start(delayMs = 0): void {
		this.trips = [];
		this.delayMs = delayMs;
		this.recording = true;
	}

	/** Stops recording and returns what was recorded (a call still running has endedMs NaN until it ends). */
	public stop(): RoundTrip[] {
		this.recording = false;
		this.delayMs = 0;
		const { trips } = this;
		this.trips = [];
		return trips;
	}
}

export function now(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

/** The number of sequential waits: the longest chain of round trips where each starts after the previous ended. */
export function sequentialDepth(trips: RoundTrip[]): number {
	const sorted = [...trips].sort((a, b) => a.startedMs - b.startedMs);
	const chain: number[] = [];
	let deepest = 0;
	sorted.forEach((trip, i) => {
		let before = 0;
		for (let j = 0; j < i; j++) {
			if (sorted[j].endedMs <= trip.startedMs) {
				before = Math.max(before, chain[j]);
			}
		}
		chain[i] = before + 1;
		deepest = Math.max(deepest, chain[i]);
	});
	return deepest;
}

/** `accessor:getReader:getRoomReader:getById` → `room.getById`, `bridges:getLivechatBridge:doCloseRoom` → `livechat.closeRoom`. */
function shortName(method: string): string {
	const parts = method.split(':');
	const tail = parts[parts.length - 1].replace(/^do(?=[A-Z])/, '');
	const owner = parts.length > 2 ? parts[parts.length - 2] : parts[0];
	const name = owner
		.replace(/^get/, '')
		.replace(/(Reader|Read|Bridge|Updater|Modifier|Creator)$/, '')
		.replace(/^./, (first) => first.toLowerCase());
	return `${name}.${tail.charAt(0).toLowerCase()}${tail.slice(1)}`;
}
