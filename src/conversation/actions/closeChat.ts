import { readTargetDepartment } from './handover';
import type { Session } from '../../omnichannel/IOmnichannel';
import type { Assistants } from '../../settings/assistants';
import type { Settings } from '../../settings/declarations';
import { failed, isFailure } from '../../shared/Outcome';
import type { Conversation } from '../engine/Conversation';
import { actionDone, parsed, type ActionResult, type Caller, type StepAction } from '../engine/ConversationAction';
import { readOpenSession, requireServedByAssistant, roomClosed } from '../engine/sessionGuards';

/** Roles that may close any chat, like a supervisor closing it from the Omnichannel view. */
const MAY_CLOSE_ANY_CHAT = ['admin', 'livechat-manager'];

/** Ends a visitor's livechat conversation. */
type Prepared = Pick<Settings, 'closeChatMessage'> & { readonly assistants: Assistants };

export const closeChat: StepAction<Record<string, never>, Prepared, Conversation> = {
	name: 'close-chat',
	// A department is tolerated (and ignored) so one actionData template serves close-chat and handover.
	dataFields: ['targetDepartment'],
	readData: (data) => {
		const department = readTargetDepartment(data.targetDepartment);
		return department.ok ? parsed({}) : department;
	},
	successMessage: ' Close chat request handled successfully',
	botMayAsk: true,
	runs: 'step',
	prepare: async (conversation) => {
		const [{ closeChatMessage }, assistants] = await Promise.all([
			conversation.settings.read('closeChatMessage'),
			conversation.assistants(),
		]);
		return { closeChatMessage, assistants };
	},
	async perform({ conversation, session, caller, prepared: { assistants, closeChatMessage } }) {
		if (!mayCloseAnyChat(caller)) {
			const served = requireServedByAssistant(
				session,
				assistants,
				'only an admin or a livechat-manager may close a chat the bot does not serve',
				caller,
			);
			if (isFailure(served)) {
				return served;
			}
		}
		const result = await conversation.omnichannel.closeSession(session, closeChatMessage, caller);
		if (result.ok) {
			if (assistants.servedBy(session.servedByUsername)) {
				conversation.counter.count('closedByBot');
			}
			return actionDone;
		}
		switch (result.refusal) {
			case 'room-closed':
				return roomClosed(session.id);
			case 'comment-required':
				return failed(
					'close-failed',
					'Rocket.Chat requires a comment to close chats: set a non-empty "Close chat message" in the app settings.',
				);
			case 'tags-required':
				return failed(
					'close-failed',
					`The department of room "${session.id}" requires tags before a chat is closed; an agent must tag and close it.`,
				);
			default:
				return explainUnknownRefusal(conversation, session);
		}
	},
};

function mayCloseAnyChat(caller: Caller): boolean {
	return (caller.roles ?? []).some((role) => MAY_CLOSE_ANY_CHAT.includes(role));
}

/**
 * Rocket.Chat refuses a close it lost to another (another instance, an agent) with "Error removing inquiry", and
 * 6.x answers false for an already closed room: a fresh read tells which it was.
 */
async function explainUnknownRefusal(conversation: Conversation, session: Session): Promise<ActionResult> {
	const now = await readOpenSession(conversation.omnichannel, session.id);
	if (isFailure(now) && now.code === 'room-closed') {
		return now;
	}
	return failed('close-failed', `Rocket.Chat refused to close the livechat room "${session.id}"; see the app logs.`);
}
