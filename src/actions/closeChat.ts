import { failed, succeeded, type Failure, type Outcome } from './Outcome';
import { findOpenSession, isFailure } from './findOpenSession';
import type { Actor, CloseRefusal, IOmnichannel } from '../omnichannel/IOmnichannel';

export type CloseChatRequest = {
	readonly sessionId: string;
	/** Recorded as the one who closed the chat. */
	readonly closer: Actor;
};

/** Settings are read only when needed: each read is a round trip to the server. */
export interface ICloseChatSettings {
	/** Never empty: workspaces may require a comment to close a chat. */
	closeChatMessage(): Promise<string>;
}

/** Ends a visitor's livechat conversation. */
export async function closeChat(
	omnichannel: IOmnichannel,
	settings: ICloseChatSettings,
	request: CloseChatRequest,
): Promise<Outcome> {
	const session = await findOpenSession(omnichannel, request.sessionId);
	if (isFailure(session)) {
		return session;
	}
	const result = await omnichannel.closeSession(session, await settings.closeChatMessage(), request.closer);
	return result.ok ? succeeded('chat-closed') : explainCloseRefusal(request.sessionId, result.refusal);
}

function explainCloseRefusal(sessionId: string, refusal: CloseRefusal): Failure {
	switch (refusal) {
		case 'room-closed':
			return failed('room-closed', `The livechat room "${sessionId}" is already closed.`);
		case 'comment-required':
			return failed(
				'close-failed',
				'Rocket.Chat requires a comment to close chats: set a non-empty "Close chat message" in the app settings.',
			);
		case 'tags-required':
			return failed(
				'close-failed',
				`The department of room "${sessionId}" requires tags before a chat is closed; an agent must tag and close it.`,
			);
		default:
			return failed('close-failed', `Rocket.Chat refused to close the livechat room "${sessionId}"; see the app logs.`);
	}
}
