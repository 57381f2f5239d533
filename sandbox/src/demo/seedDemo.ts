import { randomBytes } from 'crypto';

import { RocketChatClient, type Credentials } from '../client/RocketChatClient';

export type DemoOptions = {
	/** The packaged app to install (the rc-apps zip). */
	zip: Buffer;
	appId: string;
	/** Appended to every name, so seeding a real workspace twice does not collide. */
	suffix?: string;
	/** Skip the demo visitor room (tests open their own). */
	withVisitorRoom?: boolean;
	/** Visitor custom fields to declare: Rocket.Chat keeps only declared ones of those a visitor registers with. */
	visitorCustomFields?: string[];
	/** The app's settings that name its bot user (default: this app's `bot_username`). */
	botSettings?: (botUsername: string) => Record<string, unknown>;
};

export type DemoWorkspaceSeed = {
	password: string;
	botUsername: string;
	bot: Credentials;
	agentUsername: string;
	plainUsername: string;
	plainUser: Credentials;
	botsDepartment: { id: string; name: string };
	salesDepartment: { id: string; name: string };
	emptyDepartment: { id: string; name: string };
	visitorRoom?: { id: string; visitorToken: string };
};

/**
 * Sets a workspace up the way the README tells an admin to, through the REST API only: a bot user (bot +
 * livechat-agent) that new chats go to, in a department of its own; a Sales department with an available human
 * agent; an Empty department with nobody; the visitor custom fields asked for; the packaged app installed with the bot
 * as its bot user.
 */
export async function seedDemo(admin: RocketChatClient, options: DemoOptions): Promise<DemoWorkspaceSeed> {
	const suffix = options.suffix ?? '';
	const password = `demo-${randomBytes(6).toString('hex')}`;
	const anonymous = new RocketChatClient(admin.url);
	// Not "rasa.bot": Rocket.Chat gives that name to the app's own user when it installs the app.
	const botUsername = `rasabot${suffix}`;
	const agentUsername = `alice${suffix}`;
	const plainUsername = `bob${suffix}`;

	const botId = await admin.createUser({
		username: botUsername,
		name: 'Rasa bot',
		password,
		roles: ['bot', 'livechat-agent'],
	});
	const agentId = await admin.createUser({
		username: agentUsername,
		name: 'Alice (Sales)',
		password,
		roles: ['user', 'livechat-agent'],
	});
	await admin.createUser({ username: plainUsername, name: 'Bob', password, roles: ['user'] });
	for (const [id, username] of [
		[botId, botUsername],
		[agentId, agentUsername],
	]) {
		await admin.addAgent(username);
		await admin.as(await anonymous.login(username, password)).setStatus('online');
		await admin.setAgentStatus(id, 'available');
	}

	const botsDepartment = { name: `Bots${suffix}`, id: '' };
	const salesDepartment = { name: `Sales${suffix}`, id: '' };
	const emptyDepartment = { name: `Empty${suffix}`, id: '' };
	botsDepartment.id = await admin.createDepartment(botsDepartment.name, [{ agentId: botId, username: botUsername }]);
	salesDepartment.id = await admin.createDepartment(salesDepartment.name, [{ agentId, username: agentUsername }]);
	emptyDepartment.id = await admin.createDepartment(emptyDepartment.name, []);
	await admin.setSetting('Livechat_enabled', true);
	await admin.setSetting('Livechat_assign_new_conversation_to_bot', true);
	for (const field of options.visitorCustomFields ?? []) {
		await admin.declareVisitorField(field);
	}

	const installed = await admin.uploadApp(options.zip);
	if (installed.id !== options.appId) {
		throw new Error(`The uploaded app has the id ${installed.id}, expected ${options.appId}`);
	}
	await admin.setAppSettings(options.appId, options.botSettings?.(botUsername) ?? { bot_username: botUsername });

	const seed: DemoWorkspaceSeed = {
		password,
		botUsername,
		bot: await anonymous.login(botUsername, password),
		agentUsername,
		plainUsername,
		plainUser: await anonymous.login(plainUsername, password),
		botsDepartment,
		salesDepartment,
		emptyDepartment,
	};
	if (options.withVisitorRoom !== false) {
		seed.visitorRoom = await openBotRoom(admin, seed);
	}
	return seed;
}

/** A new visitor in the Bots department, whose room Rocket.Chat routes to the bot. */
export async function openBotRoom(
	admin: RocketChatClient,
	seed: Pick<DemoWorkspaceSeed, 'botUsername' | 'botsDepartment'>,
): Promise<{ id: string; visitorToken: string }> {
	const visitorToken = `visitor-${randomBytes(8).toString('hex')}`;
	await admin.registerVisitor(visitorToken, 'Demo visitor', seed.botsDepartment.id);
	const id = await admin.openRoom(visitorToken);
	const served = (await admin.roomInfo(id)).servedBy?.username;
	if (served !== seed.botUsername) {
		throw new Error(`The new room ${id} went to ${served ?? 'nobody'}, not the bot: is the bot online and available?`);
	}
	return { id, visitorToken };
}
