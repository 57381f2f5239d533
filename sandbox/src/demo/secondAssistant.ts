import { randomBytes } from 'crypto';

import type { DemoWorkspaceSeed } from './seedDemo';
import { RocketChatClient } from '../client/RocketChatClient';
import { FakeRasa } from '../rasa/FakeRasa';
import { echoBot } from '../rasa/echoBot';

export type SecondAssistant = { botUsername: string; department: string; rasa: FakeRasa };

/**
 * A second assistant for the demo, as an admin would add one: a German bot user alone in a department of its own,
 * and the echo bot speaking German as its Rasa, listed in the app's Assistants setting.
 */
export async function addGermanAssistant(
	admin: RocketChatClient,
	seed: DemoWorkspaceSeed,
	appId: string,
	sandboxUrl: string,
): Promise<SecondAssistant> {
	const botUsername = 'rasabot-de';
	const password = `demo-${randomBytes(6).toString('hex')}`;
	const botId = await admin.createUser({
		username: botUsername,
		name: 'Rasa Bot (Deutsch)',
		password,
		roles: ['bot', 'livechat-agent'],
	});
	await admin.addAgent(botUsername);
	const anonymous = new RocketChatClient(admin.url);
	await anonymous.as(await anonymous.login(botUsername, password)).setStatus('online');
	await admin.setAgentStatus(botId, 'available');
	const department = 'Bots (Deutsch)';
	await admin.createDepartment(department, [{ agentId: botId, username: botUsername }]);
	const rasa = await FakeRasa.start(
		echoBot({ humanDepartment: seed.salesDepartment.name, imageUrl: `${sandboxUrl}/rasa-bot.svg`, language: 'de' }),
	);
	try {
		await admin.setAppSettings(appId, {
			assistants: JSON.stringify([{ botUsername, rasaServerUrl: rasa.url, welcomeIntent: '/greet' }]),
		});
	} catch (error) {
		await rasa.stop();
		throw error;
	}
	return { botUsername, department, rasa };
}
