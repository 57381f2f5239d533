import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import { newId } from './ids';
import { Match, check, type Pattern } from './meteorCheck';
import { PlainError } from './plainError';
import type { DepartmentRecord, UserRecord } from './types';

/** One agent of a department, as LivechatDepartmentAgents keeps the link. */
export type DepartmentAgentLink = {
	_id: string;
	agentId: string;
	departmentId: string;
	departmentEnabled: boolean;
	username: string;
	count: number;
	order: number;
};

type AgentsChange = { upsert?: Array<{ agentId: string }>; remove?: Array<{ agentId: string }> };

const AGENT_ENTRY = Match.objectIncluding({
	agentId: String,
	username: Match.maybe(String),
	count: Match.maybe(Match.integer),
	order: Match.maybe(Match.integer),
});

/** The fields saveDepartment knows; any other must be a string, an integer or a boolean (departmentsLib.ts). */
const DEPARTMENT_FIELDS: Record<string, Pattern> = {
	enabled: Boolean,
	name: String,
	description: Match.optional(String),
	showOnRegistration: Boolean,
	email: String,
	showOnOfflineForm: Boolean,
	requestTagBeforeClosingChat: Match.optional(Boolean),
	chatClosingTags: Match.optional([String]),
	fallbackForwardDepartment: Match.optional(String),
	departmentsAllowedToForward: Match.optional([String]),
	allowReceiveForwardOffline: Match.optional(Boolean),
};

const KNOWN = ['enabled', 'name', 'showOnRegistration', 'showOnOfflineForm', 'email'];

/**
 * Departments as Rocket.Chat's departmentsLib (app/livechat/server/lib/departmentsLib.ts) and
 * Helper.updateDepartmentAgents save, list and remove them.
 */
export class Departments {
	constructor(private readonly store: WorkspaceStore) {}

	/**
	 * saveDepartment(userId, _id, departmentData, departmentAgents): Meteor's check of the data (the known fields and,
	 * for any other, a string, integer or boolean), then the department created or updated and its agents changed.
	 */
	public save(id: string | null, data: unknown, agents?: AgentsChange): DepartmentRecord {
		const existing = id ? this.store.departments.get(id) : undefined;
		const fields: Record<string, Pattern> = { ...DEPARTMENT_FIELDS };
		for (const key of Object.keys(typeof data === 'object' && data !== null ? data : {})) {
			fields[key] = fields[key] ?? Match.oneOf(String, Match.integer, Boolean);
		}
		check(data, fields);
		check(agents, Match.maybe({ upsert: Match.maybe(Array), remove: Match.maybe(Array) }));
		const input = data as Record<string, unknown> & Pick<DepartmentRecord, 'name' | 'enabled'>;
		if (input.requestTagBeforeClosingChat && !(input.chatClosingTags as string[] | undefined)?.length) {
			throw new WorkspaceError(
				'error-validating-department-chat-closing-tags',
				'At least one closing tag is required when the department requires tag(s) on closing conversations.',
			);
		}
		if (id && !existing) {
			throw new WorkspaceError('error-department-not-found', 'Department not found');
		}
		if (input.fallbackForwardDepartment !== undefined && input.fallbackForwardDepartment === id) {
			throw new WorkspaceError(
				'error-fallback-department-circular',
				'Cannot save department. Circular reference between fallback department and department',
			);
		}
		if (input.fallbackForwardDepartment && !this.store.departments.has(input.fallbackForwardDepartment as string)) {
			throw new WorkspaceError('error-fallback-department-not-found', 'Fallback department not found');
		}
		const extra = Object.fromEntries(Object.entries(input).filter(([key]) => !KNOWN.includes(key)));
		const department: DepartmentRecord = existing ?? {
			_id: newId(),
			name: input.name,
			enabled: input.enabled,
			showOnRegistration: false,
			showOnOfflineForm: false,
			agentIds: [],
			_updatedAt: new Date(),
		};
		Object.assign(department, {
			name: input.name,
			enabled: input.enabled,
			showOnRegistration: input.showOnRegistration,
			showOnOfflineForm: input.showOnOfflineForm,
			email: input.email,
			extra: { ...department.extra, ...extra },
			_updatedAt: new Date(),
		});
		this.store.departments.set(department._id, department);
		if (agents) {
			this.updateAgents(department._id, agents);
		}
		return department;
	}

	/** saveDepartmentAgents: the department must exist (a Meteor error), then updateDepartmentAgents. */
	public saveAgents(id: string, agents: unknown): void {
		if (!this.store.departments.has(id)) {
			throw new WorkspaceError('error-department-not-found', 'Department not found');
		}
		this.updateAgents(id, agents);
	}

	/**
	 * Helper.updateDepartmentAgents: checks `{upsert?, remove?}` (each entry with an agentId), removes, then adds every
	 * user that exists (a missing user is skipped; Rocket.Chat checks no role here).
	 */
	private updateAgents(id: string, agents: unknown): void {
		check(agents, { upsert: Match.maybe([AGENT_ENTRY]), remove: Match.maybe([AGENT_ENTRY]) });
		const { upsert = [], remove = [] } = agents as AgentsChange;
		const known = upsert.map((agent) => agent.agentId).filter((agentId) => this.store.users.has(agentId));
		this.store.updateDepartmentAgents(
			id,
			known,
			remove.map((agent) => agent.agentId),
		);
	}

	/**
	 * removeDepartment: `error-department-not-found`, else the department goes with its agent links, other departments
	 * stop falling back to it, and every room loses it (bulkRemoveDepartmentAndUnitsFromRooms, open or closed).
	 */
	public remove(id: string): void {
		if (!this.store.departments.delete(id)) {
			throw new PlainError('error-department-not-found');
		}
		for (const department of this.store.departments.values()) {
			if (department.extra?.fallbackForwardDepartment === id) {
				delete department.extra.fallbackForwardDepartment;
			}
		}
		for (const room of this.store.rooms.values()) {
			if (room.departmentId === id) {
				delete room.departmentId;
			}
		}
	}

	/** findDepartmentAgents: the department's agent links, by username unless sorted otherwise. */
	public agentsOf(id: string): DepartmentAgentLink[] {
		const department = this.store.departments.get(id);
		if (!department) {
			return [];
		}
		return department.agentIds
			.map((agentId) => this.store.users.get(agentId))
			.filter((user): user is UserRecord => !!user)
			.map((user) => ({
				_id: linkId(department._id, user._id),
				agentId: user._id,
				departmentId: department._id,
				departmentEnabled: department.enabled,
				username: user.username,
				count: department.agentCounts?.[user._id] ?? 0,
				order: 0,
			}))
			.sort((a, b) => a.username.localeCompare(b.username));
	}

	/** The departments an agent belongs to (LivechatDepartmentAgents by agentId). */
	public departmentIdsOf(agentId: string): string[] {
		return [...this.store.departments.values()]
			.filter((department) => department.agentIds.includes(agentId))
			.map((department) => department._id);
	}
}

/** A stable id for the link of an agent to a department (LivechatDepartmentAgents' own _id in Rocket.Chat). */
function linkId(departmentId: string, agentId: string): string {
	return `${departmentId}-${agentId}`;
}
