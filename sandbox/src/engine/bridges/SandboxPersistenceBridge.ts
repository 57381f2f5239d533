import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';
import { PersistenceBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';
import type { StoredAssociation } from '../../workspace/AppPersistence';

/** Associations may arrive as class instances or, after crossing the Deno boundary, as plain {model, id}. */
const stored = (associations: RocketChatAssociationRecord[] = []): StoredAssociation[] =>
	associations.map((association) => {
		const plain = association as unknown as { model?: string; id?: string };
		const model = typeof association.getModel === 'function' ? association.getModel() : plain.model;
		const id = typeof association.getID === 'function' ? association.getID() : plain.id;
		return { model: String(model), id: String(id) };
	});

/** Apps' persistence: the workspace's `apps_persistence` (AppPersistence), answering as its Rocket.Chat version. */
export class SandboxPersistenceBridge extends PersistenceBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	private get store() {
		return this.context.workspace.appPersistence;
	}

	protected async purge(appId: string): Promise<void> {
		this.store.purge(appId);
	}

	protected async create(data: object, appId: string): Promise<string> {
		return (await this.store.insert(appId, data)) as string;
	}

	protected async createWithAssociations(
		data: object,
		associations: RocketChatAssociationRecord[],
		appId: string,
	): Promise<string> {
		return (await this.store.insert(appId, data, stored(associations))) as string;
	}

	protected async readById(id: string, appId: string): Promise<object> {
		return this.store.readById(appId, id) as object;
	}

	protected async readByAssociations(associations: RocketChatAssociationRecord[], appId: string): Promise<object[]> {
		return this.store.readByAssociations(appId, stored(associations));
	}

	protected async remove(id: string, appId: string): Promise<object | undefined> {
		return this.store.remove(appId, id);
	}

	protected async removeByAssociations(
		associations: RocketChatAssociationRecord[],
		appId: string,
	): Promise<object[] | undefined> {
		return this.store.removeByAssociations(appId, stored(associations));
	}

	protected async update(): Promise<string> {
		return this.store.update();
	}

	protected async updateByAssociations(
		associations: RocketChatAssociationRecord[],
		data: object,
		upsert: boolean,
		appId: string,
	): Promise<string> {
		return this.store.updateByAssociations(appId, stored(associations), data, upsert) as string;
	}
}
