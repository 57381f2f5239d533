import { samplePng } from './support/images';
import { clickQuickReply } from './support/quickReplyClick';
import { openRelaySetup, eventually, type HistoryMessage, type RelaySetup } from './support/relaySetup';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';

/**
 * The conversation relay over Rasa's REST channel, end to end: a visitor writes through the livechat REST API,
 * Rocket.Chat's app event reaches the packaged app in the runtime, the app calls a scripted Rasa over HTTP, and the
 * replies show up. Quick replies, the welcome, send-message and trigger-intent are here too.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('conversation relay over the REST channel', () => {
	let setup: RelaySetup;

	beforeAll(async () => {
		setup = await openRelaySetup();
	}, 180000);

	afterAll(async () => {
		await setup?.close();
	});

	beforeEach(() => {
		setup.rasa.mode = 'normal';
	});

	const ws = () => setup.ws;
	const history: RelaySetup['history'] = (room) => setup.history(room);
	const botMessages: RelaySetup['botMessages'] = (room) => setup.botMessages(room);
	const say: RelaySetup['say'] = (room, text) => setup.say(room, text);
	const waitForBot: RelaySetup['waitForBot'] = (room, count) => setup.waitForBot(room, count);

	it('relays a visitor message to Rasa (room id as sender, metadata) and posts the replies in order', async () => {
		const room = await ws().newBotRoom();

		await say(room, 'hello');

		const replies = await waitForBot(room, 2);
		expect(replies.map((message) => message.msg)).toEqual(['Hi! How can I help?', 'Ask me anything.']);
		const [turn] = setup.rasa.turnsOf(room.id);
		expect(turn).toMatchObject({
			channel: 'rest',
			message: 'hello',
			metadata: { roomId: room.id, visitor: { name: 'Demo visitor' }, agent: { username: ws().botUsername } },
		});
		expect(JSON.stringify(turn.metadata)).not.toContain(room.visitorToken);
	});

	it('shows buttons as a UIKit actions block with the titles', async () => {
		const room = await ws().newBotRoom();

		await say(room, 'menu');

		const [message] = await waitForBot(room, 1);
		expect(message.msg).toBe('Which team?');
		expect(JSON.stringify(message.blocks)).toContain('Sales team');
		expect(message.blocks).toEqual([expect.objectContaining({ type: 'actions' })]);
	});

	it("posts a bot's image from another site as a file the workspace serves, and attachments as attachments", async () => {
		const room = await ws().newBotRoom();

		await say(room, 'image');
		await waitForBot(room, 1);
		await say(room, 'brochure');
		const [image, brochure] = (await waitForBot(room, 2)) as Array<HistoryMessage & { file?: { name: string } }>;

		// Fetched once from its site and stored: the visitor's widget reads it from the workspace, as long as it keeps it.
		expect(image.file).toMatchObject({ name: 'cat.png', type: 'image/png' });
		const link = (image.attachments as Array<{ image_url?: string }>)[0].image_url ?? '';
		expect(link).toMatch(/^\/file-upload\/[^/]+\/cat\.png$/);
		const served = await ws().admin.fetchFile(link, { visitorToken: room.visitorToken, roomId: room.id });
		expect({ status: served.status, type: served.type }).toEqual({ status: 200, type: 'image/png' });
		expect(setup.rasa.turnsOf(room.id)).toHaveLength(2);
		expect(brochure.attachments).toEqual([{ title: 'Brochure', title_link: 'https://example.com/brochure.pdf' }]);
	});

	it('performs a handover asked by a custom payload, through the same rules as the incoming API', async () => {
		const room = await ws().newBotRoom();

		await say(room, 'human');

		const info = await eventually(
			() => ws().admin.roomInfo(room.id),
			(value) => value.servedBy?.username === ws().agentUsername,
		);
		expect(info.departmentId).toBe(ws().salesId);
		expect((await botMessages(room)).map((message) => message.msg)).toEqual([
			'Let me find a colleague.',
			'Transferring you to a human agent. Please wait a moment.',
		]);
	});

	it('stops relaying once a human serves the room', async () => {
		const room = await ws().newBotRoom();
		await say(room, 'human');
		await eventually(
			() => ws().admin.roomInfo(room.id),
			(value) => value.servedBy?.username === ws().agentUsername,
		);
		const turnsBefore = setup.rasa.turnsOf(room.id).length;

		await say(room, 'are you still there?');
		await new Promise((resolve) => setTimeout(resolve, 500));

		expect(setup.rasa.turnsOf(room.id)).toHaveLength(turnsBefore);
	});

	it('closes the chat when a custom payload asks for it', async () => {
		const room = await ws().newBotRoom();

		await say(room, 'bye');

		const info = await eventually(
			() => ws().admin.roomInfo(room.id),
			(value) => !value.open,
		);
		expect(info.open).toBeFalsy();
		expect(info.closedBy?.username).toBe(ws().botUsername);
	});

	it('skips other custom payloads and unknown keys without breaking the reply', async () => {
		const room = await ws().newBotRoom();

		await say(room, 'widget');

		expect((await waitForBot(room, 1)).map((message) => message.msg)).toEqual(['After the widget.']);
	});

	it('posts nothing for a silent bot (200 [])', async () => {
		const room = await ws().newBotRoom();

		await say(room, 'silence');
		await eventually(
			async () => setup.rasa.turnsOf(room.id).length,
			(count) => count === 1,
		);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(await botMessages(room)).toEqual([]);
	});

	it('relays only the visitor: its own replies never go back to Rasa', async () => {
		const room = await ws().newBotRoom();

		await say(room, 'one');
		await waitForBot(room, 1);
		await say(room, 'two');
		await waitForBot(room, 2);
		await new Promise((resolve) => setTimeout(resolve, 300));

		expect(setup.rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['one', 'two']);
	});

	it.each([
		['down (500)', 'down'],
		['answering invalid JSON', 'invalid-json'],
		['answering JSON that is not a list', 'not-a-list'],
		['slower than the timeout', 'slow'],
	] as const)(
		'tells the visitor once when Rasa is %s, and keeps relaying other rooms',
		async (_case, mode) => {
			const room = await ws().newBotRoom();
			setup.rasa.mode = mode;

			await say(room, 'anyone there?');

			const replies = await waitForBot(room, 1);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect((await botMessages(room)).map((message) => message.msg)).toEqual([
				'Sorry, I am having trouble answering right now. Please try again in a moment.',
			]);
			expect(replies).toHaveLength(1);

			setup.rasa.mode = 'normal';
			const other = await ws().newBotRoom();
			await say(other, 'hello');
			expect(await waitForBot(other, 2)).toHaveLength(2);
		},
		20000,
	);

	it('a quick-reply click shows the title, sends the payload to Rasa once and hides the buttons', async () => {
		const room = await ws().newBotRoom();
		await say(room, 'menu');
		const [menu] = (await waitForBot(room, 1)) as Array<HistoryMessage & { _id: string }>;

		const click = await clickQuickReply(ws().url, room, menu);

		expect(click.status).toBe(200);
		const replies = await waitForBot(room, 2);
		expect(replies[1].msg).toBe('You said: /inform{"dept":"sales"}');
		const messages = await history(room);
		const visitors = messages.filter((message) => message.u.username !== ws().botUsername && !message.t);
		expect(visitors.map((message) => message.msg)).toEqual(['menu', 'Sales team']);
		expect(setup.rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['menu', '/inform{"dept":"sales"}']);
		expect(replies[0].blocks ?? []).toEqual([]);
	});

	it("keeps the bot's question intact after a click, and a second click on it does nothing", async () => {
		const room = await ws().newBotRoom();
		const asked = await httpCall(ws().incomingUrl, {
			body: {
				action: 'send-message',
				sessionId: room.id,
				actionData: {
					messages: [
						{
							text: 'Pick a plan',
							attachment: { type: 'file', payload: { src: 'https://example.com/plans.pdf', title: 'Plans' } },
							buttons: [{ title: 'Basic', payload: '/plan{"name":"basic"}' }],
						},
					],
				},
			},
			headers: ws().botHeaders,
		});
		expect(asked.status).toBe(200);
		const question = (await botMessages(room)).find((message) => message.msg === 'Pick a plan') as HistoryMessage;
		const click = () => clickQuickReply(ws().url, room, question);

		expect((await click()).status).toBe(200);
		await eventually(
			async () => setup.rasa.turnsOf(room.id).length,
			(count) => count === 1,
		);
		expect((await click()).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 300));

		const after = (await history(room)).find((message) => message._id === question._id);
		expect(after).toMatchObject({
			msg: 'Pick a plan',
			attachments: [{ title: 'Plans', title_link: 'https://example.com/plans.pdf' }],
		});
		expect(after?.blocks ?? []).toEqual([]);
		expect((await history(room)).filter((message) => message.msg === 'Basic')).toHaveLength(1);
		expect(setup.rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['/plan{"name":"basic"}']);
	});

	it('greets the visitor with the welcome intent when a chat starts with the bot', async () => {
		await ws().admin.setAppSettings(APP_ID, { welcome_intent: '/greet' });
		try {
			const room = await ws().newBotRoom();

			expect((await waitForBot(room, 1)).map((message) => message.msg)).toEqual(['You said: /greet']);
			expect(setup.rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['/greet']);
		} finally {
			await ws().admin.setAppSettings(APP_ID, { welcome_intent: '' });
		}
	});

	it("relays a visitor's file as its text and a description of the file, never the bytes", async () => {
		const room = await ws().newBotRoom();
		const bytes = samplePng();

		const upload = await ws().admin.uploadVisitorFile(room.visitorToken, room.id, {
			name: 'broken-part.png',
			type: 'image/png',
			bytes,
			description: 'the part that broke',
		});

		expect(upload.status).toBe(200);
		const [turn] = await eventually(
			async () => setup.rasa.turnsOf(room.id),
			(turns) => turns.length === 1,
		);
		expect(turn.message).toBe('the part that broke');
		const files = turn.metadata?.files as Array<{ url: string }>;
		expect(files).toEqual([
			{
				name: 'broken-part.png',
				type: 'image/png',
				size: bytes.length,
				url: expect.stringMatching(new RegExp(`^${ws().url}/file-upload/[^/]+/broken-part\\.png$`)),
			},
		]);
		expect(JSON.stringify({ message: turn.message, metadata: turn.metadata })).not.toContain(
			bytes.toString('base64').slice(0, 40),
		);
		// The URL is the workspace's: the visitor, and Rasa's action with a token, can read the file there.
		const served = await ws().admin.fetchFile(files[0].url, { visitorToken: room.visitorToken, roomId: room.id });
		expect(served.bytes.equals(bytes)).toBe(true);
		expect((await waitForBot(room, 1))[0].msg).toBe('You said: the part that broke');
	});

	describe('incoming send-message and trigger-intent', () => {
		const incoming = (body: object) => httpCall(ws().incomingUrl, { body, headers: ws().botHeaders });

		it('send-message posts Rasa-shaped messages as the bot', async () => {
			const room = await ws().newBotRoom();

			const answer = await incoming({
				action: 'send-message',
				sessionId: room.id,
				actionData: { messages: [{ text: 'Your order has shipped.' }, { image: `${setup.rasa.url}/images/box.png` }] },
			});

			expect(answer.text).toBe('{"msg":" Send message request handled successfully"}');
			const [text, image] = await waitForBot(room, 2);
			expect(text.msg).toBe('Your order has shipped.');
			expect(image).toMatchObject({ msg: '', file: { name: 'box.png', type: 'image/png' } });
		});

		it('trigger-intent sends /intent{entities} to Rasa and posts the replies', async () => {
			const room = await ws().newBotRoom();

			const answer = await incoming({
				action: 'trigger-intent',
				sessionId: room.id,
				actionData: { intent: 'inform', entities: { dept: 'sales' } },
			});

			expect(answer.text).toBe('{"msg":" Trigger intent request handled successfully"}');
			expect(setup.rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual(['/inform{"dept":"sales"}']);
			expect((await waitForBot(room, 1)).map((message) => message.msg)).toEqual(['You said: /inform{"dept":"sales"}']);
		});

		it('trigger-intent answers 502 rasa-unavailable when Rasa fails', async () => {
			const room = await ws().newBotRoom();
			setup.rasa.mode = 'down';

			const answer = await incoming({ action: 'trigger-intent', sessionId: room.id, actionData: { intent: 'greet' } });

			expect(answer.status).toBe(502);
			expect(answer.json.error).toBe('rasa-unavailable');
		});

		it('refuses both in a room a human serves: 409 not-served-by-bot, nothing posted', async () => {
			const room = await ws().newBotRoom();
			await incoming({ action: 'handover', sessionId: room.id, actionData: { targetDepartment: ws().salesName } });
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
});
