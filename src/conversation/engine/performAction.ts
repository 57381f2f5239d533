import type { Action, Conversation } from './Conversation';
import { isLeaseLost, type ActionResult, type Caller, type StepAction } from './ConversationAction';
import { isRoomBusy } from './RoomSteps';
import { readActionRequest } from './readActionData';
import { readOpenSession } from './sessionGuards';
import type { Session } from '../../omnichannel/IOmnichannel';
import { done, failed, isFailure, type Failure, type Outcome } from '../../shared/Outcome';
import { errorMessage } from '../../text/errorMessage';
import { oneLine } from '../../text/oneLine';

/** A step waits at most this long for the room's earlier steps (they are short: reads and writes, never Rasa). */
export const STEP_WAIT_MS = 10000;

/** The one dispatcher: performs an action asked for through the incoming API, one step at a time per room. */
export async function performAction(
	conversation: Conversation,
	action: Action,
	sessionId: string,
	data: unknown,
	caller: Caller,
): Promise<Outcome> {
	const result = await orRoomBusy(sessionId, () =>
		action.runs === 'turn'
			? action.perform({ conversation, sessionId, data, caller })
			: conversation.rooms.step(
					sessionId,
					() =>
						readThenPerform(conversation, action, sessionId, undefined, data, (session, prepared, stillHolds) =>
							action.perform({ conversation, session, data, prepared, caller, stillHolds }),
						),
					Math.min(STEP_WAIT_MS, waitBudget(conversation)),
				),
	);
	return result.ok ? done({ msg: action.successMessage }) : result;
}

/**
 * An action the bot asks for by name, inside a step the caller already holds (a turn delivering replies, or the
 * callback endpoint): the session is the one the step just read. The name and data are read against the registry
 * as the incoming API reads them: a Rasa custom payload, or the handover after a turn Rasa failed.
 */
export async function performBotRequest(
	conversation: Conversation,
	session: Session,
	name: unknown,
	data: unknown,
): Promise<ActionResult> {
	const request = readActionRequest(conversation.actions, name, data);
	return request.ok ? performBotAction(conversation, session, request.value.action, request.value.data) : request;
}

async function performBotAction(
	conversation: Conversation,
	session: Session,
	action: Action,
	data: unknown,
): Promise<ActionResult> {
	if (!action.botMayAsk || action.runs !== 'step') {
		return failed('invalid-request', `A Rasa custom payload cannot ask for ${action.name}.`);
	}
	const bot: Caller = { id: session.servedById ?? '', username: session.servedByUsername ?? '', roles: ['bot'] };
	return readThenPerform(conversation, action, session.id, session, data, (current, prepared, stillHolds) =>
		action.perform({ conversation, session: current, data, prepared, caller: bot, stillHolds }),
	);
}

/**
 * Reads what an action needs (the open room, unless the caller's step just read it, and what the action prepares),
 * then performs it. An exclusive action asks for the room's lease, shared by every instance (IRoomMemory.takeLease),
 * beside those reads, and reads who holds it right before it acts (`stillHolds`): when it holds the lease and nobody
 * else held or took it lately, what was read is current and it acts. Otherwise it acts on nothing (LeaseLost), waits
 * until it holds the lease, reads the room again under it, and performs again, asking once more before it acts. The
 * lease is given back once the work is done, without holding up the answer.
 */
async function readThenPerform(
	conversation: Conversation,
	action: StepAction<unknown, unknown, Conversation>,
	roomId: string,
	known: Session | undefined,
	data: unknown,
	perform: (session: Session, prepared: unknown, stillHolds: () => Promise<boolean>) => Promise<ActionResult>,
): Promise<ActionResult> {
	const readSession = () => readOpenSession(conversation.omnichannel, roomId);
	if (!action.exclusive) {
		const [session, prepared] = await Promise.all([known ?? readSession(), action.prepare(conversation, data)]);
		return isFailure(session) ? session : perform(session, prepared, holdsAlways);
	}
	const lease = conversation.memory.takeLease(roomId, action.name);
	const [stored, session, prepared] = await Promise.allSettled([
		lease.stored,
		known ?? readSession(),
		action.prepare(conversation, data),
	]);
	try {
		for (const settled of [stored, session, prepared]) {
			if (settled.status === 'rejected') {
				throw settled.reason;
			}
		}
		let current = (session as PromiseFulfilledResult<Session | Failure>).value;
		// The first time, the room as read beside the lease's request is current only if nobody else is around.
		let stillHolds = async () => {
			const check = await lease.check();
			return check.holds && !check.contended;
		};
		for (;;) {
			if (isFailure(current)) {
				return current;
			}
			try {
				return await perform(current, (prepared as PromiseFulfilledResult<unknown>).value, stillHolds);
			} catch (error) {
				if (!isLeaseLost(error)) {
					throw error;
				}
			}
			// Another taker came first, or is around: wait for the lease, then read the room it may have changed.
			await lease.waitUntilHeld(Math.min(STEP_WAIT_MS, waitBudget(conversation)));
			current = await readSession();
			stillHolds = async () => (await lease.check()).holds;
		}
	} finally {
		void lease
			.release()
			.catch((error: unknown) =>
				conversation.log.warn(`room ${roomId}: the ${action.name} lease was not given back: ${errorMessage(error)}`),
			);
	}
}

const holdsAlways = async () => true;

export const roomBusy = (sessionId: string): Failure =>
	failed(
		'room-busy',
		`The livechat room "${oneLine(sessionId, 60)}" is busy with earlier requests; try again in a few seconds.`,
	);

/** An endpoint's work on a room; a room that stayed busy past the wait is told to the caller, who may try again. */
export async function orRoomBusy<T>(roomId: string, work: () => Promise<T>): Promise<T | Failure> {
	try {
		return await work();
	} catch (error) {
		if (isRoomBusy(error)) {
			return roomBusy(roomId);
		}
		throw error;
	}
}

/** What is left of an endpoint call's time, keeping a margin to answer. */
function waitBudget(conversation: Conversation): number {
	return conversation.deadline === undefined
		? Infinity
		: Math.max(0, conversation.deadline - conversation.now() - 1000);
}
