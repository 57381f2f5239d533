import type { BotMessage, Session } from '../../omnichannel/IOmnichannel';
import type { RasaBotMessage } from '../../rasa/RasaBotMessage';
import { MAX_REPLIES, readReplies } from '../../rasa/readReplies';
import { errorMessage } from '../../text/errorMessage';
import { oneLine } from '../../text/oneLine';
import { splitText } from '../../text/splitText';
import type { Conversation } from '../engine/Conversation';
import { performBotRequest } from '../engine/performAction';

export type Delivery = {
	/** How many of Rasa's messages were shown or acted on. */
	readonly delivered: number;
	/** The action that ended the bot's part (close-chat, handover): nothing after it was delivered. */
	readonly endedBy?: string;
};

/**
 * Shows Rasa's replies to the visitor in order, inside a step of the room (the caller holds it and has just read
 * the session): messages are posted as the bot; actions in custom payloads go through the same registry as the
 * incoming API. A close or a handover that succeeds ends the bot's part: the rest is dropped, and says so.
 */
export async function deliverReplies(
	conversation: Conversation,
	session: Session,
	replies: ReadonlyArray<RasaBotMessage>,
): Promise<Delivery> {
	const { log } = conversation;
	const kept = replies.slice(0, MAX_REPLIES);
	if (replies.length > kept.length) {
		log.warn(
			`relay: room ${session.id}: Rasa sent ${replies.length} messages; only the first ${MAX_REPLIES} are shown`,
		);
	}
	for (let index = 0; index < kept.length; index++) {
		for (const output of readReplies([kept[index]])) {
			if (output.kind === 'message') {
				await postInParts(conversation, session, output.message);
			} else if (output.kind === 'ignored') {
				log.info(`relay: room ${session.id}: skipped a ${output.reason}`);
			} else {
				const result = await performBotRequest(conversation, session, output.name, output.data);
				log.info(`relay: room ${session.id}: ${output.name} asked by the bot: ${result.ok ? 'done' : result.code}`);
				if (result.ok) {
					const rest = kept.length - index - 1;
					if (rest > 0) {
						log.info(`relay: room ${session.id}: ${rest} later message(s) dropped: the bot no longer serves the chat`);
					}
					return { delivered: index + 1, endedBy: output.name };
				}
			}
		}
	}
	return { delivered: kept.length };
}

/**
 * Posts one of Rasa's messages: a text longer than the workspace allows goes in several messages, in order, the last
 * with the buttons, image and attachment. A message Rocket.Chat refuses is logged and the delivery goes on, so one
 * refusal never loses the replies after it.
 */
async function postInParts(conversation: Conversation, session: Session, message: BotMessage): Promise<void> {
	const { omnichannel, log } = conversation;
	const { text, ...rest } = message;
	const limit = text ? await omnichannel.maxMessageLength() : Infinity;
	const texts = text && text.length > limit ? splitText(text, limit).filter((part) => part.trim() !== '') : [text];
	const parts: BotMessage[] = texts.map((part, index) =>
		index === texts.length - 1 ? { ...rest, ...(part ? { text: part } : {}) } : { text: part },
	);
	for (const part of parts) {
		try {
			await omnichannel.postBotMessage(session, part);
		} catch (error) {
			log.warn(`relay: room ${session.id}: Rocket.Chat refused a bot message: ${oneLine(errorMessage(error))}`);
		}
	}
	if (parts.length > 1) {
		log.info(`relay: room ${session.id}: a text of ${text?.length} characters went in ${parts.length} messages`);
	}
}
