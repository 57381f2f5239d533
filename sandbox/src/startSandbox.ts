import { EngineGroup } from './cluster/EngineGroup';
import { roundRobin } from './cluster/roundRobinFront';
import { forwardAppLog, MemoryLogStorage, SandboxEngine } from './engine/SandboxEngine';
import { AppEvents } from './engine/appEvents';
import { Converters } from './engine/converters';
import { guardRuntimeWrites } from './engine/runtimeGuard';
import type { SandboxServices } from './http/SandboxServices';
import { createHttpApp, listen, type SandboxHttpServer } from './http/createHttpServer';
import { createLogger, type Logger, type LogLevel } from './logger';
import { projectRoot } from './packagedApp';
import { DdpServer } from './realtime/DdpServer';
import type { PersistenceTiming } from './workspace/AppPersistence';
import { Workspace } from './workspace/Workspace';

/** The Rocket.Chat version the sandbox answers as (its rules follow Rocket.Chat 7.x/8.x). */
export const SANDBOX_VERSION = '7.0.0-sandbox';

export type SandboxOptions = {
	port?: number;
	host?: string;
	adminUsername?: string;
	adminPassword?: string;
	logLevel?: LogLevel;
	log?: Logger;
	/** Rocket.Chat instances over the one workspace (default 1). */
	instances?: number;
	/** Runs scheduled jobs this many times as often as Rocket.Chat would (default 1: its own pace). */
	schedulerSpeedup?: number;
	/**
	 * A cluster without Rocket.Chat's `scalability` licence module: app installs and setting changes reach only the
	 * instance asked, the others on restart (default: licensed).
	 */
	scalabilityLicence?: boolean;
	/** App persistence with a cluster's database timing: late commits, reads from a secondary (default: immediate). */
	persistence?: PersistenceTiming;
};

export type RunningSandbox = {
	url: string;
	adminUsername: string;
	adminPassword: string;
	/** Each instance's own address (one: the same as url). */
	instanceUrls: string[];
	workspace: Workspace;
	/** The first instance's engine; `engines` has them all. */
	engine: SandboxEngine;
	engines: SandboxEngine[];
	events: AppEvents;
	/** The realtime API (/websocket) the livechat widget listens on. */
	realtime: DdpServer;
	/** The apps across the instances (restart(instance) loads what the database holds, as a restarted instance). */
	apps: EngineGroup;
	stop(): Promise<void>;
};

/**
 * Starts a sandbox workspace: the model, the Apps-Engine host, the app events and the HTTP server, with one admin.
 * With `instances` above 1 it is a cluster over the one workspace: each instance has its own engine and app runtime
 * and its own port, and a round-robin front answers on `port`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const log = options.log ?? createLogger(options.logLevel ?? 'info');
	const adminUsername = options.adminUsername ?? 'admin';
	const adminPassword = options.adminPassword ?? 'admin';
	const host = options.host ?? '127.0.0.1';
	const count = Math.max(1, Math.floor(options.instances ?? 1));
	const workspace = new Workspace();
	workspace.appPersistence.timing = { ...options.persistence };
	const admin = workspace.createUser({
		username: adminUsername,
		password: adminPassword,
		name: 'Administrator',
		roles: ['admin', 'user'],
	});
	workspace.setUserStatus(admin._id, 'online');
	const convert = new Converters(workspace);
	guardRuntimeWrites(log);
	const cluster = count > 1;
	const logStorage = cluster ? new MemoryLogStorage((entry) => forwardAppLog(entry, { log })) : undefined;
	const engines: SandboxEngine[] = [];
	const servers: SandboxHttpServer[] = [];
	const stopAll = async () => {
		await Promise.all(servers.map((server) => server.close()));
		for (const engine of engines) {
			await engine.stop();
		}
	};
	try {
		for (let instance = 0; instance < count; instance++) {
			engines.push(
				await SandboxEngine.start(
					{
						workspace,
						convert,
						log,
						...(cluster ? { instance } : {}),
						...(options.schedulerSpeedup ? { schedulerSpeedup: options.schedulerSpeedup } : {}),
					},
					convert.user(admin),
					logStorage ? { logStorage } : undefined,
				),
			);
		}
		SandboxEngine.answerPermissionChecks(engines);
		const apps = new EngineGroup(engines, { scalabilityLicence: options.scalabilityLicence !== false });
		const eventsOf = engines.map(
			(engine, instance) => new AppEvents(workspace, engine, convert, log, cluster ? instance : undefined),
		);
		for (const [instance, engine] of engines.entries()) {
			const services: SandboxServices = {
				version: SANDBOX_VERSION,
				workspace,
				engine,
				apps,
				convert,
				events: eventsOf[instance],
				log,
				projectRoot,
			};
			const app = createHttpApp(services, cluster ? instance : undefined);
			servers.push(await listen(app, cluster ? 0 : (options.port ?? 3000), host));
		}
		const front = cluster
			? await listen(roundRobin(servers.map((server) => server.url)), options.port ?? 3000, host)
			: servers[0];
		if (cluster) {
			servers.push(front);
		}
		// Rocket.Chat's Site_Url is the address it is reached at.
		workspace.settings.Site_Url = front.url;
		const realtime = new DdpServer(workspace, log);
		realtime.attach(front.server);
		let stopped = false;
		return {
			url: front.url,
			instanceUrls: cluster ? servers.slice(0, count).map((server) => server.url) : [front.url],
			adminUsername,
			adminPassword,
			workspace,
			engine: engines[0],
			engines,
			events: eventsOf[0],
			realtime,
			apps,
			async stop() {
				if (stopped) {
					return;
				}
				stopped = true;
				realtime.close();
				await stopAll();
			},
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
