import { SandboxBackend } from './SandboxBackend';
import { SandboxEngine } from './engine/SandboxEngine';
import { Converters } from './engine/converters';
import { createHttpApp, listen } from './http/createHttpServer';
import { createLogger, type Logger, type LogLevel } from './logger';
import { Workspace } from './workspace/Workspace';

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
	stop(): Promise<void>;
};

/** Starts a sandbox workspace: the model, the Apps-Engine host and the HTTP server, with one admin user. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	// Apps-Engine grants every permission when NODE_ENV is "test" (jest sets it): the sandbox enforces them as
	// Rocket.Chat does, so a missing permission silently returns nothing here too.
	if (process.env.NODE_ENV === 'test') {
		process.env.NODE_ENV = 'sandbox';
	}
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
	const engine = await SandboxEngine.start({ workspace, convert, log }, convert.user(admin));
	try {
		const backend = new SandboxBackend(workspace, engine, convert);
		const server = await listen(
			createHttpApp(backend, (line) => log('warn', line)),
			options.port ?? 3000,
			options.host ?? '127.0.0.1',
		);
		let stopped = false;
		return {
			url: server.url,
			adminUsername,
			adminPassword,
			workspace,
			engine,
			async stop() {
				if (stopped) {
					return;
				}
				stopped = true;
				await server.close();
				await engine.stop();
			},
		};
	} catch (error) {
		await engine.stop();
		throw error;
	}
}
