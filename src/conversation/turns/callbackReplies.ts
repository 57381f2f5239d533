import { deliverReplies } from './deliverReplies';
import type { CallbackReplies } from '../../rasa/channels/callback';
import { Assistants, type Assistant } from '../../settings/assistants';
import { done, isFailure, type Outcome } from '../../shared/Outcome';
import type { Conversation } from '../engine/Conversation';
import { orRoomBusy, STEP_WAIT_MS } from '../engine/performAction';
import { readOpenSession, requireServedByAssistant } from '../engine/sessionGuards';

/**
 * The replies Rasa's callback channel brought for a room, delivered as a step of the room like every other change
 * to it, and only in a chat that the bot of an assistant whose token came serves: another assistant's Rasa cannot
 * speak there.
 */
export async function deliverCallbackReplies(
	conversation: Conversation,
	{ roomId, replies, senders }: CallbackReplies<Assistant>,
): Promise<Outcome> {
	return orRoomBusy(roomId, () =>
		conversation.rooms.step(
			roomId,
			async () => {
				const session = await readOpenSession(conversation.omnichannel, roomId, 'recipient_id');
				if (isFailure(session)) {
					return session;
				}
				const served = requireServedByAssistant(session, new Assistants(senders), "so the bot's reply was dropped");
				if (isFailure(served)) {
					return served;
				}
				const { delivered } = await deliverReplies(conversation, session, replies);
				return done({ status: 'ok', delivered });
			},
			STEP_WAIT_MS,
		),
	);
}
