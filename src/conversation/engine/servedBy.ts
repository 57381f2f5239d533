import type { Conversation } from './Conversation';
import type { Assistant, Assistants } from '../../settings/assistants';

/**
 * Marks a chat an assistant's bot served (noted when its bot is assigned): its close is told to that Rasa (a chat
 * Rasa never saw is not), and a chat sent back to the bot goes to that assistant.
 */
export const servedBy = (assistant: Assistant): string => `served-by:${assistant.botUsername}`;

/** Which assistant served a chat: the first whose bot was noted serving it (one read per assistant, in turn). */
export async function assistantThatServed(
	conversation: Conversation,
	roomId: string,
	assistants: Assistants,
): Promise<Assistant | undefined> {
	const served = await Promise.all(
		assistants.all.map((assistant) => conversation.memory.claimed(roomId, servedBy(assistant))),
	);
	return assistants.all[served.indexOf(true)];
}
