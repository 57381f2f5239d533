import { SandboxEngine } from './engine/SandboxEngine';
import { AppEvents } from './engine/appEvents';
import { Converters } from './engine/converters';
import { guardRuntimeWrites } from './engine/runtimeGuard';
import type { SandboxServices } from './http/SandboxServices';
import { createHttpApp, listen } from './http/createHttpServer';
import { createLogger, type Logger, type LogLevel } from './logger';
import { projectRoot } from './packagedApp';
import { DdpServer } from './realtime/DdpServer';
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
};

export type RunningSandbox = {
	url: string;
	adminUsername: string;
	adminPassword: string;
	workspace: Workspace;
	engine: SandboxEngine;
	events: AppEvents;
	/** The realtime API (/websocket) the livechat widget listens on. */
	realtime: DdpServer;
	stop(): Promise<void>;
};

/** Starts a sandbox workspace: the model, the Apps-Engine host, the app events and the HTTP server, with one admin. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const log = options.log ?? createLogger(options.logLevel ?? 'info');
	const adminUsername = options.adminUsername ?? 'admin';
	const adminPassword = options.adminPassword ?? 'admin';
	const workspace = new Workspace();
	const admin = workspace.createUser({
		username: adminUsername,
		password: adminPassword,
		name: 'Administrator',
		roles: ['admin', 'user'],
	});
	workspace.setUserStatus(admin._id, 'online');
	const convert = new Converters(workspace);
	guardRuntimeWrites(log);
	const engine = await SandboxEngine.start({ workspace, convert, log }, convert.user(admin));
	try {
		const events = new AppEvents(workspace, engine, convert, log);
		const services: SandboxServices = {
			version: SANDBOX_VERSION,
			workspace,
			engine,
			convert,
			events,
			log,
			projectRoot,
		};
		const server = await listen(createHttpApp(services), options.port ?? 3000, options.host ?? '127.0.0.1');
		// Rocket.Chat's Site_Url is the address it is reached at.
		workspace.settings.Site_Url = server.url;
		const realtime = new DdpServer(workspace, log);
		realtime.attach(server.server);
		let stopped = false;
		return {
			url: server.url,
			adminUsername,
			adminPassword,
			workspace,
			engine,
			events,
			realtime,
			async stop() {
				if (stopped) {
					return;
				}
				stopped = true;
				realtime.close();
				await server.close();
				await engine.stop();
			},
		};
	} catch (error) {
		await engine.stop();
		throw error;
	}
}
