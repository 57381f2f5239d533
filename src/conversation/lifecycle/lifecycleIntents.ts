import { humanPartOf, readRecentMessages } from './humanPart';
import type { Assistant, Assistants } from '../../settings/assistants';
import type { AgentAssignment, ChatEvent, ClosedBy, ClosedChat, TransferredRoom } from '../../shared/chatEvents';
import { oneLine } from '../../text/oneLine';
import type { Conversation } from '../engine/Conversation';
import { assistantThatServed } from '../engine/servedBy';
import { takeTurn } from '../turns/takeTurn';
import { metadataFor } from '../turns/visitorContext';

/**
 * The lifecycle intents, each a setting (empty: not sent): when a chat the bot served closes (with who closed it),
 * when a human takes it over from the bot, and when it comes back to the bot. Each goes once per event with the
 * visitor's context and the event in the metadata, and the closer as an entity: `/chat_closed{"closed_by":"agent"}`.
 */

/** A chat closed: Rasa hears it once (Rocket.Chat 5.x and 6.x may announce one close twice), if its bot served it. */
export async function chatClosed(conversation: Conversation, closed: ClosedChat): Promise<void> {
	const [{ closeIntent }, assistants] = await Promise.all([
		conversation.settings.read('closeIntent'),
		conversation.assistants(),
	]);
	const { memory, log } = conversation;
	if (!closeIntent) {
		return;
	}
	const assistant = await assistantThatServed(conversation, closed.roomId, assistants);
	if (!assistant) {
		return;
	}
	if (!(await memory.claimOnce(closed.roomId, 'closed'))) {
		log.info(`lifecycle: room ${closed.roomId}: the close was announced again; Rasa heard it once`);
		return;
	}
	// Older converters give no user type: the app's own user is known by its username then.
	const appClosed =
		closed.closedByIsApp ??
		(!!closed.closedByUsername &&
			!assistants.servedBy(closed.closedByUsername) &&
			(await conversation.omnichannel.appUser())?.username === closed.closedByUsername);
	const closedBy = closedByOf({ ...closed, closedByIsApp: appClosed }, assistants);
	await tellRasa(conversation, assistant, closed.roomId, withEntity(closeIntent, 'closed_by', closedBy), {
		type: 'closed',
		closedBy,
	});
}

/** A bot no longer serves an open chat (a human took it over, or it went back to a queue). */
export async function chatLeftBot(conversation: Conversation, left: AgentAssignment): Promise<void> {
	const [{ takeoverIntent, idleCloseMs }, assistants] = await Promise.all([
		conversation.settings.read('takeoverIntent', 'idleCloseMs'),
		conversation.assistants(),
	]);
	const assistant = assistants.servedBy(left.agentUsername);
	if (!assistant) {
		return;
	}
	// The idle clock is kept only while the idle close is on (the housekeeping job removes what is left).
	if (idleCloseMs > 0) {
		await conversation.memory.forgetActivity(left.roomId).catch(() => undefined);
	}
	if (!takeoverIntent) {
		return;
	}
	const session = await conversation.omnichannel.findSession(left.roomId);
	if (!session?.isOpen || session.servedByUsername === assistant.botUsername) {
		return;
	}
	await tellRasa(conversation, assistant, left.roomId, takeoverIntent, { type: 'takeover' });
}

/**
 * A transfer gave the chat to a bot: Rasa hears the return intent (no second welcome), with what the visitor and the
 * agents said while a human served the chat, and answers as usual. The event's room says who serves it now (a transfer
 * to a human costs no read); the turn reads it again before anything goes.
 */
export async function chatReturnedToBot(conversation: Conversation, transferred: TransferredRoom): Promise<void> {
	const { roomId } = transferred;
	const [{ returnIntent, idleCloseMs }, assistants] = await Promise.all([
		conversation.settings.read('returnIntent', 'idleCloseMs'),
		conversation.assistants(),
	]);
	if (!transferred.isOpen || !assistants.servedBy(transferred.servedByUsername)) {
		return;
	}
	if (idleCloseMs > 0) {
		await conversation.memory.noteActivity(roomId, conversation.now());
	}
	if (!returnIntent) {
		return;
	}
	const messages = readRecentMessages(conversation, roomId);
	const result = await takeTurn(conversation, roomId, async (session, assistant) => ({
		text: returnIntent,
		event: { type: 'returned', transcript: humanPartOf(await messages, session, assistant) },
	}));
	conversation.log.info(`lifecycle: room ${roomId}: return intent ${result.ok ? 'sent' : `not sent: ${result.code}`}`);
}

function closedByOf(closed: ClosedChat, assistants: Assistants): ClosedBy {
	if (closed.closer === 'visitor') {
		return 'visitor';
	}
	if (closed.closedByIsApp) {
		return 'app';
	}
	if (assistants.servedBy(closed.closedByUsername)) {
		return 'bot';
	}
	return closed.closer || closed.closedByUsername ? 'agent' : 'unknown';
}

/** /intent{"key":"value"}: Rasa reads the entity from the message itself. */
const withEntity = (intent: string, key: string, value: string) => `${intent}${JSON.stringify({ [key]: value })}`;

/**
 * Sends an intent about a chat the bot does not answer in (closed, or with a human): what Rasa answers is dropped
 * and logged, never posted into the chat, so it can never reopen one.
 */
async function tellRasa(
	conversation: Conversation,
	assistant: Assistant,
	roomId: string,
	message: string,
	event: ChatEvent,
): Promise<void> {
	const { omnichannel, settings, log } = conversation;
	const [session, rasa, { visitorContext }] = await Promise.all([
		omnichannel.findSession(roomId),
		conversation.rasaFor(assistant),
		settings.read('visitorContext'),
	]);
	if (!session?.isLivechat) {
		return;
	}
	const metadata = metadataFor(session, visitorContext, event);
	const answer = await rasa.send({ sender: roomId, message, ...(metadata ? { metadata } : {}) });
	if (!answer.ok) {
		log.warn(`lifecycle: room ${roomId}: the ${event.type} intent did not reach Rasa: ${oneLine(answer.problem)}`);
		return;
	}
	const dropped = answer.replies.length + answer.dropped;
	log.info(
		`lifecycle: room ${roomId}: ${event.type} intent sent${
			dropped > 0
				? `; Rasa's ${dropped} repl${dropped === 1 ? 'y was' : 'ies were'} dropped: the bot does not answer in this chat`
				: ''
		}`,
	);
}
