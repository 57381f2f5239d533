import Ajv, { type AnySchema, type ValidateFunction } from 'ajv';
import type { NextFunction, Request, Response } from 'express';

import { unauthorized } from './restAnswers';
import { WorkspaceError } from '../workspace/WorkspaceError';
import { hasAllPermissions, hasAnyPermission, type Permission } from '../workspace/permissions';
import { PlainError } from '../workspace/plainError';

/**
 * How Rocket.Chat's REST API (apps/meteor/app/api/server/api.ts) runs a route, for the sandbox's routes that follow
 * it closely: query strings parsed with brackets (`agents[]=a`, `departmentId[x]=1`) as its router does, the
 * `validateParams` ajv schemas of @rocket.chat/rest-typings (its ajv coerces types: "3" is a number there),
 * `permissionsRequired`, and thrown errors answered as its route wrapper answers them.
 */

const ajv = new Ajv({ coerceTypes: true, allowUnionTypes: true, allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** A 400 Rocket.Chat answers without an exception (API.v1.failure(result, errorType)). */
export class RestFailure extends Error {
	constructor(
		public readonly result: string | undefined,
		public readonly errorType?: string,
		public readonly status = 400,
	) {
		super(result ?? 'failure');
	}
}

/** API.v1.forbidden(): 403 `{success: false, error: 'unauthorized'}`. */
export class Forbidden extends RestFailure {
	constructor() {
		super('unauthorized', undefined, 403);
	}
}

/** API.v1.notFound(msg): 404. */
export class NotFound extends RestFailure {
	constructor(message = 'Resource not found') {
		super(message, undefined, 404);
	}
}

function answerError(res: Response, error: unknown): void {
	if (error instanceof RestFailure) {
		res
			.status(error.status)
			.json({ success: false, ...(error.result !== undefined ? { error: error.result } : {}), ...errorTypeOf(error) });
		return;
	}
	if (error instanceof WorkspaceError && error.code === 'error-unauthorized') {
		res.status(403).json({ success: false, error: error.message });
		return;
	}
	const message = error instanceof Error ? error.message : String(error);
	// A Meteor.Error carries its code as errorType; a plain Error, a PlainError and Meteor's Match.Error do not.
	const errorType = error instanceof WorkspaceError && !(error instanceof PlainError) ? error.code : undefined;
	res.status(400).json({ success: false, error: message, ...(errorType ? { errorType } : {}) });
}

function errorTypeOf(error: RestFailure): Record<string, string> {
	return error.errorType ? { errorType: error.errorType } : {};
}

/** The route action wrapper: what the handler throws becomes Rocket.Chat's failure answer. */
export const rcHandle =
	(handler: (req: Request, res: Response) => unknown) =>
	async (req: Request, res: Response): Promise<void> => {
		try {
			await handler(req, res);
		} catch (error) {
			answerError(res, error);
		}
	};

/** `validateParams`: 400 "<ajv messages> [invalid-params]", errorType invalid-params. */
export function validateParams<T>(schema: AnySchema, params: unknown): T {
	let validate = compiled.get(schema as object);
	if (!validate) {
		validate = ajv.compile(schema);
		compiled.set(schema as object, validate);
	}
	if (!validate(params)) {
		const reason = (validate.errors ?? []).map((error) => error.message).join('\n ');
		throw new WorkspaceError('invalid-params', reason);
	}
	return params as T;
}

/** `authRequired` and `permissionsRequired` (all of them, or any with operation hasAny). */
export function requirePermissions(permissions: Permission[], operation: 'hasAll' | 'hasAny' = 'hasAll') {
	return (req: Request, res: Response, next: NextFunction): void => {
		if (!req.sandboxUser) {
			unauthorized(res);
			return;
		}
		const allowed =
			operation === 'hasAll'
				? hasAllPermissions(req.sandboxUser, permissions)
				: hasAnyPermission(req.sandboxUser, permissions);
		if (!allowed) {
			res.status(403).json({
				success: false,
				error: 'User does not have the permissions required for this action [error-unauthorized]',
			});
			return;
		}
		next();
	};
}

/** The query string as Rocket.Chat's router parses it (qs): `a[]=1&a=2` arrays, `a[b]=1` objects. */
export function queryParams(req: Request): Record<string, unknown> {
	const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
	const result: Record<string, unknown> = {};
	for (const pair of search.split('&')) {
		if (!pair) {
			continue;
		}
		const [rawKey, ...rest] = pair.split('=');
		const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, ' '));
		const key = decode(rawKey);
		const value = decode(rest.join('='));
		const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
		if (!match?.[2]) {
			const existing = result[key];
			result[key] = existing === undefined ? value : ([] as unknown[]).concat(existing, value);
			continue;
		}
		const [, name, brackets] = match;
		const inner = brackets.slice(1, -1).split('][')[0];
		if (inner === '' || /^\d+$/.test(inner)) {
			const existing = result[name];
			result[name] = ([] as unknown[]).concat(existing === undefined ? [] : existing, value);
		} else {
			const existing = (typeof result[name] === 'object' && result[name] !== null ? result[name] : {}) as Record<
				string,
				unknown
			>;
			result[name] = { ...existing, [inner]: value };
		}
	}
	return result;
}

/** getPaginationItems: offset 0, count 50 by default, at most 100; 0 means every record (API_Allow_Infinite_Count). */
export function paginationOf(params: Record<string, unknown>): { offset: number; count: number } {
	const number = (value: unknown) => (typeof value === 'number' ? value : parseInt(`${value as string}`, 10) || 0);
	const offset = params.offset ? number(params.offset) : 0;
	let count = params.count === undefined ? 50 : number(params.count || 0);
	if (count > 100) {
		count = 100;
	}
	return { offset, count };
}

/** parseJsonQuery's sort and fields (JSON in the query). */
export function jsonQueryOf(params: Record<string, unknown>): {
	sort?: Record<string, 1 | -1>;
	fields?: Record<string, 0 | 1>;
} {
	const parse = (key: 'sort' | 'fields', code: string) => {
		if (typeof params[key] !== 'string') {
			return undefined;
		}
		try {
			return JSON.parse(params[key]) as Record<string, never>;
		} catch {
			throw new WorkspaceError(code, `Invalid ${key} parameter provided: "${String(params[key])}"`);
		}
	};
	return { sort: parse('sort', 'error-invalid-sort'), fields: parse('fields', 'error-invalid-fields') };
}

/** A page of records: sorted, then `offset` skipped and `count` kept (0: all). */
export function page<T>(records: T[], { offset, count }: { offset: number; count: number }): T[] {
	return records.slice(offset, count > 0 ? offset + count : undefined);
}

/** MongoDB's order of values of different types: missing and null, numbers, strings, objects, booleans, dates. */
function rank(value: unknown): number {
	if (value === undefined || value === null) {
		return 0;
	}
	if (typeof value === 'number') {
		return 1;
	}
	if (typeof value === 'string') {
		return 2;
	}
	if (typeof value === 'boolean') {
		return 5;
	}
	if (value instanceof Date) {
		return 6;
	}
	return 3;
}

function compareValues(a: unknown, b: unknown): number {
	const byType = rank(a) - rank(b);
	if (byType !== 0) {
		return byType;
	}
	if (a instanceof Date && b instanceof Date) {
		return a.getTime() - b.getTime();
	}
	if (typeof a === 'number' || typeof a === 'boolean') {
		return Number(a) - Number(b);
	}
	if (typeof a === 'string' && a !== b) {
		return a < (b as string) ? -1 : 1;
	}
	return 0;
}

/** A MongoDB sort over records' top-level fields (dotted paths followed). */
export function sortBy<T>(records: T[], sort: Record<string, number>): T[] {
	const at = (record: T, path: string) =>
		path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], record);
	return [...records].sort((a, b) => {
		for (const [path, direction] of Object.entries(sort)) {
			const order = compareValues(at(a, path), at(b, path));
			if (order !== 0) {
				return direction < 0 ? -order : order;
			}
		}
		return 0;
	});
}

/** A projection of top-level fields: `{field: 0}` leaves fields out, `{field: 1}` keeps only those (and _id). */
export function project<T extends Record<string, unknown>>(record: T, fields?: Record<string, 0 | 1>): Partial<T> {
	if (!fields || Object.keys(fields).length === 0) {
		return record;
	}
	const including = Object.values(fields).some((value) => value === 1);
	return Object.fromEntries(
		Object.entries(record).filter(([key]) => (including ? fields[key] === 1 || key === '_id' : fields[key] !== 0)),
	) as Partial<T>;
}

/** permissionsRequired checked where Rocket.Chat checks it, after validateParams: 403 error-unauthorized. */
export function checkPermissions(
	user: Parameters<typeof hasAllPermissions>[0],
	permissions: Permission[],
	operation: 'hasAll' | 'hasAny' = 'hasAll',
): void {
	const allowed = operation === 'hasAll' ? hasAllPermissions(user, permissions) : hasAnyPermission(user, permissions);
	if (!allowed) {
		throw new WorkspaceError('error-unauthorized', 'User does not have the permissions required for this action');
	}
}
