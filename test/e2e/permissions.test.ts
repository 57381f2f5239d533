import AdmZip from 'adm-zip';

import { startLocalWorkspace, type RunningWorkspace } from './support/localWorkspace';
import { clickQuickReply } from './support/quickReplyClick';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall } from '../../sandbox/src/client/http';
import { openBotRoom, seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip } from '../../sandbox/src/packagedApp';

/** The packaged zip with one permission taken out of app.json, as an admin would get from a broken build. */
function withoutPermission(permission: string): Buffer {
	const zip = new AdmZip(packagedAppZip());
	const manifest = JSON.parse(zip.readAsText('app.json')) as { permissions: Array<{ name: string }> };
	manifest.permissions = manifest.permissions.filter((entry) => entry.name !== permission);
	zip.updateFile('app.json', Buffer.from(JSON.stringify(manifest)));
	return zip.toBuffer();
}

const declared = (
	JSON.parse(new AdmZip(packagedAppZip()).readAsText('app.json')) as { permissions: Array<{ name: string }> }
).permissions;

/**
 * The engine enforces app.json permissions as Rocket.Chat does: a missing one makes the accessor return nothing.
 * These run only in the sandbox (they install broken variants of the app).
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('permissions declared in app.json', () => {
	let sandbox: RunningWorkspace;
	let admin: RocketChatClient;

	beforeAll(async () => {
		sandbox = await startLocalWorkspace();
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
	}, 60000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	async function install(zip: Buffer, suffix: string): Promise<DemoWorkspaceSeed> {
		await admin.uninstallApp(APP_ID).catch(() => undefined);
		return seedDemo(admin, { zip, appId: APP_ID, suffix, withVisitorRoom: false });
	}

	const incoming = (seed: DemoWorkspaceSeed, body: object) =>
		httpCall(`${sandbox.url}/api/apps/public/${APP_ID}/incoming`, { body, headers: admin.authHeaders(seed.bot) });

	it('declares exactly the permissions the code uses', () => {
		expect(declared.map((permission) => permission.name).sort()).toEqual(
			[
				'api',
				'livechat-department.read',
				'livechat-message.write',
				'livechat-room.write',
				'livechat-status.read',
				'livechat-visitor.write',
				'message.read',
				'message.write',
				'networking',
				'persistence',
				'room.read',
				'scheduler',
				'server-setting.read',
				'slashcommand',
				'ui.registerButtons',
				'upload.read',
				'upload.write',
				'user.read',
			].sort(),
		);
	});

	it('without "api" the endpoint is never registered: 404', async () => {
		await install(withoutPermission('api'), '-noapi');

		const answer = await httpCall(`${sandbox.url}/api/apps/public/${APP_ID}/incoming`, { body: {} });

		expect(answer.status).toBe(404);
	}, 30000);

	it('without "livechat-room.write" close-chat visibly fails and the room stays open', async () => {
		const seed = await install(withoutPermission('livechat-room.write'), '-noclose');
		const room = await openBotRoom(admin, seed);

		const answer = await incoming(seed, { action: 'close-chat', sessionId: room.id });

		expect(answer.status).toBe(409);
		expect(answer.json.error).toBe('close-failed');
		expect((await admin.roomInfo(room.id)).open).toBe(true);
	}, 30000);

	it('without "room.read" every action sees no room: 404 session-not-found', async () => {
		const seed = await install(withoutPermission('room.read'), '-noroom');
		const room = await openBotRoom(admin, seed);

		const answer = await incoming(seed, { action: 'close-chat', sessionId: room.id });

		expect(answer.status).toBe(404);
		expect(answer.json.error).toBe('session-not-found');
	}, 30000);

	it('without "livechat-visitor.write" handover visibly fails and the room stays with the bot', async () => {
		const seed = await install(withoutPermission('livechat-visitor.write'), '-notransfer');
		const room = await openBotRoom(admin, seed);

		const answer = await incoming(seed, {
			action: 'handover',
			sessionId: room.id,
			actionData: { targetDepartment: seed.salesDepartment.name },
		});

		expect(answer.status).toBe(409);
		expect(answer.json.error).toBe('transfer-failed');
		expect((await admin.roomInfo(room.id)).servedBy?.username).toBe(seed.botUsername);
	}, 30000);

	it('without "persistence" a quick-reply click visibly fails: no choice in the chat, the buttons stay', async () => {
		const seed = await install(withoutPermission('persistence'), '-nopersistence');
		const room = await openBotRoom(admin, seed);
		const asked = await incoming(seed, {
			action: 'send-message',
			sessionId: room.id,
			actionData: { messages: [{ text: 'Which team?', buttons: [{ title: 'Sales', payload: '/sales' }] }] },
		});
		expect(asked.status).toBe(200);
		const question = (await admin.visitorHistory(room.visitorToken, room.id)).find(
			(message) => message.msg === 'Which team?',
		) as unknown as { _id: string; blocks: unknown };

		const click = await clickQuickReply(sandbox.url, room, question);

		expect(click.json?.success === false || click.status >= 400 || click.json?.type === 'errors').toBe(true);
		const after = await admin.visitorHistory(room.visitorToken, room.id);
		expect(after.map((message) => message.msg)).not.toContain('Sales');
		expect(after.find((message) => message.msg === 'Which team?')?.blocks).toHaveLength(1);
	}, 30000);
});
