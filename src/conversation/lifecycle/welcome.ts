import type { AgentAssignment } from '../../shared/chatEvents';
import type { Conversation } from '../engine/Conversation';
import { servedBy } from '../engine/servedBy';
import { takeTurn } from '../turns/takeTurn';
import { welcomeFirst } from '../turns/welcomeFirst';

/**
 * The bot was assigned a room: the app starts timing it for the idle close (where that is on), notes that the bot
 * served it (for the close intent and for sending the chat back to this bot later), and Rasa greets the visitor with
 * the welcome intent, once per room.
 */
export async function welcomeVisitor(conversation: Conversation, assigned: AgentAssignment): Promise<void> {
	const [{ idleCloseMs }, assistants] = await Promise.all([
		conversation.settings.read('idleCloseMs'),
		conversation.assistants(),
	]);
	const assistant = assistants.servedBy(assigned.agentUsername);
	if (!assistant) {
		return;
	}
	const { memory } = conversation;
	conversation.counter.count('served');
	await Promise.all([
		idleCloseMs > 0 ? memory.noteActivity(assigned.roomId, conversation.now()) : undefined,
		memory.note(assigned.roomId, servedBy(assistant)),
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
