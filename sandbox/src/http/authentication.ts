import type { NextFunction, Request, Response } from 'express';

import type { ISandboxBackend, SandboxUser } from './ISandboxBackend';
import { forbidden, unauthorized } from './restAnswers';

declare module 'express-serve-static-core' {
	// eslint-disable-next-line @typescript-eslint/naming-convention -- augments express's own interface
	interface Request {
		/** Set when X-User-Id and X-Auth-Token name a valid login, as Rocket.Chat's authentication middleware does. */
		sandboxUser?: SandboxUser;
	}
}

/** Resolves credentials for every request; never rejects by itself (Rocket.Chat's rejectUnauthorized: false). */
export function authenticate(backend: ISandboxBackend) {
	return (req: Request, _res: Response, next: NextFunction): void => {
		const userId = req.header('x-user-id');
		const authToken = req.header('x-auth-token');
		req.sandboxUser = userId && authToken ? backend.userByToken(userId, authToken) : undefined;
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

/** Admin-only REST calls: the sandbox keeps Rocket.Chat's permission model to its roles. */
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
