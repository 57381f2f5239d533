import type { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

import { JsonEndpoint } from './JsonEndpoint';
import { callbackTokenOf, tokensMatch } from './callbackToken';
import type { Conversation } from '../conversation/engine/Conversation';
import { isRoomBusy } from '../conversation/engine/RoomSteps';
import { roomBusy, STEP_WAIT_MS } from '../conversation/engine/performAction';
import { readOpenSession, requireServedByAssistant } from '../conversation/engine/sessionGuards';
import { deliverReplies } from '../conversation/turns/deliverReplies';
import { callbackChannel } from '../rasa/channels/callback';
import { Assistants } from '../settings/assistants';
import { done, failed, isFailure, type Outcome } from '../shared/Outcome';

/**
 * POST /api/apps/public/{app-id}/callback: Rasa's callback channel delivers the bot's replies here, one message per
 * call (a list for one room is accepted too). Authenticated by the callback token setting; recipient_id is the room
 * id. The replies are delivered as a step of the room, like every other change to it.
 */
export class CallbackEndpoint extends JsonEndpoint {
	public path = 'callback';

	protected readonly handle = async (request: IApiRequest, conversation: Conversation): Promise<Outcome> => {
		const { log, omnichannel, rooms } = conversation;
		const assistants = await conversation.assistants();
		const given = callbackTokenOf(request);
		// Every assistant's token is compared, so the time taken tells nothing about which one came close.
		const matches = assistants.all.map(
			(assistant) => !!assistant.callbackToken && !!given && tokensMatch(given, assistant.callbackToken),
		);
		const senders = assistants.all.filter((_assistant, index) => matches[index]);
		if (senders.length === 0) {
			log.warn(`callback: refused a call ${given ? 'with a wrong token' : 'without a token'}`);
			return failed(
				'invalid-token',
				assistants.all.some((assistant) => assistant.callbackToken)
					? 'The callback token is missing or wrong; send the one set in the Rasa app settings.'
					: 'No callback token is set in the Rasa app settings, so callbacks are refused.',
			);
		}
		const messages = callbackChannel.readCallback(request.content);
		if (isFailure(messages)) {
			return messages;
		}
		const roomId = messages[0].recipient_id;
		if (messages.some((message) => message.recipient_id !== roomId)) {
			return failed('invalid-request', 'All messages of one callback must have the same recipient_id.');
		}
		try {
			return await rooms.step(
				roomId,
				async () => {
					const session = await readOpenSession(omnichannel, roomId, 'recipient_id');
					if (isFailure(session)) {
						return session;
					}
					// Only the chats of the assistants whose token came: another assistant's Rasa cannot speak in them.
					const served = requireServedByAssistant(session, new Assistants(senders), "so the bot's reply was dropped");
					if (isFailure(served)) {
						return served;
					}
					const { delivered } = await deliverReplies(conversation, session, messages);
					return done({ status: 'ok', delivered });
				},
				STEP_WAIT_MS,
			);
		} catch (error) {
			if (isRoomBusy(error)) {
				return roomBusy(roomId);
			}
			throw error;
		}
	};
}
