import path from 'path';

import type { BridgeContext } from '../../sandbox/src/engine/bridges/BridgeContext';
import { SandboxApiBridge } from '../../sandbox/src/engine/bridges/SandboxApiBridge';
import { commandBridgeFor } from '../../sandbox/src/engine/bridges/SandboxCommandBridge';
import { SandboxHttpBridge } from '../../sandbox/src/engine/bridges/SandboxHttpBridge';
import {
	SandboxActivationBridge,
	SandboxDetailChangesBridge,
	SandboxFederationBridge,
	SandboxInternalBridge,
} from '../../sandbox/src/engine/bridges/SandboxInternalBridges';
import { SandboxLivechatBridge } from '../../sandbox/src/engine/bridges/SandboxLivechatBridge';
import { SandboxMessageBridge } from '../../sandbox/src/engine/bridges/SandboxMessageBridge';
import { SandboxPersistenceBridge } from '../../sandbox/src/engine/bridges/SandboxPersistenceBridge';
import { SandboxRoomBridge } from '../../sandbox/src/engine/bridges/SandboxRoomBridge';
import { SandboxSchedulerBridge } from '../../sandbox/src/engine/bridges/SandboxSchedulerBridge';
import { SandboxServerSettingBridge } from '../../sandbox/src/engine/bridges/SandboxServerSettingBridge';
import { SandboxUserBridge } from '../../sandbox/src/engine/bridges/SandboxUserBridge';

/** The engines the compatibility suites load the packaged app into, installed under npm aliases (package.json). */
export type OldEngineName = 'apps-engine-1.33' | 'apps-engine-1.42';

type AnyFunction = (...args: unknown[]) => unknown;
type Loose = Record<string, unknown> & { [key: string]: AnyFunction | unknown };

export type OldAppManager = {
	load(): Promise<unknown>;
	add(zip: Buffer, options: Record<string, unknown>): Promise<{ getApp(): { getID(): string } | undefined } & Loose>;
	getApiManager(): {
		executeApi(appId: string, path: string, request: unknown): Promise<{ status: number; content?: unknown }>;
	};
	getListenerManager(): { executeListener(appInterface: string, data: unknown): Promise<unknown> };
	getSettingsManager(): {
		getAppSettings(appId: string): Record<string, Record<string, unknown>>;
		updateAppSetting(appId: string, setting: unknown): Promise<void>;
	};
	get(): Promise<Array<{ getRuntime?(): unknown }>>;
};

/** Loads a module of an old engine by its path inside the aliased package. */
function engineModule<T>(engine: OldEngineName, modulePath: string): T {
	const base = path.dirname(require.resolve(`${engine}/package.json`));
	// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-dynamic-require -- the engine is picked at run time
	return require(path.join(base, modulePath)) as T;
}

/**
 * A bridge of the old engine whose Rocket.Chat side is the sandbox's: the old engine's own base class (so its permission
 * checks, `doX` wrappers and signatures are that version's) with the abstract methods answered by the sandbox bridge
 * of the same name. Methods neither has resolve to nothing, as the sandbox's own fallbacks do.
 */
function adapt(
	baseClass: (new () => object) | undefined,
	implementation: object | undefined,
	log: (line: string) => void,
): object {
	const Base = baseClass;
	const target = Base ? new Base() : {};
	return new Proxy(target, {
		get(object, property, receiver) {
			if (property in object) {
				return Reflect.get(object, property, receiver);
			}
			const own = implementation ? (implementation as Loose)[property as string] : undefined;
			if (typeof own === 'function') {
				return (own as AnyFunction).bind(implementation);
			}
			if (typeof property !== 'string' || property === 'then') {
				return undefined;
			}
			return async () => {
				log(`${Base?.name ?? 'bridge'}.${property} is not modelled for this engine; it did nothing`);
				return undefined;
			};
		},
	});
}

class MemoryStorages {
	public readonly items = new Map<string, Loose>();

	public readonly zips = new Map<string, Buffer>();

	public readonly logs: unknown[] = [];
}

/**
 * The Apps-Engine host of an old engine version over the sandbox's workspace: that engine's AppManager and app
 * runtime (a Node vm, or vm2 in 1.4x), the sandbox's bridges adapted to that version's bridge classes, in-memory
 * storage. The app is driven through the engine's own API dispatch and listener manager.
 */
export async function startOldEngine(engine: OldEngineName, context: BridgeContext): Promise<OldAppManager> {
	const bridgeClasses = engineModule<Record<string, new () => object>>(engine, 'server/bridges');
	const { AppManager } = engineModule<{ AppManager: new (deps: unknown) => OldAppManager & { constructor: unknown } }>(
		engine,
		'server/AppManager',
	);
	const storageClasses = engineModule<Record<string, new (engine: string) => object>>(engine, 'server/storage');
	const debug = (line: string) => context.log('debug', line);
	let manager: OldAppManager | undefined;
	const construct = <T extends object>(bridge: new (context: BridgeContext) => T) =>
		new (bridge as unknown as new (context: BridgeContext) => T)(context);
	const implementations: Record<string, object> = {
		ApiBridge: new SandboxApiBridge(),
		HttpBridge: new SandboxHttpBridge(),
		// Synchronous for 5.x (the engines up to 1.35 test its answer for truth), async from 6.0 on.
		CommandBridge: commandBridgeFor(context),
		LivechatBridge: construct(SandboxLivechatBridge as never),
		MessageBridge: construct(SandboxMessageBridge as never),
		RoomBridge: construct(SandboxRoomBridge as never),
		UserBridge: construct(SandboxUserBridge as never),
		PersistenceBridge: new SandboxPersistenceBridge(context),
		SchedulerBridge: new SandboxSchedulerBridge(context),
		ServerSettingBridge: construct(SandboxServerSettingBridge as never),
		AppActivationBridge: new SandboxActivationBridge(context),
		AppDetailChangesBridge: new SandboxDetailChangesBridge(context),
		InternalBridge: new SandboxInternalBridge(context),
		// 1.4x signs installed apps with the workspace's key pair.
		InternalFederationBridge: new SandboxFederationBridge(),
	};
	const listener = {
		messageEvent: (int: string, data: unknown) => manager?.getListenerManager().executeListener(int, data),
		roomEvent: (int: string, data: unknown) => manager?.getListenerManager().executeListener(int, data),
		livechatEvent: (int: string, data: unknown) => manager?.getListenerManager().executeListener(int, data),
		uiKitInteractionEvent: (int: string, data: unknown) => manager?.getListenerManager().executeListener(int, data),
	};
	const adapted = new Map<string, object>();
	const bridges = new Proxy(new (bridgeClasses.AppBridges as new () => object)(), {
		get(object, property, receiver) {
			const match = typeof property === 'string' ? /^get(\w+Bridge)$/.exec(property) : null;
			if (!match) {
				return Reflect.get(object, property, receiver);
			}
			const name = match[1];
			if (name === 'ListenerBridge') {
				return () => listener;
			}
			return () => {
				if (!adapted.has(name)) {
					adapted.set(name, adapt(bridgeClasses[name], implementations[name], debug));
				}
				return adapted.get(name);
			};
		},
	});
	const memory = new MemoryStorages();
	const metadataStorage = Object.assign(new storageClasses.AppMetadataStorage('compat'), {
		create: async (item: Loose) => {
			memory.items.set(String(item.id), { ...item, _id: item.id, createdAt: new Date(), updatedAt: new Date() });
			return memory.items.get(String(item.id));
		},
		retrieveOne: async (id: string) => memory.items.get(id),
		retrieveAll: async () => new Map(memory.items),
		retrieveAllPrivate: async () => new Map(memory.items),
		update: async (item: Loose) => {
			memory.items.set(String(item.id), { ...memory.items.get(String(item.id)), ...item, updatedAt: new Date() });
			return memory.items.get(String(item.id));
		},
		updatePartialAndReturnDocument: async (item: Loose) => {
			memory.items.set(String(item.id), { ...memory.items.get(String(item.id)), ...item, updatedAt: new Date() });
			return memory.items.get(String(item.id));
		},
		updateSetting: async (id: string, setting: Loose) => {
			const item = memory.items.get(id);
			if (item) {
				item.settings = { ...(item.settings as object), [String(setting.id)]: setting };
			}
			return true;
		},
		remove: async (id: string) => ({ success: memory.items.delete(id) }),
	});
	const logStorage = Object.assign(new storageClasses.AppLogStorage('compat'), {
		find: async () => memory.logs,
		storeEntries: async (...args: unknown[]) => {
			memory.logs.push(args);
			// COMPAT_DEBUG=1 shows what the app logged on this engine.
			if (process.env.COMPAT_DEBUG) {
				process.stdout.write(`LOG ${JSON.stringify(args).slice(0, 1500)}\n`);
			}
			return args;
		},
		getEntriesFor: async () => memory.logs,
		removeEntriesFor: async () => undefined,
	});
	const sourceStorage = Object.assign(new (storageClasses.AppSourceStorage as unknown as new () => object)(), {
		store: async (item: Loose, zip: Buffer) => {
			memory.zips.set(String(item.id), zip);
			return item.id;
		},
		fetch: async (item: Loose) => memory.zips.get(String(item.id)),
		update: async (item: Loose, zip: Buffer) => {
			memory.zips.set(String(item.id), zip);
			return item.id;
		},
		remove: async (item: Loose) => {
			memory.zips.delete(String(item.id));
		},
	});
	(AppManager as unknown as { Instance?: unknown }).Instance = undefined;
	manager = new AppManager({ metadataStorage, logStorage, bridges, sourceStorage, tempFilePath: '/tmp' });
	await manager.load();
	return manager;
}
