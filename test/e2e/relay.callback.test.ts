import { eventually, openRelaySetup, type RelaySetup } from './support/relaySetup';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';

const TOKEN = 'cb-secret-1234';

/**
 * The conversation relay over Rasa's callback channel, end to end: the app sends the turn to the callback webhook,
 * and the scripted Rasa POSTs each reply to the app's callback endpoint, as Rasa does.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('conversation relay over the callback channel', () => {
	let setup: RelaySetup;
	const callbackUrl = () => `${setup.ws.url}/api/apps/public/${APP_ID}/callback`;

	beforeAll(async () => {
		setup = await openRelaySetup({ rasa_mode: 'callback', rasa_callback_token: TOKEN });
		setup.rasa.callbackUrl = `${callbackUrl()}?token=${TOKEN}`;
	}, 180000);

	afterAll(async () => {
		await setup?.close();
	});

	const ws = () => setup.ws;
	const botMessages: RelaySetup['botMessages'] = (room) => setup.botMessages(room);
	const say: RelaySetup['say'] = (room, text) => setup.say(room, text);
	const waitForBot: RelaySetup['waitForBot'] = (room, count) => setup.waitForBot(room, count);
	const rasa = () => setup.rasa;

	it('sends the turn to the callback channel and posts what Rasa POSTs back, one message per call', async () => {
		const room = await ws().newBotRoom();
		const answersBefore = rasa().callbackAnswers.length;

		await say(room, 'hello');

		expect((await waitForBot(room, 2)).map((message) => message.msg)).toEqual([
			'Hi! How can I help?',
			'Ask me anything.',
		]);
		expect(rasa().turnsOf(room.id)[0].channel).toBe('callback');
		// Rasa learns each callback's status when the app's answer reaches it, which may be after the message shows.
		const answers = await eventually(
			async () => rasa().callbackAnswers.slice(answersBefore),
			(statuses) => statuses.length >= 2,
		);
		expect(answers).toEqual([200, 200]);
	});

	it.each([
		['no token', {}, ''],
		['a wrong token', {}, '?token=nope'],
		['a wrong bearer token', { Authorization: 'Bearer nope' }, ''],
		['the token with a suffix', {}, `?token=${TOKEN}x`],
		['the token with a suffix in a header', { 'X-Rasa-Token': `${TOKEN}x` }, ''],
		['a prefix of the token', {}, `?token=${TOKEN.slice(0, -1)}`],
	])('refuses a callback with %s: 401 JSON, nothing posted', async (_case, headers, query) => {
		const room = await ws().newBotRoom();

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
		const room = await ws().newBotRoom();

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
				const room = await ws().newBotRoom();
				await httpCall(ws().incomingUrl, {
					body: { action: 'close-chat', sessionId: room.id },
					headers: ws().botHeaders,
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
