import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';

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

/**
 * Fires the app events Rocket.Chat fires for livechat: IPostMessageSent for every new message (apps' own included,
 * as in Rocket.Chat) and IPostLivechatRoomStarted for new rooms. Like Rocket.Chat, without waiting for the apps.
 */
function forwardEventsToApps(workspace: Workspace, engine: SandboxEngine, convert: Converters, log: Logger): void {
	const listeners = engine.bridges.getListenerBridge();
	const report = (what: string) => (error: unknown) =>
		log('warn', `app event ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
	workspace.onEvent((event) => {
		if (event.type === 'message-sent') {
			const message = convert.message(event.message);
			if (message) {
				listeners.messageEvent(AppInterface.IPostMessageSent, message).catch(report('IPostMessageSent'));
			}
		} else if (event.type === 'room-started') {
			const room = convert.room(event.room);
			listeners.roomEvent(AppInterface.IPostLivechatRoomStarted, room).catch(report('IPostLivechatRoomStarted'));
		}
	});
}

/** Starts a sandbox workspace: the model, the Apps-Engine host and the HTTP server, with one admin user. */
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
	const engine = await SandboxEngine.start({ workspace, convert, log }, convert.user(admin));
	forwardEventsToApps(workspace, engine, convert, log);
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
