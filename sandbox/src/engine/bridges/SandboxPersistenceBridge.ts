import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';
import { PersistenceBridge } from '@rocket.chat/apps-engine/server/bridges';

import { newId } from '../../workspace/ids';

/** Records cross the Deno boundary as JSON anyway: a JSON copy keeps stored data apart from callers'. */
const copy = <T>(data: T): T => JSON.parse(JSON.stringify(data)) as T;

type Record = { id: string; appId: string; data: object; associations: RocketChatAssociationRecord[] };

/** Associations may arrive as class instances or, after crossing the Deno boundary, as plain {model, id}. */
const keyOf = (association: RocketChatAssociationRecord): string => {
	const plain = association as unknown as { model?: string; id?: string };
	const model = typeof association.getModel === 'function' ? association.getModel() : plain.model;
	const id = typeof association.getID === 'function' ? association.getID() : plain.id;
	return `${String(model)}:${String(id)}`;
};

const matches = (record: Record, associations: RocketChatAssociationRecord[]) =>
	associations.every((wanted) => record.associations.some((held) => keyOf(held) === keyOf(wanted)));

/** Apps' persistence (IPersistence), in memory, per app. */
export class SandboxPersistenceBridge extends PersistenceBridge {
	private readonly records = new Map<string, Record>();

	private ofApp(appId: string, associations: RocketChatAssociationRecord[]): Record[] {
		return [...this.records.values()].filter((record) => record.appId === appId && matches(record, associations));
	}

	protected async purge(appId: string): Promise<void> {
		for (const record of this.ofApp(appId, [])) {
			this.records.delete(record.id);
		}
	}

	protected async create(data: object, appId: string): Promise<string> {
		return this.createWithAssociations(data, [], appId);
	}

	protected async createWithAssociations(
		data: object,
		associations: RocketChatAssociationRecord[],
		appId: string,
	): Promise<string> {
		const id = newId();
		this.records.set(id, { id, appId, data: copy(data), associations });
		return id;
	}

	protected async readById(id: string, appId: string): Promise<object> {
		const record = this.records.get(id);
		return (record?.appId === appId ? copy(record.data) : undefined) as object;
	}

	protected async readByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[]> {
		return this.ofApp(appId, associations).map((record) => copy(record.data));
	}

	protected async remove(id: string, appId: string): Promise<object | undefined> {
		const record = this.records.get(id);
		if (record?.appId !== appId) {
			return undefined;
		}
		this.records.delete(id);
		return record.data;
	}

	protected async removeByAssociations(
		associations: RocketChatAssociationRecord[],
		appId: string,
	): Promise<object[] | undefined> {
		const removed = this.ofApp(appId, associations);
		for (const record of removed) {
			this.records.delete(record.id);
		}
		return removed.map((record) => record.data);
	}

	protected async update(id: string, data: object, upsert: boolean, appId: string): Promise<string> {
		const record = this.records.get(id);
		if (record?.appId === appId) {
			record.data = copy(data);
			return id;
		}
		if (!upsert) {
			throw new Error(`No record has the id "${id}"`);
		}
		this.records.set(id, { id, appId, data: copy(data), associations: [] });
		return id;
	}

	protected async updateByAssociations(
		associations: RocketChatAssociationRecord[],
		data: object,
		upsert: boolean,
		appId: string,
	): Promise<string> {
		const found = this.ofApp(appId, associations);
		if (found.length === 0) {
			if (!upsert) {
				throw new Error('No record matches these associations');
			}
			return this.createWithAssociations(data, associations, appId);
		}
		for (const record of found) {
			record.data = copy(data);
		}
		return found[0].id;
	}
}
