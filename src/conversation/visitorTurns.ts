import { timeLeft, type Conversation } from './Conversation';
import { servedBy } from './lifecycle';
import { readOpenSession } from './sessionGuards';
import { takeTurn, type TurnMessages } from './takeTurn';
import { isFailure } from '../shared/Outcome';
import type { AgentAssignment, QuickReplyClick, VisitorMessage } from '../shared/chatEvents';
import { errorMessage } from '../text/errorMessage';

/**
 * A visitor's message in a room the bot serves goes to Rasa, as one turn of the room. A quick-reply choice goes as
 * its button's payload: the click recorded it for this message. The first message of a chat may arrive before
 * Rocket.Chat's news that the bot took the chat (the livechat widget opens the chat and sends at once, and
 * Rocket.Chat awaits neither event): the welcome intent then goes first, in the same turn, so Rasa greets before
 * it answers.
 */
export async function relayVisitorMessage(conversation: Conversation, message: VisitorMessage): Promise<void> {
	const [{ idleCloseMs }, assistants] = await Promise.all([
		conversation.settings.read('idleCloseMs'),
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
	const result = await takeTurn(conversation, message.roomId, async (_session, { welcomeIntent }) =>
		welcomeFirst(conversation, message.roomId, welcomeIntent, conversation.clicks.take(message.id) ?? message.text),
	);
	await noted;
	if (isFailure(result) && result.code !== 'rasa-unavailable') {
		conversation.log.info(`relay: room ${message.roomId}: visitor message not relayed: ${result.code}`);
	}
}

/**
 * The bot was assigned a room: the app starts timing it for the idle close and remembers that the bot served it (for
 * the close intent), where those are on, and Rasa greets the visitor with the welcome intent, once per room.
 */
export async function welcomeVisitor(conversation: Conversation, assigned: AgentAssignment): Promise<void> {
	const [{ idleCloseMs, closeIntent }, assistants] = await Promise.all([
		conversation.settings.read('idleCloseMs', 'closeIntent'),
		conversation.assistants(),
	]);
	const assistant = assistants.servedBy(assigned.agentUsername);
	if (!assistant) {
		return;
	}
	const { memory } = conversation;
	await Promise.all([
		idleCloseMs > 0 ? memory.noteActivity(assigned.roomId, conversation.now()) : undefined,
		closeIntent ? memory.claimOnce(assigned.roomId, servedBy(assistant)) : undefined,
	]);
	if (!assistant.welcomeIntent) {
		return;
	}
	const result = await takeTurn(conversation, assigned.roomId, async (_session, serving) =>
		welcomeFirst(conversation, assigned.roomId, serving.welcomeIntent),
	);
	if (!result.ok) {
		conversation.log.info(`relay: room ${assigned.roomId}: welcome not sent: ${result.code}`);
	} else if (result.sent) {
		conversation.log.info(`relay: room ${assigned.roomId}: welcome sent`);
	}
}

const intentMessage = (intent: string) => (intent.startsWith('/') ? intent : `/${intent}`);

/** Time for the welcome's delivery after Rasa answered it, on top of Rasa's own timeout. */
const WELCOME_DELIVERY_MS = 2000;

/**
 * What a turn sends so that Rasa hears the welcome before any text of the chat, on every instance: the welcome
 * first when this caller claims it (the text, if any, after it); when another caller (on this instance or another)
 * claimed it and has not sent it yet, the text waits until it has, at most as long as Rasa may take to answer it
 * (then the text goes anyway, and no later text waits for that welcome again).
 */
async function welcomeFirst(
	conversation: Conversation,
	roomId: string,
	welcomeIntent: string,
	text?: string,
): Promise<TurnMessages> {
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
	return { text, before };
}

/**
 * A visitor clicked a quick reply. Their choice shows as their own message with the button's title; the relay sends
 * the payload to Rasa when that message's event arrives. A second click on the same bot message does nothing, and
 * the buttons are removed (if so configured) while the question's text and attachments stay. A click that names
 * another room's message, or comes from another visitor, changes nothing. Answers whether the click was taken.
 */
export async function answerQuickReply(conversation: Conversation, click: QuickReplyClick): Promise<boolean> {
	const { omnichannel, memory, settings, clicks, log } = conversation;
	return conversation.rooms.step(click.roomId, async () => {
		if (!click.botMessageId || click.botMessageRoomId !== click.roomId) {
			log.warn(`quick reply: room ${click.roomId}: the clicked message is not in this room; ignored`);
			return false;
		}
		const session = await readOpenSession(omnichannel, click.roomId);
		if (isFailure(session) || (click.visitorToken !== undefined && click.visitorToken !== session.visitorToken)) {
			return false;
		}
		if (!(await memory.claimQuickReply(click.roomId, click.botMessageId))) {
			log.info(`quick reply: room ${click.roomId}: a second click on the same message was ignored`);
			return true;
		}
		const { hideQuickReplies } = await settings.read('hideQuickReplies');
		const [posted] = await Promise.all([
			omnichannel.postVisitorMessage(session, click.choice.title),
			hideQuickReplies ? omnichannel.removeQuickReplies(session, click.botMessageId) : Promise.resolve(),
		]);
		if (posted && posted.roomId !== session.id) {
			// Rocket.Chat writes a visitor's message into a new chat when theirs closed meanwhile (a close racing the
			// click): that chat would be routed and greeted, yet the visitor's widget never shows it.
			await closeStrayChat(conversation, posted.roomId, session.id);
			return false;
		}
		if (posted) {
			clicks.remember(posted.id, click.choice.payload);
		}
		return posted !== undefined;
	});
}

async function closeStrayChat(conversation: Conversation, strayId: string, roomId: string): Promise<void> {
	const { omnichannel, settings, log } = conversation;
	const [stray, { closeChatMessage }] = await Promise.all([
		omnichannel.findSession(strayId),
		settings.read('closeChatMessage'),
	]);
	const closer = stray?.servedById ? { id: stray.servedById, username: stray.servedByUsername ?? '' } : undefined;
	const closed = stray?.isOpen ? await omnichannel.closeSession(stray, closeChatMessage, closer) : undefined;
	log.warn(
		`quick reply: room ${roomId} closed while the choice was posted; Rocket.Chat put it into a new chat ${strayId}, ` +
			`which was ${closed?.ok ? 'closed' : `not closed (${closed ? closed.refusal : 'not open'})`}`,
	);
}

/** Forgets what the app remembered of rooms that closed; run by a scheduled job, off every request's path. */
export async function forgetClosedRooms(conversation: Conversation): Promise<number> {
	const { memory, omnichannel, log } = conversation;
	const forgotten = await memory.forgetClosedRooms(
		async (roomId) => (await omnichannel.findSession(roomId))?.isOpen === true,
	);
	if (forgotten > 0) {
		log.info(`housekeeping: forgot ${forgotten} closed room(s)`);
	}
	return forgotten;
}
