import { Router } from 'express';

import type { ISandboxBackend, SandboxUser } from './ISandboxBackend';
import { requireRole, requireUser } from './authentication';
import { failure, handle, ok, text, unauthorized } from './restAnswers';

const ADMIN = ['admin'];
const LIVECHAT_ADMIN = ['admin', 'livechat-manager'];

const publicUser = (user: SandboxUser) => ({
	_id: user._id,
	username: user.username,
	name: user.name,
	roles: user.roles,
	status: user.status,
	statusLivechat: user.statusLivechat,
	type: user.type,
	active: user.active,
	emails: user.emails,
});

/** The subset of Rocket.Chat's REST API (v1) that clients of this app, rc-apps and the tests use. */
export function restV1Routes(backend: ISandboxBackend): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.get('/api/info', (req, res) => {
		ok(
			res,
			req.sandboxUser ? { version: backend.version, info: { version: backend.version } } : { version: backend.version },
		);
	});

	router.post('/api/v1/login', (req, res) => {
		const body = (req.body ?? {}) as Record<string, unknown>;
		const login = backend.login(text(body.user) ?? text(body.username) ?? '', text(body.password) ?? '');
		if (!login) {
			res.status(401).json({ status: 'error', error: 'Unauthorized', message: 'Unauthorized' });
			return;
		}
		const me = backend.userByToken(login.userId, login.authToken);
		res.json({
			status: 'success',
			data: { userId: login.userId, authToken: login.authToken, me: me && publicUser(me) },
		});
	});

	router.post('/api/v1/logout', requireUser, (req, res) => {
		backend.logout(req.sandboxUser!._id, req.header('x-auth-token') ?? '');
		res.json({ status: 'success', data: { message: "You've been logged out!" } });
	});

	router.get('/api/v1/me', (req, res) => {
		if (!req.sandboxUser) {
			unauthorized(res);
			return;
		}
		ok(res, publicUser(req.sandboxUser));
	});

	router.post(
		'/api/v1/users.create',
		requireRole(...ADMIN),
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const roles = Array.isArray(body.roles)
				? body.roles.filter((role): role is string => typeof role === 'string')
				: undefined;
			const user = backend.createUser({
				username: text(body.username) ?? '',
				password: text(body.password) ?? '',
				name: text(body.name),
				email: text(body.email),
				roles,
			});
			ok(res, { user: publicUser(user) });
		}),
	);

	router.post(
		'/api/v1/users.setStatus',
		requireUser,
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const target = text(body.userId) ?? req.sandboxUser!._id;
			if (target !== req.sandboxUser!._id && !req.sandboxUser!.roles.includes('admin')) {
				failure(res, 'Unauthorized [error-not-allowed]', 403);
				return;
			}
			backend.setUserStatus(target, text(body.status) ?? '');
			ok(res);
		}),
	);

	for (const role of ['agent', 'manager'] as const) {
		router.post(
			`/api/v1/livechat/users/${role}`,
			requireRole(...LIVECHAT_ADMIN),
			handle((req, res) => {
				const user = backend.addLivechatRole(
					text((req.body as Record<string, unknown>).username) ?? '',
					`livechat-${role}`,
				);
				ok(res, { user: publicUser(user) });
			}),
		);
	}

	router.post(
		'/api/v1/livechat/agent.status',
		requireUser,
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const agentId = text(body.agentId) ?? req.sandboxUser!._id;
			if (agentId !== req.sandboxUser!._id && !req.sandboxUser!.roles.some((r) => LIVECHAT_ADMIN.includes(r))) {
				failure(res, 'Unauthorized [error-not-allowed]', 403);
				return;
			}
			const status = body.status === 'not-available' ? 'not-available' : 'available';
			backend.setAgentStatus(agentId, status);
			ok(res);
		}),
	);

	router.post(
		'/api/v1/livechat/department',
		requireRole(...LIVECHAT_ADMIN),
		handle((req, res) => {
			const body = req.body as { department?: Record<string, unknown>; agents?: Array<Record<string, unknown>> };
			const input = body.department ?? {};
			const department = backend.createDepartment(
				{
					name: text(input.name) ?? '',
					enabled: input.enabled !== false,
					showOnRegistration: input.showOnRegistration !== false,
					showOnOfflineForm: input.showOnOfflineForm === true,
					email: text(input.email),
				},
				(body.agents ?? []).map((agent) => ({ agentId: text(agent.agentId) ?? '', username: text(agent.username) })),
			);
			ok(res, { department, agents: body.agents ?? [] });
		}),
	);

	router.post(
		'/api/v1/livechat/department/:id/agents',
		requireRole(...LIVECHAT_ADMIN),
		handle((req, res) => {
			const body = req.body as { upsert?: Array<{ agentId: string }>; remove?: Array<{ agentId: string }> };
			backend.updateDepartmentAgents(String(req.params.id), body.upsert ?? [], body.remove ?? []);
			ok(res);
		}),
	);

	router.get('/api/v1/livechat/department', requireUser, (_req, res) => {
		const departments = backend.listDepartments();
		ok(res, { departments, count: departments.length, offset: 0, total: departments.length });
	});

	// The livechat widget's own calls: identified by the visitor token, no user login.
	router.post(
		'/api/v1/livechat/visitor',
		handle((req, res) => {
			const input = ((req.body as Record<string, unknown>).visitor ?? {}) as Record<string, unknown>;
			const visitor = backend.registerVisitor({
				token: text(input.token) ?? '',
				name: text(input.name),
				department: text(input.department),
				email: text(input.email),
			});
			ok(res, { visitor });
		}),
	);

	router.get(
		'/api/v1/livechat/room',
		handle(async (req, res) => {
			const { room, newRoom } = await backend.openRoom(String(req.query.token ?? ''), text(req.query.rid));
			ok(res, { room, newRoom });
		}),
	);

	router.post(
		'/api/v1/livechat/message',
		handle(async (req, res) => {
			const body = req.body as Record<string, unknown>;
			const message = await backend.sendVisitorMessage(
				text(body.token) ?? '',
				text(body.rid) ?? '',
				typeof body.msg === 'string' ? body.msg : '',
				text(body._id),
			);
			ok(res, { message });
		}),
	);

	router.get(
		'/api/v1/livechat/messages.history/:rid',
		handle((req, res) => {
			const messages = backend.visitorHistory(String(req.query.token ?? ''), String(req.params.rid));
			ok(res, { messages });
		}),
	);

	router.get('/api/v1/rooms.info', requireUser, (req, res) => {
		const room = backend.roomInfo(String(req.query.roomId ?? ''));
		if (!room) {
			failure(
				res,
				'The required "roomId" or "roomName" param provided does not match any group [error-room-not-found]',
			);
			return;
		}
		ok(res, { room });
	});

	router.post('/api/v1/settings/:id', requireRole(...ADMIN), (req, res) => {
		if (!backend.setWorkspaceSetting(String(req.params.id), (req.body as Record<string, unknown>).value)) {
			failure(res, `The sandbox does not model the setting "${String(req.params.id)}"`);
			return;
		}
		ok(res);
	});

	return router;
}
