import type { RasaBotMessage } from './RasaBotMessage';
import { readControlPayload, type ControlPayload } from './controlPayload';
import { isPlainObject } from '../json/isPlainObject';

export type QuickReply = { title: string; payload: string };

/** A bot message in Rocket.Chat terms; the Omnichannel adapter turns it into text, attachments and UIKit blocks. */
export type BotMessage = {
	text?: string;
	imageUrl?: string;
	attachment?: { title?: string; link?: string; text?: string };
	quickReplies?: QuickReply[];
};

export type BotOutput =
	| { kind: 'message'; message: BotMessage }
	| { kind: 'control'; control: ControlPayload }
	| { kind: 'ignored'; reason: string };

const MAX_TEXT = 10000;
const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value.slice(0, MAX_TEXT) : undefined;
const httpUrl = (value: unknown): string | undefined => {
	const candidate = text(value);
	return candidate && /^https?:\/\//i.test(candidate) ? candidate : undefined;
};

function quickReplies(buttons: unknown): QuickReply[] {
	if (!Array.isArray(buttons)) {
		return [];
	}
	return buttons
		.filter(isPlainObject)
		.map((button) => ({ title: text(button.title), payload: text(button.payload) ?? text(button.title) }))
		.filter((reply): reply is QuickReply => !!reply.title && !!reply.payload);
}

/** Rasa attachments are free JSON; show a link and a title when there is one, else a readable excerpt. */
function readableAttachment(attachment: unknown): BotMessage['attachment'] | undefined {
	if (attachment === undefined || attachment === null) {
		return undefined;
	}
	if (typeof attachment === 'string') {
		return httpUrl(attachment) ? { link: attachment, title: attachment } : { text: attachment.slice(0, 1000) };
	}
	const payload = isPlainObject(attachment) && isPlainObject(attachment.payload) ? attachment.payload : undefined;
	const source = isPlainObject(attachment) ? attachment : {};
	const link = httpUrl(payload?.src) ?? httpUrl(payload?.url) ?? httpUrl(source.url) ?? httpUrl(source.src);
	const title = text(payload?.title) ?? text(source.title) ?? text(source.name) ?? link;
	if (link || title) {
		return { link, title };
	}
	return { text: JSON.stringify(attachment).slice(0, 1000) };
}

/**
 * Maps Rasa's bot messages, in order, to what the app does: messages to post (text, quick replies, image,
 * attachment) and control payloads to perform. Unknown keys are ignored; nothing here throws.
 */
export function toBotOutputs(replies: ReadonlyArray<RasaBotMessage>): BotOutput[] {
	const outputs: BotOutput[] = [];
	for (const reply of replies) {
		const message: BotMessage = {};
		const body = text(reply.text);
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
		if (attachment) {
			message.attachment = attachment;
		}
		if (Object.keys(message).length > 0) {
			outputs.push({ kind: 'message', message });
		}
		if (reply.custom !== undefined) {
			const control = readControlPayload(reply.custom);
			outputs.push(
				control
					? { kind: 'control', control }
					: {
							kind: 'ignored',
							reason: `custom payload with keys ${Object.keys(isPlainObject(reply.custom) ? reply.custom : {}).join(', ') || '(none)'}`,
						},
			);
		}
	}
	return outputs;
}
