import { randomBytes } from 'crypto';

import { startLocalWorkspace, type RunningWorkspace } from './localWorkspace';
import { RocketChatClient, type Credentials } from '../../../sandbox/src/client/RocketChatClient';
import { openBotRoom, seedDemo } from '../../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip } from '../../../sandbox/src/packagedApp';

export type BotRoom = { id: string; visitorToken: string; historyLength: number };

export type DemoWorkspace = {
	url: string;
	admin: RocketChatClient;
	incomingUrl: string;
	botUsername: string;
	agentUsername: string;
	/** A user with none of the livechat roles. */
	plainUsername: string;
	/** The human agent's credentials, to answer and forward chats as they do. */
	agent: RocketChatClient;
	agentCredentials: Credentials;
	botHeaders: Record<string, string>;
	plainUserHeaders: Record<string, string>;
	salesName: string;
	salesId: string;
	botsName: string;
	emptyName: string;
	botsId: string;
	/** The local sandbox behind it; undefined against a real workspace (ROCKETCHAT_URL). */
	sandbox?: RunningWorkspace;
	/** A new visitor whose livechat room Rocket.Chat routed to the bot. */
	newBotRoom(): Promise<BotRoom>;
	close(): Promise<void>;
};

/**
 * The demo workspace (sandbox/src/demo/seedDemo.ts) for end-to-end tests: in a local sandbox, or in the real
 * workspace at ROCKETCHAT_URL (with ROCKETCHAT_ADMIN_USER and ROCKETCHAT_ADMIN_PASSWORD). Names get a random suffix
 * so runs against a real workspace do not collide; the app is uninstalled there afterwards.
 */
export async function openDemoWorkspace(): Promise<DemoWorkspace> {
	const local: RunningWorkspace | undefined = process.env.ROCKETCHAT_URL ? undefined : await startLocalWorkspace();
	try {
		const url = (process.env.ROCKETCHAT_URL ?? local?.url ?? '').replace(/\/$/, '');
		const anonymous = new RocketChatClient(url);
		const admin = anonymous.as(
			await anonymous.login(
				process.env.ROCKETCHAT_ADMIN_USER ?? local?.adminUsername ?? 'admin',
				process.env.ROCKETCHAT_ADMIN_PASSWORD ?? local?.adminPassword ?? '',
			),
		);
		const seed = await seedDemo(admin, {
			zip: packagedAppZip(),
			appId: APP_ID,
			suffix: `.${randomBytes(3).toString('hex')}`,
			withVisitorRoom: false,
			// The visitor custom fields the tests register visitors with (lifecycle.test.ts).
			visitorCustomFields: ['plan', 'orderId'],
		});
		const agentCredentials = await anonymous.login(seed.agentUsername, seed.password);
		return {
			url,
			admin,
			agentCredentials,
			incomingUrl: `${url}/api/apps/public/${APP_ID}/incoming`,
			botUsername: seed.botUsername,
			agentUsername: seed.agentUsername,
			plainUsername: seed.plainUsername,
			agent: anonymous.as(agentCredentials),
			botHeaders: admin.authHeaders(seed.bot),
			plainUserHeaders: admin.authHeaders(seed.plainUser),
			salesName: seed.salesDepartment.name,
			salesId: seed.salesDepartment.id,
			botsName: seed.botsDepartment.name,
			botsId: seed.botsDepartment.id,
			sandbox: local,
			emptyName: seed.emptyDepartment.name,
			async newBotRoom() {
				const room = await openBotRoom(admin, seed);
				const historyLength = (await admin.visitorHistory(room.visitorToken, room.id)).length;
				return { ...room, historyLength };
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
