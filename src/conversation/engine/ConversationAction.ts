import type { Actor, Session } from '../../omnichannel/IOmnichannel';
import { failed, type Failure } from '../../shared/Outcome';

/** Who asks for an action: a user of the incoming API (roles from Rocket.Chat), or the bot itself. */
export type Caller = Actor & { readonly roles?: ReadonlyArray<string> };

export type Parsed<T> = { readonly ok: true; readonly value: T } | Failure;

export const parsed = <T>(value: T): Parsed<T> => ({ ok: true, value });

export const invalid = (message: string): Failure => failed('invalid-request', message);

/** What an action reports: done (the caller gets the action's published success body) or why not. */
export type ActionResult = { readonly ok: true } | Failure;

export const actionDone: ActionResult = { ok: true };

type ActionBasics<Data> = {
	/** The name callers use: "action" in the incoming API, "action" in a Rasa custom payload. */
	readonly name: string;
	/** The fields of actionData this action accepts. */
	readonly dataFields: ReadonlyArray<string>;
	/** Reads actionData (already an object with only dataFields); every rejection names the field. */
	readData(data: Readonly<Record<string, unknown>>): Parsed<Data>;
	/** The published body's "msg" on success (byte-exact, leading space included). */
	readonly successMessage: string;
	/** Whether a Rasa custom payload may ask for it during a turn. */
	readonly botMayAsk: boolean;
	/**
	 * Whether it must not overlap itself on one room across Rocket.Chat instances (it takes the room's lease in app
	 * persistence first): for actions whose writes Rocket.Chat would let happen twice.
	 */
	readonly exclusive?: boolean;
};

/**
 * A short check-and-act on one room, run as a step of that room (see RoomSteps): the room is read again right
 * before perform, under the step, together with whatever prepare reads. `Context` is what actions work with, the
 * Conversation; a parameter, because the Conversation lists the actions and so cannot be imported here.
 */
export type StepAction<Data, Prepared, Context> = ActionBasics<Data> & {
	readonly runs: 'step';
	/** Reads that do not depend on the room, started together with reading it. */
	prepare(conversation: Context, data: Data): Promise<Prepared>;
	perform(call: {
		conversation: Context;
		session: Session;
		data: Data;
		prepared: Prepared;
		caller: Caller;
	}): Promise<ActionResult>;
};

/** An exchange with Rasa, run as a turn of the room (turns of one room run in order, one at a time). */
export type TurnAction<Data, Context> = ActionBasics<Data> & {
	readonly runs: 'turn';
	perform(call: { conversation: Context; sessionId: string; data: Data; caller: Caller }): Promise<ActionResult>;
};

export type ConversationAction<Context> = StepAction<any, any, Context> | TurnAction<any, Context>;
