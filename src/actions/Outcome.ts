/** Stable machine codes of the incoming API; the HTTP status of each lives in endpoints/httpStatusOf.ts. */
export type FailureCode =
	| 'invalid-request'
	| 'invalid-token'
	| 'not-allowed'
	| 'session-not-found'
	| 'department-not-found'
	| 'room-closed'
	| 'not-served-by-bot'
	| 'already-in-department'
	| 'no-agents-online'
	| 'transfer-failed'
	| 'close-failed'
	| 'not-configured'
	| 'rasa-unavailable'
	| 'method-not-allowed'
	| 'internal-error';

export type Success = 'chat-closed' | 'handed-over' | 'message-sent' | 'intent-triggered';

export type Failure = {
	readonly ok: false;
	readonly code: FailureCode;
	/** One sentence a person can act on; never contains secrets or stack traces. */
	readonly message: string;
};

export type Outcome = { readonly ok: true; readonly done: Success } | Failure;

export const succeeded = (done: Success): Outcome => ({ ok: true, done });

export const failed = (code: FailureCode, message: string): Failure => ({ ok: false, code, message });
