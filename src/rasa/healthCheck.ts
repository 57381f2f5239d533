import type { IHttp, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { callbackChannel } from './channels/callback';
import { restChannel } from './channels/rest';
import { readRasaAddress, withoutSecrets } from './rasaUrl';
import type { RasaMode } from '../shared/modes';
import { errorMessage } from '../text/errorMessage';
import { oneLine } from '../text/oneLine';

/** Short: the check runs while an admin saves a setting or the app starts. */
export const HEALTH_TIMEOUT_MS = 3000;

export type RasaHealth = { readonly healthy: boolean; readonly line: string };

/**
 * Asks the Rasa server what Rasa itself answers: `GET /` ("Hello from Rasa: 3.6.2") and the channel's own path
 * (`GET /webhooks/rest/` → {"status":"ok"} when the channel is enabled in credentials.yml). Never throws.
 */
export async function checkRasa(
	http: IHttp,
	config: { url: string; mode: RasaMode },
	timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<RasaHealth> {
	const address = readRasaAddress(config.url);
	if (!address) {
		return { healthy: false, line: 'Rasa health: the "Rasa server URL" setting is not an http(s) URL.' };
	}
	const channel = config.mode === 'callback' ? callbackChannel : restChannel;
	const get = (path: string) =>
		http
			.get(address.urlFor(path), {
				timeout: timeoutMs,
				...(address.authorization ? { headers: { Authorization: address.authorization } } : {}),
			})
			.then(
				(response): IHttpResponse | Error => response,
				// A fresh Error of this module, whatever realm the failure came from.
				(error: unknown): Error => new Error(errorMessage(error)),
			);
	const [root, channelRoot] = await Promise.all([get('/'), get(channel.healthPath)]);
	const where = address.safe;
	if (root instanceof Error || !root || typeof root.statusCode !== 'number') {
		const why = root instanceof Error ? withoutSecrets(root.message) : 'no answer';
		return {
			healthy: false,
			line: `Rasa health: ${where} cannot be reached (${oneLine(why, 160)}); visitors get the "service unavailable" message until it can.`,
		};
	}
	const greeting = oneLine(String(root.content ?? '').trim(), 80);
	if (root.statusCode !== 200 || !/rasa/i.test(greeting)) {
		return {
			healthy: false,
			line: `Rasa health: ${where} answers ${root.statusCode} on GET /, which is not what a Rasa server answers; check the "Rasa server URL" setting.`,
		};
	}
	const channelOk = !(channelRoot instanceof Error) && channelRoot?.statusCode === 200;
	if (!channelOk) {
		const status = channelRoot instanceof Error ? 'no answer' : String(channelRoot?.statusCode);
		return {
			healthy: false,
			line:
				`Rasa health: ${where} is Rasa (${greeting}), but its ${channel.name} channel does not answer on ` +
				`${channel.healthPath} (${status}): enable "${channel.name}" in Rasa's credentials.yml, or change the "Rasa channel" setting.`,
		};
	}
	return {
		healthy: true,
		line: `Rasa health: ${where} is reachable (${greeting}); its ${channel.name} channel answers.`,
	};
}
