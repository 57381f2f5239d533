import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller } from './authentication';
import {
	RestFailure,
	jsonQueryOf,
	page,
	paginationOf,
	queryParams,
	rcHandle,
	requirePermissions,
	sortBy,
} from './rcRoute';
import { ok } from './restAnswers';
import { restDepartment } from './restShapes';
import { Match, check } from '../workspace/meteorCheck';
import { hasPermission } from '../workspace/permissions';

const VIEW = ['view-livechat-departments', 'view-l-room'] as const;

/** The body livechat/department's POST and PUT check (Meteor's check). */
const DEPARTMENT_BODY = {
	department: Object,
	agents: Match.maybe(Array),
	departmentUnit: Match.maybe({ _id: Match.optional(String) }),
};

/**
 * Omnichannel departments (app/livechat/imports/server/rest/departments.ts, server/api/lib/departments.ts), their
 * rules in the workspace (departmentsLib.ts, see src/workspace/departments.ts).
 */
export function departmentsRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	const agentsOf = (departmentId: string) => workspace.departmentAgents(departmentId);

	// findDepartments: by name unless sorted otherwise; `text` in the name, `enabled`, `excludeDepartmentId`.
	router.get(
		'/api/v1/livechat/department',
		requirePermissions([...VIEW], 'hasAny'),
		rcHandle((req, res) => {
			const params = queryParams(req);
			const { sort } = jsonQueryOf(params);
			const text = typeof params.text === 'string' ? params.text.toLowerCase() : undefined;
			const departments = [...workspace.departments.values()]
				.filter((department) => params.enabled !== 'true' || department.enabled)
				.filter((department) => !text || department.name.toLowerCase().includes(text))
				.filter((department) => department._id !== params.excludeDepartmentId)
				.map(restDepartment);
			const pagination = paginationOf(params);
			const listed = page(sortBy(departments, sort ?? { name: 1 }), pagination);
			ok(res, { departments: listed, count: listed.length, offset: pagination.offset, total: departments.length });
		}),
	);

	// POST livechat/department (manage-livechat-departments): saveDepartment(null, department, {upsert: agents}).
	router.post(
		'/api/v1/livechat/department',
		requirePermissions(['manage-livechat-departments']),
		rcHandle((req, res) => {
			const body = (req.body ?? {}) as { department?: unknown; agents?: Array<{ agentId: string }> };
			check(body, DEPARTMENT_BODY);
			const department = workspace.saveDepartment(null, body.department, body.agents ? { upsert: body.agents } : {});
			ok(res, { department: restDepartment(department), agents: agentsOf(department._id) });
		}),
	);

	// GET livechat/department/:_id: the department or null; its agents too for a holder of view-livechat-departments
	// (findDepartmentById includes them unless includeAgents is given and is not 'true').
	router.get(
		'/api/v1/livechat/department/:_id',
		requirePermissions([...VIEW], 'hasAny'),
		rcHandle((req, res) => {
			const params = queryParams(req);
			const id = String(req.params._id);
			const department = workspace.departments.get(id);
			const includeAgents = params.includeAgents === undefined || params.includeAgents === 'true';
			ok(res, {
				department: department ? restDepartment(department) : null,
				...(includeAgents && hasPermission(caller(req), 'view-livechat-departments') ? { agents: agentsOf(id) } : {}),
			});
		}),
	);

	// PUT livechat/department/:_id: saved with manage-livechat-departments, its agents with add-livechat-department-agents.
	router.put(
		'/api/v1/livechat/department/:_id',
		requirePermissions(['manage-livechat-departments', 'add-livechat-department-agents'], 'hasAny'),
		rcHandle((req, res) => {
			const body = (req.body ?? {}) as { department?: unknown; agents?: Array<{ agentId: string }> };
			check(body, DEPARTMENT_BODY);
			if (!hasPermission(caller(req), 'manage-livechat-departments')) {
				throw new Error('error-not-allowed');
			}
			const id = String(req.params._id);
			const mayAddAgents = hasPermission(caller(req), 'add-livechat-department-agents');
			const department = workspace.saveDepartment(
				id,
				body.department,
				mayAddAgents && body.agents ? { upsert: body.agents } : {},
			);
			ok(res, { department: restDepartment(department), agents: agentsOf(id) });
		}),
	);

	// DELETE livechat/department/:_id: only with Omnichannel_enable_department_removal; removeDepartment.
	router.delete(
		'/api/v1/livechat/department/:_id',
		requirePermissions(['manage-livechat-departments', 'remove-livechat-department'], 'hasAny'),
		rcHandle((req, res) => {
			if (!workspace.settings.Omnichannel_enable_department_removal) {
				throw new RestFailure('error-department-removal-disabled');
			}
			workspace.removeDepartment(String(req.params._id));
			ok(res);
		}),
	);

	// GET livechat/department/:_id/agents: the department's agent links (none for an unknown department).
	router.get(
		'/api/v1/livechat/department/:_id/agents',
		requirePermissions([...VIEW], 'hasAny'),
		rcHandle((req, res) => {
			const params = queryParams(req);
			const { sort } = jsonQueryOf(params);
			const agents = agentsOf(String(req.params._id));
			const pagination = paginationOf(params);
			const listed = page(sortBy(agents, sort ?? { username: 1 }), pagination);
			ok(res, { agents: listed, count: listed.length, offset: pagination.offset, total: agents.length });
		}),
	);

	// POST livechat/department/:_id/agents: `{upsert: [], remove: []}` both required, then saveDepartmentAgents.
	router.post(
		'/api/v1/livechat/department/:_id/agents',
		requirePermissions(['manage-livechat-departments', 'add-livechat-department-agents'], 'hasAny'),
		rcHandle((req, res) => {
			const body = req.body ?? {};
			check(body, Match.objectIncluding({ upsert: Array, remove: Array }));
			workspace.saveDepartmentAgents(String(req.params._id), body);
			ok(res);
		}),
	);

	return router;
}
