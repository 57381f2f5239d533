import { HttpStatusCode } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import type { FailureCode, Outcome, Success } from '../actions/Outcome';

/** The one table from outcome to HTTP status. */
const STATUS_OF: Record<FailureCode, HttpStatusCode> = {
	'invalid-request': HttpStatusCode.BAD_REQUEST,
	'invalid-token': HttpStatusCode.UNAUTHORIZED,
	'not-allowed': HttpStatusCode.FORBIDDEN,
	'session-not-found': HttpStatusCode.NOT_FOUND,
	'department-not-found': HttpStatusCode.NOT_FOUND,
	'method-not-allowed': HttpStatusCode.METHOD_NOT_ALLOWED,
	'room-closed': HttpStatusCode.CONFLICT,
	'not-served-by-bot': HttpStatusCode.CONFLICT,
	'already-in-department': HttpStatusCode.CONFLICT,
	'no-agents-online': HttpStatusCode.CONFLICT,
	'transfer-failed': HttpStatusCode.CONFLICT,
	'close-failed': HttpStatusCode.CONFLICT,
	'internal-error': HttpStatusCode.INTERNAL_SERVER_ERROR,
	'not-configured': HttpStatusCode.SERVICE_UNAVAILABLE,
	'rasa-unavailable': HttpStatusCode.BAD_GATEWAY,
};

/** Published bodies: byte-exact, leading space included. */
const SUCCESS_MESSAGE: Record<Success, string> = {
	'chat-closed': ' Close chat request handled successfully',
	'handed-over': ' Perform Handover request handled successfully',
	'message-sent': ' Send message request handled successfully',
	'intent-triggered': ' Trigger intent request handled successfully',
};

const JSON_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'application/json' };

export const statusOf = (code: FailureCode): HttpStatusCode => STATUS_OF[code];

export const failureCodes = (): FailureCode[] => Object.keys(STATUS_OF) as FailureCode[];

export function toHttpResponse(outcome: Outcome): IApiResponse {
	if (outcome.ok) {
		return { status: HttpStatusCode.OK, headers: { ...JSON_HEADERS }, content: { msg: SUCCESS_MESSAGE[outcome.done] } };
	}
	return {
		status: statusOf(outcome.code),
		headers: { ...JSON_HEADERS },
		content: { status: 'error', message: outcome.message, error: outcome.code },
	};
}

/** The documented 401 body has no error code: it predates the codes and callers match it as is. */
export function notLoggedIn(): IApiResponse {
	return {
		status: HttpStatusCode.UNAUTHORIZED,
		headers: { ...JSON_HEADERS },
		content: { status: 'error', message: 'You must be logged in to do this.' },
	};
}
