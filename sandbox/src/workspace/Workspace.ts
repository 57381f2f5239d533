import { randomBytes } from 'crypto';

import { WorkspaceError } from './WorkspaceError';
import { hashPassword, hashToken, newId, passwordMatches } from './ids';
import type {
	DepartmentRecord,
	InquiryRecord,
	MessageRecord,
	RoomRecord,
	UserRecord,
	VisitorRecord,
	WorkspaceSettings,
} from './types';

export type WorkspaceEvent =
	| { type: 'message-sent'; message: MessageRecord; room: RoomRecord }
	| { type: 'message-updated'; message: MessageRecord; room: RoomRecord }
	| { type: 'room-started'; room: RoomRecord }
	| { type: 'room-closed'; room: RoomRecord };

type Actor = { _id: string; username: string };

/** Who asked for a transfer, as Rocket.Chat records it (for apps: the app's own user). */
export type TransferActor = Actor & { name?: string; type: string };

/**
 * An in-memory Rocket.Chat workspace: users, departments, visitors, livechat rooms, messages and the settings that
 * decide routing. Its rules follow Rocket.Chat's livechat server (routing, transfer, close). Every check-and-change
 * runs synchronously, in one tick, so concurrent requests cannot both pass a check (e.g. two closes of one room).
 */
export class Workspace {
	public readonly users = new Map<string, UserRecord>();

	public readonly departments = new Map<string, DepartmentRecord>();

	public readonly visitors = new Map<string, VisitorRecord>();

	public readonly rooms = new Map<string, RoomRecord>();

	public readonly messages: MessageRecord[] = [];

	public readonly inquiries = new Map<string, InquiryRecord>();

	public readonly settings: WorkspaceSettings = {
		Livechat_enabled: true,
		Livechat_assign_new_conversation_to_bot: false,
		Livechat_Routing_Method: 'Auto_Selection',
		Livechat_request_comment_when_closing_conversation: false,
		Livechat_accept_chats_with_no_agents: false,
	};

	private readonly listeners: Array<(event: WorkspaceEvent) => void> = [];

	private guestCounter = 0;

	public onEvent(listener: (event: WorkspaceEvent) => void): void {
		this.listeners.push(listener);
	}

	private emit(event: WorkspaceEvent): void {
		for (const listener of this.listeners) {
			listener(event);
		}
	}

	// ---- users

	public createUser(input: {
		username: string;
		password?: string;
		name?: string;
		email?: string;
		roles?: string[];
		type?: UserRecord['type'];
		appId?: string;
	}): UserRecord {
		const username = input.username.trim();
		if (!/^[\w.-]+$/.test(username)) {
			throw new WorkspaceError('error-invalid-username', `"${input.username}" is not a valid username`);
		}
		if (this.findUserByUsername(username)) {
			throw new WorkspaceError('error-field-unavailable', `${username} is already in use :(`);
		}
		const roles = input.roles?.length ? [...new Set(input.roles)] : ['user'];
		const user: UserRecord = {
			_id: newId(),
			username,
			name: input.name ?? username,
			emails: input.email ? [{ address: input.email, verified: true }] : [],
			roles,
			type: input.type ?? (roles.includes('bot') ? 'bot' : 'user'),
			active: true,
			status: 'offline',
			statusLivechat: roles.includes('livechat-agent') ? 'not-available' : undefined,
			passwordHash: input.password ? hashPassword(input.password) : undefined,
			loginTokens: [],
			createdAt: new Date(),
			appId: input.appId,
		};
		this.users.set(user._id, user);
		return user;
	}

	public findUser(id: string): UserRecord | undefined {
		return this.users.get(id);
	}

	public findUserByUsername(username: string): UserRecord | undefined {
		return [...this.users.values()].find((user) => user.username === username);
	}

	public removeUser(id: string): boolean {
		return this.users.delete(id);
	}

	/** Checks the password and issues a login token (returned once; only its hash is kept). */
	public login(userOrEmail: string, password: string): { userId: string; authToken: string } | undefined {
		const user = [...this.users.values()].find(
			(candidate) =>
				candidate.username === userOrEmail || candidate.emails.some((email) => email.address === userOrEmail),
		);
		if (!user || !user.active || !passwordMatches(password, user.passwordHash)) {
			return undefined;
		}
		const authToken = randomBytes(32).toString('base64url');
		user.loginTokens.push({ hashedToken: hashToken(authToken), when: new Date() });
		return { userId: user._id, authToken };
	}

	public logout(userId: string, authToken: string): void {
		const user = this.users.get(userId);
		if (user) {
			const hashed = hashToken(authToken);
			user.loginTokens = user.loginTokens.filter((token) => token.hashedToken !== hashed);
		}
	}

	public userByToken(userId: string, authToken: string): UserRecord | undefined {
		const user = this.users.get(userId);
		const hashed = hashToken(authToken);
		return user?.active && user.loginTokens.some((token) => token.hashedToken === hashed) ? user : undefined;
	}

	public setUserStatus(userId: string, status: string): void {
		if (!['online', 'away', 'busy', 'offline'].includes(status)) {
			throw new WorkspaceError('error-invalid-status', `"${status}" is not a valid status`);
		}
		this.requireUser(userId).status = status;
	}

	public addRole(username: string, role: string): UserRecord {
		const user = this.findUserByUsername(username);
		if (!user) {
			throw new WorkspaceError('error-invalid-user', `No user is named "${username}"`);
		}
		if (!user.roles.includes(role)) {
			user.roles.push(role);
		}
		if (role === 'livechat-agent' && !user.statusLivechat) {
			user.statusLivechat = 'not-available';
		}
		return user;
	}

	public setAgentStatus(agentId: string, status: 'available' | 'not-available'): void {
		const user = this.requireUser(agentId);
		if (!user.roles.includes('livechat-agent')) {
			throw new WorkspaceError('error-not-allowed', `${user.username} is not a livechat agent`);
		}
		user.statusLivechat = status;
	}

	private requireUser(id: string): UserRecord {
		const user = this.users.get(id);
		if (!user) {
			throw new WorkspaceError('error-invalid-user', `No user has the id "${id}"`);
		}
		return user;
	}

	// ---- departments

	public createDepartment(
		input: Omit<DepartmentRecord, '_id' | 'agentIds' | '_updatedAt'>,
		agentIds: string[],
	): DepartmentRecord {
		if (!input.name.trim()) {
			throw new WorkspaceError('error-invalid-department', 'A department needs a name');
		}
		const department: DepartmentRecord = { ...input, _id: newId(), agentIds: [], _updatedAt: new Date() };
		this.departments.set(department._id, department);
		this.updateDepartmentAgents(department._id, agentIds, []);
		return department;
	}

	public updateDepartmentAgents(departmentId: string, upsert: string[], remove: string[]): void {
		const department = this.departments.get(departmentId);
		if (!department) {
			throw new WorkspaceError('error-invalid-department', `No department has the id "${departmentId}"`);
		}
		for (const agentId of upsert) {
			const agent = this.requireUser(agentId);
			if (!agent.roles.includes('livechat-agent')) {
				throw new WorkspaceError('error-not-allowed', `${agent.username} is not a livechat agent`);
			}
			if (!department.agentIds.includes(agentId)) {
				department.agentIds.push(agentId);
			}
		}
		department.agentIds = department.agentIds.filter((id) => !remove.includes(id));
		department._updatedAt = new Date();
	}

	/** By _id or exact name, disabled departments included, as Rocket.Chat's findOneByIdOrName. */
	public findDepartment(idOrName: string): DepartmentRecord | undefined {
		return (
			this.departments.get(idOrName) ??
			[...this.departments.values()].find((department) => department.name === idOrName)
		);
	}

	// ---- visitors and rooms

	public registerVisitor(input: { token: string; name?: string; department?: string; email?: string }): VisitorRecord {
		if (!input.token.trim()) {
			throw new WorkspaceError('error-invalid-token', 'A visitor needs a token');
		}
		const department = input.department ? this.findDepartment(input.department) : undefined;
		if (input.department && !department) {
			throw new WorkspaceError('error-invalid-department', `No department has the name or id "${input.department}"`);
		}
		const existing = this.findVisitorByToken(input.token);
		const visitor: VisitorRecord = existing ?? {
			_id: newId(),
			token: input.token,
			username: `guest-${++this.guestCounter}`,
			ts: new Date(),
		};
		visitor.name = input.name ?? visitor.name;
		visitor.email = input.email ?? visitor.email;
		visitor.department = department?._id ?? visitor.department;
		this.visitors.set(visitor._id, visitor);
		return visitor;
	}

	public findVisitorByToken(token: string): VisitorRecord | undefined {
		return [...this.visitors.values()].find((visitor) => visitor.token === token);
	}

	public openRoomOf(visitor: VisitorRecord): RoomRecord | undefined {
		return [...this.rooms.values()].find((room) => room.open && room.v._id === visitor._id);
	}

	/** The visitor's open room, or a new one routed as Rocket.Chat routes it (bot first when configured). */
	public openRoom(token: string): { room: RoomRecord; newRoom: boolean } {
		if (!this.settings.Livechat_enabled) {
			throw new WorkspaceError('error-livechat-disabled', 'Livechat is disabled');
		}
		const visitor = this.findVisitorByToken(token);
		if (!visitor) {
			throw new WorkspaceError('invalid-token', 'No visitor has this token; register it first');
		}
		const open = this.openRoomOf(visitor);
		if (open) {
			return { room: open, newRoom: false };
		}
		const room: RoomRecord = {
			_id: newId(),
			t: 'l',
			fname: visitor.name ?? visitor.username,
			open: true,
			v: { _id: visitor._id, token: visitor.token, username: visitor.username },
			departmentId: visitor.department,
			ts: new Date(),
			msgs: 0,
		};
		this.rooms.set(room._id, room);
		const agent = this.routeNewRoom(room.departmentId);
		if (agent) {
			room.servedBy = { _id: agent._id, username: agent.username, ts: new Date() };
		} else {
			this.queue(room);
		}
		this.emit({ type: 'room-started', room });
		return { room, newRoom: true };
	}

	private isAvailable(user: UserRecord): boolean {
		return (
			user.active &&
			user.status !== 'offline' &&
			user.statusLivechat === 'available' &&
			user.roles.includes('livechat-agent')
		);
	}

	private agentsOf(departmentId: string | undefined): UserRecord[] {
		const ids = departmentId ? (this.departments.get(departmentId)?.agentIds ?? []) : [...this.users.keys()];
		return ids.map((id) => this.users.get(id)).filter((user): user is UserRecord => !!user && this.isAvailable(user));
	}

	private openRoomCount(agentId: string): number {
		return [...this.rooms.values()].filter((room) => room.open && room.servedBy?._id === agentId).length;
	}

	private leastBusy(agents: UserRecord[]): UserRecord | undefined {
		return [...agents].sort((a, b) => this.openRoomCount(a._id) - this.openRoomCount(b._id))[0];
	}

	private routeNewRoom(departmentId: string | undefined): UserRecord | undefined {
		const available = this.agentsOf(departmentId);
		if (this.settings.Livechat_assign_new_conversation_to_bot) {
			const bot = this.leastBusy(available.filter((agent) => agent.roles.includes('bot')));
			if (bot) {
				return bot;
			}
		}
		if (this.settings.Livechat_Routing_Method === 'Manual_Selection') {
			return undefined;
		}
		return this.leastBusy(available.filter((agent) => !agent.roles.includes('bot')));
	}

	public findRoom(roomId: string): RoomRecord | undefined {
		return this.rooms.get(roomId);
	}

	/**
	 * Rocket.Chat's service-status online(): true when the workspace takes chats with no agents, when bots take new
	 * chats and the department (or workspace) has a bot agent (online or not, as Rocket.Chat counts them), or when an
	 * agent there is online and available. Fallback departments are not modelled.
	 */
	public isOnline(departmentId?: string): boolean {
		if (this.settings.Livechat_accept_chats_with_no_agents) {
			return true;
		}
		if (this.settings.Livechat_assign_new_conversation_to_bot && this.botAgentsOf(departmentId).length > 0) {
			return true;
		}
		return this.agentsOf(departmentId).length > 0;
	}

	private botAgentsOf(departmentId: string | undefined): UserRecord[] {
		const ids = departmentId ? (this.departments.get(departmentId)?.agentIds ?? []) : [...this.users.keys()];
		return ids
			.map((id) => this.users.get(id))
			.filter(
				(user): user is UserRecord => !!user && user.roles.includes('bot') && user.roles.includes('livechat-agent'),
			);
	}

	/**
	 * Transfers a room to a department as Rocket.Chat's transfer() + forwardRoomToDepartment do: false when the room
	 * is not open; errors for on-hold rooms, unknown or same departments, and when no human agent other than the
	 * current one can take it (bots are never transfer targets). Manual routing queues the room in the department.
	 * Checks and changes happen in one tick, on the stored room.
	 */
	public transferToDepartment(roomId: string, departmentId: string, by: TransferActor): boolean {
		const room = this.rooms.get(roomId);
		if (!room?.open) {
			return false;
		}
		if (room.onHold) {
			throw new WorkspaceError('error-room-onHold', 'Room is on hold');
		}
		const department = this.departments.get(departmentId);
		if (!department) {
			throw new WorkspaceError('error-invalid-department', 'Invalid department');
		}
		if (room.departmentId === departmentId) {
			throw new WorkspaceError(
				'error-forwarding-chat-same-department',
				'The selected department and the current room department are the same',
			);
		}
		const previousDepartment = room.departmentId;
		const previousAgent = room.servedBy;
		let nextAgent: UserRecord | undefined;
		if (this.settings.Livechat_Routing_Method === 'Auto_Selection') {
			nextAgent = this.leastBusy(
				this.agentsOf(departmentId).filter(
					(candidate) => !candidate.roles.includes('bot') && candidate._id !== previousAgent?._id,
				),
			);
			if (!nextAgent) {
				throw new WorkspaceError('error-no-agents-online-in-department', 'No agents online in the department');
			}
		}
		this.addMessage(room, {
			msg: '',
			t: 'livechat_transfer_history',
			u: { _id: by._id, username: by.username },
			transferData: {
				transferredBy: { ...by },
				ts: new Date(),
				scope: 'department',
				...(previousDepartment ? { previousDepartment } : {}),
				nextDepartment: { _id: department._id, name: department.name },
			},
		});
		room.departmentId = departmentId;
		if (nextAgent) {
			room.servedBy = { _id: nextAgent._id, username: nextAgent.username, ts: new Date() };
			this.inquiries.delete(room._id);
		} else {
			delete room.servedBy;
			this.queue(room);
		}
		const visitor = this.visitors.get(room.v._id);
		if (visitor) {
			// Rocket.Chat remembers the visitor's new department for their next chats.
			visitor.department = departmentId;
		}
		return true;
	}

	private queue(room: RoomRecord): void {
		this.inquiries.set(room._id, {
			_id: newId(),
			rid: room._id,
			department: room.departmentId,
			status: 'queued',
			ts: new Date(),
		});
	}

	/** Closes an open room; the check and the change happen together so only one of concurrent closes succeeds. */
	public closeRoom(roomId: string, comment: string, closer: { user?: Actor }): void {
		const room = this.rooms.get(roomId);
		if (!room?.open) {
			throw new WorkspaceError('error-room-closed', 'Room closed');
		}
		if (this.settings.Livechat_request_comment_when_closing_conversation && !comment.trim()) {
			throw new WorkspaceError('error-comment-is-required', 'Comment is required');
		}
		delete room.open;
		room.closedAt = new Date();
		room.closeComment = comment;
		if (closer.user) {
			room.closer = 'user';
			room.closedBy = { _id: closer.user._id, username: closer.user.username };
		} else {
			room.closer = 'visitor';
			room.closedBy = { _id: room.v._id, username: room.v.username };
		}
		this.inquiries.delete(room._id);
		this.addMessage(room, { msg: comment, t: 'livechat-close', u: room.closedBy });
		this.emit({ type: 'room-closed', room });
	}

	// ---- messages

	public addMessage(
		room: RoomRecord,
		input: Omit<MessageRecord, '_id' | 'rid' | 'ts' | '_updatedAt'> & { _id?: string },
	): MessageRecord {
		const message: MessageRecord = {
			...input,
			_id: input._id ?? newId(),
			rid: room._id,
			ts: new Date(),
			_updatedAt: new Date(),
		};
		this.messages.push(message);
		room.msgs++;
		room.lastMessage = { _id: message._id, msg: message.msg, ts: message.ts, u: { ...message.u } };
		this.emit({ type: 'message-sent', message, room });
		return message;
	}

	public updateMessage(
		messageId: string,
		changes: Partial<Pick<MessageRecord, 'msg' | 'attachments' | 'blocks' | 'customFields'>>,
	): MessageRecord {
		const message = this.messages.find((candidate) => candidate._id === messageId);
		if (!message) {
			throw new WorkspaceError('error-invalid-message', `No message has the id "${messageId}"`);
		}
		Object.assign(message, changes, { editedAt: new Date(), _updatedAt: new Date() });
		const room = this.rooms.get(message.rid);
		if (room) {
			this.emit({ type: 'message-updated', message, room });
		}
		return message;
	}

	public findMessage(messageId: string): MessageRecord | undefined {
		return this.messages.find((message) => message._id === messageId);
	}

	public history(roomId: string): MessageRecord[] {
		return this.messages.filter((message) => message.rid === roomId);
	}
}
