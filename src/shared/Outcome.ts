/** Stable machine codes the app answers with; endpoints/answers.ts holds the one table from code to HTTP status. */
export type FailureCode =
	| 'invalid-request'
	| 'invalid-token'
	| 'not-allowed'
	| 'session-not-found'
	| 'department-not-found'
	| 'agent-not-found'
	| 'not-an-agent'
	| 'agent-not-available'
	| 'agent-not-in-department'
	| 'room-closed'
	| 'not-served-by-bot'
	| 'already-with-bot'
	| 'already-in-department'
	| 'no-agents-online'
	| 'transfer-failed'
	| 'close-failed'
	| 'room-busy'
	| 'not-configured'
	| 'rasa-unavailable'
	| 'method-not-allowed'
	| 'internal-error';

export type Failure = {
	readonly ok: false;
	readonly code: FailureCode;
	/** One sentence a person can act on; never contains secrets or stack traces. */
	readonly message: string;
};

/** What the caller is told on success: an action's published body, or what a callback delivered. */
export type Done = { readonly ok: true; readonly body: Readonly<Record<string, string | number>> };

export type Outcome = Done | Failure;

export const done = (body: Record<string, string | number>): Done => ({ ok: true, body });

export const failed = (code: FailureCode, message: string): Failure => ({ ok: false, code, message });

export const isFailure = (value: unknown): value is Failure =>
	typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
