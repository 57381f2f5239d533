import type { RoomMessage, Session } from '../../omnichannel/IOmnichannel';
import type { Assistant } from '../../settings/assistants';
import type { Transcript, TranscriptLine } from '../../shared/chatEvents';
import { errorMessage } from '../../text/errorMessage';
import type { Conversation } from '../engine/Conversation';

/** How far back the app reads a room for its human part (Rocket.Chat's accessor answers at most 100). */
export const TRANSCRIPT_READ = 50;
/** The most messages, characters per message and characters in all that Rasa is told of a human part. */
export const TRANSCRIPT_MAX_LINES = 20;
export const TRANSCRIPT_MAX_TEXT = 500;
export const TRANSCRIPT_MAX_TOTAL = 4000;

/** A room's newest messages, read as soon as the chat is back with the bot; undefined where this version cannot. */
export function readRecentMessages(
	conversation: Conversation,
	roomId: string,
): Promise<ReadonlyArray<RoomMessage> | undefined> {
	return conversation.omnichannel.recentMessages(roomId, TRANSCRIPT_READ).catch((error: unknown) => {
		conversation.log.warn(`lifecycle: room ${roomId}: its messages could not be read: ${errorMessage(error)}`);
		return undefined;
	});
}

/**
 * What the visitor and the agents said since the bot's last message (where the human part began), oldest first,
 * bounded: the newest lines are kept when it is longer. Rocket.Chat gives apps people's messages only (no system
 * messages), and never anyone's token.
 */
export function humanPartOf(
	messages: ReadonlyArray<RoomMessage> | undefined,
	session: Session,
	assistant: Assistant,
): Transcript {
	if (!messages) {
		return { lines: [], complete: false, available: false };
	}
	const visitor = session.context?.visitorUsername;
	const lines: TranscriptLine[] = [];
	let total = 0;
	let complete = messages.length < TRANSCRIPT_READ;
	for (const message of messages) {
		if (message.senderUsername === assistant.botUsername) {
			complete = true;
			break;
		}
		const text = message.text.trim();
		if (!text) {
			continue;
		}
		const kept = text.length > TRANSCRIPT_MAX_TEXT ? `${text.slice(0, TRANSCRIPT_MAX_TEXT - 1)}…` : text;
		if (lines.length === TRANSCRIPT_MAX_LINES || total + kept.length > TRANSCRIPT_MAX_TOTAL) {
			complete = false;
			break;
		}
		total += kept.length;
		const fromVisitor = visitor !== undefined && message.senderUsername === visitor;
		lines.push({
			from: fromVisitor ? 'visitor' : 'agent',
			...(!fromVisitor && message.senderUsername ? { username: message.senderUsername } : {}),
			text: kept,
			at: message.at.toISOString(),
		});
	}
	return { lines: lines.reverse(), complete, available: true };
}
