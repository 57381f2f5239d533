import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireRole, requireUser } from './authentication';
import { RestFailure, queryParams, rcHandle } from './rcRoute';
import { failure, handle, ok, text } from './restAnswers';
import { restUser } from './restShapes';
import { WorkspaceError } from '../workspace/WorkspaceError';
import { hasPermission } from '../workspace/permissions';
import type { UserRecord } from '../workspace/types';

/**
 * Users (app/api/server/v1/users.ts): created by an admin, their presence, and looked up by id or username
 * (`users.info`, getFullUserDataByIdOrUsernameOrImportId: the public fields for anyone, the full record for
 * themselves or a holder of view-full-other-user-info).
 */
export function usersRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.post(
		'/api/v1/users.create',
		requireRole('admin'),
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const roles = Array.isArray(body.roles)
				? body.roles.filter((role): role is string => typeof role === 'string')
				: undefined;
			const password = text(body.password);
			if (!password) {
				throw new WorkspaceError('error-invalid-password', 'A password is required');
			}
			const user = workspace.createUser({
				username: text(body.username) ?? '',
				password,
				name: text(body.name),
				email: text(body.email),
				roles,
			});
			ok(res, { user: restUser(user) });
		}),
	);

	router.post(
		'/api/v1/users.setStatus',
		requireUser,
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const target = text(body.userId) ?? caller(req)._id;
			if (target !== caller(req)._id && !caller(req).roles.includes('admin')) {
				failure(res, 'Unauthorized [error-not-allowed]', 403);
				return;
			}
			workspace.setUserStatus(target, text(body.status) ?? '');
			ok(res);
		}),
	);

	router.get(
		'/api/v1/users.info',
		requireUser,
		rcHandle((req, res) => {
			const params = queryParams(req);
			const byId = typeof params.userId === 'string' && params.userId ? params.userId : undefined;
			const byName = typeof params.username === 'string' && params.username ? params.username : undefined;
			if (!byId && !byName) {
				throw new RestFailure('Invalid search query.');
			}
			const user = byId ? workspace.findUser(byId) : workspace.findUserByUsername(byName ?? '');
			if (!user) {
				throw new RestFailure('User not found.');
			}
			const self = caller(req);
			ok(res, { user: userInfo(user, user._id === self._id || hasPermission(self, 'view-full-other-user-info')) });
		}),
	);

	return router;
}

/** The user's default fields, and with canViewAllInfo the full ones (emails, roles, createdAt). */
function userInfo(user: UserRecord, canViewAllInfo: boolean): Record<string, unknown> {
	return {
		_id: user._id,
		name: user.name,
		username: user.username,
		status: user.status,
		type: user.type,
		active: user.active,
		...(canViewAllInfo ? { emails: user.emails, roles: [...user.roles], createdAt: user.createdAt.toISOString() } : {}),
	};
}
