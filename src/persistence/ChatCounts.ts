import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { COUNTED, noCounts, type Counted, type Counts, type IChatCounter } from '../shared/chatCounts';

const HOUR_MS = 3600000;
/** Every count record carries this association, so that a status reads them all in one round trip. */
const KIND = 'rasa-chat-counts';
/** An instance writes its counts at most this often while it counts; the app's jobs write what is left. */
export const COUNTS_WRITE_EVERY_MS = 10000;
/** Hours kept: `/rasa status` looks back at most this far, housekeeping removes older records. */
export const COUNTS_KEPT_MS = 35 * 24 * HOUR_MS;

type CountRecord = { instance?: unknown; hour?: unknown } & Partial<Record<Counted, unknown>>;

const misc = (key: string) => new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, key);
const hourOf = (at: number) => Math.floor(at / HOUR_MS) * HOUR_MS;

/**
 * One instance's counts, by hour, shared through app persistence: each instance writes only its own records (one
 * per hour, holding that hour's totals), so no two writers ever update one record and nothing needs Rocket.Chat's
 * persistence to offer an atomic increment (it offers none). A count is written without the caller waiting for it,
 * at most once per COUNTS_WRITE_EVERY_MS, so a busy instance spends one round trip per 10 s on them. Later counts go
 * with the next run of one of the app's jobs on this instance, or when that time is up: a timer where the engine
 * gives the app timers (the Deno runtime, Apps-Engine 1.43 and later), else with the instance's next count. What a
 * status reads from another instance is what that instance last wrote; what it reads from its own is its memory.
 */
export class ChatCounts {
	private readonly hours = new Map<number, Counts>();

	private writing?: Promise<void>;

	private dirty = new Set<number>();

	private lastWriteAt?: number;

	/** The write of counts that waited for their time, where the engine gives timers. */
	private trailing?: ReturnType<typeof setTimeout>;

	/** Why the last write failed, for the next job's run to log. */
	public lastWriteProblem?: string;

	constructor(
		public readonly instance = Math.random().toString(36).slice(2, 12),
		private readonly now: () => number = () => Date.now(),
		private readonly writeEveryMs = COUNTS_WRITE_EVERY_MS,
	) {}

	/** A counter for one call: its counts go to persistence through that call's writer. */
	public counterFor(writer: IPersistence | undefined): IChatCounter {
		return {
			count: (what) => {
				const hour = hourOf(this.now());
				const counts = this.hours.get(hour) ?? noCounts();
				counts[what] += 1;
				this.hours.set(hour, counts);
				this.dirty.add(hour);
				if (!writer) {
					return;
				}
				const waited = this.lastWriteAt === undefined ? Infinity : this.now() - this.lastWriteAt;
				if (waited >= this.writeEveryMs) {
					void this.write(writer);
				} else if (!this.trailing && typeof setTimeout === 'function') {
					this.trailing = setTimeout(() => {
						this.trailing = undefined;
						if (this.dirty.size > 0) {
							void this.write(writer);
						}
					}, this.writeEveryMs - waited);
					// Node's timers (tests) would hold the process open; Deno's are numbers and have nothing to unref.
					(this.trailing as { unref?: () => void }).unref?.();
				}
			},
		};
	}

	/** Writes what was counted since the last write, if anything (the app's jobs call it on their instance). */
	public async flush(writer: IPersistence): Promise<void> {
		await this.writing;
		if (this.dirty.size > 0) {
			await this.write(writer);
		}
		const problem = this.lastWriteProblem;
		if (problem) {
			this.lastWriteProblem = undefined;
			throw new Error(`the counts were not written (they go again with the next write): ${problem}`);
		}
	}

	/** Writes every hour changed since the last write, once; what is counted meanwhile waits for the next. */
	private write(writer: IPersistence): Promise<void> {
		if (this.writing) {
			return this.writing;
		}
		this.lastWriteAt = this.now();
		const hours = [...this.dirty];
		this.dirty = new Set();
		this.writing = Promise.all(hours.map((hour) => this.writeHour(writer, hour))).then(() => {
			this.writing = undefined;
			this.forgetOldHours();
		});
		return this.writing;
	}

	private async writeHour(writer: IPersistence, hour: number): Promise<void> {
		const record = { instance: this.instance, hour, ...this.hours.get(hour) };
		try {
			await writer.updateByAssociations([misc(KIND), misc(this.keyOf(hour))], record, true);
		} catch (error) {
			// Rocket.Chat 6.x throws a TypeError after an upsert was written; anything else is a lost write, whose
			// counts go again with the next one.
			if (!(error instanceof TypeError)) {
				this.lastWriteProblem = error instanceof Error ? error.message : String(error);
				this.dirty.add(hour);
			}
		}
	}

	/** Every instance's counts since `since`, this instance's from memory: one round trip. */
	public async since(reader: IPersistenceRead, since: number): Promise<Counts> {
		const records = ((await reader.readByAssociations([misc(KIND)])) ?? []) as CountRecord[];
		const total = noCounts();
		const add = (counts: Partial<Record<Counted, unknown>>) => {
			for (const what of COUNTED) {
				const value = counts[what];
				total[what] += typeof value === 'number' && Number.isFinite(value) ? value : 0;
			}
		};
		const first = hourOf(since);
		for (const record of records) {
			if (record.instance !== this.instance && typeof record.hour === 'number' && record.hour >= first) {
				add(record);
			}
		}
		for (const [hour, counts] of this.hours) {
			if (hour >= first) {
				add(counts);
			}
		}
		return total;
	}

	/** Removes every instance's records older than what a status may ask for (housekeeping, on one instance). */
	public async forgetOld(reader: IPersistenceRead, writer: IPersistence): Promise<number> {
		const oldest = hourOf(this.now() - COUNTS_KEPT_MS);
		const records = ((await reader.readByAssociations([misc(KIND)])) ?? []) as CountRecord[];
		const old = records.filter(
			(record): record is CountRecord & { instance: string; hour: number } =>
				typeof record.instance === 'string' && typeof record.hour === 'number' && record.hour < oldest,
		);
		await Promise.all(
			old.map((record) => writer.removeByAssociations([misc(KIND), misc(`${KIND}:${record.instance}:${record.hour}`)])),
		);
		return old.length;
	}

	private keyOf(hour: number): string {
		return `${KIND}:${this.instance}:${hour}`;
	}

	private forgetOldHours(): void {
		const oldest = hourOf(this.now() - COUNTS_KEPT_MS);
		for (const hour of this.hours.keys()) {
			if (hour < oldest) {
				this.hours.delete(hour);
			}
		}
	}
}
