import type { IHttp } from '@rocket.chat/apps-engine/definition/accessors';

import type { RasaBotMessage, RasaTurn } from './RasaBotMessage';
import { callbackChannel } from './channels/callback';
import { restChannel } from './channels/rest';
import { readRasaAddress, withoutSecrets } from './rasaUrl';
import type { RasaMode } from '../shared/modes';
import { errorMessage } from '../text/errorMessage';

export type RasaResult =
	| { ok: true; replies: RasaBotMessage[]; dropped: number }
	/** problem: a sentence for the log, without secrets. */
	| { ok: false; problem: string };

export interface IRasaClient {
	/** Sends one turn; waits at most timeoutMs (the configured timeout when absent). */
	send(turn: RasaTurn, timeoutMs?: number): Promise<RasaResult>;
}

export type RasaClientConfig = { url: string; mode: RasaMode; timeoutMs: number };

/** Rasa's input channels over the Apps-Engine HTTP accessor: REST answers with the replies, callback without. */
export class RasaClient implements IRasaClient {
	constructor(
		private readonly http: IHttp,
		private readonly config: RasaClientConfig,
	) {}

	public async send(turn: RasaTurn, timeoutMs = this.config.timeoutMs): Promise<RasaResult> {
		const channel = this.config.mode === 'callback' ? callbackChannel : restChannel;
		const address = readRasaAddress(this.config.url);
		if (!address) {
			return { ok: false, problem: 'the Rasa server URL setting is not an http(s) URL' };
		}
		let response;
		try {
			response = await this.http.post(address.urlFor(channel.webhookPath), {
				headers: {
					'Content-Type': 'application/json',
					...(address.authorization ? { Authorization: address.authorization } : {}),
				},
				content: JSON.stringify(turn),
				timeout: timeoutMs,
			});
		} catch (error) {
			return {
				ok: false,
				problem: `Rasa at ${address.safe} could not be reached: ${withoutSecrets(errorMessage(error))}`,
			};
		}
		if (!response || typeof response.statusCode !== 'number') {
			return { ok: false, problem: `Rasa at ${address.safe} gave no answer` };
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return {
				ok: false,
				problem: `Rasa at ${address.safe} answered ${response.statusCode} on ${channel.webhookPath}`,
			};
		}
		return channel.readAnswer(response.content);
	}
}
