import { randomBytes } from 'crypto';

import { RocketChatClient, type Credentials } from './RocketChatClient';
import { startLocalWorkspace, type RunningWorkspace } from './localWorkspace';
import { APP_ID, packagedAppZip } from './packagedApp';

export type BotRoom = { id: string; visitorToken: string; historyLength: number };

export type DemoWorkspace = {
	url: string;
	admin: RocketChatClient;
	incomingUrl: string;
	botUsername: string;
	agentUsername: string;
	botHeaders: Record<string, string>;
	plainUserHeaders: Record<string, string>;
	salesName: string;
	salesId: string;
	botsName: string;
	emptyName: string;
	/** A new visitor whose livechat room Rocket.Chat routed to the bot. */
	newBotRoom(): Promise<BotRoom>;
	close(): Promise<void>;
};

const PASSWORD = 'e2e-Passw0rd!';

const headersOf = (credentials: Credentials) => ({
	'X-User-Id': credentials.userId,
	'X-Auth-Token': credentials.authToken,
});

/**
 * A workspace set up as the README tells an admin to: a bot user (bot + livechat-agent) that new chats are routed to,
 * in a department of its own; a Sales department with an available human agent; an Empty department with nobody;
 * the packaged app installed through the REST API with the bot as its bot user.
 *
 * Runs against the local sandbox, or against a real workspace when ROCKETCHAT_URL (+ ROCKETCHAT_ADMIN_USER,
 * ROCKETCHAT_ADMIN_PASSWORD) is set. Names get a random suffix so runs against a real workspace do not collide.
 */
export async function openDemoWorkspace(): Promise<DemoWorkspace> {
	const local: RunningWorkspace | undefined = process.env.ROCKETCHAT_URL ? undefined : await startLocalWorkspace();
	try {
		const url = (process.env.ROCKETCHAT_URL ?? local!.url).replace(/\/$/, '');
		const anonymous = new RocketChatClient(url);
		const admin = anonymous.as(
			await anonymous.login(
				process.env.ROCKETCHAT_ADMIN_USER ?? local!.adminUsername,
				process.env.ROCKETCHAT_ADMIN_PASSWORD ?? local!.adminPassword,
			),
		);
		const suffix = randomBytes(3).toString('hex');
		const botUsername = `rasa.bot.${suffix}`;
		const agentUsername = `alice.${suffix}`;

		const botId = await admin.createUser({
			username: botUsername,
			password: PASSWORD,
			roles: ['bot', 'livechat-agent'],
		});
		const agentId = await admin.createUser({
			username: agentUsername,
			password: PASSWORD,
			roles: ['user', 'livechat-agent'],
		});
		await admin.createUser({ username: `bob.${suffix}`, password: PASSWORD, roles: ['user'] });
		for (const [id, username] of [
			[botId, botUsername],
			[agentId, agentUsername],
		]) {
			await admin.addAgent(username);
			const user = admin.as(await anonymous.login(username, PASSWORD));
			await user.setStatus('online');
			await admin.setAgentStatus(id, 'available');
		}
		const botsName = `Bots ${suffix}`;
		const salesName = `Sales ${suffix}`;
		const emptyName = `Empty ${suffix}`;
		const botsId = await admin.createDepartment(botsName, [{ agentId: botId, username: botUsername }]);
		const salesId = await admin.createDepartment(salesName, [{ agentId, username: agentUsername }]);
		await admin.createDepartment(emptyName, []);
		await admin.setSetting('Livechat_enabled', true);
		await admin.setSetting('Livechat_assign_new_conversation_to_bot', true);

		const installed = await admin.uploadApp(packagedAppZip());
		if (installed.id !== APP_ID) {
			throw new Error(`installed app id ${installed.id}, expected ${APP_ID}`);
		}
		await admin.setAppSettings(APP_ID, { bot_username: botUsername });

		const botHeaders = headersOf(await anonymous.login(botUsername, PASSWORD));
		const plainUserHeaders = headersOf(await anonymous.login(`bob.${suffix}`, PASSWORD));

		return {
			url,
			admin,
			incomingUrl: `${url}/api/apps/public/${APP_ID}/incoming`,
			botUsername,
			agentUsername,
			botHeaders,
			plainUserHeaders,
			salesName,
			salesId,
			botsName,
			emptyName,
			async newBotRoom() {
				const visitorToken = `visitor-${randomBytes(8).toString('hex')}`;
				await admin.registerVisitor(visitorToken, 'Visitor', botsId);
				const id = await admin.openRoom(visitorToken);
				const info = await admin.roomInfo(id);
				if (info.servedBy?.username !== botUsername) {
					throw new Error(`room ${id} was routed to ${info.servedBy?.username ?? 'nobody'}, not the bot`);
				}
				const historyLength = (await admin.visitorHistory(visitorToken, id)).length;
				return { id, visitorToken, historyLength };
			},
			async close() {
				if (!local) {
					await admin.uninstallApp(APP_ID).catch(() => undefined);
				}
				await local?.stop();
			},
		};
	} catch (error) {
		await local?.stop();
		throw error;
	}
}
