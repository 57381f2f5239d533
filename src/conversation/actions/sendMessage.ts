import { isPlainObject } from '../../json/isPlainObject';
import type { RasaBotMessage } from '../../rasa/RasaBotMessage';
import { MAX_REPLIES } from '../../rasa/readReplies';
import { isFailure } from '../../shared/Outcome';
import type { Conversation } from '../engine/Conversation';
import { actionDone, invalid, parsed, type StepAction } from '../engine/ConversationAction';
import { requireServedByAssistant } from '../engine/sessionGuards';
import { deliverReplies } from '../turns/deliverReplies';

type SendMessageData = { readonly messages: ReadonlyArray<RasaBotMessage> };

/** Proactive bot messages, Rasa-shaped, shown to the visitor exactly as Rasa's own replies are. */
export const sendMessage: StepAction<SendMessageData, undefined, Conversation> = {
	name: 'send-message',
	dataFields: ['messages'],
	readData: ({ messages }) => {
		if (
			!Array.isArray(messages) ||
			messages.length === 0 ||
			messages.length > MAX_REPLIES ||
			!messages.every(isPlainObject)
		) {
			return invalid(
				`"actionData.messages" must be a list of 1 to ${MAX_REPLIES} Rasa messages, e.g. [{"text":"Hello"}, {"image":"https://..."}].`,
			);
		}
		return parsed({ messages: messages as RasaBotMessage[] });
	},
	successMessage: ' Send message request handled successfully',
	botMayAsk: false,
	runs: 'step',
	prepare: async () => undefined,
	async perform({ conversation, session, data, caller }) {
		const served = requireServedByAssistant(
			session,
			await conversation.assistants(),
			'so the bot does not speak there',
			caller,
		);
		if (isFailure(served)) {
			return served;
		}
		await deliverReplies(conversation, session, data.messages);
		return actionDone;
	},
};
