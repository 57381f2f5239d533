import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { CommitTimes } from './CommitTimes';
import type { KnownWelcomes } from './KnownWelcomes';
import type { IRoomMemory, LeaseCheck, RoomLease, WelcomeClaim } from '../conversation/engine/IRoomMemory';
import { RoomBusy } from '../conversation/engine/RoomSteps';

/**
 * One record per claim: which room, what was claimed, and the claimant's nonce that tells claims apart; a welcome
 * also gets a record with `done` once it went to Rasa.
 */
type ClaimRecord = { roomId?: unknown; claim?: unknown; nonce?: unknown; done?: unknown };

const WELCOME = 'welcome';
const isDone = (record: ClaimRecord) => record.done === true;
/** A lease's records: one per taker (its nonce, when it asked), and one per holder that gave it back (`done`). */
type LeaseRecord = { nonce?: unknown; at?: unknown; done?: unknown };

/** Every record the app keeps carries this association, so a sweep can find them all. */
const KIND = 'rasa-room-memory';
/** Activity records (one per room, overwritten) carry this one too. */
const ACTIVITY = 'rasa-room-activity';
/** How long a lease holds without being given back (a holder whose instance died). */
const LEASE_MS = 30000;
/** Waits where the engine gives timers; engines before the Deno runtime give this module none: then each read paces. */
const pause = (ms: number): Promise<void> =>
	typeof setTimeout === 'function' ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
/** Rooms checked at once by a sweep: each check is a round trip. */
const SWEEP_BATCH = 20;

const room = (roomId: string) => new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, roomId);
const misc = (key: string) => new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, key);

/**
 * IRoomMemory in app persistence, which Rocket.Chat keeps in its database for every instance.
 *
 * Rocket.Chat's persistence bridge differs between versions in what a write answers (5.x: the driver's result;
 * 6.x: a TypeError thrown after an update was written; later: an empty string for an update) and offers no
 * compare-and-set. So a claim never reads meaning into a write's answer: it inserts its own record, then reads
 * the claim's records back. The record read first is the winner (the database answers in the order records were
 * inserted), so two claims racing on two instances agree on one winner, and a write that threw after it was
 * written is seen for what it did. A claim that lost removes its record again, so repeated clicks leave nothing.
 */
export class AppsEngineRoomMemory implements IRoomMemory {
	constructor(
		private readonly reader: IPersistenceRead,
		private readonly writer: IPersistence | undefined,
		private readonly welcomed: KnownWelcomes,
		private readonly commitTimes = new CommitTimes(),
	) {}

	/**
	 * The welcome's records are its claims (one per claimant, the first read wins) and "done" records, written once the
	 * winner's welcome went to Rasa. A room known done on this instance costs no round trip; otherwise one read tells
	 * done, pending (claimed, not yet sent) or unclaimed, and only an unclaimed welcome is claimed.
	 */
	public async claimWelcome(roomId: string): Promise<WelcomeClaim> {
		if (this.welcomed.has(roomId)) {
			return 'done';
		}
		const records = await this.claimsOf(roomId, WELCOME, { all: true });
		if (records.some(isDone)) {
			this.welcomed.add(roomId);
			return 'done';
		}
		if (records.length > 0) {
			return 'pending';
		}
		return (await this.claim(roomId, WELCOME)) ? 'ours' : 'pending';
	}

	public async welcomeDone(roomId: string): Promise<void> {
		this.welcomed.add(roomId);
		await this.writable().createWithAssociations({ roomId, claim: WELCOME, done: true }, [
			room(roomId),
			misc(KIND),
			misc(claimKey(roomId, WELCOME)),
		]);
	}

	public async awaitWelcome(roomId: string, maxWaitMs: number): Promise<boolean> {
		const since = Date.now();
		for (let attempt = 0; ; attempt++) {
			if (this.welcomed.has(roomId) || (await this.claimsOf(roomId, WELCOME, { all: true })).some(isDone)) {
				this.welcomed.add(roomId);
				return true;
			}
			if (Date.now() - since >= maxWaitMs) {
				return false;
			}
			await pause(Math.min(25 * (attempt + 1), 200, Math.max(0, maxWaitMs - (Date.now() - since))));
		}
	}

	public claimQuickReply(roomId: string, messageId: string): Promise<boolean> {
		return this.claim(roomId, `quick-reply:${messageId}`);
	}

	public claimOnce(roomId: string, what: string): Promise<boolean> {
		return this.claim(roomId, `once:${what}`);
	}

	/** A claim's record without the read-back: what claimed() finds, one write. */
	public async note(roomId: string, what: string): Promise<void> {
		const claim = `once:${what}`;
		await this.writable().createWithAssociations({ roomId, claim, nonce: newNonce() }, [
			room(roomId),
			misc(KIND),
			misc(claimKey(roomId, claim)),
		]);
	}

	public async claimed(roomId: string, what: string): Promise<boolean> {
		return (await this.claimsOf(roomId, `once:${what}`)).length > 0;
	}

	/**
	 * One record per room, overwritten: the last write wins, which is the latest activity give or take the moment two
	 * visitor messages arrive together. What the update answers means nothing (it differs between versions); the same
	 * association list, in the same order, always finds the same record.
	 */
	public async noteActivity(roomId: string, at: number): Promise<void> {
		await this.writable().updateByAssociations(activityOf(roomId), { roomId, activityAt: at }, true);
	}

	public async activities(): Promise<ReadonlyArray<{ roomId: string; at: number }>> {
		const records = (await this.reader.readByAssociations([misc(ACTIVITY)])) as
			| Array<{ roomId?: unknown; activityAt?: unknown }>
			| undefined;
		const latest = new Map<string, number>();
		for (const record of records ?? []) {
			if (typeof record.roomId === 'string' && typeof record.activityAt === 'number') {
				latest.set(record.roomId, Math.max(latest.get(record.roomId) ?? 0, record.activityAt));
			}
		}
		return [...latest].map(([roomId, at]) => ({ roomId, at }));
	}

	public async activityOf(roomId: string): Promise<number | undefined> {
		const records = (await this.reader.readByAssociations([misc(`${KIND}:${roomId}:activity`)])) as
			| Array<{ activityAt?: unknown }>
			| undefined;
		const times = (records ?? [])
			.map((record) => record.activityAt)
			.filter((at): at is number => typeof at === 'number');
		return times.length > 0 ? Math.max(...times) : undefined;
	}

	public async forgetActivity(roomId: string): Promise<void> {
		await this.writer?.removeByAssociations([misc(`${KIND}:${roomId}:activity`)]);
	}

	/**
	 * A lease is a claim that expires: each taker inserts its own record and reads the lease's records back when it is
	 * about to act; the first record still live (younger than LEASE_MS) and not given back holds it, the others wait,
	 * reading again, until theirs is. A holder gives it back by inserting a "done" record rather than removing its own,
	 * so that a later taker still sees that someone held it lately (`contended`: read the room again) for as long as a
	 * lease lives; a holder that died stops holding when its record ages out. The records go with the room's others.
	 */
	public takeLease(roomId: string, what: string): RoomLease {
		const writer = this.writable();
		const nonce = newNonce();
		const key = claimKey(roomId, `lease:${what}`);
		const associations = [room(roomId), misc(KIND), misc(key)];
		const started = Date.now();
		const inserted = insertOwn(writer, { roomId, lease: what, nonce, at: started }, [
			...associations,
			misc(nonceKey(nonce)),
		]).then((result) => {
			this.commitTimes.record(Date.now() - started);
			return result;
		});
		const readLease = async () => {
			const records = ((await this.reader.readByAssociations([room(roomId), misc(key)])) ?? []) as LeaseRecord[];
			return leaseState(records, nonce);
		};
		const check = async (): Promise<LeaseCheck> => {
			const state = await readOwn(await inserted, readLease, (read) => read.ours >= 0);
			// Someone held it lately (an earlier live record), or takes it beside us: a taker whose record we see may not
			// have seen ours (it was still committing) and may be acting.
			return { holds: state.holder === nonce, contended: state.ours > 0 || state.othersLive };
		};
		return {
			stored: inserted.then(() => undefined),
			check,
			waitUntilHeld: async (waitMs) => {
				const since = Date.now();
				for (let attempt = 0; ; attempt++) {
					const state = await check();
					if (state.holds) {
						return { holds: true, contended: state.contended || attempt > 0 };
					}
					if (Date.now() - since > waitMs) {
						// Never held: nothing to tell later takers.
						await writer.removeByAssociations([misc(nonceKey(nonce))]);
						throw new RoomBusy(roomId);
					}
					await pause(Math.min(25 * (attempt + 1), 200));
				}
			},
			release: async () => {
				await inserted;
				await writer.createWithAssociations({ roomId, lease: what, done: nonce, at: Date.now() }, associations);
			},
		};
	}

	public async forgetClosedRooms(isOpen: (roomId: string) => Promise<boolean>): Promise<number> {
		const records = (await this.reader.readByAssociations([misc(KIND)])) as ClaimRecord[] | undefined;
		const roomIds = [
			...new Set((records ?? []).map((record) => record.roomId).filter((id): id is string => typeof id === 'string')),
		];
		let forgotten = 0;
		for (let start = 0; start < roomIds.length; start += SWEEP_BATCH) {
			const batch = roomIds.slice(start, start + SWEEP_BATCH);
			const open = await Promise.all(batch.map((roomId) => isOpen(roomId)));
			const closed = batch.filter((_roomId, index) => !open[index]);
			await Promise.all(closed.map((roomId) => this.writer?.removeByAssociations([room(roomId), misc(KIND)])));
			forgotten += closed.length;
		}
		return forgotten;
	}

	/**
	 * The first claim read back wins, once it is read first a second time: the database shows an insert only once it
	 * committed, in the order inserts started, so a claim that started earlier and is still committing would come
	 * first (whether ours was read alone or ahead of later ones). It is read again after twice the slowest recent
	 * commit (CommitTimes), which catches such a claim unless its commit takes longer still.
	 */
	private async claim(roomId: string, claim: string): Promise<boolean> {
		const writer = this.writable();
		const nonce = newNonce();
		const started = Date.now();
		const inserted = await insertOwn(writer, { roomId, claim, nonce }, [
			room(roomId),
			misc(KIND),
			misc(claimKey(roomId, claim)),
			misc(nonceKey(nonce)),
		]);
		this.commitTimes.record(Date.now() - started);
		const isOurs = (records: ClaimRecord[]) => records.some((record) => record.nonce === nonce);
		let claims = await readOwn(inserted, () => this.claimsOf(roomId, claim), isOurs);
		if (claims[0]?.nonce === nonce) {
			await pause(this.commitTimes.settleMs());
			claims = await this.claimsOf(roomId, claim);
		}
		if (claims[0]?.nonce === nonce) {
			return true;
		}
		await writer.removeByAssociations([misc(nonceKey(nonce))]);
		return false;
	}

	private writable(): IPersistence {
		if (!this.writer) {
			throw new Error('app persistence cannot be written in this call');
		}
		return this.writer;
	}

	/** The claims of one thing in a room, in the order the database answers; `all` also keeps its "done" records. */
	private async claimsOf(roomId: string, claim: string, options: { all?: boolean } = {}): Promise<ClaimRecord[]> {
		const records = (await this.reader.readByAssociations([room(roomId), misc(claimKey(roomId, claim))])) as
			| ClaimRecord[]
			| undefined;
		return (records ?? []).filter((record) => options.all === true || typeof record.nonce === 'string');
	}
}

const claimKey = (roomId: string, claim: string) => `${KIND}:${roomId}:${claim}`;
const activityOf = (roomId: string) => [room(roomId), misc(KIND), misc(ACTIVITY), misc(`${KIND}:${roomId}:activity`)];
const nonceKey = (nonce: string) => `${KIND}:nonce:${nonce}`;

/** What an insert of the caller's own did: whether the bridge answered it stored, or the error it threw. */
type Inserted = { stored: boolean; failure?: unknown };

/**
 * Inserts a record of the caller's own, to be read back. Some versions throw after writing, so an error is kept, not
 * thrown: it matters only when the read-back does not find the record. A missing permission makes the engine answer
 * nothing rather than fail.
 */
async function insertOwn(
	writer: IPersistence,
	data: object,
	associations: RocketChatAssociationRecord[],
): Promise<Inserted> {
	try {
		const answer: unknown = await writer.createWithAssociations(data, associations);
		return { stored: answer !== undefined && answer !== null };
	} catch (error) {
		return { stored: false, failure: error };
	}
}

/** Reads of the caller's own write that may miss it, and how long to keep reading (a secondary catching up). */
const OWN_WRITE_RETRIES = [50, 100, 200];

/**
 * Reads until the caller's own record shows. A read from a secondary (a `readPreference` in Rocket.Chat's MONGO_URL)
 * may miss a write for a moment: read again a few times, then say so plainly. A record that never got stored is the
 * bridge's own error, or a missing permission.
 */
async function readOwn<T>(inserted: Inserted, read: () => Promise<T>, showsOurs: (read: T) => boolean): Promise<T> {
	let result = await read();
	for (const wait of OWN_WRITE_RETRIES) {
		if (showsOurs(result) || !inserted.stored) {
			break;
		}
		await pause(wait);
		result = await read();
	}
	if (showsOurs(result)) {
		return result;
	}
	if (inserted.failure !== undefined) {
		// eslint-disable-next-line @typescript-eslint/only-throw-error -- the bridge's own error, as it came
		throw inserted.failure;
	}
	if (inserted.stored) {
		throw new Error(
			"app persistence did not show this instance its own write within half a second: are Rocket.Chat's database " +
				"reads going to a secondary (MONGO_URL's readPreference)? The app needs to read its writes back.",
		);
	}
	throw new Error('app persistence stored nothing: is the "persistence" permission granted?');
}

/**
 * A lease's records as read: its holder (the first live record not given back), where ours stands among the live
 * ones, and whether another live taker's record is there beside ours.
 */
function leaseState(records: LeaseRecord[], nonce: string) {
	const given = new Set(records.map((record) => record.done).filter((done) => typeof done === 'string'));
	const live = records.filter(
		(record) => typeof record.nonce === 'string' && typeof record.at === 'number' && record.at > Date.now() - LEASE_MS,
	);
	const waiting = live.filter((record) => !given.has(record.nonce as string));
	return {
		holder: waiting[0]?.nonce,
		ours: live.findIndex((record) => record.nonce === nonce),
		othersLive: waiting.some((record) => record.nonce !== nonce),
	};
}

/** Unique enough to tell claimants apart (no crypto module exists in every app runtime). */
function newNonce(): string {
	return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}
