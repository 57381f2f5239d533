import fs from 'fs';
import path from 'path';

import { startLocalWorkspace, type RunningWorkspace } from './support/localWorkspace';
import { RocketChatClient, type Credentials } from '../../sandbox/src/client/RocketChatClient';
import { multipartFile } from '../../sandbox/src/client/http';
import { watchUserNotifications, type UserNotifications } from '../../sandbox/src/client/notifications';
import { ensurePackagedApp, projectRoot } from '../../sandbox/src/packagedApp';
import type { WorkspaceEvent } from '../../sandbox/src/workspace/Workspace';

const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

const testerZip = () => fs.readFileSync(ensurePackagedApp(path.join(projectRoot, 'test', 'fixtures', 'tester-app')));

/**
 * Slash commands, room action buttons and private answers end to end, with the fixture app's `/test-simple`,
 * `/test-with-arguments`, `/test-fail` and its livechat room button: run and clicked over Rocket.Chat's REST API by
 * the agent serving a chat, answered privately (INotifier.notifyUser) and received as Rocket.Chat's web client
 * receives them, over DDP.
 */
describeSandbox('slash commands, action buttons and private answers on the sandbox', () => {
	let sandbox: RunningWorkspace;
	let admin: RocketChatClient;
	let agent: RocketChatClient;
	let agentCredentials: Credentials;
	let agentId = '';
	let appId = '';
	let roomId = '';
	let visitorToken = '';
	let privateAnswers: UserNotifications;
	const events: WorkspaceEvent[] = [];

	beforeAll(async () => {
		sandbox = await startLocalWorkspace();
		sandbox.workspace.onEvent((event) => events.push(event));
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		const { body, contentType } = multipartFile('app', 'sandboxtester.zip', testerZip());
		appId = (await admin.call('/api/apps', { body, headers: { 'Content-Type': contentType } })).json.app.id;
		agentId = await admin.createUser({ username: 'alice', password: 'alice-pw', roles: ['user', 'livechat-agent'] });
		await admin.createUser({ username: 'bob', password: 'bob-pw', roles: ['user'] });
		await admin.addAgent('alice');
		agentCredentials = await anonymous.login('alice', 'alice-pw');
		agent = anonymous.as(agentCredentials);
		await agent.setStatus('online');
		await agent.setAgentStatus(agentId, 'available');
		visitorToken = 'commands-visitor';
		await admin.registerVisitor(visitorToken, 'Commands visitor');
		roomId = await admin.openRoom(visitorToken);
		privateAnswers = await watchUserNotifications(sandbox.url, agentCredentials);
	}, 180000);

	afterAll(async () => {
		privateAnswers?.close();
		await sandbox?.stop();
	});

	it("lists the app's commands as Rocket.Chat registers them: lower case, the app's i18n keys", async () => {
		const list = await agent.call('/api/v1/commands.list');

		expect(list.status).toBe(200);
		expect(list.json.commands).toEqual(
			expect.arrayContaining([
				{
					command: 'test-with-arguments',
					params: `apps-${appId}-test_arguments_command_example`,
					description: `apps-${appId}-test_with_arguments_command_description`,
					providesPreview: false,
					appId,
				},
			]),
		);
		expect(list.json).toMatchObject({ appsLoaded: true, offset: 0, count: 3, total: 3, success: true });
		const one = await agent.call('/api/v1/commands.get?command=TEST-SIMPLE');
		expect(one.json).toEqual({
			command: {
				command: 'test-simple',
				description: `apps-${appId}-test_simple_command_description`,
				params: '',
				providesPreview: false,
			},
			success: true,
		});
	});

	it('runs a command for the agent serving the chat, who alone gets the answer, privately and nothing stored', async () => {
		const before = sandbox.workspace.history(roomId).length;

		const answer = await agent.runCommand(roomId, 'test-with-arguments', ' a "b c"  d');

		expect(answer).toEqual({ status: 200, body: { success: true } });
		const received = await privateAnswers.next((message) => /test-with-arguments/.test(String(message.msg)));
		expect(received).toMatchObject({
			msg: `Slashcommand 'test-with-arguments' successfully executed with arguments: "a","b c","d"`,
			rid: roomId,
			private: true,
			groupable: false,
			u: { username: 'sandboxtester.bot' },
			ts: { $date: expect.any(Number) },
		});
		expect(sandbox.workspace.history(roomId)).toHaveLength(before);
		expect(events.filter((event) => event.type === 'user-notified')).toContainEqual(
			expect.objectContaining({ userId: agentId, roomId, message: expect.objectContaining({ _id: received._id }) }),
		);
		const history = await admin.visitorHistory(visitorToken, roomId);
		expect(history.map((message) => message.msg)).not.toContain(received.msg);
	});

	it("refuses what Rocket.Chat refuses: an unknown command, a room the user cannot reach, another room's thread", async () => {
		const bob = admin.as(await admin.login('bob', 'bob-pw'));

		expect(await agent.runCommand(roomId, 'no-such-command')).toEqual({
			status: 400,
			body: { success: false, error: 'The command provided does not exist (or is disabled).' },
		});
		expect(await bob.runCommand(roomId, 'test-simple')).toEqual({
			status: 403,
			body: { success: false, error: 'User does not have access to this room' },
		});
		const thread = await agent.call('/api/v1/commands.run', {
			body: { command: 'test-simple', roomId, tmid: 'not-a-message' },
		});
		expect([thread.status, thread.json]).toEqual([400, { success: false, error: 'Invalid thread.' }]);
		const extra = await agent.call('/api/v1/commands.run', { body: { command: 'test-simple', roomId, msg: {} } });
		expect([extra.status, extra.json.errorType]).toEqual([400, 'invalid-params']);
		const anonymous = await new RocketChatClient(sandbox.url).runCommand(roomId, 'test-simple');
		expect(anonymous.status).toBe(401);
	});

	it('lets a livechat manager or admin (view-livechat-rooms) run it in a chat they do not serve', async () => {
		expect(await admin.runCommand(roomId, 'Test-Simple')).toEqual({ status: 200, body: { success: true } });
	});

	it("answers 400 with the executor's error, as Rocket.Chat with the Deno runtime does", async () => {
		expect(await agent.runCommand(roomId, 'test-fail')).toEqual({
			status: 400,
			body: { success: false, error: 'The tester command failed on purpose' },
		});
	});

	it('lists the room button, and a click reaches the app with the user, the room and the button context', async () => {
		const buttons = await agent.actionButtons();
		expect(buttons).toEqual([
			{
				actionId: 'tester-room-action',
				labelI18n: 'tester_room_action_label',
				context: 'roomAction',
				when: { roomTypes: ['livechat'] },
				appId,
			},
		]);

		const click = await agent.clickActionButton(appId, 'tester-room-action', roomId);

		expect(click).toEqual({ status: 200, body: { success: true } });
		const received = await privateAnswers.next((message) => /Tester button/.test(String(message.msg)));
		expect(received.msg).toBe(`Tester button tester-room-action clicked by alice in room ${roomId} (roomAction)`);
	});

	it("lets nobody else read a user's private answers: another user, or a visitor, is refused the stream", async () => {
		const bobCredentials = await admin.login('bob', 'bob-pw');
		await expect(
			watchUserNotifications(sandbox.url, { userId: agentCredentials.userId, authToken: bobCredentials.authToken }),
		).rejects.toThrow('subscription refused');
		await expect(
			watchUserNotifications(sandbox.url, { userId: agentCredentials.userId, authToken: visitorToken }),
		).rejects.toThrow('login refused');
	});

	it("keeps a disabled app's commands registered, refused with 'App not enabled', as Apps-Engine 1.62 does", async () => {
		await sandbox.apps.setEnabled(appId, false);

		// The engine disables an app keeping its slash commands (purgeAppConfig with keepSlashcommands) and drops its
		// buttons (clearAppActionButtons); running one reaches the engine's "App not enabled", answered as a failure.
		expect(await agent.runCommand(roomId, 'test-simple')).toEqual({
			status: 400,
			body: { success: false, error: 'App not enabled' },
		});
		expect((await agent.call('/api/v1/commands.list')).json.total).toBe(3);
		expect(await agent.actionButtons()).toEqual([]);
	});

	it('re-enabled, the app runs its commands again, but what it configures after its first command is lost', async () => {
		await sandbox.apps.setEnabled(appId, true);

		// Enabling initializes the app again; its first provideSlashCommand meets its own kept command
		// (CommandAlreadyExistsError), the engine swallows the failed initialize, and the fixture's button, registered
		// after its commands, is not registered again.
		expect((await sandbox.apps.get(appId))?.status).toBe('manually_enabled');
		expect(await agent.runCommand(roomId, 'test-simple')).toEqual({ status: 200, body: { success: true } });
		expect(await agent.actionButtons()).toEqual([]);
	});

	it("removes an uninstalled app's commands", async () => {
		await admin.uninstallApp(appId);

		expect((await agent.call('/api/v1/commands.list')).json.total).toBe(0);
		expect(await agent.runCommand(roomId, 'test-simple')).toEqual({
			status: 400,
			body: { success: false, error: 'The command provided does not exist (or is disabled).' },
		});
	});
});
