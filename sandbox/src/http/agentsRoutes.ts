import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireUser } from './authentication';
import {
	Forbidden,
	NotFound,
	RestFailure,
	paginationOf,
	page,
	queryParams,
	rcHandle,
	requirePermissions,
	sortBy,
	validateParams,
	jsonQueryOf,
} from './rcRoute';
import { ok } from './restAnswers';
import { hasAnyPermission, hasPermission } from '../workspace/permissions';
import type { UserRecord } from '../workspace/types';

const PAGINATION = {
	count: { type: 'number', nullable: true },
	offset: { type: 'number', nullable: true },
	sort: { type: 'string', nullable: true },
	query: { type: 'string', nullable: true },
};

/** isLivechatUsersManagerGETProps (@rocket.chat/rest-typings). */
const USERS_GET = {
	type: 'object',
	properties: {
		text: { type: 'string', nullable: true },
		onlyAvailable: { type: 'boolean', nullable: true },
		excludeId: { type: 'string', nullable: true },
		showIdleAgents: { type: 'boolean', nullable: true },
		fields: { type: 'string', nullable: true },
		...PAGINATION,
	},
	required: [],
	additionalProperties: false,
};

/** isPOSTLivechatUsersTypeProps. */
const USERS_POST = {
	type: 'object',
	properties: { username: { type: 'string' }, ...PAGINATION },
	required: ['username'],
	additionalProperties: false,
};

/** isPOSTLivechatAgentStatusProps: ILivechatAgentStatus's values. */
const AGENT_STATUS = {
	type: 'object',
	properties: {
		status: { type: 'string', enum: ['available', 'unavailable', 'not-available'], nullable: true },
		agentId: { type: 'string', nullable: true },
	},
	additionalProperties: false,
};

const ROLE_OF_TYPE: Record<string, 'livechat-agent' | 'livechat-manager'> = {
	agent: 'livechat-agent',
	manager: 'livechat-manager',
};

/** _.pick(user, '_id', 'username', 'name', 'status', 'statusLivechat', 'emails', 'livechat'). */
const agentShape = (user: UserRecord) => ({
	_id: user._id,
	username: user.username,
	name: user.name,
	status: user.status,
	...(user.statusLivechat ? { statusLivechat: user.statusLivechat } : {}),
	emails: user.emails,
});

/**
 * Omnichannel's agents and managers (app/livechat/imports/server/rest/users.ts, server/api/lib/users.ts) and an
 * agent's availability (app/livechat/server/api/v1/agent.ts).
 */
export function agentsRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	// GET livechat/users/:type: agents (transfer-livechat-guest or edit-omnichannel-contact) or managers
	// (view-livechat-manager), each with their departments, by name; 'Invalid type' otherwise.
	router.get(
		'/api/v1/livechat/users/:type',
		requireUser,
		rcHandle((req, res) => {
			const params = validateParams<Record<string, unknown>>(USERS_GET, queryParams(req));
			const { sort } = jsonQueryOf(params);
			const user = caller(req);
			const role = ROLE_OF_TYPE[String(req.params.type)];
			if (!role) {
				throw new Error('Invalid type');
			}
			const allowed =
				role === 'livechat-agent'
					? hasAnyPermission(user, ['transfer-livechat-guest', 'edit-omnichannel-contact'])
					: hasPermission(user, 'view-livechat-manager');
			if (!allowed) {
				throw new Forbidden();
			}
			const text = typeof params.text === 'string' ? params.text.toLowerCase() : undefined;
			const onlyAvailable = role === 'livechat-agent' && params.onlyAvailable === true;
			const showIdleAgents = role !== 'livechat-agent' || params.showIdleAgents !== false;
			const users = [...workspace.users.values()]
				.filter((candidate) => candidate.roles.includes(role))
				.filter(
					(candidate) =>
						!text ||
						[candidate.username, candidate.name, ...candidate.emails.map((email) => email.address)].some((value) =>
							value.toLowerCase().includes(text),
						),
				)
				.filter((candidate) => !onlyAvailable || candidate.statusLivechat === 'available')
				.filter(
					(candidate) =>
						role !== 'livechat-agent' || params.excludeId === undefined || candidate._id !== params.excludeId,
				)
				// showIdleAgents false: only agents who are not offline, and bots whatever their presence.
				.filter((candidate) => showIdleAgents || candidate.roles.includes('bot') || candidate.status !== 'offline')
				.map((candidate) => ({ ...agentShape(candidate), departments: workspace.departmentIdsOf(candidate._id) }));
			const sorted = sortBy(users, sort ?? { name: 1 });
			const pagination = paginationOf(params);
			const listed = page(sorted, pagination);
			ok(res, { users: listed, count: listed.length, offset: pagination.offset, total: users.length });
		}),
	);

	// POST livechat/users/:type (view-livechat-manager): addAgent / addManager by username.
	router.post(
		'/api/v1/livechat/users/:type',
		requirePermissions(['view-livechat-manager']),
		rcHandle((req, res) => {
			const body = validateParams<{ username: string }>(USERS_POST, req.body ?? {});
			const role = ROLE_OF_TYPE[String(req.params.type)];
			if (!role) {
				throw new Error('Invalid type');
			}
			const user = workspace.addRole(body.username, role);
			ok(res, { user: { _id: user._id, username: user.username } });
		}),
	);

	// GET livechat/users/:type/:_id (view-livechat-manager): the user when they have the role, else null.
	router.get(
		'/api/v1/livechat/users/:type/:_id',
		requirePermissions(['view-livechat-manager']),
		rcHandle((req, res) => {
			const user = workspace.findUser(String(req.params._id));
			if (!user) {
				throw new RestFailure('User not found');
			}
			const role = ROLE_OF_TYPE[String(req.params.type)];
			if (!role) {
				throw new Error('Invalid type');
			}
			ok(res, { user: user.roles.includes(role) ? agentShape(user) : null });
		}),
	);

	// DELETE livechat/users/:type/:_id (view-livechat-manager): removeAgent / removeManager.
	router.delete(
		'/api/v1/livechat/users/:type/:_id',
		requirePermissions(['view-livechat-manager']),
		rcHandle((req, res) => {
			const user = workspace.findUser(String(req.params._id));
			if (!user) {
				throw new RestFailure(undefined);
			}
			const role = ROLE_OF_TYPE[String(req.params.type)];
			if (!role) {
				throw new Error('Invalid type');
			}
			workspace.removeRole(user._id, role);
			ok(res);
		}),
	);

	// POST livechat/agent.status (view-l-room): the agent looked up first (404 "Agent not found"), a deactivated one
	// refused, no status toggles it, another agent's needs manage-livechat-agents; answers the status now in force.
	router.post(
		'/api/v1/livechat/agent.status',
		requirePermissions(['view-l-room']),
		rcHandle((req, res) => {
			const body = validateParams<{ status?: 'available' | 'not-available' | 'unavailable'; agentId?: string }>(
				AGENT_STATUS,
				req.body ?? {},
			);
			const self = caller(req);
			const agentId = body.agentId || self._id;
			const agent = workspace.findUser(agentId);
			if (!agent?.roles.includes('livechat-agent')) {
				throw new NotFound('Agent not found');
			}
			if (!agent.active) {
				throw new RestFailure('error-user-deactivated');
			}
			const status = body.status || (agent.statusLivechat === 'available' ? 'not-available' : 'available');
			if (status === agent.statusLivechat) {
				ok(res, { status });
				return;
			}
			if (agentId !== self._id && !hasPermission(self, 'manage-livechat-agents')) {
				throw new Forbidden();
			}
			workspace.setAgentStatus(agent._id, status);
			ok(res, { status });
		}),
	);

	return router;
}
