import type { QuickReply } from '../shared/chatEvents';

/** Quick replies are one actions block; each button's value carries the title and the payload for Rasa. */
export const QUICK_REPLIES_BLOCK = 'rasa-quick-replies';
export const QUICK_REPLY_ACTION_PREFIX = 'rasa-quick-reply-';

const MAX_VALUE_LENGTH = 10000;

export const quickReplyValue = (reply: QuickReply): string =>
	JSON.stringify({ title: reply.title, payload: reply.payload });

/** The choice behind a clicked button, or undefined when the click is not one of ours or its value was tampered with. */
export function readQuickReplyClick(actionId: unknown, value: unknown): QuickReply | undefined {
	if (typeof actionId !== 'string' || !actionId.startsWith(QUICK_REPLY_ACTION_PREFIX)) {
		return undefined;
	}
	if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) {
		return undefined;
	}
	try {
		const parsed = JSON.parse(value) as Partial<QuickReply>;
		return typeof parsed.title === 'string' &&
			typeof parsed.payload === 'string' &&
			parsed.title.trim() !== '' &&
			parsed.payload.trim() !== ''
			? { title: parsed.title, payload: parsed.payload }
			: undefined;
	} catch {
		return undefined;
	}
}
