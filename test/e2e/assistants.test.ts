import { randomBytes } from 'crypto';

import { openDemoWorkspace, type DemoWorkspace } from './support/demoWorkspace';
import { eventually } from './support/relaySetup';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';

const VISITORS = 50;
const TURNS = 3;

/**
 * Two assistants in one workspace, end to end: the single-bot settings speak English through one Rasa, an entry of
 * the Assistants setting German through another; each chat is served by its department's bot and every turn goes to
 * that bot's Rasa only, in order; a callback is taken only with the serving assistant's token.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('several assistants in one workspace', () => {
	let ws: DemoWorkspace;
	let english: FakeRasa;
	let german: FakeRasa;
	let germanBot: string;
	let germanDepartment: string;
	const TOKEN_EN = 'token-english-1';
	const TOKEN_DE = 'token-german-2';

	beforeAll(async () => {
		english = await FakeRasa.start((text) => [{ text: `You said: ${text}` }]);
		german = await FakeRasa.start((text) => [{ text: `Du sagtest: ${text}` }]);
		ws = await openDemoWorkspace();
		germanBot = `rasabot-de-${randomBytes(3).toString('hex')}`;
		const password = `pw-${randomBytes(6).toString('hex')}`;
		const botId = await ws.admin.createUser({
			username: germanBot,
			name: 'Rasa Bot (DE)',
			password,
			roles: ['bot', 'livechat-agent'],
		});
		await ws.admin.addAgent(germanBot);
		const anonymous = new RocketChatClient(ws.url);
		await anonymous.as(await anonymous.login(germanBot, password)).setStatus('online');
		await ws.admin.setAgentStatus(botId, 'available');
		germanDepartment = await ws.admin.createDepartment(`Bots DE ${randomBytes(3).toString('hex')}`, [
			{ agentId: botId, username: germanBot },
		]);
		await ws.admin.setAppSettings(APP_ID, {
			rasa_server_url: english.url,
			rasa_callback_token: TOKEN_EN,
			assistants: JSON.stringify([{ botUsername: germanBot, rasaServerUrl: german.url, callbackToken: TOKEN_DE }]),
		});
	}, 180000);

	afterAll(async () => {
		await ws?.close();
		await english?.stop();
		await german?.stop();
	});

	async function visitor(department: string) {
		const token = `visitor-${randomBytes(8).toString('hex')}`;
		await ws.admin.registerVisitor(token, 'Visitor', department);
		const id = await ws.admin.openRoom(token);
		return { id, visitorToken: token };
	}

	it(`relays ${VISITORS} visitors of each assistant at once, every turn to its own Rasa, in order`, async () => {
		const rooms = await Promise.all([
			...Array.from({ length: VISITORS }, () => visitor(ws.botsId)),
			...Array.from({ length: VISITORS }, () => visitor(germanDepartment)),
		]);
		const englishRooms = rooms.slice(0, VISITORS);
		const germanRooms = rooms.slice(VISITORS);
		for (const room of englishRooms) {
			expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(ws.botUsername);
		}
		for (const room of germanRooms) {
			expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(germanBot);
		}

		await Promise.all(
			rooms.map(async (room) => {
				for (let turn = 1; turn <= TURNS; turn++) {
					await ws.admin.sendVisitorMessage(room.visitorToken, room.id, `${room.id} turn ${turn}`);
				}
			}),
		);
		await eventually(
			async () => english.turns.length + german.turns.length,
			(count) => count >= 2 * VISITORS * TURNS,
			30000,
		);

		const expected = (room: { id: string }) =>
			Array.from({ length: TURNS }, (_, index) => `${room.id} turn ${index + 1}`);
		for (const room of englishRooms) {
			expect(english.turnsOf(room.id).map((turn) => turn.message)).toEqual(expected(room));
			expect(german.turnsOf(room.id)).toEqual([]);
		}
		for (const room of germanRooms) {
			expect(german.turnsOf(room.id).map((turn) => turn.message)).toEqual(expected(room));
			expect(english.turnsOf(room.id)).toEqual([]);
		}
		expect([english.turns.length, german.turns.length]).toEqual([VISITORS * TURNS, VISITORS * TURNS]);
		const lastGerman = germanRooms[0];
		await eventually(
			async () =>
				(await ws.admin.visitorHistory(lastGerman.visitorToken, lastGerman.id)).filter(
					(message) => message.u.username === germanBot,
				).length,
			(count) => count >= TURNS,
		);
		const answers = (await ws.admin.visitorHistory(lastGerman.visitorToken, lastGerman.id))
			.filter((message) => message.u.username === germanBot)
			.map((message) => message.msg);
		expect(answers).toEqual(expected(lastGerman).map((text) => `Du sagtest: ${text}`));
	}, 120000);

	it("refuses a callback with one assistant's token for another assistant's chat, and posts nothing", async () => {
		const germanRoom = await visitor(germanDepartment);
		const callback = `${ws.url}/api/apps/public/${APP_ID}/callback`;
		const before = (await ws.admin.visitorHistory(germanRoom.visitorToken, germanRoom.id)).length;

		const crossed = await httpCall(callback, {
			body: { recipient_id: germanRoom.id, text: 'from the wrong Rasa' },
			headers: { 'X-Rasa-Token': TOKEN_EN },
		});
		const own = await httpCall(callback, {
			body: { recipient_id: germanRoom.id, text: 'Hallo!' },
			headers: { 'X-Rasa-Token': TOKEN_DE },
		});

		expect([crossed.status, crossed.json.error]).toEqual([409, 'not-served-by-bot']);
		expect(own.status).toBe(200);
		const after = (await ws.admin.visitorHistory(germanRoom.visitorToken, germanRoom.id))
			.slice(before)
			.map((message) => message.msg);
		expect(after).toEqual(['Hallo!']);
	});

	it("refuses one assistant's custom action acting on another assistant's chat, with the published error", async () => {
		const germanRoom = await visitor(germanDepartment);

		const answer = await httpCall(ws.incomingUrl, {
			body: { action: 'close-chat', sessionId: germanRoom.id },
			headers: ws.botHeaders,
		});

		expect([answer.status, answer.json.error]).toEqual([409, 'not-served-by-bot']);
		expect((await ws.admin.roomInfo(germanRoom.id)).open).toBe(true);
	});

	it('keeps the first assistant answering when the list is malformed, and says so once in the log', async () => {
		await ws.admin.setAppSettings(APP_ID, { assistants: '[{"botUsername": ' });
		try {
			const room = await visitor(ws.botsId);
			for (const text of ['one', 'two']) {
				await ws.admin.sendVisitorMessage(room.visitorToken, room.id, text);
			}
			await eventually(
				async () => english.turnsOf(room.id).length,
				(count) => count >= 2,
			);
			const logs = (await ws.admin.call(`/api/apps/${APP_ID}/logs?count=500`)).json.logs as Array<{
				entries: Array<{ args: unknown[] }>;
			}>;
			const said = logs
				.flatMap((log) => log.entries)
				.filter((entry) => JSON.stringify(entry.args).includes('the Assistants setting is not JSON'));
			expect(said).toHaveLength(1);
			expect(english.turnsOf(room.id).map((turn) => turn.message)).toEqual(['one', 'two']);
		} finally {
			await ws.admin.setAppSettings(APP_ID, {
				assistants: JSON.stringify([{ botUsername: germanBot, rasaServerUrl: german.url, callbackToken: TOKEN_DE }]),
			});
		}
	});
});
