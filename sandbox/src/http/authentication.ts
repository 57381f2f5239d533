import type { NextFunction, Request, Response } from 'express';

import { forbidden, unauthorized } from './restAnswers';
import type { Workspace } from '../workspace/Workspace';
import type { UserRecord } from '../workspace/types';

declare module 'express-serve-static-core' {
	// eslint-disable-next-line @typescript-eslint/naming-convention -- augments express's own interface
	interface Request {
		/** Set when X-User-Id and X-Auth-Token name a valid login, as Rocket.Chat's authentication middleware does. */
		sandboxUser?: UserRecord;
	}
}

/** Resolves credentials for every request; never rejects by itself (Rocket.Chat's rejectUnauthorized: false). */
export function authenticate(workspace: Workspace) {
	return (req: Request, _res: Response, next: NextFunction): void => {
		const userId = req.header('x-user-id');
		const authToken = req.header('x-auth-token');
		req.sandboxUser = userId && authToken ? workspace.userByToken(userId, authToken) : undefined;
		next();
	};
}

export function requireUser(req: Request, res: Response, next: NextFunction): void {
	if (!req.sandboxUser) {
		unauthorized(res);
		return;
	}
	next();
}

/** Calls that need a role: the sandbox keeps Rocket.Chat's permission model to roles. */
export function requireRole(...roles: string[]) {
	return (req: Request, res: Response, next: NextFunction): void => {
		if (!req.sandboxUser) {
			unauthorized(res);
			return;
		}
		if (!req.sandboxUser.roles.some((role) => roles.includes(role))) {
			forbidden(res);
			return;
		}
		next();
	};
}

/** The caller, for routes behind requireUser or requireRole. */
export function caller(req: Request): UserRecord {
	if (!req.sandboxUser) {
		throw new Error('caller() used on a route without authentication');
	}
	return req.sandboxUser;
}
