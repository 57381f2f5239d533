import { randomBytes } from 'crypto';

import { newId } from './ids';
import type { VersionProfile } from './versionProfile';

/** An association as Rocket.Chat stores it: {model, id}. */
export type StoredAssociation = { model: string; id: string };

/** A document of Rocket.Chat's `apps_persistence` collection. */
type PersistenceRecord = { _id: string; appId: string; data: object; associations?: StoredAssociation[] };

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
	/** Insertion order is the natural order reads return. */
	private readonly records = new Map<string, PersistenceRecord>();

	constructor(private readonly profile: () => VersionProfile) {}

	/** The bridge's answer to a create: the id, or the driver's insert result where the version answers that. */
	public createAnswer(appId: string, data: object, associations?: StoredAssociation[]): string | object {
		const id = this.create(appId, data, associations);
		return this.profile().persistenceCreate === 'driver-result' ? { acknowledged: true, insertedId: id } : id;
	}

	public create(appId: string, data: object, associations?: StoredAssociation[]): string {
		if (typeof data !== 'object' || data === null) {
			throw new Error('Attempted to store an invalid data type, it must be an object.');
		}
		const _id = newId();
		this.records.set(_id, {
			_id,
			appId,
			data: copy(data),
			...(associations ? { associations: copy(associations) } : {}),
		});
		return _id;
	}

	public readById(appId: string, id: string): object | undefined {
		// Rocket.Chat does not filter by app here.
		void appId;
		const record = this.records.get(id);
		if (!record && this.profile().persistenceReadMissing === 'throws') {
			throw new TypeError("Cannot read properties of undefined (reading 'data')");
		}
		return record ? copy(record.data) : undefined;
	}

	public readByAssociations(appId: string, associations: StoredAssociation[]): object[] {
		return this.matching(appId, associations).map((record) => copy(record.data));
	}

	public remove(appId: string, id: string): object | undefined {
		const record = this.records.get(id);
		if (record?.appId !== appId) {
			return undefined;
		}
		this.records.delete(id);
		return record.data;
	}

	public removeByAssociations(appId: string, associations: StoredAssociation[]): object[] | undefined {
		const removed = this.matching(appId, associations);
		if (removed.length === 0) {
			return this.profile().persistenceRemoveNone === 'empty-list' ? [] : undefined;
		}
		removed.forEach((record) => this.records.delete(record._id));
		return removed.map((record) => record.data);
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
		const exact = [...this.records.values()].find(
			(record) =>
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

	/** Every record of an app, or every app's (for tests and the soak: what is stored). */
	public count(appId?: string): number {
		return [...this.records.values()].filter((record) => appId === undefined || record.appId === appId).length;
	}

	public purge(appId: string): void {
		for (const record of [...this.records.values()]) {
			if (record.appId === appId) {
				this.records.delete(record._id);
			}
		}
	}

	private matching(appId: string, associations: StoredAssociation[]): PersistenceRecord[] {
		return [...this.records.values()].filter(
			(record) =>
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
