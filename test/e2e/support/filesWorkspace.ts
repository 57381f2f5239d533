import fs from 'fs';
import path from 'path';

import { startLocalWorkspace, type RunningWorkspace } from './localWorkspace';
import { type Credentials, RocketChatClient } from '../../../sandbox/src/client/RocketChatClient';
import { ensurePackagedApp, projectRoot } from '../../../sandbox/src/packagedApp';

export type Json = Record<string, any>;

const testerZip = () => fs.readFileSync(ensurePackagedApp(path.join(projectRoot, 'test', 'fixtures', 'tester-app')));

/** What a files test works with: the sandbox, the admin's client, an available agent and the fixture app. */
export type FilesWorkspace = {
	sandbox: RunningWorkspace;
	admin: RocketChatClient;
	agent: Credentials;
	agentId: string;
	/** A visitor with an open chat, served by the agent. */
	newChat: (name?: string) => Promise<{ token: string; roomId: string }>;
	/** One of the fixture app's endpoints (test/fixtures/tester-app/src/files.ts), GET or with a JSON body POST. */
	app: (route: string, body?: object) => ReturnType<RocketChatClient['call']>;
	setting: (id: string, value: unknown) => Promise<void>;
};

/**
 * Starts a sandbox for the describe block it is called in (beforeAll/afterAll) with an available agent and the fixture
 * app of our own (test/fixtures/tester-app) installed; the fields are filled once beforeAll ran.
 */
export function useFilesWorkspace(visitorPrefix: string): FilesWorkspace {
	const context = {} as FilesWorkspace;
	let appId = '';
	let visitors = 0;

	beforeAll(async () => {
		context.sandbox = await startLocalWorkspace();
		const anonymous = new RocketChatClient(context.sandbox.url);
		const { adminUsername, adminPassword } = context.sandbox;
		const admin = anonymous.as(await anonymous.login(adminUsername, adminPassword));
		context.admin = admin;
		context.agentId = await admin.createUser({
			username: 'filer',
			password: 'filer-pass',
			roles: ['user', 'livechat-agent'],
		});
		await admin.addAgent('filer');
		context.agent = await anonymous.login('filer', 'filer-pass');
		await admin.as(context.agent).setStatus('online');
		await admin.setAgentStatus(context.agentId, 'available');
		appId = (await admin.uploadApp(testerZip())).id;
	}, 180000);

	afterAll(async () => {
		await context.sandbox?.stop();
	});

	context.newChat = async (name = 'Ana') => {
		const token = `${visitorPrefix}-${++visitors}`;
		await context.admin.registerVisitor(token, name);
		return { token, roomId: await context.admin.openRoom(token) };
	};
	context.app = (route, body) => context.admin.call(`/api/apps/public/${appId}/${route}`, body ? { body } : {});
	context.setting = async (id, value) => {
		await context.admin.setSetting(id, value);
	};
	return context;
}

/** Reads until done says so, or 8 s passed; answers the last read. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
	const deadline = Date.now() + 8000;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		value = await read();
	}
	return value;
}
