import type { IPermission } from '@rocket.chat/apps-engine/definition/permissions/IPermission';

import type { SandboxEngine } from '../engine/SandboxEngine';
import type { AppApiView, AppSettingView, AppSummary } from '../engine/engineTypes';
import { currentInstance } from '../engine/instanceContext';

/** What a change to an app leaves in Rocket.Chat's database, which an instance reads when it starts. */
type StoredApp = {
	zip?: Buffer;
	permissionsGranted?: IPermission[];
	enabled?: boolean;
	settings: Map<string, unknown>;
	removed?: boolean;
};

/**
 * The apps of a workspace as an admin manages them, across the instances of a cluster. The instance a request
 * reached installs, updates, enables or configures the app in its own runtime and stores the change in the database;
 * the other instances hear of it through the instance broadcast and load it, each on its own, at once
 * (ee/server/apps/communication/websockets.ts) — but Rocket.Chat starts that broadcast only with the `scalability`
 * licence module (ee/server/local-services/instance/service.ts). Without it the other instances keep the app and
 * its settings as they were until they restart (`restart(instance)`), and read the stored state then. What is read is
 * the same everywhere, so it is read from the instance asked (or the first).
 */
export class EngineGroup {
	private readonly stored = new Map<string, StoredApp>();

	constructor(
		public readonly engines: ReadonlyArray<SandboxEngine>,
		private readonly options: { scalabilityLicence: boolean } = { scalabilityLicence: true },
	) {}

	private get first(): SandboxEngine {
		return this.engines[0];
	}

	/** The engine of the instance the request reached (in a single sandbox, the only one). */
	private get here(): SandboxEngine {
		return this.engines[currentInstance()] ?? this.first;
	}

	/**
	 * The change on the instance asked, then, with the licence, on every other one. Rocket.Chat's instances load it each
	 * on its own; here they take turns, as the engine reads its one AppManager of a process as a singleton while it
	 * installs.
	 */
	private async onEach<T>(work: (engine: SandboxEngine) => Promise<T>): Promise<T> {
		const { here } = this;
		const result = await work(here);
		if (this.options.scalabilityLicence) {
			for (const engine of this.engines.filter((other) => other !== here)) {
				await work(engine);
			}
		}
		return result;
	}

	private storedApp(appId: string): StoredApp {
		const app = this.stored.get(appId) ?? { settings: new Map<string, unknown>() };
		this.stored.set(appId, app);
		return app;
	}

	/**
	 * An instance restarts: it loads every app as the database has it (installed, updated, removed, enabled, each
	 * setting), as a Rocket.Chat instance does when it starts.
	 */
	public async restart(instance: number): Promise<void> {
		const engine = this.engines[instance];
		for (const [appId, app] of this.stored) {
			const loaded = await engine.get(appId);
			if (app.removed) {
				if (loaded) {
					await engine.uninstall(appId);
				}
				continue;
			}
			if (app.zip) {
				await (loaded
					? engine.update(appId, app.zip, app.permissionsGranted)
					: engine.install(app.zip, app.permissionsGranted));
			}
			for (const [settingId, value] of app.settings) {
				await engine.setSetting(appId, settingId, value);
			}
			if (app.enabled !== undefined) {
				await engine.setEnabled(appId, app.enabled);
			}
		}
	}

	public list(): Promise<AppSummary[]> {
		return this.first.list();
	}

	public get(appId: string): Promise<AppSummary | undefined> {
		return this.first.get(appId);
	}

	public async install(zip: Buffer, permissionsGranted?: IPermission[]): Promise<AppSummary> {
		const installed = await this.onEach((engine) => engine.install(zip, permissionsGranted));
		this.stored.set(installed.id, { zip, permissionsGranted, settings: new Map<string, unknown>() });
		return installed;
	}

	public async update(appId: string, zip: Buffer, permissionsGranted?: IPermission[]): Promise<AppSummary> {
		const updated = await this.onEach((engine) => engine.update(appId, zip, permissionsGranted));
		Object.assign(this.storedApp(appId), { zip, permissionsGranted });
		return updated;
	}

	public async uninstall(appId: string): Promise<boolean> {
		const removed = await this.onEach((engine) => engine.uninstall(appId));
		this.storedApp(appId).removed = true;
		return removed;
	}

	public async setEnabled(appId: string, enabled: boolean): Promise<AppSummary> {
		const summary = await this.onEach((engine) => engine.setEnabled(appId, enabled));
		this.storedApp(appId).enabled = enabled;
		return summary;
	}

	public settings(appId: string): Record<string, AppSettingView> | undefined {
		return this.here.settings(appId);
	}

	public async setSetting(appId: string, settingId: string, value: unknown): Promise<boolean> {
		const changed = await this.onEach((engine) => engine.setSetting(appId, settingId, value));
		if (changed) {
			this.storedApp(appId).settings.set(settingId, value);
		}
		return changed;
	}

	/** One log for every instance, as Rocket.Chat keeps apps' logs in its database. */
	public logs(appId: string, offset = 0, count = 50) {
		return this.first.logs(appId, offset, count);
	}

	public languages(appId: string): Record<string, Record<string, string>> | undefined {
		return this.first.languages(appId);
	}

	public apis(appId: string): AppApiView[] | undefined {
		return this.first.apis(appId);
	}
}
