import type { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

import { isPlainObject } from '../../json/isPlainObject';
import { failed, isFailure, type Failure, type Outcome } from '../../shared/Outcome';
import type { RasaBotMessage } from '../RasaBotMessage';
import { MAX_REPLIES } from '../readReplies';

/**
 * Rasa's callback channel (rasa/core/channels/callback.py), both sides: the app POSTs {sender, message} to the
 * webhook, Rasa answers "success" once the turn is over, and meanwhile POSTs each bot message, one per call, to the
 * callback URL set in credentials.yml: the app's `callback` endpoint, which hands the call to `receive`.
 */
export const callbackChannel = {
	name: 'callback',
	webhookPath: '/webhooks/callback/webhook',
	healthPath: '/webhooks/callback/',
	/** The webhook's own answer carries no replies: they arrive at the callback endpoint. */
	readAnswer: () => ({ ok: true as const, replies: [] as RasaBotMessage[], dropped: 0 }),
	receive,
} as const;

/** A message addressed to a room: Rasa's recipient_id is the sender the app gave it, the room id. */
export type AddressedReply = RasaBotMessage & { recipient_id: string };

/** The replies one callback brought for one room, and the assistants whose token came with them. */
export type CallbackReplies<Sender> = {
	readonly roomId: string;
	readonly replies: ReadonlyArray<AddressedReply>;
	readonly senders: ReadonlyArray<Sender>;
};

/**
 * A call of Rasa's to the callback endpoint, taken as Rasa's own input channels take theirs (they read the message
 * and hand it to `on_new_message`): it must carry the token of one of `assistants`, its body must be Rasa's
 * messages for one room, and those are handed to `onReplies`, whose outcome is the answer.
 */
async function receive<Sender extends { readonly callbackToken: string }>(
	request: IApiRequest,
	assistants: ReadonlyArray<Sender>,
	log: { warn(line: string): void },
	onReplies: (received: CallbackReplies<Sender>) => Promise<Outcome>,
): Promise<Outcome> {
	const given = callbackTokenOf(request);
	// Every assistant's token is compared, so the time taken tells nothing about which one came close.
	const matches = assistants.map(
		(assistant) => !!assistant.callbackToken && !!given && tokensMatch(given, assistant.callbackToken),
	);
	const senders = assistants.filter((_assistant, index) => matches[index]);
	if (senders.length === 0) {
		log.warn(`callback: refused a call ${given ? 'with a wrong token' : 'without a token'}`);
		return failed(
			'invalid-token',
			assistants.some((assistant) => assistant.callbackToken)
				? 'The callback token is missing or wrong; send the one set in the Rasa app settings.'
				: 'No callback token is set in the Rasa app settings, so callbacks are refused.',
		);
	}
	const replies = readCallback(request.content);
	if (isFailure(replies)) {
		return replies;
	}
	const roomId = replies[0].recipient_id;
	if (replies.some((reply) => reply.recipient_id !== roomId)) {
		return failed('invalid-request', 'All messages of one callback must have the same recipient_id.');
	}
	return onReplies({ roomId, replies, senders });
}

/**
 * The token Rasa sends with a callback: credentials.yml's `token` goes in the query (`?token=`), or a header
 * (`X-Rasa-Token`, or `Authorization: Bearer ...`) set through `headers`.
 */
export function callbackTokenOf(request: IApiRequest): string | undefined {
	const query = request.query?.token;
	if (typeof query === 'string' && query !== '') {
		return query;
	}
	const headers = Object.fromEntries(
		Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const header = headers['x-rasa-token'];
	if (typeof header === 'string' && header !== '') {
		return header;
	}
	const bearer = /^Bearer\s+(.+)$/i.exec(String(headers.authorization ?? ''));
	return bearer ? bearer[1].trim() : undefined;
}

/** Compares in time that depends only on the lengths, so a caller cannot guess the token a character at a time. */
export function tokensMatch(given: string, expected: string): boolean {
	let difference = given.length ^ expected.length;
	for (let i = 0; i < expected.length; i++) {
		difference |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ expected.charCodeAt(i);
	}
	return difference === 0;
}

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
