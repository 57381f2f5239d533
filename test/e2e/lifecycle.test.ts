import { randomBytes } from 'crypto';

import { eventually, openRelaySetup, type RelaySetup } from './support/relaySetup';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';

/**
 * What the app tells Rasa beyond the visitor's words, end to end: the visitor's context on every message, the
 * lifecycle intents (closed, taken over, back to the bot) once per event, and the idle close on the Apps-Engine
 * scheduler as Rocket.Chat runs it. The scripted Rasa records what it received; the sandbox's scheduler is made to
 * run the app's jobs when a test needs them (as if their minute had passed).
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('visitor context, lifecycle intents and idle chats', () => {
	let setup: RelaySetup;

	beforeAll(async () => {
		setup = await openRelaySetup({
			welcome_intent: '/greet',
			close_intent: 'chat_closed',
			takeover_intent: 'human_took_over',
			return_intent: 'back_to_bot',
			visitor_context: 'everything',
		});
	}, 180000);

	afterAll(async () => {
		await setup?.close();
	});

	const ws = () => setup.ws;
	const sandbox = () => setup.ws.sandbox!;
	const turns = (roomId: string) => setup.rasa.turnsOf(roomId);
	const messagesOf = (roomId: string) => turns(roomId).map((turn) => turn.message);
	const incoming = (body: object) => httpCall(ws().incomingUrl, { body, headers: ws().botHeaders });
	const runJobs = () => sandbox().engine.bridges.scheduler.runDue({ all: true });
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	/** A visitor with an email, a phone and custom fields, whose chat the bot took. */
	async function visitorWithDetails() {
		const token = `visitor-${randomBytes(6).toString('hex')}`;
		await ws().admin.registerVisitor(token, 'Ana Lima', undefined, {
			email: 'ana@example.com',
			phone: '+351910000000',
			customFields: { plan: 'gold', orderId: 'A-17' },
		});
		const id = await ws().admin.openRoom(token);
		const room = { id, visitorToken: token, historyLength: 0 };
		await eventually(
			async () => messagesOf(id),
			(sent) => sent.includes('/greet'),
		);
		return room;
	}

	it("tells Rasa who the visitor is with the welcome, each text and a lifecycle intent, and never the visitor's token", async () => {
		const room = await visitorWithDetails();
		await setup.say(room, 'hello');
		await eventually(
			async () => messagesOf(room.id),
			(sent) => sent.includes('hello'),
		);
		await incoming({ action: 'close-chat', sessionId: room.id });
		await eventually(
			async () => messagesOf(room.id),
			(sent) => sent.some((message) => message.startsWith('/chat_closed')),
		);

		const expected = {
			roomId: room.id,
			visitor: {
				name: 'Ana Lima',
				username: expect.stringMatching(/^guest-/),
				email: 'ana@example.com',
				phone: '+351910000000',
				customFields: { plan: 'gold', orderId: 'A-17' },
			},
			// Opened through the REST API (no widget cookies): Rocket.Chat records the source as the API.
			source: 'api',
			agent: { username: ws().botUsername },
		};
		const [welcome, text, closed] = turns(room.id);
		expect(welcome).toMatchObject({ message: '/greet', metadata: expected });
		expect(text).toMatchObject({ message: 'hello', metadata: expected });
		expect(closed).toMatchObject({
			message: '/chat_closed{"closed_by":"bot"}',
			metadata: { ...expected, event: { type: 'closed', closedBy: 'bot' } },
		});
		const everythingRasaGot = JSON.stringify(setup.rasa.turns, (_key, value: unknown) =>
			typeof value === 'bigint' ? String(value) : value,
		);
		expect(everythingRasaGot).not.toContain(room.visitorToken);
	});

	it('sends the close intent once for a close by the visitor, by an agent and through the API, and posts nothing after it', async () => {
		const byVisitor = await ws().newBotRoom();
		const byAgent = await ws().newBotRoom();
		const byApi = await ws().newBotRoom();
		await incoming({ action: 'handover', sessionId: byAgent.id, actionData: { targetDepartment: ws().salesName } });

		await httpCall(`${ws().url}/api/v1/livechat/room.close`, {
			body: { rid: byVisitor.id, token: byVisitor.visitorToken },
		});
		await ws().agent.call('/api/v1/livechat/room.closeByUser', { body: { rid: byAgent.id, comment: 'Solved' } });
		await incoming({ action: 'close-chat', sessionId: byApi.id });

		for (const [room, closedBy] of [
			[byVisitor, 'visitor'],
			[byAgent, 'agent'],
			[byApi, 'bot'],
		] as const) {
			await eventually(
				async () => messagesOf(room.id),
				(sent) => sent.some((message) => message.startsWith('/chat_closed')),
			);
			await sleep(200);
			expect(messagesOf(room.id).filter((message) => message.startsWith('/chat_closed'))).toEqual([
				`/chat_closed{"closed_by":"${closedBy}"}`,
			]);
			// Rasa's answer to the close went nowhere: not into the closed chat, not into a new one.
			const history = await ws().admin.visitorHistory(room.visitorToken, room.id);
			expect(history.filter((message) => message.msg.startsWith('You said: /chat_closed'))).toEqual([]);
			const open = [...sandbox().workspace.rooms.values()].filter(
				(candidate) => candidate.v.token === room.visitorToken && candidate.open,
			);
			expect(open).toEqual([]);
		}
	});

	it('sends the takeover intent once on a handover, and the return intent once (no second welcome) when the chat comes back', async () => {
		const room = await ws().newBotRoom();
		await eventually(
			async () => messagesOf(room.id),
			(sent) => sent.includes('/greet'),
		);

		await incoming({ action: 'handover', sessionId: room.id, actionData: { targetDepartment: ws().salesName } });
		await eventually(
			async () => messagesOf(room.id),
			(sent) => sent.includes('/human_took_over'),
		);
		// A manager or an admin forwards: Rocket.Chat gives transfer-livechat-guest to neither agents by default.
		await ws().admin.forwardRoom(room.id, { departmentId: ws().botsId });
		await eventually(
			async () => messagesOf(room.id),
			(sent) => sent.includes('/back_to_bot'),
		);
		await sleep(300);

		expect(messagesOf(room.id)).toEqual(['/greet', '/human_took_over', '/back_to_bot']);
		expect(turns(room.id)[1].metadata).toMatchObject({ event: { type: 'takeover' } });
		// Rasa's answer to the return is shown (the bot serves the chat again); its answer to the takeover is not.
		const texts = (await setup.botMessages(room)).map((message) => message.msg);
		expect(texts.filter((text) => text === 'You said: /back_to_bot')).toHaveLength(1);
		expect(texts.filter((text) => text === 'You said: /human_took_over')).toHaveLength(0);
	});

	it('sends the takeover intent exactly once on a handover to a named agent', async () => {
		const room = await ws().newBotRoom();
		await eventually(
			async () => messagesOf(room.id),
			(sent) => sent.includes('/greet'),
		);

		const answer = await incoming({
			action: 'handover',
			sessionId: room.id,
			actionData: { targetAgent: ws().agentUsername },
		});
		expect(answer.status).toBe(200);
		await eventually(
			async () => messagesOf(room.id),
			(sent) => sent.includes('/human_took_over'),
		);
		// Every event of the transfer has reached the app by now (assigned, transferred, unassigned).
		await sleep(500);

		expect(messagesOf(room.id)).toEqual(['/greet', '/human_took_over']);
		expect(turns(room.id)[1].metadata).toMatchObject({ event: { type: 'takeover' } });
	});

	describe('idle chats', () => {
		const WARNING_MS = 400;
		const CLOSE_MS = 900;

		beforeAll(async () => {
			await ws().admin.setAppSettings(APP_ID, {
				idle_warning_minutes: WARNING_MS / 60000,
				idle_close_minutes: CLOSE_MS / 60000,
			});
		});

		afterAll(async () => {
			await ws().admin.setAppSettings(APP_ID, { idle_warning_minutes: 0, idle_close_minutes: 0 });
		});

		const botTexts = async (room: { id: string; visitorToken: string }) =>
			(await setup.botMessages({ ...room, historyLength: 0 })).map((message) => message.msg);
		const WARNING = 'Are you still there? This chat closes soon if there is no reply.';
		const CLOSING = 'This chat was closed because there was no reply. Write again any time.';

		it('warns an idle chat once, then closes it as the app, and Rasa hears who closed it', async () => {
			const room = await ws().newBotRoom();
			await runJobs();
			expect(await botTexts(room)).not.toContain(WARNING);

			await sleep(WARNING_MS + 100);
			await runJobs();
			await runJobs();
			expect((await botTexts(room)).filter((text) => text === WARNING)).toHaveLength(1);
			expect((await ws().admin.roomInfo(room.id)).open).toBe(true);

			await sleep(CLOSE_MS - WARNING_MS);
			await runJobs();
			expect((await botTexts(room)).filter((text) => text === CLOSING)).toHaveLength(1);
			const info = await ws().admin.roomInfo(room.id);
			expect(info.open).toBeFalsy();
			await eventually(
				async () => messagesOf(room.id),
				(sent) => sent.includes('/chat_closed{"closed_by":"app"}'),
			);
		});

		it('restarts the clock with every visitor message', async () => {
			const room = await ws().newBotRoom();
			await sleep(WARNING_MS + 100);
			await setup.say(room, 'still here');
			await setup.waitForBot({ ...room, historyLength: 0 }, 1);
			await sleep(200);

			await runJobs();

			expect(await botTexts(room)).not.toContain(WARNING);
			await sleep(CLOSE_MS - 200);
			await runJobs();
			expect((await ws().admin.roomInfo(room.id)).open).toBeFalsy();
		});

		it('leaves alone a chat handed over or closed meanwhile', async () => {
			const handedOver = await ws().newBotRoom();
			const closed = await ws().newBotRoom();
			await incoming({
				action: 'handover',
				sessionId: handedOver.id,
				actionData: { targetDepartment: ws().salesName },
			});
			await ws()
				.agent.call('/api/v1/livechat/room.closeByUser', { body: { rid: closed.id, comment: 'x' } })
				.catch(() => undefined);
			await incoming({ action: 'close-chat', sessionId: closed.id });
			const before = [
				(await ws().admin.visitorHistory(handedOver.visitorToken, handedOver.id)).length,
				(await ws().admin.visitorHistory(closed.visitorToken, closed.id)).length,
			];

			await sleep(CLOSE_MS + 100);
			await runJobs();

			expect((await ws().admin.roomInfo(handedOver.id)).open).toBe(true);
			expect([
				(await ws().admin.visitorHistory(handedOver.visitorToken, handedOver.id)).length,
				(await ws().admin.visitorHistory(closed.visitorToken, closed.id)).length,
			]).toEqual(before);
		});
	});

	it("leaves no scheduled job behind its chats: after 1,000 chats only the app's two recurring jobs exist", async () => {
		await ws().admin.setAppSettings(APP_ID, { idle_warning_minutes: 0.01, idle_close_minutes: 0.02 });
		try {
			for (let batch = 0; batch < 20; batch++) {
				await Promise.all(
					Array.from({ length: 50 }, async () => {
						const room = await ws().newBotRoom();
						await incoming({ action: 'close-chat', sessionId: room.id });
					}),
				);
			}
			await runJobs();

			const jobs = sandbox()
				.workspace.jobs.list()
				.map((job) => job.name);
			expect(jobs.sort()).toEqual([`rasa-close-idle-chats_${APP_ID}`, `rasa-forget-closed-rooms_${APP_ID}`]);
			const open = new Set([...sandbox().workspace.rooms.values()].filter((room) => room.open).map((room) => room._id));
			const stored = sandbox().workspace.appPersistence.readByAssociations(APP_ID, []) as Array<{ roomId?: string }>;
			// Every record is an open chat's, but the status counts (one per instance and hour, no room's).
			const ofRooms = stored.filter((record) => !('instance' in record && 'hour' in record));
			expect(ofRooms.filter((record) => !open.has(record.roomId ?? ''))).toEqual([]);
		} finally {
			await ws().admin.setAppSettings(APP_ID, { idle_warning_minutes: 0, idle_close_minutes: 0 });
		}
	}, 120000);
});
