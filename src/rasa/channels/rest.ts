import type { RasaBotMessage } from '../RasaBotMessage';
import { MAX_REPLIES } from '../readReplies';

/**
 * Rasa's REST channel (rasa/core/channels/rest.py): the app POSTs {sender, message, metadata} to the webhook and
 * the answer is the list of the bot's messages for that turn.
 */
export const restChannel = {
	name: 'rest',
	webhookPath: '/webhooks/rest/webhook',
	/** Rasa answers {"status":"ok"} here when the channel is enabled. */
	healthPath: '/webhooks/rest/',
	readAnswer,
} as const;

export type ChannelAnswer =
	| { ok: true; replies: RasaBotMessage[]; dropped: number }
	/** problem: a sentence for the log, without secrets. */
	| { ok: false; problem: string };

/** A JSON list of message objects; 200 [] is a silent bot, not an error. At most MAX_REPLIES are kept. */
function readAnswer(content: string | undefined): ChannelAnswer {
	let parsed: unknown;
	try {
		parsed = JSON.parse(content ?? '');
	} catch {
		return { ok: false, problem: 'Rasa answered with something that is not JSON' };
	}
	if (!Array.isArray(parsed)) {
		return { ok: false, problem: 'Rasa answered with JSON that is not a list of messages' };
	}
	const replies = parsed.filter(
		(item): item is RasaBotMessage => typeof item === 'object' && item !== null && !Array.isArray(item),
	);
	return { ok: true, replies: replies.slice(0, MAX_REPLIES), dropped: Math.max(0, replies.length - MAX_REPLIES) };
}
