import type { Caller, Conversation } from './Conversation';
import { done, failed, isFailure, type Failure, type Outcome } from './Outcome';
import { isRoomBusy } from './RoomSteps';
import type { ActionResult, ConversationAction } from './actions/ConversationAction';
import { readOpenSession } from './sessionGuards';
import type { Session } from '../omnichannel/IOmnichannel';
import { oneLine } from '../text/oneLine';

/** A step waits at most this long for the room's earlier steps (they are short: reads and writes, never Rasa). */
export const STEP_WAIT_MS = 10000;

/** The one dispatcher: performs an action asked for through the incoming API, one step at a time per room. */
export async function performAction(
	conversation: Conversation,
	action: ConversationAction,
	sessionId: string,
	data: unknown,
	caller: Caller,
): Promise<Outcome> {
	try {
		const result =
			action.runs === 'turn'
				? await action.perform({ conversation, sessionId, data, caller })
				: await conversation.rooms.step(
						sessionId,
						async () => {
							const [session, prepared] = await Promise.all([
								readOpenSession(conversation.omnichannel, sessionId),
								action.prepare(conversation, data),
							]);
							return isFailure(session) ? session : action.perform({ conversation, session, data, prepared, caller });
						},
						Math.min(STEP_WAIT_MS, waitBudget(conversation)),
					);
		return result.ok ? done({ msg: action.successMessage }) : result;
	} catch (error) {
		if (isRoomBusy(error)) {
			return roomBusy(sessionId);
		}
		throw error;
	}
}

/**
 * An action Rasa asked for in a custom payload, inside a step the caller already holds (a turn delivering replies,
 * or the callback endpoint): the session is the one the step just read.
 */
export async function performBotAction(
	conversation: Conversation,
	session: Session,
	action: ConversationAction,
	data: unknown,
): Promise<ActionResult> {
	if (!action.botMayAsk || action.runs !== 'step') {
		return failed('invalid-request', `A Rasa custom payload cannot ask for ${action.name}.`);
	}
	const prepared = await action.prepare(conversation, data);
	const bot: Caller = { id: session.servedById ?? '', username: session.servedByUsername ?? '', roles: ['bot'] };
	return action.perform({ conversation, session, data, prepared, caller: bot });
}

export const roomBusy = (sessionId: string): Failure =>
	failed(
		'room-busy',
		`The livechat room "${oneLine(sessionId, 60)}" is busy with earlier requests; try again in a few seconds.`,
	);

/** What is left of an endpoint call's time, keeping a margin to answer. */
function waitBudget(conversation: Conversation): number {
	return conversation.deadline === undefined
		? Infinity
		: Math.max(0, conversation.deadline - conversation.now() - 1000);
}
