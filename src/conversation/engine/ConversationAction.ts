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
		/**
		 * For an exclusive action, asked right before it acts: whether the room's lease is still its own (a taker whose
		 * record was still committing may have come first). It answers false only with the lease given back; the
		 * action then acts on nothing and throws LeaseLost, and the dispatcher takes the lease again. Always true for
		 * the others.
		 */
		stillHolds(): Promise<boolean>;
	}): Promise<ActionResult>;
};

const LEASE_LOST = 'LeaseLost';

/** Thrown by an exclusive action whose lease turned out not to be its own before it acted. */
export class LeaseLost extends Error {
	constructor(roomId: string) {
		super(`room ${roomId}: the lease was another's`);
		this.name = LEASE_LOST;
	}
}

/** By name, as RoomBusy: engines before the Deno runtime load a module once per import. */
export const isLeaseLost = (error: unknown): boolean =>
	typeof error === 'object' && error !== null && (error as { name?: unknown }).name === LEASE_LOST;

/** An exchange with Rasa, run as a turn of the room (turns of one room run in order, one at a time). */
export type TurnAction<Data, Context> = ActionBasics<Data> & {
	readonly runs: 'turn';
	perform(call: { conversation: Context; sessionId: string; data: Data; caller: Caller }): Promise<ActionResult>;
};

export type ConversationAction<Context> = StepAction<any, any, Context> | TurnAction<any, Context>;
