import { randomBytes } from 'crypto';

import { newId } from './ids';
import type { VersionProfile } from './versionProfile';

/** An association as Rocket.Chat stores it: {model, id}. */
export type StoredAssociation = { model: string; id: string };

/**
 * A document of Rocket.Chat's `apps_persistence` collection, with when it became visible (its insert committed) and,
 * once removed, when that committed (a secondary may still serve it for a while).
 */
type PersistenceRecord = {
	_id: string;
	appId: string;
	data: object;
	associations?: StoredAssociation[];
	committedAt?: number;
	removedAt?: number;
};

/**
 * How the database under the bridge answers in time (MongoDB, as a cluster runs it), off by default:
 * - `commitDelayMs`: an insert takes its place in the natural order (WiredTiger's record id) when it starts and
 *   becomes visible when it commits, a random time up to this long later, so a read may see a later insert without an
 *   earlier one that is still committing;
 * - `secondaryLagMs`: reads go to a secondary (a `readPreference` in MONGO_URL; Rocket.Chat's models set none), which
 *   may not have the writes of the last random time up to this long, the caller's own included.
 */
export type PersistenceTiming = { commitDelayMs?: number; secondaryLagMs?: number };

/** Records cross the Deno boundary as JSON anyway: a JSON copy keeps stored data apart from callers'. */
const copy = <T>(data: T): T => JSON.parse(JSON.stringify(data)) as T;

const sameAssociation = (a: StoredAssociation, b: StoredAssociation) => a.model === b.model && a.id === b.id;

/**
 * Apps' persistence as Rocket.Chat's persistence bridge keeps it (app/apps/server/bridges/persistence.ts), shared by
 * every instance, answering as the workspace's version does (the `persistence*` rows of versionProfile.ts):
 * - reads and removals match records holding all the given associations, in any order (`$all`), in the order the
 *   records were inserted (no sort; MongoDB's natural order);
 * - a create answers the new id, or (6.2–6.6) the driver's insert result;
 * - an update by associations matches only records whose associations are exactly the given list, in that order,
 *   and answers Meteor's result (5.x, always upserting), the driver's (6.2–6.6) or `upsertedId || ''` (6.7+);
 * - `update` by id is not implemented (it throws);
 * - a read by an unknown id throws in 5.x and answers nothing later; a removal that matches nothing answers [] in
 *   5.x and nothing later.
 */
export class AppPersistence {
	/** The order inserts started in is the natural order reads return (the Map keeps it). */
	private readonly records = new Map<string, PersistenceRecord>();

	/** The database's timing: immediate unless a test or `npm start` asks for a real cluster's (PersistenceTiming). */
	public timing: PersistenceTiming = {};

	constructor(
		private readonly profile: () => VersionProfile,
		private readonly random: () => number = Math.random,
	) {}

	/**
	 * The bridge's create: the record takes its place in the natural order now and answers once its insert committed;
	 * the answer is the id, or the driver's insert result where the version answers that.
	 */
	public async insert(appId: string, data: object, associations?: StoredAssociation[]): Promise<string | object> {
		const record = this.reserve(appId, data, associations);
		const delay = (this.timing.commitDelayMs ?? 0) * this.random();
		if (delay > 0) {
			await new Promise((resolve) => setTimeout(resolve, delay));
		}
		record.committedAt = Date.now();
		return this.profile().persistenceCreate === 'driver-result'
			? { acknowledged: true, insertedId: record._id }
			: record._id;
	}

	/** The bridge's create answered at once, committed at once (for tests that need no timing). */
	public createAnswer(appId: string, data: object, associations?: StoredAssociation[]): string | object {
		const id = this.create(appId, data, associations);
		return this.profile().persistenceCreate === 'driver-result' ? { acknowledged: true, insertedId: id } : id;
	}

	public create(appId: string, data: object, associations?: StoredAssociation[]): string {
		const record = this.reserve(appId, data, associations);
		record.committedAt = Date.now();
		return record._id;
	}

	private reserve(appId: string, data: object, associations?: StoredAssociation[]): PersistenceRecord {
		if (typeof data !== 'object' || data === null) {
			throw new Error('Attempted to store an invalid data type, it must be an object.');
		}
		const record: PersistenceRecord = {
			_id: newId(),
			appId,
			data: copy(data),
			...(associations ? { associations: copy(associations) } : {}),
		};
		this.records.set(record._id, record);
		return record;
	}

	/**
	 * Whether a read made now sees the record: committed, not removed, as of the read's point in time (now on the
	 * primary; a random moment of the last `secondaryLagMs` on a secondary).
	 */
	private visibleTo(readAt: number): (record: PersistenceRecord) => boolean {
		return (record) =>
			record.committedAt !== undefined &&
			record.committedAt <= readAt &&
			(record.removedAt === undefined || record.removedAt > readAt);
	}

	private readPoint(): number {
		return Date.now() - (this.timing.secondaryLagMs ?? 0) * this.random();
	}

	public readById(appId: string, id: string): object | undefined {
		// Rocket.Chat does not filter by app here.
		void appId;
		const record = this.records.get(id);
		const found = record && this.visibleTo(this.readPoint())(record) ? record : undefined;
		if (!found && this.profile().persistenceReadMissing === 'throws') {
			throw new TypeError("Cannot read properties of undefined (reading 'data')");
		}
		return found ? copy(found.data) : undefined;
	}

	public readByAssociations(appId: string, associations: StoredAssociation[]): object[] {
		return this.matching(appId, associations, this.readPoint()).map((record) => copy(record.data));
	}

	public remove(appId: string, id: string): object | undefined {
		const record = this.records.get(id);
		if (record?.appId !== appId || !this.visibleTo(Date.now())(record)) {
			return undefined;
		}
		this.removeRecords([record]);
		return record.data;
	}

	public removeByAssociations(appId: string, associations: StoredAssociation[]): object[] | undefined {
		const removed = this.matching(appId, associations, Date.now());
		if (removed.length === 0) {
			return this.profile().persistenceRemoveNone === 'empty-list' ? [] : undefined;
		}
		this.removeRecords(removed);
		return removed.map((record) => record.data);
	}

	/** Writes go to the primary; a removal stays visible to secondaries that lag behind it, then it is gone. */
	private removeRecords(removed: PersistenceRecord[]): void {
		const now = Date.now();
		const lag = this.timing.secondaryLagMs ?? 0;
		for (const record of removed) {
			if (lag > 0) {
				record.removedAt = now;
			} else {
				this.records.delete(record._id);
			}
		}
		for (const record of [...this.records.values()]) {
			if (record.removedAt !== undefined && record.removedAt < now - lag) {
				this.records.delete(record._id);
			}
		}
	}

	public update(): never {
		throw new Error('Not implemented.');
	}

	public updateByAssociations(
		appId: string,
		associations: StoredAssociation[],
		data: object,
		upsert: boolean,
	): string | object {
		if (typeof data !== 'object' || data === null) {
			throw new Error('Attempted to store an invalid data type, it must be an object.');
		}
		const current = this.visibleTo(Date.now());
		const exact = [...this.records.values()].find(
			(record) =>
				current(record) &&
				record.appId === appId &&
				record.associations?.length === associations.length &&
				record.associations.every((held, index) => sameAssociation(held, associations[index])),
		);
		const answers = this.profile().persistenceUpdate;
		if (exact) {
			exact.data = copy(data);
			return answer(answers, { matched: 1 });
		}
		// Meteor's model (5.x) upserts whatever the app asked.
		if (!upsert && answers !== 'meteor-result') {
			return answer(answers, { matched: 0 });
		}
		const insertedId = this.create(appId, data, associations);
		return answer(answers, { matched: 0, insertedId });
	}

	/** Every record of an app, or every app's, as the primary has them now (for tests and the soak: what is stored). */
	public count(appId?: string): number {
		const current = this.visibleTo(Date.now());
		return [...this.records.values()].filter(
			(record) => current(record) && (appId === undefined || record.appId === appId),
		).length;
	}

	public purge(appId: string): void {
		for (const record of [...this.records.values()]) {
			if (record.appId === appId) {
				this.records.delete(record._id);
			}
		}
	}

	private matching(appId: string, associations: StoredAssociation[], readAt: number): PersistenceRecord[] {
		const visible = this.visibleTo(readAt);
		return [...this.records.values()].filter(
			(record) =>
				visible(record) &&
				record.appId === appId &&
				associations.every((wanted) => record.associations?.some((held) => sameAssociation(held, wanted))),
		);
	}
}

/**
 * What updateByAssociations answers (versionProfile `persistenceUpdate`): Meteor's result, the driver's, or
 * `upsertedId || ''`, where the upserted id is an ObjectId the database made, not the record's string id (the sandbox
 * gives a fresh one: reading by it finds nothing, as there).
 */
function answer(
	answers: VersionProfile['persistenceUpdate'],
	result: { matched: number; insertedId?: string },
): string | object {
	const inserted = result.insertedId !== undefined;
	switch (answers) {
		case 'meteor-result':
			return inserted ? { numberAffected: 1, insertedId: result.insertedId } : { numberAffected: result.matched };
		case 'driver-result':
			return {
				acknowledged: true,
				matchedCount: result.matched,
				modifiedCount: result.matched,
				upsertedCount: inserted ? 1 : 0,
				upsertedId: inserted ? newObjectId() : null,
			};
		default:
			return inserted ? newObjectId() : '';
	}
}

function newObjectId(): string {
	return randomBytes(12).toString('hex');
}
