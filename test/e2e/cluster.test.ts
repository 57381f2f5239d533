import { randomBytes } from 'crypto';

import { clickQuickReply } from './support/quickReplyClick';
import { eventually } from './support/relaySetup';
import { visitorSees } from './support/visitorSees';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall } from '../../sandbox/src/client/http';
import { openBotRoom, seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/startSandbox';

const INSTANCES = 3;
const CONCURRENT = 20;
const REPEATS = 20;

/**
 * The app on a Rocket.Chat cluster: three instances over one workspace, each with its own app runtime, behind a
 * round-robin front. Each guarantee is asked 20 times at once, spread over the instances, 20 times over; the tests
 * count what the visitor sees, what happened to the room and what the scripted Rasa received.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox(`the app on a cluster of ${INSTANCES} instances`, () => {
	let sandbox: RunningSandbox;
	let rasa: FakeRasa;
	let admin: RocketChatClient;
	let seed: DemoWorkspaceSeed;

	beforeAll(async () => {
		rasa = await FakeRasa.start((text) => [{ text: `You said: ${text}` }]);
		sandbox = await startSandbox({ port: 0, instances: INSTANCES, adminPassword: 'cluster-admin', logLevel: 'error' });
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		await admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url });
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
		await rasa?.stop();
	});

	const turnsOf = (roomId: string) => rasa.turnsOf(roomId);
	/** The i-th call goes to instance i mod 3, straight to its own port. */
	const instanceUrl = (index: number) => sandbox.instanceUrls[index % INSTANCES];
	const incoming = (index: number, body: object) =>
		httpCall(`${instanceUrl(index)}/api/apps/public/${APP_ID}/incoming`, {
			body,
			headers: admin.authHeaders(seed.bot),
		});
	const seen = (room: { id: string; visitorToken: string }) => visitorSees(admin, room);

	it('runs every instance: each has its own app runtime, and an app setting reaches all of them', async () => {
		expect(sandbox.engines).toHaveLength(INSTANCES);
		expect(new Set(sandbox.instanceUrls).size).toBe(INSTANCES);
		for (const engine of sandbox.engines) {
			expect(engine.settings(APP_ID)?.rasa_server_url.value).toBe(rasa.url);
		}
		// Every instance's app registered its endpoints (they need the permissions granted at install).
		const answers = await Promise.all(sandbox.instanceUrls.map((_, index) => incoming(index, { action: 'dance' })));
		expect(answers.map((answer) => [answer.status, answer.json?.error])).toEqual(
			sandbox.instanceUrls.map(() => [400, 'invalid-request']),
		);
	});

	it('hands a room over once, with one "Transferring" message, when asked on every instance at once', async () => {
		const sales = seed.salesDepartment.name;
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			const room = await openBotRoom(admin, seed);
			const before = (await seen(room)).length;

			const answers = await Promise.all(
				Array.from({ length: CONCURRENT }, (_, index) =>
					incoming(index, {
						action: 'handover',
						sessionId: room.id,
						actionData: { targetDepartment: sales },
					}),
				),
			);

			expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
			expect((await seen(room)).slice(before)).toEqual([
				`${seed.botUsername}: Transferring you to a human agent. Please wait a moment.`,
				'[livechat_transfer_history]',
			]);
			expect((await admin.roomInfo(room.id)).servedBy?.username).toBe(seed.agentUsername);
		}
	}, 120000);

	it('closes a room once, answering one 200 and room-closed to the rest, when asked on every instance at once', async () => {
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			const room = await openBotRoom(admin, seed);

			const answers = await Promise.all(
				Array.from({ length: CONCURRENT }, (_, index) => incoming(index, { action: 'close-chat', sessionId: room.id })),
			);

			expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
			expect(new Set(answers.filter((answer) => answer.status !== 200).map((answer) => answer.json.error))).toEqual(
				new Set(['room-closed']),
			);
			expect((await seen(room)).filter((line) => line === '[livechat-close]')).toHaveLength(1);
		}
	}, 120000);

	it('takes a quick-reply click once (shown once, sent to Rasa once) when it reaches every instance at once', async () => {
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			const room = await openBotRoom(admin, seed);
			await incoming(0, {
				action: 'send-message',
				sessionId: room.id,
				actionData: {
					messages: [{ text: 'Which team?', buttons: [{ title: 'Sales', payload: `/sales{"n":${repeat}}` }] }],
				},
			});
			const question = (await admin.visitorHistory(room.visitorToken, room.id)).find(
				(message) => message.msg === 'Which team?',
			);

			await Promise.all(
				Array.from({ length: CONCURRENT }, (_, index) =>
					clickQuickReply(instanceUrl(index), room, question as unknown as { _id: string; blocks: unknown }),
				),
			);
			await eventually(
				async () => turnsOf(room.id).length,
				(count) => count >= 1,
			);
			await new Promise((resolve) => setTimeout(resolve, 150));

			expect((await seen(room)).filter((line) => line.endsWith(': Sales'))).toHaveLength(1);
			expect(rasa.turnsOf(room.id).map((turn) => turn.message)).toEqual([`/sales{"n":${repeat}}`]);
		}
	}, 120000);

	it('loses none of many claims made on every instance at once: 20 clicks on 20 questions of one room all count', async () => {
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			const room = await openBotRoom(admin, seed);
			const titles = Array.from({ length: CONCURRENT }, (_, index) => `Q${index}`);
			await incoming(0, {
				action: 'send-message',
				sessionId: room.id,
				actionData: {
					messages: titles.map((title) => ({ text: title, buttons: [{ title: `A${title}`, payload: `/${title}` }] })),
				},
			});
			const questions = (await admin.visitorHistory(room.visitorToken, room.id)).filter((message) =>
				titles.includes(message.msg),
			);

			await Promise.all(
				questions.map((question, index) =>
					clickQuickReply(instanceUrl(index), room, question as unknown as { _id: string; blocks: unknown }),
				),
			);
			// A second round, again on every instance: every one is refused, none was lost.
			await Promise.all(
				questions.map((question, index) =>
					clickQuickReply(instanceUrl(index + 1), room, question as unknown as { _id: string; blocks: unknown }),
				),
			);
			await eventually(
				async () => turnsOf(room.id).length,
				(count) => count >= CONCURRENT,
			);

			expect(new Set(rasa.turnsOf(room.id).map((turn) => turn.message))).toEqual(
				new Set(titles.map((title) => `/${title}`)),
			);
			expect(rasa.turnsOf(room.id)).toHaveLength(CONCURRENT);
			expect((await seen(room)).filter((line) => /: AQ\d+$/.test(line))).toHaveLength(CONCURRENT);
		}
	}, 180000);

	it('welcomes a chat once, before its first texts, when they reach other instances than the one that opened it', async () => {
		await admin.setAppSettings(APP_ID, { welcome_intent: '/greet' });
		try {
			for (let repeat = 0; repeat < REPEATS; repeat++) {
				const token = `visitor-${randomBytes(6).toString('hex')}`;
				await admin.registerVisitor(token, 'Visitor', seed.botsDepartment.id);
				const front = new RocketChatClient(instanceUrl(repeat));
				const roomId = await front.openRoom(token);

				await Promise.all(
					Array.from({ length: INSTANCES }, (_, index) =>
						new RocketChatClient(instanceUrl(repeat + index + 1)).sendVisitorMessage(token, roomId, `hello ${index}`),
					),
				);
				await eventually(
					async () => turnsOf(roomId).length,
					(count) => count >= INSTANCES + 1,
				);
				await new Promise((resolve) => setTimeout(resolve, 150));

				expect(rasa.turnsOf(roomId).filter((turn) => turn.message === '/greet')).toHaveLength(1);
				expect(rasa.turnsOf(roomId)).toHaveLength(INSTANCES + 1);
				// Rasa hears the welcome before any text, whichever instance each message reached.
				expect(rasa.turnsOf(roomId)[0].message).toBe('/greet');
			}
		} finally {
			await admin.setAppSettings(APP_ID, { welcome_intent: '' });
		}
	}, 120000);

	it('warns and closes an idle chat once when two runs of the idle job overlap on two instances', async () => {
		await admin.setAppSettings(APP_ID, { idle_warning_minutes: 0.005, idle_close_minutes: 0.01 });
		const idleJob = sandbox.workspace.jobs.list().find((job) => job.name.startsWith('rasa-close-idle-chats'));
		// Two recurring jobs of one name, as two instances registering at once leave them (Agenda's upsert race).
		const duplicate = sandbox.workspace.jobs.every(idleJob!.name, idleJob!.repeatEveryMs!, {}, false, Date.now(), {});
		try {
			const room = await openBotRoom(admin, seed);
			const runEverywhere = () =>
				Promise.all(sandbox.engines.map((engine) => engine.bridges.scheduler.runDue({ all: true })));

			await new Promise((resolve) => setTimeout(resolve, 400));
			await runEverywhere();
			await new Promise((resolve) => setTimeout(resolve, 400));
			await runEverywhere();
			await runEverywhere();

			const lines = await seen(room);
			expect(lines.filter((line) => line.endsWith('This chat closes soon if there is no reply.'))).toHaveLength(1);
			expect(
				lines.filter((line) => line.endsWith('This chat was closed because there was no reply. Write again any time.')),
			).toHaveLength(1);
			expect(lines.filter((line) => line === '[livechat-close]')).toHaveLength(1);
		} finally {
			sandbox.workspace.jobs.cancel((job) => job._id === duplicate._id);
			await admin.setAppSettings(APP_ID, { idle_warning_minutes: 0, idle_close_minutes: 0 });
		}
	});

	it('runs a scheduled job on one instance only, whichever instance looks first', async () => {
		const runs = await Promise.all(sandbox.engines.map((engine) => engine.bridges.scheduler.runDue({ all: true })));

		// Each of the app's two recurring jobs ran once, on some instance.
		expect(runs.reduce((sum, count) => sum + count, 0)).toBe(2);
	});
});
