const ROOM_BUSY = 'RoomBusy';

/** Thrown when a room stays busy for longer than the caller may wait. */
export class RoomBusy extends Error {
	constructor(roomId: string) {
		super(`room ${roomId} is busy`);
		this.name = ROOM_BUSY;
	}
}

/**
 * By name, not instanceof: engines before the Deno runtime load each module of the app once per import, so a class
 * from one import is not the class of another.
 */
export const isRoomBusy = (error: unknown): boolean =>
	typeof error === 'object' && error !== null && (error as { name?: unknown }).name === ROOM_BUSY;

/**
 * Engines before the Deno runtime give the app's modules other than the main one no timers: without them, a wait
 * is checked when it ends instead of being cut short.
 */
const timers = typeof setTimeout === 'function' ? { setTimeout, clearTimeout } : undefined;

/** Holders of one key run one after another, in arrival order; different keys never wait for each other. */
class KeyedLock {
	/** A key is held while it has an entry; the entry lists who waits for it next. */
	private readonly waiting = new Map<string, Array<() => void>>();

	/** Runs `work` once the key is free; `waited` tells whether others held it first. */
	public async run<T>(key: string, work: (waited: boolean) => Promise<T>, maxWaitMs: number): Promise<T> {
		const waited = this.waiting.has(key);
		await this.acquire(key, maxWaitMs);
		try {
			return await work(waited);
		} finally {
			this.release(key);
		}
	}

	public get size(): number {
		return this.waiting.size;
	}

	private acquire(key: string, maxWaitMs: number): Promise<void> {
		const queue = this.waiting.get(key);
		if (!queue) {
			this.waiting.set(key, []);
			return Promise.resolve();
		}
		const since = Date.now();
		return new Promise((resolve, reject) => {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const grant = () => {
				if (timer !== undefined) {
					timers?.clearTimeout(timer);
				}
				if (!timers && Date.now() - since > maxWaitMs) {
					this.release(key);
					reject(new RoomBusy(key));
					return;
				}
				resolve();
			};
			queue.push(grant);
			if (Number.isFinite(maxWaitMs) && timers) {
				timer = timers.setTimeout(() => {
					const index = queue.indexOf(grant);
					if (index >= 0) {
						queue.splice(index, 1);
						reject(new RoomBusy(key));
					}
				}, maxWaitMs);
			}
		});
	}

	private release(key: string): void {
		const next = this.waiting.get(key)?.shift();
		if (next) {
			next();
		} else {
			this.waiting.delete(key);
		}
	}
}

/**
 * Acting on one room one step at a time, within this instance of the app (see the README for what holds across
 * instances). Two kinds of work:
 * - a step: a short check-and-act (re-read the room, then close, hand over, post replies). Steps of a room never
 *   overlap, so a step always acts on what it just read.
 * - a turn: one exchange with Rasa (send a message, deliver its replies). Turns of a room run one at a time and in
 *   order, so replies never interleave. A turn takes steps for its reads and writes but not while it waits for Rasa:
 *   a custom action that calls the incoming API, or Rasa's callbacks, are steps that must run during that wait.
 * A step never waits for a turn, so the two cannot deadlock.
 */
export class RoomSteps {
	private readonly steps = new KeyedLock();

	private readonly turns = new KeyedLock();

	/** `work` learns whether it waited behind other steps of the room (what it knew before may be stale then). */
	public step<T>(roomId: string, work: (waited: boolean) => Promise<T>, maxWaitMs = Infinity): Promise<T> {
		return this.steps.run(roomId, work, maxWaitMs);
	}

	/** `work` learns whether it waited behind other turns of the room. */
	public turn<T>(roomId: string, work: (waited: boolean) => Promise<T>, maxWaitMs = Infinity): Promise<T> {
		return this.turns.run(roomId, work, maxWaitMs);
	}

	/** Rooms with work running or waiting (for tests: it drops to 0 when all is done). */
	public get busyRooms(): number {
		return this.steps.size + this.turns.size;
	}
}
