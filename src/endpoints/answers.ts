import type { IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import type { FailureCode, Outcome } from '../shared/Outcome';

/** The one table from outcome to HTTP status. (Numbers, not HttpStatusCode: no enum needed at run time.) */
const STATUS_OF: Record<FailureCode, number> = {
	'invalid-request': 400,
	'invalid-token': 401,
	'not-allowed': 403,
	'session-not-found': 404,
	'department-not-found': 404,
	'agent-not-found': 404,
	'method-not-allowed': 405,
	'room-closed': 409,
	'not-served-by-bot': 409,
	'already-with-bot': 409,
	'already-in-department': 409,
	'no-agents-online': 409,
	'not-an-agent': 409,
	'agent-not-available': 409,
	'agent-not-in-department': 409,
	'transfer-failed': 409,
	'close-failed': 409,
	'internal-error': 500,
	'rasa-unavailable': 502,
	'not-configured': 503,
	'room-busy': 503,
};

const JSON_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'application/json' };

export const statusOf = (code: FailureCode): number => STATUS_OF[code];

export const failureCodes = (): FailureCode[] => Object.keys(STATUS_OF) as FailureCode[];

/** Every answer of the app: 200 with the success body, or the status of the failure's code with its JSON. */
export function answerOf(outcome: Outcome): IApiResponse {
	if (outcome.ok) {
		return { status: 200, headers: { ...JSON_HEADERS }, content: { ...outcome.body } };
	}
	return {
		status: statusOf(outcome.code),
		headers: {
			...JSON_HEADERS,
			...(outcome.code === 'method-not-allowed' ? { Allow: 'POST' } : {}),
			...(outcome.code === 'room-busy' || outcome.code === 'not-configured' ? { 'Retry-After': '5' } : {}),
		},
		content: { status: 'error', message: outcome.message, error: outcome.code },
	};
}

/** The documented 401 body has no error code: it predates the codes and callers match it as is. */
export function notLoggedIn(): IApiResponse {
	return {
		status: 401,
		headers: { ...JSON_HEADERS },
		content: { status: 'error', message: 'You must be logged in to do this.' },
	};
}
