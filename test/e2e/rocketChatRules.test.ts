import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';

import type { DemoWorkspace } from './support/demoWorkspace';
import { clickQuickReply } from './support/quickReplyClick';
import { eventually, LONG_TEXT, openRelaySetup, type HistoryMessage, type RelaySetup } from './support/relaySetup';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';

/**
 * What Rocket.Chat does that a kinder sandbox would not, and the app surviving it, end to end on the packaged app:
 * events that arrive out of order, texts over the workspace's size limit, a visitor's message written into a chat
 * that closed meanwhile (Rocket.Chat opens a new one), clicks that name another room's message, chats that come back
 * to the bot, and app persistence that keeps nothing of closed chats.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox("the app against Rocket.Chat's own rules", () => {
	let setup: RelaySetup;

	beforeAll(async () => {
		setup = await openRelaySetup({ welcome_intent: '/greet' });
	}, 180000);

	afterAll(async () => {
		await setup?.close();
	});

	const ws = () => setup.ws;
	const sandbox = () => {
		if (!setup.ws.sandbox) {
			throw new Error('these tests need the local sandbox');
		}
		return setup.ws.sandbox;
	};
	const botMessages: RelaySetup['botMessages'] = (room) => setup.botMessages(room);
	const turns = (roomId: string) => setup.rasa.turnsOf(roomId).map((turn) => turn.message);
	const visitorTexts = async (room: { id: string; visitorToken: string }) =>
		(await setup.history(room as never))
			.filter((message) => (message as HistoryMessage & { token?: string }).token && !message.t)
			.map((message) => message.msg);
	const welcomed = (room: { id: string }) =>
		eventually(
			async () => turns(room.id),
			(sent) => sent.length >= 1,
		);

	it('sends the welcome intent before the first text when the text reaches the app before the assignment', async () => {
		let release: () => void = () => undefined;
		sandbox().events.holdBack(
			AppInterface.IPostLivechatAgentAssigned,
			new Promise<void>((resolve) => {
				release = resolve;
			}),
		);
		let room: Awaited<ReturnType<DemoWorkspace['newBotRoom']>>;
		try {
			// The widget opens the chat (GET livechat/room) and sends its first message at once.
			room = await ws().newBotRoom();
			await setup.say(room, 'hello');
			await eventually(
				async () => turns(room.id),
				(sent) => sent.length >= 1,
			);
		} finally {
			release();
		}
		await eventually(
			async () => (await botMessages(room)).length,
			(count) => count >= 3,
		);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(turns(room.id)).toEqual(['/greet', 'hello']);
		expect((await botMessages(room)).map((message) => message.msg)).toEqual([
			'You said: /greet',
			'Hi! How can I help?',
			'Ask me anything.',
		]);
	});

	it('welcomes a chat once, also when it goes to a human and comes back to the bot', async () => {
		const room = await ws().newBotRoom();
		await welcomed(room);
		const handover = await httpCall(ws().incomingUrl, {
			body: { action: 'handover', sessionId: room.id, actionData: { targetDepartment: ws().salesName } },
			headers: ws().botHeaders,
		});
		expect(handover.status).toBe(200);

		await ws().admin.forwardRoom(room.id, { departmentId: ws().botsId });
		expect((await ws().admin.roomInfo(room.id)).servedBy?.username).toBe(ws().botUsername);
		await setup.say(room, 'back again');
		await eventually(
			async () => turns(room.id),
			(sent) => sent.length >= 2,
		);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(turns(room.id)).toEqual(['/greet', 'back again']);
	});

	it('answers two quick-reply rounds in one welcomed room: each click reaches Rasa once and shows once', async () => {
		const room = await ws().newBotRoom();
		await welcomed(room);

		for (const [index, payload] of [
			[0, '/inform{"dept":"sales"}'],
			[1, '/support'],
		] as const) {
			await setup.say(room, 'menu');
			const question = await eventually(
				async () => (await botMessages(room)).filter((message) => message.msg === 'Which team?').at(-1),
				(message) => !!message && (message.blocks?.length ?? 0) > 0 && turns(room.id).at(-1) === 'menu',
			);
			const clicks = await Promise.all([0, 1].map(() => clickQuickReply(ws().url, room, question!, index)));
			expect(clicks.map((click) => click.status)).toEqual([200, 200]);
			await eventually(
				async () => turns(room.id).at(-1),
				(last) => last === payload,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(turns(room.id)).toEqual(['/greet', 'menu', '/inform{"dept":"sales"}', 'menu', '/support']);
		expect((await visitorTexts(room)).filter((text) => text !== 'menu')).toEqual(['Sales team', 'Support']);
	});

	it("delivers a 12,000-character reply whole and in order within the workspace's size limit, and the replies after it", async () => {
		const room = await ws().newBotRoom();
		await welcomed(room);

		await setup.say(room, 'long');

		const messages = await eventually(
			async () => (await botMessages(room)).map((message) => message.msg),
			(texts) => texts.at(-1) === 'After the long one.',
		);
		const parts = messages.slice(1, -1);
		expect(parts.length).toBeGreaterThanOrEqual(3);
		expect(parts.every((part) => part.length <= 5000)).toBe(true);
		expect(parts.join('')).toBe(LONG_TEXT);
	});

	it('leaves no open chat behind when clicks race closes (50 tries)', async () => {
		const tokens: string[] = [];
		for (let attempt = 0; attempt < 50; attempt++) {
			const room = await ws().newBotRoom();
			tokens.push(room.visitorToken);
			await setup.say(room, 'menu');
			const question = await eventually(
				async () => (await botMessages(room)).find((message) => message.msg === 'Which team?'),
				(message) => !!message,
			);
			// A manager closes the chat as the visitor clicks: Rocket.Chat writes the click's message into a new chat
			// when the close lands between the app's read of the room and its write.
			const delayMs = attempt % 10;
			await Promise.all([
				clickQuickReply(ws().url, room, question!, 0),
				new Promise((resolve) => setTimeout(resolve, delayMs)).then(() =>
					ws().admin.call('/api/v1/livechat/room.closeByUser', { body: { rid: room.id, comment: 'Closed' } }),
				),
			]);
		}
		const chatsOf = () => [...sandbox().workspace.rooms.values()].filter((room) => tokens.includes(room.v.token));

		await eventually(
			async () => chatsOf().filter((room) => room.open).length,
			(open) => open === 0,
		);

		expect(chatsOf().filter((room) => room.open)).toEqual([]);
		// The race was really run: some clicks landed in new chats Rocket.Chat opened after the close.
		expect(chatsOf().length).toBeGreaterThan(50);
	}, 60000);

	it("changes nothing for a click that names another room's message, which Rocket.Chat lets through", async () => {
		const asked = await ws().newBotRoom();
		const other = await ws().newBotRoom();
		await Promise.all([welcomed(asked), welcomed(other)]);
		await setup.say(asked, 'menu');
		const question = await eventually(
			async () => (await setup.botMessages(asked)).find((message) => message.msg === 'Which team?'),
			(message) => !!message,
		);

		const crafted = await clickQuickReply(ws().url, other, question!, 0);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(crafted.status).toBe(200);
		expect(await visitorTexts(other)).toEqual([]);
		expect(await visitorTexts(asked)).toEqual(['menu']);
		expect((await setup.history(asked)).find((message) => message._id === question!._id)?.blocks).toHaveLength(1);
		expect(turns(other.id)).toEqual(['/greet']);
		// The real click still counts: the crafted one claimed nothing.
		await clickQuickReply(ws().url, asked, question!, 0);
		await eventually(
			async () => turns(asked.id).at(-1),
			(last) => last === '/inform{"dept":"sales"}',
		);
	});

	it("keeps nothing of closed chats once the app's housekeeping job ran, and keeps what open chats need", async () => {
		const closing = await ws().newBotRoom();
		const staying = await ws().newBotRoom();
		await Promise.all([welcomed(closing), welcomed(staying)]);
		await httpCall(ws().incomingUrl, {
			body: { action: 'close-chat', sessionId: closing.id },
			headers: ws().botHeaders,
		});
		const recordsOf = (roomId: string) =>
			sandbox().workspace.appPersistence.readByAssociations(APP_ID, [{ model: 'room', id: roomId }]).length;
		expect(recordsOf(closing.id)).toBeGreaterThan(0);

		expect(await sandbox().engine.bridges.scheduler.runDue({ all: true })).toBeGreaterThanOrEqual(1);

		expect(recordsOf(closing.id)).toBe(0);
		expect(recordsOf(staying.id)).toBeGreaterThan(0);
		const open = new Set([...sandbox().workspace.rooms.values()].filter((room) => room.open).map((room) => room._id));
		const kept = sandbox().workspace.appPersistence.readByAssociations(APP_ID, []) as Array<{ roomId?: string }>;
		// Every record is an open chat's, but the status counts (one per instance and hour, no room's).
		const ofRooms = kept.filter((record) => !('instance' in record && 'hour' in record));
		expect(ofRooms.filter((record) => !open.has(record.roomId ?? ''))).toEqual([]);
	});

	it("shows a livechat room with rooms.info only to who may access it, never its visitor's token to anyone else", async () => {
		const room = await ws().newBotRoom();
		const info = (headers: Record<string, string>) =>
			httpCall(`${ws().url}/api/v1/rooms.info?roomId=${room.id}`, { method: 'GET', headers });

		const [plain, admin] = await Promise.all([info(ws().plainUserHeaders), info(ws().admin.authHeaders())]);

		// v1/rooms.ts: canAccessRoomAsync, else API.v1.failure('not-allowed', 'Not Allowed'): a 400.
		expect(plain.status).toBe(400);
		expect(plain.json).toMatchObject({ success: false, error: 'not-allowed' });
		expect(plain.text).not.toContain(room.visitorToken);
		expect(admin.status).toBe(200);
		expect(admin.json.room).toMatchObject({ _id: room.id, t: 'l' });
	});
});
