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
 * with the buttons, image and attachment. An image from another host goes after them, as a file of its own (see
 * postBotImage). A message Rocket.Chat refuses is logged and the delivery goes on, so one refusal never loses the
 * replies after it.
 */
async function postInParts(conversation: Conversation, session: Session, message: BotMessage): Promise<void> {
	const { omnichannel, log } = conversation;
	const { imageUrl } = message;
	if (imageUrl && !(await isOnWorkspace(conversation, imageUrl))) {
		const { imageUrl: _posted, ...others } = message;
		if (Object.keys(others).length > 0) {
			await postInParts(conversation, session, others);
		}
		await postBotImage(conversation, session, imageUrl);
		return;
	}
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

/** An address the workspace serves itself (Site_Url): every widget shows it as it is. */
async function isOnWorkspace(conversation: Conversation, url: string): Promise<boolean> {
	const workspace = await conversation.omnichannel.workspaceAddress();
	return workspace !== '' && url.startsWith(`${workspace}/`);
}

/**
 * A bot's image from another host is fetched once and posted as a file the workspace stores and serves: the livechat
 * widget of Rocket.Chat 5.x and 6.0–6.2 (1.13.x) puts the workspace's address before every image URL, so an image
 * elsewhere shows broken there, and it would vanish from old chats when its host removes it. When it cannot be
 * fetched (not an image, too big, too slow, "Bot images up to (MB)" at 0), its plain link is posted instead.
 */
async function postBotImage(conversation: Conversation, session: Session, url: string): Promise<void> {
	const { omnichannel, settings, log } = conversation;
	const { botImageMaxBytes, botImageTimeoutMs } = await settings.read('botImageMaxBytes', 'botImageTimeoutMs');
	if (botImageMaxBytes > 0) {
		const fetched = await conversation.fetchImage(url, { maxBytes: botImageMaxBytes, timeoutMs: botImageTimeoutMs });
		if (fetched.ok) {
			try {
				if (await omnichannel.postBotFile(session, fetched.file)) {
					return;
				}
			} catch (error) {
				log.warn(`relay: room ${session.id}: Rocket.Chat refused a bot image: ${oneLine(errorMessage(error))}`);
			}
		} else {
			log.info(`relay: room ${session.id}: a bot image goes as a link: ${fetched.problem}`);
		}
	}
	try {
		await omnichannel.postBotMessage(session, { text: url });
	} catch (error) {
		log.warn(`relay: room ${session.id}: Rocket.Chat refused a bot message: ${oneLine(errorMessage(error))}`);
	}
}
