import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireRole, requireUser } from './authentication';
import { failure, handle, ok, text, unauthorized } from './restAnswers';
import { restDepartment, restRoom, restUser } from './restShapes';
import { WorkspaceError } from '../workspace/WorkspaceError';

const ADMIN = ['admin'];
const LIVECHAT_ADMIN = ['admin', 'livechat-manager'];

/** The subset of Rocket.Chat's REST API (v1) that clients of this app, rc-apps, the console and the tests use. */
export function restV1Routes({ version, workspace, log }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.get('/api/info', (req, res) => {
		ok(res, req.sandboxUser ? { version, info: { version } } : { version });
	});

	router.post('/api/v1/login', (req, res) => {
		const body = (req.body ?? {}) as Record<string, unknown>;
		const login = workspace.login(text(body.user) ?? text(body.username) ?? '', text(body.password) ?? '');
		if (!login) {
			res.status(401).json({ status: 'error', error: 'Unauthorized', message: 'Unauthorized' });
			return;
		}
		const me = workspace.userByToken(login.userId, login.authToken);
		res.json({
			status: 'success',
			data: { userId: login.userId, authToken: login.authToken, me: me && restUser(me) },
		});
	});

	router.post('/api/v1/logout', requireUser, (req, res) => {
		workspace.logout(caller(req)._id, req.header('x-auth-token') ?? '');
		res.json({ status: 'success', data: { message: "You've been logged out!" } });
	});

	router.get('/api/v1/me', (req, res) => {
		if (!req.sandboxUser) {
			unauthorized(res);
			return;
		}
		ok(res, restUser(req.sandboxUser));
	});

	router.post(
		'/api/v1/users.create',
		requireRole(...ADMIN),
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

	for (const role of ['agent', 'manager'] as const) {
		router.post(
			`/api/v1/livechat/users/${role}`,
			requireRole(...LIVECHAT_ADMIN),
			handle((req, res) => {
				const username = text((req.body as Record<string, unknown>).username) ?? '';
				ok(res, { user: restUser(workspace.addRole(username, `livechat-${role}`)) });
			}),
		);
	}

	router.post(
		'/api/v1/livechat/agent.status',
		requireUser,
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const agentId = text(body.agentId) ?? caller(req)._id;
			if (agentId !== caller(req)._id && !caller(req).roles.some((role) => LIVECHAT_ADMIN.includes(role))) {
				failure(res, 'Unauthorized [error-not-allowed]', 403);
				return;
			}
			workspace.setAgentStatus(agentId, body.status === 'not-available' ? 'not-available' : 'available');
			ok(res);
		}),
	);

	router.post(
		'/api/v1/livechat/department',
		requireRole(...LIVECHAT_ADMIN),
		handle((req, res) => {
			const body = req.body as { department?: Record<string, unknown>; agents?: Array<Record<string, unknown>> };
			const input = body.department ?? {};
			const department = workspace.createDepartment(
				{
					name: text(input.name) ?? '',
					enabled: input.enabled !== false,
					showOnRegistration: input.showOnRegistration !== false,
					showOnOfflineForm: input.showOnOfflineForm === true,
					email: text(input.email),
				},
				(body.agents ?? []).map((agent) => text(agent.agentId) ?? ''),
			);
			ok(res, { department: restDepartment(department), agents: body.agents ?? [] });
		}),
	);

	router.post(
		'/api/v1/livechat/department/:id/agents',
		requireRole(...LIVECHAT_ADMIN),
		handle((req, res) => {
			const body = req.body as { upsert?: Array<{ agentId: string }>; remove?: Array<{ agentId: string }> };
			workspace.updateDepartmentAgents(
				String(req.params.id),
				(body.upsert ?? []).map((agent) => agent.agentId),
				(body.remove ?? []).map((agent) => agent.agentId),
			);
			ok(res);
		}),
	);

	router.get('/api/v1/livechat/department', requireUser, (_req, res) => {
		const departments = [...workspace.departments.values()].map(restDepartment);
		ok(res, { departments, count: departments.length, offset: 0, total: departments.length });
	});

	router.get('/api/v1/rooms.info', requireUser, (req, res) => {
		const room = workspace.findRoom(String(req.query.roomId ?? ''));
		if (!room) {
			failure(
				res,
				'The required "roomId" or "roomName" param provided does not match any group [error-room-not-found]',
			);
			return;
		}
		ok(res, { room: restRoom(room) });
	});

	// A setting Rocket.Chat does not have gets its bare failure, {"success": false} (api/server/v1/settings.ts); the
	// sandbox answers the same for the settings it does not model, and says so in its log.
	router.post('/api/v1/settings/:id', requireRole(...ADMIN), (req, res) => {
		const id = String(req.params.id);
		const { value } = (req.body ?? {}) as Record<string, unknown>;
		if (workspace.setSetting(id, value)) {
			ok(res);
			return;
		}
		log(
			'warn',
			`settings/${JSON.stringify(id)}: the sandbox does not model this setting (or not with a ${typeof value} value)`,
		);
		res.status(400).json({ success: false });
	});

	return router;
}
