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
const TAKERS = 20;
const ROUNDS = 200;
/** Rounds run side by side, each in a room of its own. */
const AT_ONCE = 20;
/** Each insert into app persistence commits a random time up to this long after it started. */
const COMMIT_DELAY_MS = 25;

/**
 * The cluster's guarantees on a database that commits late: app persistence shows an insert only once it committed,
 * in the order inserts started (MongoDB's record-id order), so a taker may read its own record first while an
 * earlier one is still committing. Each guarantee is raced ROUNDS times by TAKERS callers spread over three
 * instances; the test counts the rounds that broke it, prints the rates, and holds each to its bound.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox(`the cluster's guarantees when app persistence commits late (up to ${COMMIT_DELAY_MS} ms)`, () => {
	let sandbox: RunningSandbox;
	let rasa: FakeRasa;
	let admin: RocketChatClient;
	let seed: DemoWorkspaceSeed;
	const rates: string[] = [];

	beforeAll(async () => {
		rasa = await FakeRasa.start((text) => [{ text: `You said: ${text}` }]);
		sandbox = await startSandbox({
			port: 0,
			instances: INSTANCES,
			adminPassword: 'late-commit-admin',
			logLevel: 'error',
			persistence: { commitDelayMs: COMMIT_DELAY_MS },
		});
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		await admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url });
	}, 180000);

	afterAll(async () => {
		process.stdout.write(`late commits, rounds that broke a guarantee:\n${rates.join('\n')}\n`);
		await sandbox?.stop();
		await rasa?.stop();
	});

	const instanceUrl = (index: number) => sandbox.instanceUrls[index % INSTANCES];
	const incoming = (index: number, body: object) =>
		httpCall(`${instanceUrl(index)}/api/apps/public/${APP_ID}/incoming`, {
			body,
			headers: admin.authHeaders(seed.bot),
		});

	/** Runs ROUNDS rounds, AT_ONCE at a time; answers how many broke the guarantee. */
	async function countBroken(round: (index: number) => Promise<boolean>): Promise<number> {
		let broken = 0;
		for (let start = 0; start < ROUNDS; start += AT_ONCE) {
			const results = await Promise.all(
				Array.from({ length: Math.min(AT_ONCE, ROUNDS - start) }, (_, offset) => round(start + offset)),
			);
			broken += results.filter((ok) => !ok).length;
		}
		return broken;
	}

	const report = (what: string, broken: number) => rates.push(`  ${what}: ${broken} of ${ROUNDS}`);

	it('hands a room over once', async () => {
		const broken = await countBroken(async () => {
			const room = await openBotRoom(admin, seed);
			const answers = await Promise.all(
				Array.from({ length: TAKERS }, (_, index) =>
					incoming(index, {
						action: 'handover',
						sessionId: room.id,
						actionData: { targetDepartment: seed.salesDepartment.name },
					}),
				),
			);
			const seen = await visitorSees(admin, room);
			return (
				answers.filter((answer) => answer.status === 200).length === 1 &&
				seen.filter((line) => line.endsWith('Transferring you to a human agent. Please wait a moment.')).length === 1 &&
				seen.filter((line) => line === '[livechat_transfer_history]').length === 1
			);
		});
		report('handover once', broken);
		expect(broken).toBe(0);
	}, 600000);

	it('takes a quick-reply click once', async () => {
		const broken = await countBroken(async (index) => {
			const room = await openBotRoom(admin, seed);
			await incoming(0, {
				action: 'send-message',
				sessionId: room.id,
				actionData: {
					messages: [{ text: 'Which team?', buttons: [{ title: 'Sales', payload: `/sales{"n":${index}}` }] }],
				},
			});
			const question = (await admin.visitorHistory(room.visitorToken, room.id)).find(
				(message) => message.msg === 'Which team?',
			);
			await Promise.all(
				Array.from({ length: TAKERS }, (_, taker) =>
					clickQuickReply(instanceUrl(taker), room, question as unknown as { _id: string; blocks: unknown }),
				),
			);
			await eventually(
				async () => rasa.turnsOf(room.id).length,
				(count) => count >= 1,
			);
			await new Promise((resolve) => setTimeout(resolve, 200));
			const seen = await visitorSees(admin, room);
			const ok = seen.filter((line) => line.endsWith(': Sales')).length === 1 && rasa.turnsOf(room.id).length === 1;
			if (!ok) {
				const sent = rasa.turnsOf(room.id).map((turn) => turn.message);
				rates.push(`    click round ${index}: seen ${JSON.stringify(seen)}, Rasa got ${JSON.stringify(sent)}`);
			}
			return ok;
		});
		report('click once', broken);
		expect(broken).toBe(0);
	}, 600000);

	it('welcomes a chat once, before its first text', async () => {
		await admin.setAppSettings(APP_ID, { welcome_intent: '/greet' });
		try {
			const broken = await countBroken(async (index) => {
				const token = `visitor-${randomBytes(6).toString('hex')}`;
				await admin.registerVisitor(token, 'Visitor', seed.botsDepartment.id);
				const roomId = await new RocketChatClient(instanceUrl(index)).openRoom(token);
				await Promise.all(
					Array.from({ length: INSTANCES }, (_, instance) =>
						new RocketChatClient(instanceUrl(index + instance + 1)).sendVisitorMessage(
							token,
							roomId,
							`hello ${instance}`,
						),
					),
				);
				await eventually(
					async () => rasa.turnsOf(roomId).length,
					(count) => count >= INSTANCES + 1,
					15000,
				);
				await new Promise((resolve) => setTimeout(resolve, 200));
				const turns = rasa.turnsOf(roomId).map((turn) => turn.message);
				return turns.filter((message) => message === '/greet').length === 1 && turns[0] === '/greet';
			});
			report('welcome once, first', broken);
			expect(broken).toBe(0);
		} finally {
			await admin.setAppSettings(APP_ID, { welcome_intent: '' });
		}
	}, 600000);
});
