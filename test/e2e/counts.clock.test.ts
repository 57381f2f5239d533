import { randomBytes } from 'crypto';

import { startNpmStart, type NpmStartProcess } from './support/npmStartProcess';
import { eventually } from './support/relaySetup';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';

/**
 * The status counts of a cluster by the clock alone, under `npm start -- --instances 3`: each instance writes its
 * counts at once only when it wrote none for 10 s, so a burst's later counts reach the other instances through the
 * app's own scheduled job on that instance (Rocket.Chat's scheduler, here 60 times as fast: every half second). A
 * job that never runs, or never writes them, leaves the status short for 10 s and more.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('status counts across instances, by the clock, under npm start', () => {
	let sandbox: NpmStartProcess;
	let rasa: FakeRasa;
	let admin: RocketChatClient;

	beforeAll(async () => {
		rasa = await FakeRasa.start(() => [{ text: 'ok' }]);
		sandbox = await startNpmStart({
			adminPassword: 'counts-test',
			args: ['--instances', '3'],
			env: { SANDBOX_SCHEDULER_SPEEDUP: '60', RASA_URL: rasa.url },
			readyWithinMs: 90000,
		});
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login('admin', 'counts-test'));
	}, 150000);

	afterAll(async () => {
		sandbox?.stop();
		await rasa?.stop();
	});

	const served = async () => {
		const answer = await httpCall(`${admin.url}/api/apps/public/${APP_ID}/status?hours=1`, {
			method: 'GET',
			headers: admin.authHeaders(),
		});
		return (answer.json as { counts?: { served?: number } }).counts?.served ?? -1;
	};

	it('shows every chat the bot got, on whichever instance, within seconds', async () => {
		const before = await served();
		const { departments } = (await admin.call('/api/v1/livechat/department')).json as {
			departments: Array<{ _id: string; name: string }>;
		};
		const bots = departments.find(({ name }) => name === 'Bots')?._id;
		const CHATS = 9;
		// The front takes turns per request: the chats open, and are counted, on all three instances.
		await Promise.all(
			Array.from({ length: CHATS }, async (_, index) => {
				const token = `counted-${index}-${randomBytes(4).toString('hex')}`;
				await admin.registerVisitor(token, `Counted ${index}`, bots);
				await admin.openRoom(token);
			}),
		);
		const started = Date.now();

		const after = await eventually(served, (count) => count - before >= CHATS, 8000);

		expect(after - before).toBe(CHATS);
		// Well before the 10 s after which an instance would write them with its next count.
		expect(Date.now() - started).toBeLessThan(8000);
	}, 60000);
});
