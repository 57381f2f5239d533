import Ajv, { type ValidateFunction } from 'ajv';

import { WorkspaceError } from '../workspace/WorkspaceError';

/**
 * The parameter checks of the visitor's routes, as Rocket.Chat declares them (`validateParams` with the ajv schemas of
 * packages/rest-typings/src/v1/omnichannel.ts, compiled with coerceTypes: query strings become numbers where a
 * number is asked for) and as its router refuses a request that fails one (app/api/server/api.ts):
 * `Meteor.Error('invalid-params', <ajv's messages>)`, a 400.
 */
const ajv = new Ajv({ coerceTypes: true, allowUnionTypes: true });

const string = { type: 'string' };
const optionalString = { type: 'string', nullable: true };
const optionalNumber = { type: 'number', nullable: true };

const compile = (properties: Record<string, object>, required: string[], additionalProperties = false) =>
	ajv.compile({ type: 'object', properties, required, additionalProperties });

/** isPOSTLivechatPageVisitedParams */
export const pageVisitedParams = compile(
	{
		token: string,
		rid: optionalString,
		pageInfo: {
			type: 'object',
			properties: {
				title: string,
				change: string,
				location: { type: 'object', properties: { href: string }, required: ['href'], additionalProperties: false },
			},
			required: ['title', 'change', 'location'],
			additionalProperties: false,
		},
	},
	['token', 'pageInfo'],
);

/** isPOSTLivechatMessageParams */
export const messageParams = compile(
	{
		token: string,
		rid: string,
		msg: string,
		_id: optionalString,
		agent: {
			type: 'object',
			properties: { agentId: string, username: string },
			required: ['agentId', 'username'],
			additionalProperties: false,
		},
	},
	['token', 'rid', 'msg'],
);

/** isGETLivechatMessagesHistoryRidParams */
export const messagesHistoryParams = compile(
	{
		searchText: optionalString,
		token: string,
		count: optionalNumber,
		offset: optionalNumber,
		sort: optionalString,
		ls: optionalString,
		end: optionalString,
		limit: optionalNumber,
	},
	['token'],
);

/** isPOSTLivechatRoomCloseParams */
export const roomCloseParams = compile({ token: string, rid: string }, ['token', 'rid']);

/** Checks (and coerces, in place) a request's parameters; `invalid-params` with ajv's messages when they fail. */
export function validParams<T>(validate: ValidateFunction, params: unknown): T {
	if (!validate(params)) {
		throw new WorkspaceError('invalid-params', validate.errors?.map((error) => error.message).join('\n '));
	}
	return params as T;
}
