import type { IHttp, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { callbackChannel } from './channels/callback';
import { restChannel } from './channels/rest';
import { readRasaAddress, withoutSecrets } from './rasaUrl';
import type { RasaMode } from '../shared/modes';
import { errorMessage } from '../text/errorMessage';
import { oneLine } from '../text/oneLine';

/** Short: the check runs while an admin saves a setting or the app starts. */
export const HEALTH_TIMEOUT_MS = 3000;

/**
 * What a check found: whether the server answers as Rasa (`reachable`), its version from Rasa's greeting, whether the
 * app's channel answers, and one line for the log that says what to fix.
 */
export type RasaHealth = {
	readonly healthy: boolean;
	readonly reachable: boolean;
	readonly version?: string;
	readonly channel: string;
	readonly channelAnswers: boolean;
	readonly line: string;
};

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
	const channel = config.mode === 'callback' ? callbackChannel : restChannel;
	const found = { channel: channel.name, reachable: false, channelAnswers: false };
	if (!address) {
		return { ...found, healthy: false, line: 'Rasa health: the "Rasa server URL" setting is not an http(s) URL.' };
	}
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
			...found,
			healthy: false,
			line: `Rasa health: ${where} cannot be reached (${oneLine(why, 160)}); visitors get the "service unavailable" message until it can.`,
		};
	}
	const greeting = oneLine(String(root.content ?? '').trim(), 80);
	if (root.statusCode !== 200 || !/rasa/i.test(greeting)) {
		return {
			...found,
			healthy: false,
			line: `Rasa health: ${where} answers ${root.statusCode} on GET /, which is not what a Rasa server answers; check the "Rasa server URL" setting.`,
		};
	}
	const channelOk = !(channelRoot instanceof Error) && channelRoot?.statusCode === 200;
	const version = /(\d+\.\d+(?:\.\d+)?(?:[\w.+-]*))/.exec(greeting)?.[1];
	const asRasa = { ...found, reachable: true, channelAnswers: channelOk, ...(version ? { version } : {}) };
	if (!channelOk) {
		const status = channelRoot instanceof Error ? 'no answer' : String(channelRoot?.statusCode);
		return {
			...asRasa,
			healthy: false,
			line:
				`Rasa health: ${where} is Rasa (${greeting}), but its ${channel.name} channel does not answer on ` +
				`${channel.healthPath} (${status}): enable "${channel.name}" in Rasa's credentials.yml, or change the "Rasa channel" setting.`,
		};
	}
	return {
		...asRasa,
		healthy: true,
		line: `Rasa health: ${where} is reachable (${greeting}); its ${channel.name} channel answers.`,
	};
}
