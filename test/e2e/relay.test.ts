import { openDemoWorkspace, type BotRoom, type DemoWorkspace } from './support/demoWorkspace';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa, type RasaReply } from '../../sandbox/src/rasa/FakeRasa';

type HistoryMessage = { msg: string; u: { username: string }; t?: string; attachments?: unknown[]; blocks?: unknown[] };

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		value = await read();
	}
	return value;
}

/**
 * The conversation relay, end to end: a visitor writes through the livechat REST API, Rocket.Chat's app event
 * reaches the packaged app in the runtime, the app calls a scripted Rasa over HTTP, and the replies show up.
 */
/** The scripted Rasa listens on this machine's loopback, which a remote workspace cannot reach: sandbox only. */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('conversation relay, end to end', () => {
	let ws: DemoWorkspace;
	let rasa: FakeRasa;

	const script = (text: string): RasaReply[] => {
		switch (text) {
			case 'hello':
				return [{ text: 'Hi! How can I help?' }, { text: 'Ask me anything.' }];
			case 'menu':
				return [
					{
						text: 'Which team?',
						buttons: [
							{ title: 'Sales team', payload: '/inform{"dept":"sales"}' },
							{ title: 'Support', payload: '/support' },
						],
					},
				];
			case 'image':
				return [{ image: 'https://example.com/cat.png' }];
			case 'brochure':
				return [
					{ attachment: { type: 'file', payload: { src: 'https://example.com/brochure.pdf', title: 'Brochure' } } },
				];
			case 'human':
				return [
					{ text: 'Let me find a colleague.' },
					{ custom: { action: 'handover', targetDepartment: ws.salesName } },
				];
			case 'bye':
				return [{ text: 'Goodbye!' }, { custom: { action: 'close-chat' } }];
			case 'widget':
				return [{ custom: { map: { lat: 1, lng: 2 } }, unknown_key: true }, { text: 'After the widget.' }];
			case 'silence':
				return [];
			default:
				return [{ text: `You said: ${text}` }];
		}
	};

	beforeAll(async () => {
		rasa = await FakeRasa.start(script);
		ws = await openDemoWorkspace();
		await ws.admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url, rasa_timeout_seconds: 1 });
	}, 180000);

	afterAll(async () => {
		await ws?.close();
		await rasa?.stop();
	});

	beforeEach(() => {
		rasa.mode = 'normal';
	});

	const history = (room: BotRoom) => ws.admin.visitorHistory(room.visitorToken, room.id) as Promise<HistoryMessage[]>;
	const botMessages = async (room: BotRoom) =>
		(await history(room)).filter((message) => message.u.username === ws.botUsername && !message.t);
	const say = (room: BotRoom, text: string) => ws.admin.sendVisitorMessage(room.visitorToken, room.id, text);
	const waitForBot = (room: BotRoom, count: number) =>
		eventually(
			() => botMessages(room),
			(messages) => messages.length >= count,
		);

	it('relays a visitor message to Rasa (room id as sender, metadata) and posts the replies in order', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'hello');

		const replies = await waitForBot(room, 2);
		expect(replies.map((message) => message.msg)).toEqual(['Hi! How can I help?', 'Ask me anything.']);
		const [turn] = rasa.turnsOf(room.id);
		expect(turn).toMatchObject({
			channel: 'rest',
			message: 'hello',
			metadata: { roomId: room.id, visitorToken: room.visitorToken },
		});
	});

	it('shows buttons as a UIKit actions block with the titles', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'menu');

		const [message] = await waitForBot(room, 1);
		expect(message.msg).toBe('Which team?');
		expect(JSON.stringify(message.blocks)).toContain('Sales team');
		expect(message.blocks).toEqual([expect.objectContaining({ type: 'actions' })]);
	});

	it('posts images and attachments as attachments', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'image');
		await waitForBot(room, 1);
		await say(room, 'brochure');
		const [image, brochure] = await waitForBot(room, 2);

		expect(image.attachments).toEqual([expect.objectContaining({ image_url: 'https://example.com/cat.png' })]);
		expect(brochure.attachments).toEqual([{ title: 'Brochure', title_link: 'https://example.com/brochure.pdf' }]);
	});

	it('performs a handover asked by a custom payload, through the same rules as the incoming API', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'human');

		const info = await eventually(
			() => ws.admin.roomInfo(room.id),
			(value) => value.servedBy?.username === ws.agentUsername,
		);
		expect(info.departmentId).toBe(ws.salesId);
		expect((await botMessages(room)).map((message) => message.msg)).toEqual([
			'Let me find a colleague.',
			'Transferring you to a human agent. Please wait a moment.',
		]);
	});

	it('stops relaying once a human serves the room', async () => {
		const room = await ws.newBotRoom();
		await say(room, 'human');
		await eventually(
			() => ws.admin.roomInfo(room.id),
			(value) => value.servedBy?.username === ws.agentUsername,
		);
		const turnsBefore = rasa.turnsOf(room.id).length;

		await say(room, 'are you still there?');
		await new Promise((resolve) => setTimeout(resolve, 500));

		expect(rasa.turnsOf(room.id)).toHaveLength(turnsBefore);
	});

	it('closes the chat when a custom payload asks for it', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'bye');

		const info = await eventually(
			() => ws.admin.roomInfo(room.id),
			(value) => !value.open,
		);
		expect(info.open).toBeFalsy();
		expect(info.closedBy?.username).toBe(ws.botUsername);
	});

	it('skips other custom payloads and unknown keys without breaking the reply', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'widget');

		expect((await waitForBot(room, 1)).map((message) => message.msg)).toEqual(['After the widget.']);
	});

	it('posts nothing for a silent bot (200 [])', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'silence');
		await eventually(
			async () => rasa.turnsOf(room.id).length,
			(count) => count === 1,
		);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(await botMessages(room)).toEqual([]);
	});

	it('relays only the visitor: its own replies never go back to Rasa', async () => {
		const room = await ws.newBotRoom();

		await say(room, 'one');
		await waitForBot(room, 1);
		await say(room, 'two');
		await waitForBot(room, 2);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['one', 'two']);
	});

	it.each([
		['down (500)', 'down'],
		['answering invalid JSON', 'invalid-json'],
		['answering JSON that is not a list', 'not-a-list'],
		['slower than the timeout', 'slow'],
	] as const)(
		'tells the visitor once when Rasa is %s, and keeps relaying other rooms',
		async (_case, mode) => {
			const room = await ws.newBotRoom();
			rasa.mode = mode;

			await say(room, 'anyone there?');

			const replies = await waitForBot(room, 1);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect((await botMessages(room)).map((message) => message.msg)).toEqual([
				'Sorry, I am having trouble answering right now. Please try again in a moment.',
			]);
			expect(replies).toHaveLength(1);

			rasa.mode = 'normal';
			const other = await ws.newBotRoom();
			await say(other, 'hello');
			expect(await waitForBot(other, 2)).toHaveLength(2);
		},
		20000,
	);

	it('a quick-reply click shows the title, sends the payload to Rasa once and hides the buttons', async () => {
		const room = await ws.newBotRoom();
		await say(room, 'menu');
		const [menu] = (await waitForBot(room, 1)) as Array<HistoryMessage & { _id: string }>;
		const block = (menu.blocks as Array<{ blockId: string; elements: Array<{ actionId: string; value: string }> }>)[0];
		const button = block.elements[0];

		const click = await httpCall(`${ws.url}/api/apps/ui.interaction/${APP_ID}`, {
			body: {
				type: 'blockAction',
				actionId: button.actionId,
				mid: menu._id,
				rid: room.id,
				payload: { blockId: block.blockId, value: button.value },
			},
			headers: { 'x-visitor-token': room.visitorToken },
		});

		expect(click.status).toBe(200);
		const replies = await waitForBot(room, 2);
		expect(replies[1].msg).toBe('You said: /inform{"dept":"sales"}');
		const messages = await history(room);
		expect(messages.filter((message) => message.u.username !== ws.botUsername).map((message) => message.msg)).toEqual([
			'menu',
			'Sales team',
		]);
		expect(rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['menu', '/inform{"dept":"sales"}']);
		expect(replies[0].blocks ?? []).toEqual([]);
	});

	it('greets the visitor with the welcome intent when a chat starts with the bot', async () => {
		await ws.admin.setAppSettings(APP_ID, { welcome_intent: '/greet' });
		try {
			const room = await ws.newBotRoom();

			expect((await waitForBot(room, 1)).map((message) => message.msg)).toEqual(['You said: /greet']);
			expect(rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['/greet']);
		} finally {
			await ws.admin.setAppSettings(APP_ID, { welcome_intent: '' });
		}
	});

	describe('incoming send-message and trigger-intent', () => {
		const incoming = (body: object) => httpCall(ws.incomingUrl, { body, headers: ws.botHeaders });

		it('send-message posts Rasa-shaped messages as the bot', async () => {
			const room = await ws.newBotRoom();

			const answer = await incoming({
				action: 'send-message',
				sessionId: room.id,
				actionData: { messages: [{ text: 'Your order has shipped.' }, { image: 'https://example.com/box.png' }] },
			});

			expect(answer.text).toBe('{"msg":" Send message request handled successfully"}');
			const [text, image] = await waitForBot(room, 2);
			expect(text.msg).toBe('Your order has shipped.');
			expect(image.attachments).toEqual([expect.objectContaining({ image_url: 'https://example.com/box.png' })]);
		});

		it('trigger-intent sends /intent{entities} to Rasa and posts the replies', async () => {
			const room = await ws.newBotRoom();

			const answer = await incoming({
				action: 'trigger-intent',
				sessionId: room.id,
				actionData: { intent: 'inform', entities: { dept: 'sales' } },
			});

			expect(answer.text).toBe('{"msg":" Trigger intent request handled successfully"}');
			expect(rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['/inform{"dept":"sales"}']);
			expect((await waitForBot(room, 1)).map((message) => message.msg)).toEqual(['You said: /inform{"dept":"sales"}']);
		});

		it('trigger-intent answers 502 rasa-unavailable when Rasa fails', async () => {
			const room = await ws.newBotRoom();
			rasa.mode = 'down';

			const answer = await incoming({ action: 'trigger-intent', sessionId: room.id, actionData: { intent: 'greet' } });

			expect(answer.status).toBe(502);
			expect(answer.json.error).toBe('rasa-unavailable');
		});

		it('refuses both in a room a human serves: 409 not-served-by-bot, nothing posted', async () => {
			const room = await ws.newBotRoom();
			await incoming({ action: 'handover', sessionId: room.id, actionData: { targetDepartment: ws.salesName } });
			const before = (await botMessages(room)).length;

			const sent = await incoming({
				action: 'send-message',
				sessionId: room.id,
				actionData: { messages: [{ text: 'x' }] },
			});
			const triggered = await incoming({
				action: 'trigger-intent',
				sessionId: room.id,
				actionData: { intent: 'greet' },
			});

			expect([sent.status, sent.json.error]).toEqual([409, 'not-served-by-bot']);
			expect([triggered.status, triggered.json.error]).toEqual([409, 'not-served-by-bot']);
			expect(await botMessages(room)).toHaveLength(before);
		});
	});

	describe('callback mode', () => {
		const TOKEN = 'cb-secret-1234';
		const callbackUrl = () => `${ws.url}/api/apps/public/${APP_ID}/callback`;

		beforeAll(async () => {
			await ws.admin.setAppSettings(APP_ID, { rasa_mode: 'callback', rasa_callback_token: TOKEN });
			rasa.callbackUrl = `${callbackUrl()}?token=${TOKEN}`;
		});

		afterAll(async () => {
			await ws.admin.setAppSettings(APP_ID, { rasa_mode: 'rest' });
		});

		it('sends the turn to the callback channel and posts what Rasa POSTs back, one message per call', async () => {
			const room = await ws.newBotRoom();
			const answersBefore = rasa.callbackAnswers.length;

			await say(room, 'hello');

			expect((await waitForBot(room, 2)).map((message) => message.msg)).toEqual([
				'Hi! How can I help?',
				'Ask me anything.',
			]);
			expect(rasa.turnsOf(room.id)[0].channel).toBe('callback');
			expect(rasa.callbackAnswers.slice(answersBefore)).toEqual([200, 200]);
		});

		it.each([
			['no token', {}, ''],
			['a wrong token', {}, '?token=nope'],
			['a wrong bearer token', { Authorization: 'Bearer nope' }, ''],
		])('refuses a callback with %s: 401 JSON, nothing posted', async (_case, headers, query) => {
			const room = await ws.newBotRoom();

			const answer = await httpCall(`${callbackUrl()}${query}`, {
				body: { recipient_id: room.id, text: 'forged' },
				headers,
			});

			expect(answer.status).toBe(401);
			expect(answer.json).toMatchObject({ status: 'error', error: 'invalid-token' });
			expect(await botMessages(room)).toEqual([]);
		});

		it.each([
			['X-Rasa-Token header', { 'X-Rasa-Token': TOKEN }],
			['Authorization: Bearer header', { Authorization: `Bearer ${TOKEN}` }],
		])('accepts the token in an %s, and a list of messages', async (_case, headers) => {
			const room = await ws.newBotRoom();

			const answer = await httpCall(callbackUrl(), {
				body: [
					{ recipient_id: room.id, text: 'first' },
					{ recipient_id: room.id, text: 'second' },
				],
				headers,
			});

			expect(answer.status).toBe(200);
			expect((await waitForBot(room, 2)).map((message) => message.msg)).toEqual(['first', 'second']);
		});

		it.each([
			['an unknown room', 404, 'session-not-found', () => Promise.resolve('no-such-room')],
			[
				'a closed room',
				409,
				'room-closed',
				async () => {
					const room = await ws.newBotRoom();
					await httpCall(ws.incomingUrl, {
						body: { action: 'close-chat', sessionId: room.id },
						headers: ws.botHeaders,
					});
					return room.id;
				},
			],
			['no recipient_id', 400, 'invalid-request', () => Promise.resolve('')],
		])('answers a callback for %s with %i %s', async (_case, status, code, roomId) => {
			const id = await roomId();

			const answer = await httpCall(`${callbackUrl()}?token=${TOKEN}`, { body: { recipient_id: id, text: 'hello?' } });

			expect(answer.status).toBe(status);
			expect(answer.json).toMatchObject({ status: 'error', error: code });
		});
	});
});
