import { openDemoWorkspace, type BotRoom, type DemoWorkspace } from './support/demoWorkspace';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';

const TOKEN = 'hardening-callback-token';

/** A Rasa answer of 1,000 messages. */
const flood = () => Array.from({ length: 1000 }, (_, index) => ({ text: `flood ${index}` }));

/** The remaining gaps found under attack, against the packaged app: answers, caps and limits. */
describe('hardening', () => {
	let ws: DemoWorkspace;
	let rasa: FakeRasa;

	beforeAll(async () => {
		rasa = await FakeRasa.start(flood);
		ws = await openDemoWorkspace();
		await ws.admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url, rasa_callback_token: TOKEN });
	}, 180000);

	// A scheduled job sent while the app's runtime was stalled ends with the engine's 30-second timeout first.
	afterAll(async () => {
		await ws?.close();
		await rasa?.stop();
	}, 45000);

	beforeEach(() => {
		rasa.mode = 'normal';
	});

	const callbackUrl = () => `${ws.url}/api/apps/public/${APP_ID}/callback`;
	const botTexts = async (room: BotRoom) =>
		(await ws.admin.visitorHistory(room.visitorToken, room.id))
			.filter((message) => message.u.username === ws.botUsername && !message.t)
			.map((message) => message.msg);

	it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('answers %s on every endpoint with a 405 in JSON', async (method) => {
		for (const url of [ws.incomingUrl, `${callbackUrl()}?token=${TOKEN}`]) {
			const answer = await httpCall(url, { method, headers: ws.botHeaders });

			expect([answer.status, answer.json?.error, answer.headers.allow]).toEqual([405, 'method-not-allowed', 'POST']);
		}
	});

	it("names recipient_id in the callback's 404", async () => {
		const answer = await httpCall(`${callbackUrl()}?token=${TOKEN}`, { body: { recipient_id: 'nope', text: 'hi' } });

		expect([answer.status, answer.json?.error]).toEqual([404, 'session-not-found']);
		expect(answer.json?.message).toContain('recipient_id');
		expect(answer.json?.message).not.toContain('sessionId');
	});

	it('posts at most 100 messages of one Rasa answer, whatever the channel', async () => {
		const room = await ws.newBotRoom();

		const answer = await httpCall(ws.incomingUrl, {
			body: { action: 'trigger-intent', sessionId: room.id, actionData: { intent: 'flood' } },
			headers: ws.botHeaders,
		});

		expect(answer.status).toBe(200);
		expect(await botTexts(room)).toHaveLength(100);
		const callbackList = await httpCall(`${callbackUrl()}?token=${TOKEN}`, {
			body: Array.from({ length: 101 }, () => ({ recipient_id: room.id, text: 'x' })),
		});
		expect([callbackList.status, callbackList.json?.error]).toEqual([400, 'invalid-request']);
		const sendMessage = await httpCall(ws.incomingUrl, {
			body: {
				action: 'send-message',
				sessionId: room.id,
				actionData: { messages: Array.from({ length: 101 }, () => ({ text: 'x' })) },
			},
			headers: ws.botHeaders,
		});
		expect([sendMessage.status, sendMessage.json?.error]).toEqual([400, 'invalid-request']);
	});

	it('shows the first 100 of a 1,000-message REST answer', async () => {
		const room = await ws.newBotRoom();

		await ws.admin.sendVisitorMessage(room.visitorToken, room.id, 'flood');

		const deadline = Date.now() + 15000;
		let texts = await botTexts(room);
		while (texts.length < 100 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			texts = await botTexts(room);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
		texts = await botTexts(room);
		expect(texts).toHaveLength(100);
		expect(texts[99]).toBe('flood 99');
	}, 30000);

	it('never echoes control characters a caller sent into its answers', async () => {
		const answer = await httpCall(ws.incomingUrl, {
			body: { action: 'close-chat', sessionId: 'fake\nINFO forged line\u0000\u202Egnp.exe' },
			headers: ws.botHeaders,
		});

		expect(answer.status).toBe(404);
		const message = String(answer.json?.message);
		expect(['\n', '\u0000', '\u202E'].filter((char) => message.includes(char))).toEqual([]);
		expect(message).toContain('fake INFO forged line');
	});

	it('answers trigger-intent in JSON before Rocket.Chat gives up on the call, even when Rasa never answers', async () => {
		const room = await ws.newBotRoom();
		await ws.admin.setAppSettings(APP_ID, { rasa_timeout_seconds: 120 });
		rasa.mode = 'slow';
		rasa.slowMs = 40000;
		try {
			const started = Date.now();
			const answer = await httpCall(ws.incomingUrl, {
				body: { action: 'trigger-intent', sessionId: room.id, actionData: { intent: 'greet' } },
				headers: ws.botHeaders,
				timeoutMs: 40000,
			});

			expect([answer.status, answer.json?.error]).toEqual([502, 'rasa-unavailable']);
			expect(Date.now() - started).toBeLessThan(30000);
		} finally {
			await ws.admin.setAppSettings(APP_ID, { rasa_timeout_seconds: 5 });
		}
	}, 45000);
});
