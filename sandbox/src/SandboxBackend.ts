import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';
import type { IPermission } from '@rocket.chat/apps-engine/definition/permissions/IPermission';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import type { SandboxEngine } from './engine/SandboxEngine';
import type { Converters } from './engine/converters';
import type {
	AppApiView,
	AppEndpointLookup,
	AppSettingView,
	AppSummary,
	ISandboxBackend,
	LivechatBlockAction,
	NewUser,
	SandboxDepartment,
	SandboxMessage,
	SandboxRoom,
	SandboxUser,
	SandboxVisitor,
} from './http/ISandboxBackend';
import type { Workspace } from './workspace/Workspace';
import { WorkspaceError } from './workspace/WorkspaceError';
import { newId } from './workspace/ids';
import type { DepartmentRecord, MessageRecord, RoomRecord, UserRecord } from './workspace/types';

const iso = (date: Date | undefined) => date?.toISOString();

/** The HTTP layer's view of the sandbox: the workspace model plus the Apps-Engine host, in REST shapes. */
export class SandboxBackend implements ISandboxBackend {
	public readonly version = '7.0.0-sandbox';

	constructor(
		private readonly workspace: Workspace,
		private readonly engine: SandboxEngine,
		private readonly convert: Converters,
	) {}

	private user(record: UserRecord): SandboxUser {
		return {
			_id: record._id,
			username: record.username,
			name: record.name,
			roles: [...record.roles],
			status: record.status,
			statusLivechat: record.statusLivechat,
			type: record.type,
			active: record.active,
			emails: record.emails,
		};
	}

	private department(record: DepartmentRecord): SandboxDepartment {
		return {
			_id: record._id,
			name: record.name,
			enabled: record.enabled,
			showOnRegistration: record.showOnRegistration,
			showOnOfflineForm: record.showOnOfflineForm,
			email: record.email,
			numAgents: record.agentIds.length,
		};
	}

	private room(record: RoomRecord): SandboxRoom {
		return {
			_id: record._id,
			t: 'l',
			fname: record.fname,
			...(record.open ? { open: true } : {}),
			v: { ...record.v },
			...(record.servedBy ? { servedBy: { _id: record.servedBy._id, username: record.servedBy.username } } : {}),
			...(record.departmentId ? { departmentId: record.departmentId } : {}),
			...(record.closedAt ? { closedAt: iso(record.closedAt) } : {}),
			...(record.closer ? { closer: record.closer } : {}),
			...(record.closedBy ? { closedBy: { ...record.closedBy } } : {}),
			ts: record.ts.toISOString(),
			msgs: record.msgs,
		};
	}

	private message(record: MessageRecord): SandboxMessage {
		return {
			_id: record._id,
			rid: record.rid,
			msg: record.msg,
			ts: record.ts.toISOString(),
			u: { ...record.u },
			...(record.t ? { t: record.t } : {}),
			...(record.attachments ? { attachments: record.attachments } : {}),
			...(record.blocks ? { blocks: record.blocks } : {}),
		};
	}

	public login(userOrEmail: string, password: string) {
		return this.workspace.login(userOrEmail, password);
	}

	public logout(userId: string, authToken: string): void {
		this.workspace.logout(userId, authToken);
	}

	public userByToken(userId: string, authToken: string): SandboxUser | undefined {
		const user = this.workspace.userByToken(userId, authToken);
		return user ? this.user(user) : undefined;
	}

	public appUserOf(user: SandboxUser): IUser | undefined {
		return this.convert.userById(user._id);
	}

	public createUser(user: NewUser): SandboxUser {
		if (!user.password) {
			throw new WorkspaceError('error-invalid-password', 'A password is required');
		}
		return this.user(this.workspace.createUser(user));
	}

	public setUserStatus(userId: string, status: string): void {
		this.workspace.setUserStatus(userId, status);
	}

	public addLivechatRole(username: string, role: 'livechat-agent' | 'livechat-manager'): SandboxUser {
		return this.user(this.workspace.addRole(username, role));
	}

	public setAgentStatus(agentId: string, status: 'available' | 'not-available'): void {
		this.workspace.setAgentStatus(agentId, status);
	}

	public createDepartment(
		department: Omit<SandboxDepartment, '_id' | 'numAgents'>,
		agents: Array<{ agentId: string }>,
	): SandboxDepartment {
		return this.department(
			this.workspace.createDepartment(
				department,
				agents.map((agent) => agent.agentId),
			),
		);
	}

	public updateDepartmentAgents(
		departmentId: string,
		upsert: Array<{ agentId: string }>,
		remove: Array<{ agentId: string }>,
	): void {
		this.workspace.updateDepartmentAgents(
			departmentId,
			upsert.map((agent) => agent.agentId),
			remove.map((agent) => agent.agentId),
		);
	}

	public listDepartments(): SandboxDepartment[] {
		return [...this.workspace.departments.values()].map((department) => this.department(department));
	}

	public registerVisitor(visitor: {
		token: string;
		name?: string;
		department?: string;
		email?: string;
	}): SandboxVisitor {
		const record = this.workspace.registerVisitor(visitor);
		return {
			_id: record._id,
			token: record.token,
			username: record.username,
			name: record.name,
			department: record.department,
		};
	}

	public async openRoom(token: string, rid?: string): Promise<{ room: SandboxRoom; newRoom: boolean }> {
		if (rid) {
			const room = this.workspace.findRoom(rid);
			if (room?.v.token !== token) {
				throw new WorkspaceError('error-invalid-room', 'Invalid room');
			}
			return { room: this.room(room), newRoom: false };
		}
		const { room, newRoom } = this.workspace.openRoom(token);
		return { room: this.room(room), newRoom };
	}

	public async sendVisitorMessage(token: string, rid: string, msg: string, id?: string): Promise<SandboxMessage> {
		const room = this.workspace.findRoom(rid);
		if (room?.v.token !== token) {
			throw new WorkspaceError('invalid-token', 'Invalid token or room');
		}
		if (!room.open) {
			throw new WorkspaceError('room-closed', 'Room closed');
		}
		if (!msg.trim()) {
			throw new WorkspaceError('error-invalid-msg', 'The message is empty');
		}
		const message = this.workspace.addMessage(room, {
			_id: id,
			msg,
			token,
			u: { _id: room.v._id, username: room.v.username },
		});
		return this.message(message);
	}

	public visitorHistory(token: string, rid: string): SandboxMessage[] {
		const room = this.workspace.findRoom(rid);
		if (room?.v.token !== token) {
			throw new WorkspaceError('invalid-token', 'Invalid token or room');
		}
		return this.workspace.history(rid).map((message) => this.message(message));
	}

	public roomInfo(roomId: string): SandboxRoom | undefined {
		const room = this.workspace.findRoom(roomId);
		return room ? this.room(room) : undefined;
	}

	public setWorkspaceSetting(id: string, value: unknown): boolean {
		const settings = this.workspace.settings as Record<string, unknown>;
		if (!(id in settings) || typeof value !== typeof settings[id]) {
			return false;
		}
		settings[id] = value;
		return true;
	}

	public installApp(zip: Buffer, permissions?: unknown[]): Promise<AppSummary> {
		return this.engine.install(zip, permissions as IPermission[] | undefined);
	}

	public updateApp(appId: string, zip: Buffer, permissions?: unknown[]): Promise<AppSummary> {
		return this.engine.update(appId, zip, permissions as IPermission[] | undefined);
	}

	public uninstallApp(appId: string): Promise<boolean> {
		return this.engine.uninstall(appId);
	}

	public listApps(): Promise<AppSummary[]> {
		return this.engine.list();
	}

	public getApp(appId: string): Promise<AppSummary | undefined> {
		return this.engine.get(appId);
	}

	public setAppStatus(appId: string, enabled: boolean): Promise<AppSummary> {
		return this.engine.setEnabled(appId, enabled);
	}

	public getAppSettings(appId: string): Record<string, AppSettingView> | undefined {
		return this.engine.settings(appId);
	}

	public setAppSetting(appId: string, settingId: string, value: unknown): Promise<boolean> {
		return this.engine.setSetting(appId, settingId, value);
	}

	public getAppApis(appId: string): AppApiView[] | undefined {
		return this.engine.apis(appId);
	}

	public async livechatBlockAction(appId: string, visitorToken: string, action: LivechatBlockAction): Promise<unknown> {
		const visitor = this.workspace.findVisitorByToken(visitorToken);
		const room = this.workspace.findRoom(action.rid);
		const message = this.workspace.findMessage(action.mid);
		if (!visitor || room?.v._id !== visitor._id || message?.rid !== room._id) {
			throw new WorkspaceError('error-invalid-interaction', 'Unknown visitor, room or message');
		}
		if (!(await this.engine.get(appId))) {
			throw new WorkspaceError('error-invalid-app', `No App found by the id of: ${appId}`);
		}
		return this.engine.bridges
			.getListenerBridge()
			.uiKitInteractionEvent(AppInterface.IUIKitLivechatInteractionHandler, {
				appId,
				type: 'blockAction',
				actionId: action.actionId,
				triggerId: action.triggerId ?? newId(),
				payload: action.payload ?? {},
				container: action.container ?? { type: 'message', id: message._id },
				visitor: this.convert.visitor(visitor),
				room: this.convert.room(room),
				message: this.convert.message(message),
			} as never);
	}

	public findAppEndpoint(appId: string, path: string, privateHash?: string): Promise<AppEndpointLookup> {
		return this.engine.findEndpoint(appId, path, privateHash);
	}
}
