import { isPlainObject } from '../../json/isPlainObject';
import { failed, type Failure } from '../../shared/Outcome';
import type { RasaBotMessage } from '../RasaBotMessage';
import { MAX_REPLIES } from '../readReplies';

/**
 * Rasa's callback channel (rasa/core/channels/callback.py), both sides: the app POSTs {sender, message} to the
 * webhook, Rasa answers "success" once the turn is over, and meanwhile POSTs each bot message, one per call, to the
 * callback URL set in credentials.yml: the app's `callback` endpoint.
 */
export const callbackChannel = {
	name: 'callback',
	webhookPath: '/webhooks/callback/webhook',
	healthPath: '/webhooks/callback/',
	/** The webhook's own answer carries no replies: they arrive at the callback endpoint. */
	readAnswer: () => ({ ok: true as const, replies: [] as RasaBotMessage[], dropped: 0 }),
	readCallback,
} as const;

/** A message addressed to a room: Rasa's recipient_id is the sender the app gave it, the room id. */
export type AddressedReply = RasaBotMessage & { recipient_id: string };

/** One Rasa message object per call; a list of up to MAX_REPLIES is accepted too. */
function readCallback(content: unknown): AddressedReply[] | Failure {
	const list = Array.isArray(content) ? content : [content];
	if (list.length === 0 || list.length > MAX_REPLIES) {
		return failed('invalid-request', `Send one Rasa message object (or a list of 1 to ${MAX_REPLIES}).`);
	}
	for (const item of list) {
		if (!isPlainObject(item)) {
			return failed('invalid-request', 'Each callback item must be a Rasa message object with recipient_id.');
		}
		if (typeof item.recipient_id !== 'string' || item.recipient_id.trim() === '' || item.recipient_id.length > 256) {
			return failed(
				'invalid-request',
				'"recipient_id" is missing; it must be the livechat room id (the sender Rasa was given).',
			);
		}
	}
	return list as AddressedReply[];
}
