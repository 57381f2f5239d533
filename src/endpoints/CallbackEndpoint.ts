import type { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

import { JsonEndpoint } from './JsonEndpoint';
import type { Conversation } from '../conversation/engine/Conversation';
import { deliverCallbackReplies } from '../conversation/turns/callbackReplies';
import { callbackChannel } from '../rasa/channels/callback';
import type { Outcome } from '../shared/Outcome';

/**
 * POST /api/apps/public/{app-id}/callback: Rasa's callback channel delivers the bot's replies here, one message per
 * call (a list for one room is accepted too), with an assistant's callback token; recipient_id is the room id. The
 * channel checks the token and reads the call; the conversation layer delivers the replies.
 */
export class CallbackEndpoint extends JsonEndpoint {
	public path = 'callback';

	protected readonly handle = async (request: IApiRequest, conversation: Conversation): Promise<Outcome> => {
		const assistants = await conversation.assistants();
		return callbackChannel.receive(request, assistants.all, conversation.log, (replies) =>
			deliverCallbackReplies(conversation, replies),
		);
	};
}
