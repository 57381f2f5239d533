import type { RasaBotMessage } from './RasaBotMessage';
import { isPlainObject } from '../json/isPlainObject';
import type { BotMessage } from '../omnichannel/IOmnichannel';
import type { QuickReply } from '../shared/chatEvents';

/** The most messages one Rasa answer may post, whatever the channel (REST list, callback list, send-message). */
export const MAX_REPLIES = 100;

/** What the app does with one element of Rasa's answer, in order. */
export type BotOutput =
	| { kind: 'message'; message: BotMessage }
	/** A custom payload naming an action, e.g. {"action": "handover", "actionData": {"targetDepartment": "Sales"}}. */
	| { kind: 'action'; name: string; data: unknown }
	| { kind: 'ignored'; reason: string };

/** Longer values are cut: a message's text (posted in parts the workspace accepts), and any other field. */
const MAX_MESSAGE_TEXT = 50000;
const MAX_TEXT = 10000;
const text = (value: unknown, maxLength = MAX_TEXT): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.slice(0, maxLength) : undefined;
const httpUrl = (value: unknown): string | undefined => {
	const candidate = text(value);
	return candidate && /^https?:\/\//i.test(candidate) ? candidate : undefined;
};

/** Button titles and payloads travel in the button's value; longer ones than these are not buttons a person reads. */
const MAX_BUTTON_TITLE = 500;
const MAX_BUTTON_PAYLOAD = 2000;
const MAX_BUTTONS = 25;

function quickReplies(buttons: unknown): QuickReply[] {
	if (!Array.isArray(buttons)) {
		return [];
	}
	return buttons
		.filter(isPlainObject)
		.map((button) => ({ title: text(button.title), payload: text(button.payload) ?? text(button.title) }))
		.filter(
			(reply): reply is QuickReply =>
				!!reply.title &&
				!!reply.payload &&
				reply.title.length <= MAX_BUTTON_TITLE &&
				reply.payload.length <= MAX_BUTTON_PAYLOAD,
		)
		.slice(0, MAX_BUTTONS);
}

/**
 * Rasa attachments are free JSON. One with a link becomes a file card (title and link); anything else becomes text,
 * since Rocket.Chat's livechat widget shows no attachment without a link (Messages/Message: audio, video, image,
 * title_link, quotes only): a title, or else a short excerpt.
 */
function readableAttachment(attachment: unknown): { card?: BotMessage['attachment']; text?: string } {
	if (attachment === undefined || attachment === null) {
		return {};
	}
	if (typeof attachment === 'string') {
		return httpUrl(attachment)
			? { card: { link: attachment, title: attachment } }
			: { text: attachment.slice(0, 1000) };
	}
	const payload = isPlainObject(attachment) && isPlainObject(attachment.payload) ? attachment.payload : undefined;
	const source = isPlainObject(attachment) ? attachment : {};
	const link = httpUrl(payload?.src) ?? httpUrl(payload?.url) ?? httpUrl(source.url) ?? httpUrl(source.src);
	const title = text(payload?.title) ?? text(source.title) ?? text(source.name);
	if (link) {
		return { card: { link, title: title ?? link } };
	}
	return { text: title ?? JSON.stringify(attachment).slice(0, 1000) };
}

/**
 * Maps Rasa's bot messages, in order, to what the app does: messages to post (text, quick replies, image,
 * attachment) and actions to perform. Unknown keys are ignored; nothing here throws.
 */
export function readReplies(replies: ReadonlyArray<RasaBotMessage>): BotOutput[] {
	const outputs: BotOutput[] = [];
	for (const reply of replies) {
		const message: BotMessage = {};
		const body = text(reply.text, MAX_MESSAGE_TEXT);
		if (body) {
			message.text = body;
		}
		const replyButtons = quickReplies(reply.buttons);
		if (replyButtons.length > 0) {
			message.quickReplies = replyButtons;
		}
		const image = httpUrl(reply.image);
		if (image) {
			message.imageUrl = image;
		}
		const attachment = readableAttachment(reply.attachment);
		if (attachment.card) {
			message.attachment = attachment.card;
		}
		if (attachment.text) {
			message.text = message.text ? `${message.text}\n\n${attachment.text}` : attachment.text;
		}
		if (Object.keys(message).length > 0) {
			outputs.push({ kind: 'message', message });
		}
		if (reply.custom !== undefined) {
			outputs.push(readCustom(reply.custom));
		}
	}
	return outputs;
}

/**
 * A custom payload asks for an action when it names one: {"action": "close-chat"}. Its data is "actionData", as in
 * the incoming API, or else the payload's other keys ({"action": "handover", "targetDepartment": "Sales"}).
 */
function readCustom(custom: unknown): BotOutput {
	if (!isPlainObject(custom) || typeof custom.action !== 'string') {
		const keys = Object.keys(isPlainObject(custom) ? custom : {}).slice(0, 5);
		return { kind: 'ignored', reason: `custom payload with keys ${keys.join(', ') || '(none)'}` };
	}
	const { action, actionData, ...rest } = custom;
	return { kind: 'action', name: action, data: actionData !== undefined ? actionData : rest };
}
