import { openDemoWorkspace, type BotRoom, type DemoWorkspace } from './support/demoWorkspace';
import { httpCall, type HttpAnswer } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';

type HistoryMessage = { msg: string; u: { username: string }; t?: string };

const TRANSFERRING = 'Transferring you to a human agent. Please wait a moment.';
const TOKEN = 'concurrency-callback-token';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		value = await read();
	}
	return value;
}

/**
 * The races an attacker found against npm start, replayed against the packaged app: many requests and events for
 * one room at once. Each test counts what the visitor sees (messages.history) and what happened to the room
 * (transfers, close), not only the status codes.
 */
describe('one room hit by many requests and events at once', () => {
	let ws: DemoWorkspace;
	let rasa: FakeRasa;
	let supportName: string;
	let supportAgent: string;

	beforeAll(async () => {
		rasa = await FakeRasa.start((text) => {
			if (text.startsWith('human')) {
				return [
					{ text: 'Let me check.' },
					{ custom: { action: 'handover', targetDepartment: ws.salesName } },
					{ text: 'Anything else?' },
				];
			}
			return [{ text: `You said: ${text}` }];
		});
		ws = await openDemoWorkspace();
		await ws.admin.setAppSettings(APP_ID, {
			rasa_server_url: rasa.url,
			rasa_timeout_seconds: 5,
			rasa_callback_token: TOKEN,
		});
		// A second department with an agent online, so that two handovers can both be possible.
		const suffix = ws.salesName.replace(/^Sales/, '');
		supportName = `Support${suffix}`;
		supportAgent = `carol${suffix}`;
		const password = 'Carol-pass-1';
		const carolId = await ws.admin.createUser({
			username: supportAgent,
			password,
			roles: ['user', 'livechat-agent'],
		});
		await ws.admin.addAgent(supportAgent);
		await ws.admin.as(await ws.admin.login(supportAgent, password)).setStatus('online');
		await ws.admin.setAgentStatus(carolId, 'available');
		await ws.admin.createDepartment(supportName, [{ agentId: carolId, username: supportAgent }]);
	}, 180000);

	afterAll(async () => {
		await ws?.close();
		await rasa?.stop();
	});

	const history = (room: BotRoom) => ws.admin.visitorHistory(room.visitorToken, room.id) as Promise<HistoryMessage[]>;
	const texts = (messages: HistoryMessage[]) => messages.filter((message) => !message.t).map((message) => message.msg);
	const transfers = (messages: HistoryMessage[]) =>
		messages.filter((message) => message.t === 'livechat_transfer_history').length;
	const incoming = (body: object): Promise<HttpAnswer> =>
		httpCall(ws.incomingUrl, { body, headers: ws.botHeaders, timeoutMs: 30000 });
	const handover = (room: BotRoom, department: string) =>
		incoming({ action: 'handover', sessionId: room.id, actionData: { targetDepartment: department } });
	const close = (room: BotRoom) => incoming({ action: 'close-chat', sessionId: room.id });
	const codes = (answers: HttpAnswer[]) =>
		answers.map((answer) => (answer.status === 200 ? 'ok' : String(answer.json?.error))).sort();

	it('20 handovers at once: one transfer, one "Transferring" message, 19 answers not-served-by-bot', async () => {
		const room = await ws.newBotRoom();

		const answers = await Promise.all(Array.from({ length: 20 }, () => handover(room, ws.salesName)));

		expect(codes(answers)).toEqual([...Array<string>(19).fill('not-served-by-bot'), 'ok']);
		const messages = await history(room);
		expect(texts(messages).filter((text) => text === TRANSFERRING)).toHaveLength(1);
		expect(transfers(messages)).toBe(1);
		expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(ws.agentUsername);
	});

	it('10 handovers to Sales racing 10 to Support: one transfer, the chat never bounces', async () => {
		const room = await ws.newBotRoom();

		const answers = await Promise.all(
			Array.from({ length: 20 }, (_, index) => handover(room, index % 2 ? ws.salesName : supportName)),
		);

		expect(codes(answers).filter((code) => code === 'ok')).toHaveLength(1);
		const messages = await history(room);
		expect(transfers(messages)).toBe(1);
		expect(texts(messages).filter((text) => text === TRANSFERRING)).toHaveLength(1);
		expect([ws.agentUsername, supportAgent]).toContain((await ws.admin.roomInfo(room.id)).servedBy?.username);
	});

	it('10 handovers racing 10 closes: one winner, the rest say why, nothing posted after the close', async () => {
		const room = await ws.newBotRoom();

		const answers = await Promise.all(
			Array.from({ length: 20 }, (_, index) => (index % 2 ? close(room) : handover(room, ws.salesName))),
		);

		const outcome = codes(answers);
		expect(outcome.filter((code) => code === 'ok')).toHaveLength(1);
		// The loser's code tells the truth: a close left the room closed, a handover left it with a human.
		expect(
			outcome.filter((code) => code !== 'ok').every((code) => ['room-closed', 'not-served-by-bot'].includes(code)),
		).toBe(true);
		const messages = await history(room);
		const closedAt = messages.findIndex((message) => message.t === 'livechat-close');
		if (closedAt >= 0) {
			expect(messages.slice(closedAt + 1)).toEqual([]);
			expect(transfers(messages)).toBe(0);
		} else {
			expect(transfers(messages)).toBe(1);
		}
		expect(texts(messages).filter((text) => text === TRANSFERRING).length).toBeLessThanOrEqual(1);
	});

	it('five overlapping visitor turns answered [text, handover, text]: one handover, nothing from the bot after it', async () => {
		const room = await ws.newBotRoom();

		await Promise.all(
			['human 1', 'human 2', 'human 3', 'human 4', 'human 5'].map((text) =>
				ws.admin.sendVisitorMessage(room.visitorToken, room.id, text),
			),
		);

		const info = await eventually(
			() => ws.admin.roomInfo(room.id),
			(value) => value.servedBy?.username === ws.agentUsername,
		);
		expect(info.departmentId).toBe(ws.salesId);
		// Let every queued turn finish: none may reach Rasa or post once the human serves the chat.
		await eventually(
			async () => rasa.turnsOf(room.id).length,
			() => false,
			1500,
		);
		const messages = await history(room);
		const fromBot = messages.filter((message) => message.u.username === ws.botUsername && !message.t);
		expect(fromBot.map((message) => message.msg)).toEqual(['Let me check.', TRANSFERRING]);
		expect(transfers(messages)).toBe(1);
		expect(rasa.turnsOf(room.id)).toHaveLength(1);
	});

	it('a callback list [text, close-chat, text, close-chat] stops at the close and counts what it delivered', async () => {
		const room = await ws.newBotRoom();

		const answer = await httpCall(`${ws.url}/api/apps/public/${APP_ID}/callback?token=${TOKEN}`, {
			body: [
				{ recipient_id: room.id, text: 'Goodbye!' },
				{ recipient_id: room.id, custom: { action: 'close-chat' } },
				{ recipient_id: room.id, text: 'one more thing' },
				{ recipient_id: room.id, custom: { action: 'close-chat' } },
			],
		});

		expect(answer.json).toEqual({ status: 'ok', delivered: 2 });
		const messages = await history(room);
		expect(texts(messages.slice(room.historyLength))).toEqual(['Goodbye!']);
		expect(messages[messages.length - 1].t).toBe('livechat-close');
		expect((await ws.admin.roomInfo(room.id)).open).toBeUndefined();
	});

	it('a user with the bot role cannot close a chat a human serves; the chat stays open', async () => {
		const room = await ws.newBotRoom();
		expect((await handover(room, ws.salesName)).status).toBe(200);

		const answer = await close(room);

		expect([answer.status, answer.json?.error]).toEqual([409, 'not-served-by-bot']);
		const info = await ws.admin.roomInfo(room.id);
		expect([info.open, info.servedBy?.username]).toEqual([true, ws.agentUsername]);
	});

	it('a stale reply from Rasa (e.g. a reminder) after the handover is dropped, and says so', async () => {
		const room = await ws.newBotRoom();
		expect((await handover(room, ws.salesName)).status).toBe(200);
		const before = (await history(room)).length;

		const answer = await httpCall(`${ws.url}/api/apps/public/${APP_ID}/callback?token=${TOKEN}`, {
			body: { recipient_id: room.id, text: 'Reminder: your order is ready', custom: { action: 'close-chat' } },
		});

		expect([answer.status, answer.json?.error]).toEqual([409, 'not-served-by-bot']);
		expect((await history(room)).length).toBe(before);
		expect((await ws.admin.roomInfo(room.id)).open).toBe(true);
	});
});
