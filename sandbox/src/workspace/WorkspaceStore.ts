import { randomBytes } from 'crypto';

import { AppPersistence } from './AppPersistence';
import { ScheduledJobs } from './ScheduledJobs';
import { WorkspaceError } from './WorkspaceError';
import { CustomFieldDefinitions } from './customFieldDefinitions';
import { hashPassword, hashToken, newId, passwordMatches } from './ids';
import { PlainError } from './plainError';
import type {
	DepartmentRecord,
	InquiryRecord,
	MessageRecord,
	RoomRecord,
	UserRecord,
	VisitorRecord,
	WorkspaceSettings,
} from './types';
import { Uploads } from './uploads';
import { DEFAULT_ROCKETCHAT_VERSION, profileOf, type RocketChatVersion, type VersionProfile } from './versionProfile';
import { registerGuest, type VisitorRegistration } from './visitors';

/** Rocket.Chat's default for Message_CustomFields (apps/meteor/server/settings/message.ts). */
const DEFAULT_MESSAGE_CUSTOM_FIELDS = JSON.stringify({
	properties: { priority: { type: 'string', nullable: false, enum: ['low', 'medium', 'high'] } },
	required: ['priority'],
});

/**
 * The records of an in-memory Rocket.Chat workspace and the plain bookkeeping around them: users and their logins,
 * departments, visitors, the settings. The livechat rules that act on them live in Workspace, which extends this.
 */
export class WorkspaceStore {
	/** What this workspace's Rocket.Chat version does where versions differ (versionProfile.ts). */
	public readonly profile: VersionProfile;

	constructor(public readonly version: RocketChatVersion = DEFAULT_ROCKETCHAT_VERSION) {
		this.profile = profileOf(version);
	}

	public readonly users = new Map<string, UserRecord>();

	public readonly departments = new Map<string, DepartmentRecord>();

	public readonly visitors = new Map<string, VisitorRecord>();

	public readonly rooms = new Map<string, RoomRecord>();

	/** Messages by id, and each room's messages in the order they were sent (history reads a room, not the store). */
	private readonly messagesById = new Map<string, MessageRecord>();

	private readonly messagesByRoom = new Map<string, MessageRecord[]>();

	public readonly inquiries = new Map<string, InquiryRecord>();

	/** Apps' scheduled jobs (Agenda's collection in Rocket.Chat). */
	public readonly jobs = new ScheduledJobs(() => this.profile.oneTimeJobs);

	/** Livechat custom field definitions (LivechatCustomField): what a visitor's registration may keep. */
	public readonly customFieldDefinitions = new CustomFieldDefinitions();

	/** Apps' persistence (Rocket.Chat's `apps_persistence` collection). */
	public readonly appPersistence = new AppPersistence(() => this.profile);

	/** Uploaded files, records and bytes (Rocket.Chat's Uploads store on GridFS), each behind the store's filter. */
	public readonly uploads = new Uploads(this);

	/** Rocket.Chat's ids and defaults. */
	public readonly settings: WorkspaceSettings = {
		Livechat_enabled: true,
		Livechat_assign_new_conversation_to_bot: false,
		Livechat_Routing_Method: 'Auto_Selection',
		Livechat_request_comment_when_closing_conversation: true,
		Omnichannel_enable_department_removal: false,
		Omnichannel_allow_force_close_conversations: false,
		Livechat_accept_chats_with_no_agents: false,
		Message_CustomFields_Enabled: false,
		Message_CustomFields: DEFAULT_MESSAGE_CUSTOM_FIELDS,
		Message_MaxAllowedSize: 5000,
		Site_Url: 'http://localhost:3000',
	};

	private guestCounter = 0;

	// ---- settings

	/** Changes a modelled setting; false for an id the sandbox does not know or a value of the wrong type. */
	public setSetting(id: string, value: unknown): boolean {
		const settings = this.settings as Record<string, unknown>;
		if (!(id in settings) || typeof value !== typeof settings[id]) {
			return false;
		}
		settings[id] = value;
		return true;
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

	public findUser(id: string | undefined): UserRecord | undefined {
		return id ? this.users.get(id) : undefined;
	}

	public findUserByUsername(username: string): UserRecord | undefined {
		return [...this.users.values()].find((user) => user.username === username);
	}

	public findAppUser(appId: string): UserRecord | undefined {
		return [...this.users.values()].find((user) => user.appId === appId);
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

	/** Meteor's resume login (realtime API `login` with `{resume}`): the active user holding that token, by its hash. */
	public userByResumeToken(authToken: string): UserRecord | undefined {
		const hashed = hashToken(authToken);
		return [...this.users.values()].find(
			(user) => user.active && user.loginTokens.some((token) => token.hashedToken === hashed),
		);
	}

	public setUserStatus(userId: string, status: string): void {
		if (!['online', 'away', 'busy', 'offline'].includes(status)) {
			throw new WorkspaceError('error-invalid-status', `"${status}" is not a valid status`);
		}
		this.requireUser(userId).status = status;
	}

	/** addAgent / addManager (app/livechat/server/lib/omni-users.ts): `error-invalid-user` for an unknown username. */
	public addRole(username: string, role: string): UserRecord {
		const user = this.findUserByUsername(username);
		if (!user) {
			throw new PlainError('error-invalid-user');
		}
		if (!user.roles.includes(role)) {
			user.roles.push(role);
		}
		// afterAgentAdded sets the agent available unless the user it read is offline; addAgent reads the user with
		// only its _id and username, so that is never the case: a new agent is available.
		if (role === 'livechat-agent') {
			user.statusLivechat = 'available';
		}
		return user;
	}

	/**
	 * removeAgent / removeManager (omni-users.ts): the role goes; an agent also leaves every department
	 * (afterRemoveAgent) and has no livechat status any more.
	 */
	public removeRole(userId: string, role: 'livechat-agent' | 'livechat-manager'): void {
		const user = this.users.get(userId);
		if (!user) {
			throw new PlainError('error-invalid-user');
		}
		user.roles = user.roles.filter((candidate) => candidate !== role);
		if (role === 'livechat-agent') {
			delete user.statusLivechat;
			for (const department of this.departments.values()) {
				department.agentIds = department.agentIds.filter((id) => id !== userId);
			}
		}
	}

	public setAgentStatus(agentId: string, status: 'available' | 'not-available' | 'unavailable'): void {
		const user = this.requireUser(agentId);
		if (!user.roles.includes('livechat-agent')) {
			throw new WorkspaceError('error-not-allowed', `${user.username} is not a livechat agent`);
		}
		user.statusLivechat = status;
	}

	public requireUser(id: string): UserRecord {
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
		// Helper.updateDepartmentAgents removes first, then links every user that exists (it checks no role).
		department.agentIds = department.agentIds.filter((id) => !remove.includes(id));
		for (const agentId of upsert) {
			if (this.users.has(agentId) && !department.agentIds.includes(agentId)) {
				department.agentIds.push(agentId);
			}
		}
		department._updatedAt = new Date();
	}

	/** By _id or exact name, disabled departments included, as Rocket.Chat's findOneByIdOrName. */
	public findDepartment(idOrName: string): DepartmentRecord | undefined {
		return (
			this.departments.get(idOrName) ??
			[...this.departments.values()].find((department) => department.name === idOrName)
		);
	}

	// ---- visitors

	/** registerGuest (visitors.ts): the visitor the token, phone or e-mail finds, updated, or a new one. */
	public registerVisitor(input: VisitorRegistration): VisitorRecord {
		return registerGuest(this, input);
	}

	/** A new visitor's username from the workspace's visitor count (Livechat_guest_count): guest-1, guest-2, ... */
	public nextGuestUsername(): string {
		return `guest-${++this.guestCounter}`;
	}

	public findVisitorByToken(token: string): VisitorRecord | undefined {
		return [...this.visitors.values()].find((visitor) => visitor.token === token);
	}

	// ---- rooms and messages (reads)

	public findRoom(roomId: string | undefined): RoomRecord | undefined {
		return roomId ? this.rooms.get(roomId) : undefined;
	}

	public openRoomOf(visitor: VisitorRecord): RoomRecord | undefined {
		return [...this.rooms.values()].find((room) => room.open && room.v._id === visitor._id);
	}

	public findMessage(messageId: string | undefined): MessageRecord | undefined {
		return messageId ? this.messagesById.get(messageId) : undefined;
	}

	public get messageCount(): number {
		return this.messagesById.size;
	}

	public history(roomId: string): MessageRecord[] {
		return [...(this.messagesByRoom.get(roomId) ?? [])];
	}

	// ---- rooms and messages (writes without rules: the rule modules decide when)

	public storeMessage(message: MessageRecord): void {
		this.messagesById.set(message._id, message);
		const roomMessages = this.messagesByRoom.get(message.rid);
		if (roomMessages) {
			roomMessages.push(message);
		} else {
			this.messagesByRoom.set(message.rid, [message]);
		}
	}

	/** Forgets a room, its messages, its inquiry and its files. */
	public deleteRoom(roomId: string): void {
		for (const message of this.messagesByRoom.get(roomId) ?? []) {
			this.messagesById.delete(message._id);
		}
		this.messagesByRoom.delete(roomId);
		this.inquiries.delete(roomId);
		this.uploads.removeRoom(roomId);
		this.rooms.delete(roomId);
	}
}
