import { actionDone, invalid, parsed, type StepAction } from './ConversationAction';
import { isPlainObject } from '../../json/isPlainObject';
import type { RasaBotMessage } from '../../rasa/RasaBotMessage';
import { MAX_REPLIES } from '../../rasa/readReplies';
import { deliverReplies } from '../deliverReplies';
import { requireServedByBot } from '../sessionGuards';

type SendMessageData = { readonly messages: ReadonlyArray<RasaBotMessage> };

/** Proactive bot messages, Rasa-shaped, shown to the visitor exactly as Rasa's own replies are. */
export const sendMessage: StepAction<SendMessageData, undefined> = {
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
	async perform({ conversation, session, data }) {
		const { botUsername } = await conversation.settings.read('botUsername');
		const notTheBots = requireServedByBot(session, botUsername, 'so the bot does not speak there');
		if (notTheBots) {
			return notTheBots;
		}
		await deliverReplies(conversation, session, data.messages);
		return actionDone;
	},
};
