import { takeTurn } from './takeTurn';
import { welcomeFirst } from './welcomeFirst';
import type { Session } from '../../omnichannel/IOmnichannel';
import { isFailure } from '../../shared/Outcome';
import type { SharedFile, VisitorFile, VisitorMessage } from '../../shared/chatEvents';
import { errorMessage } from '../../text/errorMessage';
import type { Conversation } from '../engine/Conversation';

/**
 * A visitor's message in a room the bot serves goes to Rasa, as one turn of the room. A quick-reply choice goes as
 * its button's payload: the click recorded it for this message. The first message of a chat may arrive before
 * Rocket.Chat's news that the bot took the chat (the livechat widget opens the chat and sends at once, and
 * Rocket.Chat awaits neither event): the welcome intent then goes first, in the same turn, so Rasa greets before
 * it answers. `seen` is the room as the message's event carried it, which the turn uses when it starts at once.
 */
export async function relayVisitorMessage(
	conversation: Conversation,
	message: VisitorMessage,
	seen?: Session,
): Promise<void> {
	const [{ idleCloseMs, fileIntent }, assistants] = await Promise.all([
		conversation.settings.read('idleCloseMs', 'fileIntent'),
		conversation.assistants(),
	]);
	if (!assistants.servedBy(message.servedByUsername)) {
		conversation.clicks.take(message.id);
		return;
	}
	// The idle clock restarts with every visitor message, written beside the turn rather than before it.
	const noted =
		idleCloseMs > 0
			? conversation.memory
					.noteActivity(message.roomId, conversation.now())
					.catch((error: unknown) =>
						conversation.log.warn(`idle: room ${message.roomId}: activity not recorded: ${errorMessage(error)}`),
					)
			: undefined;
	const files = message.files?.length ? describeFiles(conversation, message.files) : undefined;
	const result = await takeTurn(
		conversation,
		message.roomId,
		async (_session, { welcomeIntent }) =>
			welcomeFirst(conversation, message.roomId, welcomeIntent, {
				text: conversation.clicks.take(message.id) ?? textFor(message, fileIntent),
				...(files ? { files } : {}),
			}),
		Infinity,
		undefined,
		seen,
	);
	await noted;
	if (isFailure(result) && result.code !== 'rasa-unavailable') {
		conversation.log.info(`relay: room ${message.roomId}: visitor message not relayed: ${result.code}`);
	}
}

/**
 * What Rasa reads as the visitor's text: the message's own text; for files alone, the file intent when the admin set
 * one (`/file_received`), else the files' names, so that Rasa's understanding has something to read.
 */
function textFor(message: VisitorMessage, fileIntent: string): string {
	if (message.text.trim() !== '' || !message.files?.length) {
		return message.text;
	}
	return fileIntent || message.files.map((file) => file.name).join(', ');
}

/** The files as the workspace describes them, read beside the turn; what the message said if that read fails. */
function describeFiles(
	conversation: Conversation,
	files: ReadonlyArray<VisitorFile>,
): Promise<ReadonlyArray<SharedFile>> {
	return conversation.omnichannel.describeFiles(files).catch((error: unknown) => {
		conversation.log.warn(`relay: the files of a visitor message could not be described: ${errorMessage(error)}`);
		return files.map(({ name, type, size }) => ({
			name,
			...(type ? { type } : {}),
			...(size !== undefined ? { size } : {}),
		}));
	});
}
