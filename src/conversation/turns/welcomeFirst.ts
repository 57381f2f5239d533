import type { TurnMessage, TurnMessages } from './takeTurn';
import { timeLeft, type Conversation } from '../engine/Conversation';

const intentMessage = (intent: string) => (intent.startsWith('/') ? intent : `/${intent}`);

/** Time for the welcome's delivery after Rasa answered it, on top of Rasa's own timeout. */
const WELCOME_DELIVERY_MS = 2000;

/**
 * What a turn sends so that Rasa hears the welcome before any text of the chat, on every instance: the welcome
 * first when this caller claims it (the text, if any, after it); when another caller (on this instance or another)
 * claimed it and has not sent it yet, the text waits until it has, at most as long as Rasa may take to answer it
 * (then the text goes anyway, and no later text waits for that welcome again).
 */
export async function welcomeFirst(
	conversation: Conversation,
	roomId: string,
	welcomeIntent: string,
	visitorMessage?: string | TurnMessage,
): Promise<TurnMessages> {
	const message = typeof visitorMessage === 'string' ? { text: visitorMessage } : visitorMessage;
	const text = message?.text ? message : undefined;
	const { memory, settings, log } = conversation;
	const claim = welcomeIntent ? await memory.claimWelcome(roomId) : 'done';
	if (claim === 'ours') {
		return [{ text: intentMessage(welcomeIntent), after: () => memory.welcomeDone(roomId) }, ...(text ? [text] : [])];
	}
	if (claim === 'done' || !text) {
		return text;
	}
	const before = async () => {
		const { rasaTimeoutMs } = await settings.read('rasaTimeoutMs');
		const waitMs = Math.min(rasaTimeoutMs + WELCOME_DELIVERY_MS, Math.max(0, timeLeft(conversation) - 2000));
		if (!(await memory.awaitWelcome(roomId, waitMs))) {
			log.warn(
				`relay: room ${roomId}: the welcome was not sent within ${Math.round(waitMs / 1000)} s; the text goes now`,
			);
			await memory.welcomeDone(roomId);
		}
	};
	return { ...text, before };
}
