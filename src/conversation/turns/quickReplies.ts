import { isFailure } from '../../shared/Outcome';
import type { QuickReplyClick } from '../../shared/chatEvents';
import type { Conversation } from '../engine/Conversation';
import { readOpenSession } from '../engine/sessionGuards';

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
