import { randomBytes } from 'crypto';

import { startNpmStart, type NpmStartProcess } from './support/npmStartProcess';
import { eventually } from './support/relaySetup';
import { visitorSees } from './support/visitorSees';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';

/**
 * The idle close by the clock alone, under npm start's own wiring (sandbox/src/main.ts): nothing here runs a job by
 * hand. The sandbox runs Rocket.Chat's scheduler 60 times as fast (SANDBOX_SCHEDULER_SPEEDUP: the app's 30-second
 * check comes every half second) and the idle times are a few seconds, so a silent visitor must be warned once and
 * closed by the timer that the app's registerProcessors started. A timer that never starts leaves the chat open.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('idle chats by the clock, under npm start', () => {
	let sandbox: NpmStartProcess;
	let rasa: FakeRasa;
	let admin: RocketChatClient;

	beforeAll(async () => {
		rasa = await FakeRasa.start(() => [{ text: 'ok' }]);
		sandbox = await startNpmStart({
			adminPassword: 'clock-test',
			env: { SANDBOX_SCHEDULER_SPEEDUP: '60', RASA_URL: rasa.url },
			readyWithinMs: 60000,
		});
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login('admin', 'clock-test'));
		await admin.setAppSettings(APP_ID, {
			close_intent: 'chat_closed',
			idle_warning_minutes: 0.05,
			idle_close_minutes: 0.1,
		});
	}, 120000);

	afterAll(async () => {
		sandbox?.stop();
		await rasa?.stop();
	});

	it('warns a silent visitor once, then closes the chat as the app, and Rasa hears closed_by "app"', async () => {
		const token = `visitor-${randomBytes(6).toString('hex')}`;
		const { departments } = (await admin.call('/api/v1/livechat/department')).json as {
			departments: Array<{ _id: string; name: string }>;
		};
		await admin.registerVisitor(token, 'Silent visitor', departments.find(({ name }) => name === 'Bots')?._id);
		const room = { id: await admin.openRoom(token), visitorToken: token };
		const opened = Date.now();

		const info = await eventually(
			() => admin.roomInfo(room.id),
			(current) => !current.open,
			20000,
		);
		const closedAfterMs = Date.now() - opened;

		expect(info.open).toBeFalsy();
		// The close time is 6 s; the check comes every 0.5 s (plus Agenda's look-out, also sped up).
		expect(closedAfterMs).toBeGreaterThanOrEqual(6000);
		expect(closedAfterMs).toBeLessThan(12000);
		const seen = (await visitorSees(admin, room)).filter((line) => !line.startsWith('[livechat-started]'));
		expect(seen).toEqual([
			'rasabot: Are you still there? This chat closes soon if there is no reply.',
			'rasabot: This chat was closed because there was no reply. Write again any time.',
			'[livechat-close]',
		]);
		const closedIntent = await eventually(
			async () => rasa.turnsOf(room.id).map((turn) => turn.message),
			(sent) => sent.some((message) => message.startsWith('/chat_closed')),
		);
		expect(closedIntent).toEqual(['/chat_closed{"closed_by":"app"}']);
	}, 40000);
});
