import type { BotRoom } from './support/demoWorkspace';
import { eventually, openRelaySetup, type RelaySetup } from './support/relaySetup';
import { httpCall } from '../../sandbox/src/client/http';
import { watchUserNotifications, type UserNotifications } from '../../sandbox/src/client/notifications';
import { APP_ID } from '../../sandbox/src/packagedApp';

/**
 * What agents and admins do with the bot inside Rocket.Chat, end to end through the packaged app: `/rasa back` and
 * the room's "Back to the bot" button send a chat a human serves back to the bot, with what was said meanwhile;
 * `/rasa status` and GET status tell how the bot is doing. Commands run as Rocket.Chat's clients run them
 * (commands.run, ui.interaction); private answers are received as the web client receives them (DDP).
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('agents and admins work with the bot', () => {
	let setup: RelaySetup;
	let agentAnswers: UserNotifications;

	beforeAll(async () => {
		setup = await openRelaySetup({ welcome_intent: '/greet', return_intent: '/back_to_bot' });
		agentAnswers = await watchUserNotifications(setup.ws.url, setup.ws.agentCredentials);
	}, 180000);

	afterAll(async () => {
		agentAnswers?.close();
		await setup?.close();
	});

	const ws = () => setup.ws;
	const turns = (roomId: string) => setup.rasa.turnsOf(roomId);
	const incoming = (body: object) => httpCall(ws().incomingUrl, { body, headers: ws().botHeaders });
	const servedBy = async (roomId: string) => (await ws().admin.roomInfo(roomId)).servedBy?.username;
	const transfersTo = async (room: BotRoom, username: string) =>
		(await setup.history(room)).filter(
			(message) => message.t === 'livechat_transfer_history' && JSON.stringify(message).includes(username),
		).length;

	/** A chat the bot greeted, then handed over to the agent, where the visitor and the agent spoke. */
	async function chatWithHuman(): Promise<BotRoom> {
		const room = await ws().newBotRoom();
		await eventually(
			async () => turns(room.id).length,
			(count) => count === 1,
		);
		const handover = await incoming({
			action: 'handover',
			sessionId: room.id,
			actionData: { targetDepartment: ws().salesName },
		});
		expect(handover.status).toBe(200);
		expect(
			await eventually(
				() => servedBy(room.id),
				(username) => username === ws().agentUsername,
			),
		).toBe(ws().agentUsername);
		await setup.say(room, 'My order never came');
		await ws().agent.call('/api/v1/chat.sendMessage', {
			body: { message: { rid: room.id, msg: 'I re-sent it; the bot can help with the rest' } },
		});
		return room;
	}

	it('sends a chat back with /rasa back: Rasa hears the return intent with the human part, the agent is told privately', async () => {
		const room = await chatWithHuman();

		const run = await ws().agent.runCommand(room.id, 'rasa', 'back');

		expect(run.status).toBe(200);
		const answer = await agentAnswers.next((message) => message.rid === room.id);
		expect(answer.msg).toBe('The chat goes back to the bot, with what was said here meanwhile.');
		const returned = await eventually(
			async () => turns(room.id).map((turn) => turn.message),
			(sent) => sent.includes('/back_to_bot'),
		);
		expect(returned).toEqual(['/greet', '/back_to_bot']);
		expect(turns(room.id)[1].metadata).toMatchObject({
			event: {
				type: 'returned',
				transcript: {
					available: true,
					complete: true,
					lines: [
						{ from: 'visitor', text: 'My order never came' },
						{ from: 'agent', username: ws().agentUsername, text: 'I re-sent it; the bot can help with the rest' },
					],
				},
			},
		});
		expect(JSON.stringify(turns(room.id)[1].metadata)).not.toContain(room.visitorToken);
		expect(await servedBy(room.id)).toBe(ws().botUsername);
		// The visitor sees the bot's answer to the return once (posted once Rasa answered), and one transfer to the bot.
		const answers = async () =>
			(await setup.botMessages(room)).filter((message) => message.msg === 'You said: /back_to_bot').length;
		await eventually(answers, (count) => count > 0);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await answers()).toBe(1);
		expect(await transfersTo(room, ws().botUsername)).toBe(1);
		// The private answer is no message of the room.
		expect((await setup.history(room)).map((message) => message.msg)).not.toContain(answer.msg);
	});

	it('lists its button for livechat rooms; the button, /rasa back and an admin at once move the chat once', async () => {
		const buttons = await ws().agent.actionButtons();
		expect(buttons).toContainEqual({
			appId: APP_ID,
			actionId: 'rasa-back-to-bot',
			context: 'roomAction',
			labelI18n: 'back_to_bot_button',
			when: { roomTypes: ['livechat'] },
		});
		const room = await chatWithHuman();
		const before = agentAnswers.messages.length;

		const answers = await Promise.all([
			ws().agent.clickActionButton(APP_ID, 'rasa-back-to-bot', room.id),
			ws().agent.runCommand(room.id, 'rasa', 'back'),
			ws().agent.clickActionButton(APP_ID, 'rasa-back-to-bot', room.id),
			ws().admin.runCommand(room.id, 'rasa', 'BACK'),
		]);

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
		await eventually(
			async () => agentAnswers.messages.slice(before).filter((message) => message.rid === room.id).length,
			(count) => count === 3,
		);
		const told = agentAnswers.messages
			.slice(before)
			.filter((message) => message.rid === room.id)
			.map((message) => message.msg);
		// The agent clicked twice and typed once: one went, the others learn that it had.
		expect(told.filter((text) => text?.startsWith('The chat goes back to the bot')).length).toBeLessThanOrEqual(1);
		expect(
			told.filter((text) => /is served by the bot ".*" already\.$/.test(text ?? '')).length,
		).toBeGreaterThanOrEqual(2);
		await eventually(
			async () => turns(room.id).filter((turn) => turn.message === '/back_to_bot').length,
			(count) => count === 1,
		);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(turns(room.id).filter((turn) => turn.message === '/back_to_bot')).toHaveLength(1);
		expect(await transfersTo(room, ws().botUsername)).toBe(1);
		expect(await servedBy(room.id)).toBe(ws().botUsername);
	});

	it('answers /rasa status privately to an admin, and refuses an agent', async () => {
		const headers = ws().admin.authHeaders();
		const admin = await watchUserNotifications(ws().url, {
			userId: headers['X-User-Id'],
			authToken: headers['X-Auth-Token'],
		});
		try {
			const room = await chatWithHuman();

			await ws().admin.runCommand(room.id, 'rasa', 'status 2');
			await ws().agent.runCommand(room.id, 'rasa', 'status');

			const status = await admin.next((message) => message.rid === room.id);
			expect(status.msg).toContain(`*${ws().botUsername}* → ${setup.rasa.url}: :green_circle: Rasa`);
			expect(status.msg).toMatch(
				/Last 2 h \(all instances\): chats given to the bot: [1-9]\d* · handed over to humans: [1-9]/,
			);
			const refused = await agentAnswers.next((message) => message.rid === room.id && /status/.test(message.msg ?? ''));
			expect(refused.msg).toBe("Only admins and livechat-managers may see the bot's status.");
		} finally {
			admin.close();
		}
	});

	it('answers GET status as JSON to admins for monitoring, with clear errors for everyone else', async () => {
		const url = `${ws().url}/api/apps/public/${APP_ID}/status`;

		const ok = await httpCall(`${url}?hours=24`, { method: 'GET', headers: ws().admin.authHeaders() });
		const agent = await httpCall(url, { method: 'GET', headers: ws().agent.authHeaders() });
		const anonymous = await httpCall(url, { method: 'GET' });
		const badHours = await httpCall(`${url}?hours=forever`, { method: 'GET', headers: ws().admin.authHeaders() });
		const post = await httpCall(url, { body: {}, headers: ws().admin.authHeaders() });

		expect(ok.status).toBe(200);
		expect(ok.json).toMatchObject({
			hours: 24,
			assistants: [
				{
					bot: ws().botUsername,
					rasa: { url: setup.rasa.url, reachable: true, channel: 'rest', channelAnswers: true },
				},
			],
			counts: { served: expect.any(Number), handedOver: expect.any(Number), rasaFailures: 0 },
		});
		expect(ok.json.counts.served).toBeGreaterThan(0);
		expect(ok.json.assistants[0].rasa.version).toMatch(/^\d+\.\d+/);
		expect(agent.status).toBe(403);
		expect(agent.json).toMatchObject({ status: 'error', error: 'not-allowed' });
		expect(anonymous.status).toBe(401);
		expect(badHours.status).toBe(400);
		expect(badHours.json.message).toBe('"hours" is "forever"; it must be a whole number of hours from 1 to 840.');
		expect(post.status).toBe(405);
		expect(post.headers.allow).toBe('GET');
	});
});
