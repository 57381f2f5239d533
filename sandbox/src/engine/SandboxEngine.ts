import fs from 'fs';
import os from 'os';
import path from 'path';

import { AppStatus } from '@rocket.chat/apps-engine/definition/AppStatus';
import type { IPermission } from '@rocket.chat/apps-engine/definition/permissions/IPermission';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { SlashCommandContext } from '@rocket.chat/apps-engine/definition/slashcommands';
import type { IUIActionButton } from '@rocket.chat/apps-engine/definition/ui';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { AppManager } from '@rocket.chat/apps-engine/server/AppManager';
import type { ProxiedApp } from '@rocket.chat/apps-engine/server/ProxiedApp';
import type { ILoggerStorageEntry } from '@rocket.chat/apps-engine/server/logging';
import AdmZip from 'adm-zip';

import { SandboxBridges } from './SandboxBridges';
import type { BridgeContext } from './bridges/BridgeContext';
import type {
	AppApiRequest,
	AppApiResponse,
	AppApiView,
	AppEndpointLookup,
	AppSettingView,
	AppSummary,
} from './engineTypes';
import { currentInstance } from './instanceContext';
import { MemoryLogStorage, MemoryMetadataStorage, MemorySourceStorage } from './storage';

export { MemoryLogStorage } from './storage';

/**
 * The deno binary the npm package "deno" provides (in its own folder, or its platform package's on a read-only
 * install): the engine spawns plain `deno` from PATH, and the sandbox puts this binary's folder first.
 */
export function denoBinary(): string {
	let binary: string;
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package ships CommonJS without types
		binary = (require('deno/install_api.cjs') as { runInstall(): string }).runInstall();
	} catch (error) {
		// (No `cause` option: the project's root tsconfig, used by ts-jest, targets ES2019.)
		// eslint-disable-next-line preserve-caught-error
		throw new Error(`The Deno binary is missing (${String(error)}): run \`npm ci\`, its postinstall prepares it.`);
	}
	if (!binary || !fs.existsSync(binary)) {
		throw new Error('The Deno binary is missing: run `npm ci` (its postinstall prepares the Deno runtime).');
	}
	return binary;
}

/**
 * The official Apps-Engine server (AppManager, Deno subprocess per app) hosted over the sandbox's bridges. One per
 * process: AppManager is a singleton.
 */
export class SandboxEngine {
	private constructor(
		private readonly manager: AppManager,
		public readonly bridges: SandboxBridges,
		private readonly installer: IUser,
		private readonly tempDir: string,
		private readonly logStorage: MemoryLogStorage,
	) {}

	/**
	 * `shared` lets several engines run in one process, as the instances of a cluster: the engine keeps one manager
	 * as a singleton only to look permissions up by app id, which every instance grants alike; and one log storage,
	 * as Rocket.Chat keeps every instance's app logs in its database.
	 */
	public static async start(
		context: BridgeContext,
		installer: IUser,
		shared?: { logStorage: MemoryLogStorage },
	): Promise<SandboxEngine> {
		const singleton = AppManager as unknown as { Instance?: AppManager };
		if (singleton.Instance && !shared) {
			throw new Error('An Apps-Engine AppManager already runs in this process; stop it first (one per process).');
		}
		singleton.Instance = undefined;
		// Apps-Engine grants every permission when NODE_ENV is "test" (jest sets it). Rocket.Chat enforces them, and
		// so does the sandbox: a missing permission must make the accessor return nothing here too.
		if (process.env.NODE_ENV === 'test') {
			process.env.NODE_ENV = 'sandbox';
		}
		process.env.PATH = `${path.dirname(denoBinary())}${path.delimiter}${process.env.PATH ?? ''}`;
		const bridges = new SandboxBridges(context);
		const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasa-sandbox-'));
		const logStorage = shared?.logStorage ?? new MemoryLogStorage((entry) => forwardAppLog(entry, context));
		const manager = new AppManager({
			metadataStorage: new MemoryMetadataStorage(),
			logStorage,
			bridges,
			sourceStorage: new MemorySourceStorage(),
			tempFilePath: tempDir,
		});
		bridges.attach(manager);
		await manager.load();
		return new SandboxEngine(manager, bridges, installer, tempDir, logStorage);
	}

	private async summary(app: ProxiedApp): Promise<AppSummary> {
		const info = app.getInfo();
		return {
			id: info.id,
			name: info.name,
			nameSlug: info.nameSlug,
			version: info.version,
			status: await app.getStatus(),
		};
	}

	/**
	 * Installs and enables a packaged app. The permissions granted are the ones the upload names (rc-apps sends
	 * app.json's list), else app.json's own list: what an admin accepts when installing it.
	 */
	public async install(zip: Buffer, permissionsGranted?: IPermission[]): Promise<AppSummary> {
		const result = await this.manager.add(zip, {
			enable: true,
			user: this.installer,
			permissionsGranted: permissionsGranted ?? declaredPermissions(zip),
		});
		return this.afterFabrication(result);
	}

	public async update(appId: string, zip: Buffer, permissionsGranted?: IPermission[]): Promise<AppSummary> {
		if (!this.manager.getOneById(appId)) {
			throw new Error(`No App found by the id of: ${appId}`);
		}
		const result = await this.manager.update(zip, permissionsGranted ?? declaredPermissions(zip) ?? [], {
			loadApp: true,
			user: this.installer,
		} as never);
		return this.afterFabrication(result);
	}

	private afterFabrication(result: Awaited<ReturnType<AppManager['add']>>): Promise<AppSummary> {
		if (result.hasAppUserError()) {
			// Rocket.Chat names an app's own user "<nameSlug>.bot": a user of that name blocks the install.
			throw new Error(`The app's own user could not be created: ${JSON.stringify(result.getAppUserError())}`);
		}
		const app = result.getApp();
		if (!app || result.hasStorageError()) {
			const license = result.getLicenseValidationResult?.();
			const reasons = [
				result.getStorageError(),
				license?.hasErrors ? `license: ${JSON.stringify(license.getErrors())}` : '',
				(result as unknown as { compilerErrors?: unknown[] }).compilerErrors?.length
					? `compiler: ${JSON.stringify((result as unknown as { compilerErrors: unknown[] }).compilerErrors)}`
					: '',
			].filter(Boolean);
			throw new Error(`The app could not be installed${reasons.length ? `: ${reasons.join('; ')}` : ''}`);
		}
		return this.summary(app);
	}

	public async uninstall(appId: string): Promise<boolean> {
		if (!this.manager.getOneById(appId)) {
			return false;
		}
		await this.manager.remove(appId, { user: this.installer });
		return true;
	}

	public async list(): Promise<AppSummary[]> {
		return Promise.all((await this.manager.get()).map((app) => this.summary(app)));
	}

	public async get(appId: string): Promise<AppSummary | undefined> {
		const app = this.manager.getOneById(appId);
		return app ? this.summary(app) : undefined;
	}

	public async setEnabled(appId: string, enabled: boolean): Promise<AppSummary> {
		if (enabled) {
			await this.manager.enable(appId);
		} else {
			await this.manager.disable(appId, AppStatus.MANUALLY_DISABLED);
		}
		const app = this.manager.getOneById(appId);
		if (!app) {
			throw new Error(`No App found by the id of: ${appId}`);
		}
		return this.summary(app);
	}

	public settings(appId: string): Record<string, AppSettingView> | undefined {
		if (!this.manager.getOneById(appId)) {
			return undefined;
		}
		return this.manager.getSettingsManager().getAppSettings(appId) as unknown as Record<string, AppSettingView>;
	}

	public async setSetting(appId: string, settingId: string, value: unknown): Promise<boolean> {
		const current = this.settings(appId)?.[settingId];
		if (!current) {
			return false;
		}
		await this.manager.getSettingsManager().updateAppSetting(appId, { ...(current as unknown as ISetting), value });
		return true;
	}

	/** The app's translations (i18n/), as Administration → Apps shows its settings with them. */
	public languages(appId: string): Record<string, Record<string, string>> | undefined {
		const app = this.manager.getOneById(appId);
		return app ? ((app.getStorageItem().languageContent ?? {}) as Record<string, Record<string, string>>) : undefined;
	}

	public apis(appId: string): AppApiView[] | undefined {
		if (!this.manager.getOneById(appId)) {
			return undefined;
		}
		return this.bridges.api.list(appId).map((api) => ({
			path: api.endpoint.path,
			computedPath: api.computedPath,
			methods: api.implementedMethods ?? [],
			authRequired: !!api.endpoint.authRequired,
			visibility: api.hash ? 'private' : 'public',
		}));
	}

	/**
	 * Finds an endpoint as Rocket.Chat's router does (apps/server/bridges/api.ts): by the routes the app registered
	 * (a disabled app has none; a path like `:param1/:param2/test` is an express route, its parameters the request's
	 * `params`), private ones by their hash. Whether the app may run is the engine's own check, in executeApi (it
	 * answers 404 for a disabled app), as in Rocket.Chat.
	 */
	public async findEndpoint(appId: string, endpointPath: string, privateHash?: string): Promise<AppEndpointLookup> {
		const app = this.manager.getOneById(appId);
		const match = this.bridges.api.find(appId, endpointPath);
		if (!app || !match || (match.api.hash ?? undefined) !== privateHash) {
			return { found: false };
		}
		const { api, params } = match;
		return {
			found: true,
			authRequired: !!api.endpoint.authRequired,
			params,
			execute: (request: AppApiRequest) =>
				this.manager.getApiManager().executeApi(appId, api.endpoint.path, request as never) as Promise<AppApiResponse>,
		};
	}

	/**
	 * Calls an app endpoint as Rocket.Chat's router does after authentication: 404 (no call into the engine) unless
	 * the app is enabled and registered the path; a rejection when the endpoint throws or lacks the method. The path's
	 * parameters are the request's `params`.
	 */
	public async executeApi(appId: string, endpointPath: string, request: AppApiRequest): Promise<AppApiResponse> {
		const endpoint = await this.findEndpoint(appId, endpointPath, request.privateHash);
		if (!endpoint.found) {
			return { status: 404, content: { success: false, error: 'Not found' } };
		}
		return endpoint.execute({ ...request, params: endpoint.params });
	}

	/**
	 * Runs an app's slash command as Rocket.Chat's commands bridge does (`_appCommandExecutor`): a context of the user
	 * who typed it, the room, the parsed parameters, the thread and the trigger id, handed to the engine's command
	 * manager, which runs the app's executor (nothing for a command no app registered). Under the Deno runtime an error
	 * of the executor comes back as a rejection.
	 */
	public async executeCommand(
		command: string,
		context: { sender: IUser; room: IRoom; params: string[]; threadId?: string; triggerId?: string },
	): Promise<void> {
		const { sender, room, params, threadId, triggerId } = context;
		await this.manager
			.getCommandManager()
			.executeCommand(
				command,
				new SlashCommandContext(
					Object.freeze(sender),
					Object.freeze(room),
					Object.freeze(params) as string[],
					threadId,
					triggerId,
				),
			);
	}

	/** Every enabled app's buttons, each with its app's id (UIActionButtonManager.getAllActionButtons). */
	public async actionButtons(): Promise<IUIActionButton[]> {
		return this.manager.getUIActionButtonManager().getAllActionButtons();
	}

	/** What an app logged (its log storage, which Rocket.Chat shows admins), newest first; undefined for an unknown app. */
	public logs(appId: string, offset = 0, count = 50): { logs: unknown[]; total: number } | undefined {
		return this.manager.getOneById(appId) ? this.logStorage.page(appId, offset, count) : undefined;
	}

	/** Bridge method calls ("LivechatBridge.closeRoom": 1, ...) since the last call; starts counting again. */
	public callCounts(): Record<string, number> {
		return this.bridges.calls.take();
	}

	/** The engines whose managers answer the singleton's permission checks (answerPermissionChecks). */
	private static answering: ReadonlyArray<SandboxEngine> = [];

	/**
	 * The Apps-Engine checks an app's permissions through its AppManager singleton, a process-wide one. In a cluster
	 * the singleton answers a check with the manager of the instance whose work it is (each Rocket.Chat instance has
	 * its own process and manager), so an instance that loaded an app the others have not yet still sees its
	 * permissions.
	 */
	public static answerPermissionChecks(engines: ReadonlyArray<SandboxEngine>): void {
		SandboxEngine.answering = engines;
		const managerHere = () => (engines[currentInstance()] ?? engines[0]).manager;
		(AppManager as unknown as { Instance?: AppManager }).Instance = new Proxy(engines[0].manager, {
			get: (_target, property) => {
				const manager = managerHere();
				const value: unknown = Reflect.get(manager, property, manager);
				return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(manager) : value;
			},
		});
	}

	/** Stops every app's Deno process and releases the AppManager singleton. */
	public async stop(): Promise<void> {
		await this.bridges.scheduler.stop();
		for (const app of await this.manager.get()) {
			await (app.getRuntimeController() as unknown as { stopApp(): Promise<void> }).stopApp().catch(() => undefined);
		}
		const singleton = AppManager as unknown as { Instance?: AppManager };
		if (singleton.Instance === this.manager || SandboxEngine.answering.includes(this)) {
			singleton.Instance = undefined;
			SandboxEngine.answering = [];
		}
		fs.rmSync(this.tempDir, { recursive: true, force: true });
	}
}

const APP_LOG_LEVELS: Record<string, 'debug' | 'info' | 'warn' | 'error'> = {
	error: 'error',
	warning: 'warn',
	debug: 'debug',
};

/** The permissions an app's app.json declares; undefined when it declares none (the engine then grants its defaults). */
function declaredPermissions(zip: Buffer): IPermission[] | undefined {
	try {
		const manifest = JSON.parse(new AdmZip(zip).readAsText('app.json')) as { permissions?: IPermission[] };
		return Array.isArray(manifest.permissions) ? manifest.permissions : undefined;
	} catch {
		return undefined;
	}
}

/** App logs reach the sandbox log as one line per entry, without arguments that may carry request data. */
export function forwardAppLog(entry: ILoggerStorageEntry, context: Pick<BridgeContext, 'log'>): void {
	for (const line of entry.entries ?? []) {
		const severity = String(line.severity);
		const level = APP_LOG_LEVELS[severity] ?? 'info';
		if (level === 'debug') {
			continue;
		}
		const first = Array.isArray(line.args) ? line.args[0] : undefined;
		context.log(
			level,
			`app ${entry.appId} ${entry.method}: ${typeof first === 'string' ? first : JSON.stringify(first)}`,
		);
	}
}
