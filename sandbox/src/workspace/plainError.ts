import { WorkspaceError } from './WorkspaceError';

/**
 * Rocket.Chat's newer omnichannel code throws plain errors whose message is the code itself
 * (`throw new Error('error-room-already-closed')`), and its REST API answers them as `{success: false, error: code}`
 * (no "reason [code]", no errorType). The sandbox throws those as PlainError: the same message, and the code kept on
 * it like any WorkspaceError, so that rules can be asserted by code.
 */
export class PlainError extends WorkspaceError {
	constructor(code: string) {
		super(code);
		this.message = code;
	}
}
