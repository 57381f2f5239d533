import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import path from 'path';

import { eventually } from './support/relaySetup';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';

const root = path.resolve(__dirname, '../..');

/**
 * The status counts of a cluster by the clock alone, under `npm start -- --instances 3`: each instance writes its
 * counts at once only when it wrote none for 10 s, so a burst's later counts reach the other instances through the
 * app's own scheduled job on that instance (Rocket.Chat's scheduler, here 60 times as fast: every half second). A
 * job that never runs, or never writes them, leaves the status short for 10 s and more.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('status counts across instances, by the clock, under npm start', () => {
	let child: ChildProcess;
	let rasa: FakeRasa;
	let admin: RocketChatClient;
	let output = '';

	beforeAll(async () => {
		rasa = await FakeRasa.start(() => [{ text: 'ok' }]);
		child = spawn(process.execPath, [path.join(root, 'build/sandbox/sandbox/src/main.js'), '--instances', '3'], {
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: '0',
				SANDBOX_ADMIN_PASSWORD: 'counts-test',
				SANDBOX_SCHEDULER_SPEEDUP: '60',
				RASA_URL: rasa.url,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
		});
		const url = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`npm start was not ready within 90 s:\n${output}`)), 90000);
			child.stdout?.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const ready = /Sandbox ready at (http:\/\/\S+)/.exec(output);
				if (ready) {
					clearTimeout(timer);
					resolve(ready[1]);
				}
			});
			child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
		});
		const anonymous = new RocketChatClient(url);
		admin = anonymous.as(await anonymous.login('admin', 'counts-test'));
	}, 150000);

	afterAll(async () => {
		if (child && child.exitCode === null) {
			child.kill('SIGKILL');
		}
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
