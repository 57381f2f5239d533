import { visitorSees } from './support/visitorSees';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall } from '../../sandbox/src/client/http';
import { openBotRoom, seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip } from '../../sandbox/src/packagedApp';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/startSandbox';

/**
 * A Rocket.Chat cluster without the `scalability` licence module: Rocket.Chat starts no instance broadcast
 * (ee/server/local-services/instance/service.ts), so an app installed or configured through one instance reaches the
 * others only when they restart. This is what an admin of such a cluster sees, and what the README warns of.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('the app on two instances without the scalability licence', () => {
	let sandbox: RunningSandbox;
	let admin: RocketChatClient;
	let seed: DemoWorkspaceSeed;

	beforeAll(async () => {
		sandbox = await startSandbox({
			port: 0,
			instances: 2,
			scalabilityLicence: false,
			adminPassword: 'no-licence-admin',
			logLevel: 'error',
		});
		// Every admin call goes to the first instance, as an admin's browser stays on one.
		const first = new RocketChatClient(sandbox.instanceUrls[0]);
		admin = first.as(await first.login(sandbox.adminUsername, sandbox.adminPassword));
		seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	const handover = (instance: number, roomId: string) =>
		httpCall(`${sandbox.instanceUrls[instance]}/api/apps/public/${APP_ID}/incoming`, {
			body: { action: 'handover', sessionId: roomId, actionData: { targetDepartment: seed.salesDepartment.name } },
			headers: admin.authHeaders(seed.bot),
		});

	it('answers 404 on the other instance for an app it has not loaded until that instance restarts', async () => {
		const room = await openBotRoom(admin, seed);

		expect((await handover(1, room.id)).status).toBe(404);
		await sandbox.apps.restart(1);
		expect((await handover(1, room.id)).status).toBe(200);
	}, 60000);

	it("keeps the old settings on the other instance's app until it restarts: a handover there says the old message", async () => {
		await admin.setAppSettings(APP_ID, { handover_message: 'A human will be with you shortly.' });
		const beforeRestart = await openBotRoom(admin, seed);
		const afterRestart = await openBotRoom(admin, seed);

		expect((await handover(1, beforeRestart.id)).status).toBe(200);
		await sandbox.apps.restart(1);
		expect((await handover(1, afterRestart.id)).status).toBe(200);

		const said = async (room: { id: string; visitorToken: string }) =>
			(await visitorSees(admin, room)).filter((line) => line.startsWith(`${seed.botUsername}: `));
		expect(await said(beforeRestart)).toEqual([
			`${seed.botUsername}: Transferring you to a human agent. Please wait a moment.`,
		]);
		expect(await said(afterRestart)).toEqual([`${seed.botUsername}: A human will be with you shortly.`]);
		expect(sandbox.engines[0].settings(APP_ID)?.handover_message.value).toBe('A human will be with you shortly.');
	}, 60000);
});
