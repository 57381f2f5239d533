import type { IHttp } from '@rocket.chat/apps-engine/definition/accessors';

import type { RasaBotMessage, RasaTurn } from './RasaBotMessage';

export type RasaMode = 'rest' | 'callback';

export type RasaResult =
	| { ok: true; replies: RasaBotMessage[] }
	/** problem: a sentence for the log, without secrets. */
	| { ok: false; problem: string };

export interface IRasaClient {
	send(turn: RasaTurn): Promise<RasaResult>;
}

export type RasaClientConfig = { url: string; mode: RasaMode; timeoutMs: number };

/**
 * Rasa's input channels over the Apps-Engine HTTP accessor. REST answers with the replies; callback answers
 * "success" once Rasa has POSTed every reply to the app's callback endpoint, so it returns no replies itself.
 */
export class RasaClient implements IRasaClient {
	constructor(
		private readonly http: IHttp,
		private readonly config: RasaClientConfig,
	) {}

	public async send(turn: RasaTurn): Promise<RasaResult> {
		const path = this.config.mode === 'callback' ? '/webhooks/callback/webhook' : '/webhooks/rest/webhook';
		const url = `${this.config.url}${path}`;
		const where = withoutCredentials(this.config.url);
		let response;
		try {
			response = await this.http.post(url, {
				headers: { 'Content-Type': 'application/json' },
				content: JSON.stringify(turn),
				timeout: this.config.timeoutMs,
			});
		} catch (error) {
			return { ok: false, problem: `Rasa at ${where} could not be reached: ${withoutCredentials(messageOf(error))}` };
		}
		if (!response || typeof response.statusCode !== 'number') {
			return { ok: false, problem: `Rasa at ${where} gave no answer` };
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			return { ok: false, problem: `Rasa answered ${response.statusCode} on ${path}` };
		}
		if (this.config.mode === 'callback') {
			return { ok: true, replies: [] };
		}
		return parseReplies(response.content);
	}
}

/** A REST answer must be a JSON list of message objects; 200 [] is a silent bot, not an error. */
export function parseReplies(content: string | undefined): RasaResult {
	let parsed: unknown;
	try {
		parsed = JSON.parse(content ?? '');
	} catch {
		return { ok: false, problem: 'Rasa answered with something that is not JSON' };
	}
	if (!Array.isArray(parsed)) {
		return { ok: false, problem: 'Rasa answered with JSON that is not a list of messages' };
	}
	return {
		ok: true,
		replies: parsed.filter(
			(item): item is RasaBotMessage => typeof item === 'object' && item !== null && !Array.isArray(item),
		),
	};
}

/** A Rasa URL may carry basic-auth credentials (http://user:secret@rasa:5005): logs get it without them. */
export function withoutCredentials(text: string): string {
	return text.replace(/(\w+:\/\/)[^/@\s]*@/g, '$1');
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
