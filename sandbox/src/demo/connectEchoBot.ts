import { randomBytes } from 'crypto';

import type { DemoWorkspaceSeed } from './seedDemo';
import type { RocketChatClient } from '../client/RocketChatClient';
import { FakeRasa } from '../rasa/FakeRasa';
import { echoBot } from '../rasa/echoBot';

/**
 * Starts the built-in echo bot and points the installed app at it, through the REST API as an admin would: the Rasa
 * URL, a callback token (the echo bot sends it, as credentials.yml would, if the app's channel is switched to
 * callback) and the welcome intent. Returns the echo bot, to stop it later.
 */
export async function connectEchoBot(
	admin: RocketChatClient,
	seed: DemoWorkspaceSeed,
	appId: string,
	sandboxUrl: string,
): Promise<FakeRasa> {
	const rasa = await FakeRasa.start(
		echoBot({ humanDepartment: seed.salesDepartment.name, imageUrl: `${sandboxUrl}/rasa-bot.svg` }),
	);
	const callbackToken = randomBytes(12).toString('hex');
	rasa.callback = {
		url: `${sandboxUrl}/api/apps/public/${appId}/callback`,
		headers: { 'X-Rasa-Token': callbackToken },
	};
	try {
		await admin.setAppSettings(appId, {
			rasa_server_url: rasa.url,
			rasa_callback_token: callbackToken,
			welcome_intent: '/greet',
		});
	} catch (error) {
		await rasa.stop();
		throw error;
	}
	return rasa;
}
