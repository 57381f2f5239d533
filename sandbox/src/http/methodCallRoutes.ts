import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireUser } from './authentication';
import { RestFailure, rcHandle, validateParams } from './rcRoute';
import { ok } from './restAnswers';
import { restDepartment, restMessage } from './restShapes';
import type { Workspace } from '../workspace/Workspace';
import { WorkspaceError } from '../workspace/WorkspaceError';
import { MatchError, check } from '../workspace/meteorCheck';
import { hasPermission } from '../workspace/permissions';
import { PlainError } from '../workspace/plainError';
import type { UserRecord } from '../workspace/types';

type Method = (workspace: Workspace, user: UserRecord, params: unknown[]) => unknown;

const notAllowed = () => new WorkspaceError('error-not-allowed', 'Not allowed');

/**
 * The DDP methods the sandbox serves over REST, each as its Rocket.Chat file has it: livechat:saveDepartment
 * (app/livechat/server/methods/saveDepartment.ts), livechat:saveCustomField (methods/saveCustomField.ts) and
 * sendMessage (app/lib/server/methods/sendMessage.ts, which answers nothing when the send fails for any reason but
 * error-not-allowed).
 */
const METHODS: Record<string, Method> = {
	'livechat:saveDepartment': (workspace, user, [id, departmentData, departmentAgents]) => {
		if (!hasPermission(user, 'manage-livechat-departments')) {
			throw notAllowed();
		}
		const department = workspace.saveDepartment(typeof id === 'string' && id ? id : null, departmentData, {
			upsert: departmentAgents as Array<{ agentId: string }> | undefined,
		});
		return { ...restDepartment(department), _updatedAt: department._updatedAt };
	},
	'livechat:saveCustomField': (workspace, user, [id, customFieldData]) => {
		if (!hasPermission(user, 'view-livechat-manager')) {
			throw notAllowed();
		}
		return workspace.customFieldDefinitions.save(id as string | null | undefined, customFieldData);
	},
	'sendMessage': (workspace, user, [message]) => {
		check(message, Object);
		const { rid, msg } = message as { rid?: unknown; msg?: unknown };
		try {
			const text = typeof msg === 'string' ? msg : '';
			workspace.checkMessageSize(text);
			if (!rid) {
				throw new Error("The 'rid' property on the message object is missing.");
			}
			const sent = workspace.sendAgentMessage(user._id, typeof rid === 'string' ? rid : '', text);
			return { ...restMessage(sent), ts: sent.ts, _updatedAt: sent._updatedAt };
		} catch (error) {
			if (error instanceof WorkspaceError && error.code === 'error-not-allowed') {
				throw new WorkspaceError('error-not-allowed', undefined);
			}
			return undefined;
		}
	},
};

/** isMeteorCall: the body carries the DDP message as a string. */
const METEOR_CALL = {
	type: 'object',
	properties: { message: { type: 'string' } },
	required: ['message'],
	additionalProperties: false,
};

/**
 * `method.call/:method` (app/api/server/v1/misc.ts): a DDP method call over REST. The body's `message` is the DDP
 * message as EJSON (`{msg: 'method', method, params, id}`); the answer is always a success whose `message` is the DDP
 * result as EJSON, `{msg: 'result', id, result}` or `{msg: 'result', id, error}` with the error as EJSON writes it.
 */
export function methodCallRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.post(
		'/api/v1/method.call/:method',
		requireUser,
		rcHandle((req, res) => {
			const { message } = validateParams<{ message: string }>(METEOR_CALL, req.body ?? {});
			// EJSON.parse: a message that is not JSON fails the route with the parser's own error.
			const data = JSON.parse(message) as { msg?: unknown; method?: unknown; params?: unknown; id?: unknown };
			if (
				data?.msg !== 'method' ||
				typeof data.method !== 'string' ||
				typeof data.id !== 'string' ||
				!Array.isArray(data.params)
			) {
				throw new RestFailure('Invalid method call');
			}
			const { id, method, params } = data;
			const run = METHODS[method];
			let answer: Record<string, unknown>;
			try {
				if (!run) {
					throw new WorkspaceError('404', `Method '${method}' not found`);
				}
				answer = { msg: 'result', id, result: run(workspace, caller(req), params) };
			} catch (error) {
				answer = { msg: 'result', id, error: ejsonError(error) };
			}
			ok(res, { message: JSON.stringify(ejson(answer)) });
		}),
	);

	return router;
}

/** EJSON.stringify's view of a value: dates as `{$date: ms}`, undefined fields left out. */
function ejson(value: unknown): unknown {
	if (value instanceof Date) {
		return { $date: value.getTime() };
	}
	if (Array.isArray(value)) {
		return value.map(ejson);
	}
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([, item]) => item !== undefined)
				.map(([key, item]) => [key, ejson(item)]),
		);
	}
	return value;
}

/**
 * An error as EJSON writes its own enumerable fields: a Meteor.Error's `isClientSafe, error, reason, message,
 * errorType`; Meteor's Match.Error's `message, path, sanitizedError, errorType`; nothing of a plain Error.
 */
function ejsonError(error: unknown): Record<string, unknown> {
	if (error instanceof MatchError) {
		return {
			message: error.message,
			path: error.path,
			sanitizedError: meteorError('400', 'Match failed', 400),
			errorType: 'Match.Error',
		};
	}
	if (error instanceof WorkspaceError && !(error instanceof PlainError)) {
		const reason = error.message.endsWith(`[${error.code}]`)
			? error.message.slice(0, -(error.code.length + 2)).trim() || undefined
			: undefined;
		return meteorError(error.code, reason, /^\d+$/.test(error.code) ? Number(error.code) : error.code);
	}
	return {};
}

function meteorError(code: string, reason: string | undefined, error: string | number): Record<string, unknown> {
	return {
		isClientSafe: true,
		error,
		...(reason !== undefined ? { reason } : {}),
		message: reason ? `${reason} [${code}]` : `[${code}]`,
		errorType: 'Meteor.Error',
	};
}
