import type { AppStatus } from '@rocket.chat/apps-engine/definition/AppStatus';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { ILoggerStorageEntry } from '@rocket.chat/apps-engine/server/logging';
import type { IMarketplaceInfo } from '@rocket.chat/apps-engine/server/marketplace';
import {
	AppLogStorage,
	AppMetadataStorage,
	AppSourceStorage,
	type IAppStorageItem,
} from '@rocket.chat/apps-engine/server/storage';

import { newId } from '../workspace/ids';

/** Installed apps' records, in memory (Rocket.Chat keeps them in MongoDB). */
export class MemoryMetadataStorage extends AppMetadataStorage {
	private readonly items = new Map<string, IAppStorageItem>();

	constructor() {
		super('sandbox');
	}

	public async create(item: IAppStorageItem): Promise<IAppStorageItem> {
		const stored = { ...item, _id: item._id ?? newId(), createdAt: new Date(), updatedAt: new Date() };
		this.items.set(item.id, stored);
		return stored;
	}

	public async retrieveOne(id: string): Promise<IAppStorageItem | null> {
		return this.items.get(id) ?? null;
	}

	public async retrieveAll(): Promise<Map<string, IAppStorageItem>> {
		return new Map(this.items);
	}

	public async retrieveAllPrivate(): Promise<Map<string, IAppStorageItem>> {
		return new Map(this.items);
	}

	public async remove(id: string): Promise<{ success: boolean }> {
		return { success: this.items.delete(id) };
	}

	public async updatePartialAndReturnDocument(
		item: Partial<IAppStorageItem>,
		options?: { unsetPermissionsGranted?: boolean },
	): Promise<IAppStorageItem> {
		const current = this.items.get(item.id ?? '');
		if (!current) {
			throw new Error(`No app is stored with the id ${item.id}`);
		}
		const updated: IAppStorageItem = { ...current, ...item, updatedAt: new Date() };
		if (options?.unsetPermissionsGranted) {
			delete updated.permissionsGranted;
		}
		this.items.set(updated.id, updated);
		return updated;
	}

	private patch(id: string, change: Partial<IAppStorageItem>): boolean {
		const current = this.items.get(id);
		if (!current) {
			return false;
		}
		this.items.set(id, { ...current, ...change, updatedAt: new Date() });
		return true;
	}

	public async updateStatus(id: string, status: AppStatus): Promise<boolean> {
		return this.patch(id, { status });
	}

	public async updateSetting(id: string, setting: ISetting): Promise<boolean> {
		const current = this.items.get(id);
		return !!current && this.patch(id, { settings: { ...current.settings, [setting.id]: setting } });
	}

	public async updateAppInfo(id: string, info: IAppInfo): Promise<boolean> {
		return this.patch(id, { info });
	}

	public async updateMarketplaceInfo(id: string, marketplaceInfo: IMarketplaceInfo[]): Promise<boolean> {
		return this.patch(id, { marketplaceInfo });
	}
}

/** App logs, kept in memory and mirrored to the sandbox log (without the request payloads the runtime logs). */
export class MemoryLogStorage extends AppLogStorage {
	private readonly entries: ILoggerStorageEntry[] = [];

	constructor(private readonly forward: (entry: ILoggerStorageEntry) => void) {
		super('sandbox');
	}

	public async findPaginated(query: {
		[field: string]: unknown;
	}): Promise<{ logs: ILoggerStorageEntry[]; total: number }> {
		const logs = this.entries.filter((entry) => !query.appId || entry.appId === query.appId);
		return { logs, total: logs.length };
	}

	/** An app's entries, newest first, as Rocket.Chat's logs endpoint sorts them. */
	public page(appId: string, offset: number, count: number): { logs: ILoggerStorageEntry[]; total: number } {
		const logs = this.entries.filter((entry) => entry.appId === appId).reverse();
		return { logs: logs.slice(offset, offset + count), total: logs.length };
	}

	public async storeEntries(entry: ILoggerStorageEntry): Promise<ILoggerStorageEntry> {
		this.entries.push(entry);
		if (this.entries.length > 5000) {
			this.entries.splice(0, this.entries.length - 5000);
		}
		this.forward(entry);
		return entry;
	}

	public async getEntriesFor(appId: string): Promise<ILoggerStorageEntry[]> {
		return this.entries.filter((entry) => entry.appId === appId);
	}

	public async removeEntriesFor(appId: string): Promise<void> {
		const kept = this.entries.filter((entry) => entry.appId !== appId);
		this.entries.splice(0, this.entries.length, ...kept);
	}
}

/** Uploaded app packages, in memory. */
export class MemorySourceStorage extends AppSourceStorage {
	private readonly zips = new Map<string, Buffer>();

	public async store(item: IAppStorageItem, zip: Buffer): Promise<string> {
		this.zips.set(item.id, zip);
		return item.id;
	}

	public async fetch(item: IAppStorageItem): Promise<Buffer> {
		const zip = this.zips.get(item.id);
		if (!zip) {
			throw new Error(`No package is stored for app ${item.id}`);
		}
		return zip;
	}

	public async update(item: IAppStorageItem, zip: Buffer): Promise<string> {
		return this.store(item, zip);
	}

	public async remove(item: IAppStorageItem): Promise<void> {
		this.zips.delete(item.id);
	}
}
