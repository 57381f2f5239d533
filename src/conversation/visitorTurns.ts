import type { Conversation } from './Conversation';
import { isFailure } from './Outcome';
import { readOpenSession } from './sessionGuards';
import { takeTurn } from './takeTurn';
import type { QuickReply } from '../omnichannel/IOmnichannel';

/** A message a livechat visitor wrote (or clicked), as the message event reports it. */
export type VisitorMessage = {
	readonly id: string;
	readonly roomId: string;
	readonly text: string;
	/** Who served the room when the message was sent, per the event. */
	readonly servedByUsername?: string;
};

/**
 * A visitor's message in a room the bot serves goes to Rasa, as one turn of the room. A quick-reply choice goes as
 * its button's payload: the click recorded it for this message.
 */
export async function relayVisitorMessage(conversation: Conversation, message: VisitorMessage): Promise<void> {
	const { botUsername } = await conversation.settings.read('botUsername');
	if (!botUsername || message.servedByUsername !== botUsername) {
		conversation.clicks.take(message.id);
		return;
	}
	const result = await takeTurn(
		conversation,
		message.roomId,
		() => conversation.clicks.take(message.id) ?? message.text,
	);
	if (isFailure(result) && result.code !== 'rasa-unavailable') {
		conversation.log.info(`relay: room ${message.roomId}: visitor message not relayed: ${result.code}`);
	}
}

/** The bot was assigned a room: Rasa greets the visitor with the welcome intent, once per room. */
export async function welcomeVisitor(
	conversation: Conversation,
	assigned: { roomId: string; agentUsername?: string },
): Promise<void> {
	const { botUsername, welcomeIntent } = await conversation.settings.read('botUsername', 'welcomeIntent');
	if (!welcomeIntent || !botUsername || assigned.agentUsername !== botUsername) {
		return;
	}
	const intent = welcomeIntent.startsWith('/') ? welcomeIntent : `/${welcomeIntent}`;
	const result = await takeTurn(conversation, assigned.roomId, async () =>
		(await conversation.memory.claimWelcome(assigned.roomId)) ? intent : undefined,
	);
	if (!result.ok) {
		conversation.log.info(`relay: room ${assigned.roomId}: welcome not sent: ${result.code}`);
	} else if (result.sent) {
		conversation.log.info(`relay: room ${assigned.roomId}: welcome sent`);
	}
}

/**
 * A visitor clicked a quick reply. Their choice shows as their own message with the button's title; the relay sends
 * the payload to Rasa when that message's event arrives. A second click on the same bot message does nothing, and
 * the buttons are removed (if so configured) while the question's text and attachments stay. Answers whether the
 * click was taken.
 */
export async function answerQuickReply(
	conversation: Conversation,
	click: { roomId: string; botMessageId?: string; visitorToken?: string; choice: QuickReply },
): Promise<boolean> {
	const { omnichannel, memory, settings, clicks, log } = conversation;
	return conversation.rooms.step(click.roomId, async () => {
		const session = await readOpenSession(omnichannel, click.roomId);
		if (isFailure(session) || (click.visitorToken !== undefined && click.visitorToken !== session.visitorToken)) {
			return false;
		}
		if (click.botMessageId && !(await memory.claimQuickReply(click.roomId, click.botMessageId))) {
			log.info(`quick reply: room ${click.roomId}: a second click on the same message was ignored`);
			return true;
		}
		const { hideQuickReplies } = await settings.read('hideQuickReplies');
		const [posted] = await Promise.all([
			omnichannel.postVisitorMessage(session, click.choice.title),
			hideQuickReplies && click.botMessageId
				? omnichannel.removeQuickReplies(session, click.botMessageId)
				: Promise.resolve(),
		]);
		if (posted) {
			clicks.remember(posted, click.choice.payload);
		}
		return posted !== undefined;
	});
}

/** The room closed: what the app remembered about it goes. */
export async function forgetRoom(conversation: Conversation, roomId: string): Promise<void> {
	await conversation.memory.forget(roomId);
}
