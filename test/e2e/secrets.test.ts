import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall } from '../../sandbox/src/client/http';
import { openBotRoom, seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/startSandbox';
import { DEFAULT_SERVICE_UNAVAILABLE_MESSAGE as UNAVAILABLE } from '../../src/settings/declarations';

const RASA_USER = 'rasa-user';
const RASA_PASSWORD = 'Rasa-Pass-9f3c-SECRET';
const CALLBACK_TOKEN = 'callback-token-7d1e-SECRET';

type AppLogEntry = { method: string; entries: Array<{ severity: string; args: unknown[] }> };

/**
 * Secrets in every log: the whole flow runs with real credentials (login tokens, a Rasa URL with a password, the
 * callback token in the query and in a header), then every log the sandbox and the app wrote is searched for them,
 * including the app's log storage that Rocket.Chat shows admins.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('no secret in any log', () => {
	let sandbox: RunningSandbox;
	let rasa: FakeRasa;
	let admin: RocketChatClient;
	let seed: DemoWorkspaceSeed;
	let adminToken: string;
	const sandboxLog: string[] = [];

	beforeAll(async () => {
		rasa = await FakeRasa.start((text) =>
			text === 'bye' ? [{ text: 'Goodbye' }, { custom: { action: 'close-chat' } }] : [{ text: `echo ${text}` }],
		);
		sandbox = await startSandbox({
			port: 0,
			adminPassword: 'secrets-admin',
			log: (_level, line) => sandboxLog.push(line),
		});
		const anonymous = new RocketChatClient(sandbox.url);
		const login = await anonymous.login(sandbox.adminUsername, sandbox.adminPassword);
		adminToken = login.authToken;
		admin = anonymous.as(login);
		seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		await admin.setAppSettings(APP_ID, { rasa_server_url: withCredentials(), rasa_callback_token: CALLBACK_TOKEN });
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
		await rasa?.stop();
	});

	const withCredentials = () => rasa.url.replace('http://', `http://${RASA_USER}:${RASA_PASSWORD}@`);

	/** Waits until the bot has posted `text` `count` times in the room. */
	const waitForBotText = async (room: { id: string; visitorToken: string }, text: string, count: number) => {
		const deadline = Date.now() + 8000;
		const times = async () =>
			(await admin.visitorHistory(room.visitorToken, room.id)).filter((message) => message.msg === text).length;
		while ((await times()) < count && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(await times()).toBe(count);
	};

	const appLogs = async (): Promise<AppLogEntry[]> => {
		const answer = await admin.call(`/api/apps/${APP_ID}/logs?count=500`);
		expect(answer.status).toBe(200);
		return answer.json.logs as AppLogEntry[];
	};

	const lines = (logs: AppLogEntry[]) =>
		logs.flatMap((log) => log.entries.map((entry) => `${log.method} ${entry.severity} ${JSON.stringify(entry.args)}`));

	it('sends the credentials of the Rasa URL as Basic auth', async () => {
		const room = await openBotRoom(admin, seed);

		await admin.sendVisitorMessage(room.visitorToken, room.id, 'hello');

		const deadline = Date.now() + 8000;
		while (rasa.turnsOf(room.id).length === 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const [turn] = rasa.turnsOf(room.id);
		expect(turn?.authorization).toBe(`Basic ${Buffer.from(`${RASA_USER}:${RASA_PASSWORD}`).toString('base64')}`);
	});

	it('logs a health line within seconds when the Rasa URL changes, reachable or not', async () => {
		await admin.setAppSettings(APP_ID, { rasa_server_url: 'http://127.0.0.1:9' });
		const dead = lines(await appLogs()).find((line) =>
			line.includes('Rasa health: http://127.0.0.1:9 cannot be reached'),
		);
		await admin.setAppSettings(APP_ID, { rasa_server_url: withCredentials() });
		const reachable = lines(await appLogs()).find((line) => line.includes(`Rasa health: ${rasa.url} is reachable`));

		expect(dead).toBeDefined();
		expect(reachable).toBeDefined();
	});

	it('keeps every token, password and secret of the whole flow out of the sandbox log and the app log', async () => {
		const room = await openBotRoom(admin, seed);
		const incoming = `${sandbox.url}/api/apps/public/${APP_ID}/incoming`;
		const botHeaders = admin.authHeaders(seed.bot);
		const callback = `${sandbox.url}/api/apps/public/${APP_ID}/callback`;

		await admin.sendVisitorMessage(room.visitorToken, room.id, 'hello');
		await httpCall(incoming, {
			body: { action: 'trigger-intent', sessionId: room.id, actionData: { intent: 'greet' } },
			headers: botHeaders,
		});
		await httpCall(incoming, {
			body: { action: 'handover', sessionId: room.id, actionData: { targetDepartment: 'Nowhere' } },
			headers: botHeaders,
		});
		await httpCall(incoming, {
			body: { action: 'close-chat', sessionId: room.id },
			headers: { ...botHeaders, 'X-Auth-Token': 'wrong-token-SECRET' },
		});
		await httpCall(`${callback}?token=${CALLBACK_TOKEN}`, { body: { recipient_id: room.id, text: 'from a callback' } });
		await httpCall(callback, {
			body: { recipient_id: room.id, text: 'by header' },
			headers: { 'X-Rasa-Token': CALLBACK_TOKEN },
		});
		await httpCall(`${callback}?token=wrong-callback-SECRET`, { body: { recipient_id: room.id, text: 'refused' } });
		await httpCall(incoming, { method: 'GET', headers: botHeaders });
		// Failed turns while the URL carries credentials: Rasa answering 500, then Rasa unreachable.
		rasa.mode = 'down';
		await admin.sendVisitorMessage(room.visitorToken, room.id, 'while Rasa fails');
		await waitForBotText(room, UNAVAILABLE, 1);
		rasa.mode = 'normal';
		await admin.setAppSettings(APP_ID, { rasa_server_url: `http://${RASA_USER}:${RASA_PASSWORD}@127.0.0.1:9` });
		await admin.sendVisitorMessage(room.visitorToken, room.id, 'while Rasa is unreachable');
		await waitForBotText(room, UNAVAILABLE, 2);
		await admin.setAppSettings(APP_ID, { rasa_server_url: withCredentials() });
		await admin.sendVisitorMessage(room.visitorToken, room.id, 'bye');
		await new Promise((resolve) => setTimeout(resolve, 500));

		const secrets = [
			seed.bot.authToken,
			seed.plainUser.authToken,
			adminToken,
			RASA_PASSWORD,
			Buffer.from(`${RASA_USER}:${RASA_PASSWORD}`).toString('base64'),
			CALLBACK_TOKEN,
			'wrong-token-SECRET',
			'wrong-callback-SECRET',
		];
		const everything = [...sandboxLog, ...lines(await appLogs())];
		expect(everything.length).toBeGreaterThan(20);
		// On a failure, the offending lines show where the secret leaked (the secrets here are test values).
		const leaks = everything.filter((line) => secrets.some((secret) => line.includes(secret)));
		expect(leaks.map((line) => line.slice(0, 300))).toEqual([]);
	});
});
