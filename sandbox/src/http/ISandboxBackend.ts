/**
 * What the sandbox's HTTP layer needs from the workspace model and the Apps-Engine host. The routes translate
 * Rocket.Chat's REST shapes to these calls and back; they hold no state of their own.
 */

import type { AppEndpointLookup, AppApiView, AppSettingView, AppSummary } from '../engine/engineTypes';

export type {
	AppApiRequest,
	AppApiResponse,
	AppApiView,
	AppEndpointLookup,
	AppSettingView,
	AppSummary,
} from '../engine/engineTypes';

export type SandboxUser = {
	_id: string;
	username: string;
	name: string;
	roles: string[];
	status: string;
	statusLivechat?: string;
	type: 'user' | 'bot' | 'app';
	active: boolean;
	emails?: Array<{ address: string; verified: boolean }>;
};

export type NewUser = {
	username: string;
	password: string;
	name?: string;
	email?: string;
	roles?: string[];
};

export type SandboxDepartment = {
	_id: string;
	name: string;
	enabled: boolean;
	showOnRegistration: boolean;
	showOnOfflineForm: boolean;
	email?: string;
	numAgents: number;
};

export type SandboxVisitor = { _id: string; token: string; username: string; name?: string; department?: string };

/** A livechat room in Rocket.Chat's own (database) shape, as rooms.info and livechat/room return it. */
export type SandboxRoom = {
	_id: string;
	t: 'l';
	fname?: string;
	open?: boolean;
	v: { _id: string; token: string; username: string };
	servedBy?: { _id: string; username: string };
	departmentId?: string;
	closedAt?: string;
	closer?: 'user' | 'visitor';
	closedBy?: { _id: string; username: string };
	ts: string;
	msgs: number;
};

export type SandboxMessage = {
	_id: string;
	rid: string;
	msg: string;
	ts: string;
	u: { _id: string; username: string; name?: string };
	t?: string;
	attachments?: unknown[];
	blocks?: unknown[];
};

export interface ISandboxBackend {
	readonly version: string;

	// Users and authentication
	login(userOrEmail: string, password: string): { userId: string; authToken: string } | undefined;
	logout(userId: string, authToken: string): void;
	/** The user a login token belongs to (tokens are stored hashed, as Rocket.Chat stores them). */
	userByToken(userId: string, authToken: string): SandboxUser | undefined;
	/** The user in the shape apps receive (IUser), for request.user of app endpoints. */
	appUserOf(user: SandboxUser): unknown;
	createUser(user: NewUser): SandboxUser;
	setUserStatus(userId: string, status: string): void;

	// Omnichannel
	addLivechatRole(username: string, role: 'livechat-agent' | 'livechat-manager'): SandboxUser;
	setAgentStatus(agentId: string, status: 'available' | 'not-available'): void;
	createDepartment(
		department: Omit<SandboxDepartment, '_id' | 'numAgents'>,
		agents: Array<{ agentId: string; username?: string }>,
	): SandboxDepartment;
	updateDepartmentAgents(
		departmentId: string,
		upsert: Array<{ agentId: string }>,
		remove: Array<{ agentId: string }>,
	): void;
	listDepartments(): SandboxDepartment[];
	registerVisitor(visitor: { token: string; name?: string; department?: string; email?: string }): SandboxVisitor;
	/** Returns the visitor's open room, or opens one routed as Rocket.Chat routes it. */
	openRoom(token: string, rid?: string): Promise<{ room: SandboxRoom; newRoom: boolean }>;
	sendVisitorMessage(token: string, rid: string, msg: string, id?: string): Promise<SandboxMessage>;
	visitorHistory(token: string, rid: string): SandboxMessage[];
	roomInfo(roomId: string): SandboxRoom | undefined;
	setWorkspaceSetting(id: string, value: unknown): boolean;

	// Apps
	/** permissions: what the upload grants (rc-apps sends app.json's list); absent: app.json's own list. */
	installApp(zip: Buffer, permissions?: unknown[]): Promise<AppSummary>;
	updateApp(appId: string, zip: Buffer, permissions?: unknown[]): Promise<AppSummary>;
	uninstallApp(appId: string): Promise<boolean>;
	listApps(): Promise<AppSummary[]>;
	getApp(appId: string): Promise<AppSummary | undefined>;
	setAppStatus(appId: string, enabled: boolean): Promise<AppSummary>;
	getAppSettings(appId: string): Record<string, AppSettingView> | undefined;
	setAppSetting(appId: string, settingId: string, value: unknown): Promise<boolean>;
	getAppApis(appId: string): AppApiView[] | undefined;
	/** Finds a registered endpoint of an enabled app; private endpoints need the app's hash. */
	findAppEndpoint(appId: string, path: string, privateHash?: string): Promise<AppEndpointLookup>;
	/**
	 * A livechat visitor's UIKit interaction (a block action such as a button click), as the livechat widget sends it
	 * to Rocket.Chat; returns the app's UIKit response.
	 */
	livechatBlockAction(appId: string, visitorToken: string, action: LivechatBlockAction): Promise<unknown>;
}

/** The body the livechat widget posts to /api/apps/ui.interaction/:appId for a block action. */
export type LivechatBlockAction = {
	actionId: string;
	triggerId?: string;
	mid: string;
	rid: string;
	payload: { blockId?: string; value?: unknown };
	container?: { type: string; id: string };
};
