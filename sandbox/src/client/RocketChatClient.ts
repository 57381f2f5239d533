import { randomBytes } from 'crypto';

import { httpCall, multipartFile, multipartForm, type HttpAnswer, type HttpCall } from './http';

export type Credentials = { userId: string; authToken: string };

export type RoomInfo = {
	_id: string;
	t: string;
	open?: boolean;
	servedBy?: { _id: string; username: string };
	departmentId?: string;
	closedAt?: string;
	closer?: string;
	closedBy?: { _id: string; username: string };
};

/**
 * Rocket.Chat's REST API as a client uses it: the same calls work against the sandbox and a real workspace.
 * Every method throws with the server's answer when Rocket.Chat says it failed.
 */
/** How many messages of a chat visitorHistory reads. */
const HISTORY_LIMIT = 1000;

export class RocketChatClient {
	constructor(
		public readonly url: string,
		private credentials?: Credentials,
	) {}

	public as(credentials: Credentials): RocketChatClient {
		return new RocketChatClient(this.url, credentials);
	}

	public authHeaders(credentials = this.credentials): Record<string, string> {
		return credentials ? { 'X-User-Id': credentials.userId, 'X-Auth-Token': credentials.authToken } : {};
	}

	public async call(path: string, call: HttpCall = {}): Promise<HttpAnswer> {
		return httpCall(`${this.url}${path}`, { ...call, headers: { ...this.authHeaders(), ...call.headers } });
	}

	private async ok(path: string, call: HttpCall = {}): Promise<any> {
		const answer = await this.call(path, call);
		if (answer.status >= 300 || answer.json?.success === false) {
			throw new Error(`${call.method ?? (call.body ? 'POST' : 'GET')} ${path} → ${answer.status} ${answer.text}`);
		}
		return answer.json;
	}

	public async login(user: string, password: string): Promise<Credentials> {
		const answer = await this.ok('/api/v1/login', { body: { user, password } });
		return { userId: answer.data.userId, authToken: answer.data.authToken };
	}

	public async createUser(user: {
		username: string;
		password: string;
		roles: string[];
		name?: string;
	}): Promise<string> {
		const answer = await this.ok('/api/v1/users.create', {
			body: {
				email: `${user.username}@example.com`,
				name: user.name ?? user.username,
				verified: true,
				joinDefaultChannels: false,
				requirePasswordChange: false,
				sendWelcomeEmail: false,
				...user,
			},
		});
		return answer.user._id;
	}

	public async setStatus(status: 'online' | 'away' | 'busy' | 'offline'): Promise<void> {
		await this.ok('/api/v1/users.setStatus', { body: { status } });
	}

	public async addAgent(username: string): Promise<void> {
		await this.ok('/api/v1/livechat/users/agent', { body: { username } });
	}

	public async setAgentStatus(agentId: string, status: 'available' | 'not-available'): Promise<void> {
		await this.ok('/api/v1/livechat/agent.status', { body: { agentId, status } });
	}

	public async createDepartment(name: string, agents: Array<{ agentId: string; username: string }>): Promise<string> {
		const answer = await this.ok('/api/v1/livechat/department', {
			body: {
				department: {
					enabled: true,
					showOnRegistration: true,
					showOnOfflineForm: false,
					name,
					email: 'dep@example.com',
				},
				agents: agents.map((agent) => ({ ...agent, count: 0, order: 0 })),
			},
		});
		return answer.department._id;
	}

	public async setSetting(id: string, value: unknown): Promise<void> {
		await this.ok(`/api/v1/settings/${id}`, { body: { value } });
	}

	public async registerVisitor(
		token: string,
		name: string,
		department?: string,
		more: { email?: string; phone?: string; customFields?: Record<string, string> } = {},
	): Promise<void> {
		const customFields = Object.entries(more.customFields ?? {}).map(([key, value]) => ({
			key,
			value,
			overwrite: true,
		}));
		await this.ok('/api/v1/livechat/visitor', {
			body: {
				visitor: {
					token,
					name,
					...(department ? { department } : {}),
					...(more.email ? { email: more.email } : {}),
					...(more.phone ? { phone: more.phone } : {}),
					...(customFields.length ? { customFields } : {}),
				},
			},
		});
	}

	/**
	 * Declares a visitor-scope livechat custom field (a visitor's registration keeps only declared ones): through
	 * livechat/custom-fields.save (Rocket.Chat 7.11+), else the livechat:saveCustomField method over REST (every
	 * version); one that exists already is left as it is.
	 */
	public async declareVisitorField(field: string): Promise<void> {
		const customFieldData = { field, label: field, scope: 'visitor', visibility: 'visible', regexp: '' };
		const saved = await this.call('/api/v1/livechat/custom-fields.save', { body: { customFieldData } });
		if (saved.status === 404) {
			const message = { msg: 'method', id: '1', method: 'livechat:saveCustomField', params: [null, customFieldData] };
			await this.ok('/api/v1/method.call/livechat:saveCustomField', { body: { message: JSON.stringify(message) } });
			return;
		}
		if (saved.json?.success !== true && saved.json?.error !== 'Custom Field already exists') {
			throw new Error(`POST /api/v1/livechat/custom-fields.save → ${saved.status} ${saved.text}`);
		}
	}

	/** Opens (or returns) the visitor's livechat room, routed as Rocket.Chat routes it. */
	public async openRoom(token: string): Promise<string> {
		const answer = await this.ok(`/api/v1/livechat/room?token=${encodeURIComponent(token)}`);
		return answer.room._id;
	}

	public async sendVisitorMessage(token: string, rid: string, msg: string): Promise<void> {
		await this.ok('/api/v1/livechat/message', { body: { token, rid, msg } });
	}

	/** A visitor's chat, oldest first (its last HISTORY_LIMIT messages). */
	public async visitorHistory(
		token: string,
		rid: string,
	): Promise<Array<{ msg: string; u: { username: string }; t?: string; attachments?: unknown[]; blocks?: unknown[] }>> {
		const answer = await this.ok(
			`/api/v1/livechat/messages.history/${rid}?token=${encodeURIComponent(token)}&limit=${HISTORY_LIMIT}`,
		);
		// Rocket.Chat answers newest first; callers read a chat in order.
		return (answer.messages as unknown[]).reverse() as never;
	}

	/**
	 * A visitor's upload as the livechat widget posts it (POST /api/v1/livechat/upload/:rid: multipart, field `file`,
	 * header x-visitor-token), with an optional `description` field. Never throws on a refusal: answers the status
	 * and the body (on success, the file message with newRoom and showConnecting).
	 */
	public async uploadVisitorFile(
		token: string,
		roomId: string,
		file: { name: string; type: string; bytes: Buffer; description?: string },
	): Promise<{ status: number; body: unknown }> {
		const { body, contentType } = multipartForm([
			{ field: 'file', filename: file.name, type: file.type, bytes: file.bytes },
			...(file.description !== undefined ? [{ field: 'description', value: file.description }] : []),
		]);
		const answer = await this.call(`/api/v1/livechat/upload/${encodeURIComponent(roomId)}`, {
			body,
			headers: { 'Content-Type': contentType, 'x-visitor-token': token },
		});
		return { status: answer.status, body: answer.json ?? answer.text };
	}

	/**
	 * A file's bytes from the workspace (`/file-upload/<id>/<name>`, a path or a whole URL), asked as the livechat
	 * widget asks (a visitor's cookies rc_room_type=l, rc_rid, rc_token), as this client's own login ('admin': the
	 * credentials it was made with) or as another login (X-User-Id / X-Auth-Token). Never throws on a refusal.
	 */
	public async fetchFile(
		pathOrUrl: string,
		as: { visitorToken: string; roomId: string } | 'admin' | Credentials,
	): Promise<{ status: number; type?: string; bytes: Buffer }> {
		const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.url}${pathOrUrl}`;
		let headers: Record<string, string>;
		if (as === 'admin') {
			headers = this.authHeaders();
		} else if ('visitorToken' in as) {
			const cookie = { rc_room_type: 'l', rc_rid: as.roomId, rc_token: as.visitorToken };
			headers = {
				Cookie: Object.entries(cookie)
					.map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
					.join('; '),
			};
		} else {
			headers = this.authHeaders(as);
		}
		const answer = await httpCall(url, { headers });
		const type = answer.headers['content-type'];
		return { status: answer.status, ...(type ? { type } : {}), bytes: answer.bytes };
	}

	/** Forwards a chat to a department or an agent, as an agent or a manager does (livechat/room.forward). */
	public async forwardRoom(roomId: string, to: { departmentId?: string; userId?: string }): Promise<void> {
		await this.ok('/api/v1/livechat/room.forward', { body: { roomId, ...to } });
	}

	public async roomInfo(roomId: string): Promise<RoomInfo> {
		const answer = await this.ok(`/api/v1/rooms.info?roomId=${encodeURIComponent(roomId)}`);
		return answer.room;
	}

	/** Installs (or, with appId, updates) a packaged app as rc-apps deploy does. */
	public async uploadApp(zip: Buffer, appId?: string): Promise<{ id: string; status: string }> {
		const { body, contentType } = multipartFile('app', 'app.zip', zip);
		const answer = await this.ok(appId ? `/api/apps/${appId}` : '/api/apps', {
			body,
			headers: { 'Content-Type': contentType },
		});
		return { id: answer.app.id, status: answer.app.status };
	}

	public async uninstallApp(appId: string): Promise<void> {
		await this.ok(`/api/apps/${appId}`, { method: 'DELETE' });
	}

	public async setAppSettings(appId: string, values: Record<string, unknown>): Promise<void> {
		const current = await this.ok(`/api/apps/${appId}/settings`);
		const settings = Object.entries(values).map(([id, value]) => ({ ...current.settings[id], id, value }));
		await this.ok(`/api/apps/${appId}/settings`, { body: { settings } });
	}

	/**
	 * Runs a slash command in a room as a user's client does (POST commands.run; `params` as typed after the command).
	 * Never throws for a refusal: the status and body say what Rocket.Chat answered.
	 */
	public async runCommand(
		roomId: string,
		command: string,
		params?: string,
	): Promise<{ status: number; body: Record<string, any> }> {
		const answer = await this.call('/api/v1/commands.run', {
			body: { command, roomId, ...(params !== undefined ? { params } : {}) },
		});
		return { status: answer.status, body: answer.json ?? {} };
	}

	/** Every enabled app's UI buttons (GET /api/apps/actionButtons: a bare list, each with its `appId`). */
	public async actionButtons(): Promise<Array<Record<string, unknown>>> {
		const answer = await this.call('/api/apps/actionButtons');
		if (answer.status !== 200 || !Array.isArray(answer.json)) {
			throw new Error(`GET /api/apps/actionButtons → ${answer.status} ${answer.text}`);
		}
		return answer.json as Array<Record<string, unknown>>;
	}

	/**
	 * Clicks an app's room button as Rocket.Chat's web client does (useAppsRoomActions → emitInteraction): an
	 * `actionButton` interaction with the room, the button's context and a new trigger id. Answers the app's answer.
	 */
	public async clickActionButton(
		appId: string,
		actionId: string,
		roomId: string,
	): Promise<{ status: number; body: Record<string, any> | undefined }> {
		const answer = await this.call(`/api/apps/ui.interaction/${appId}`, {
			body: {
				type: 'actionButton',
				actionId,
				rid: roomId,
				payload: { context: 'roomAction' },
				triggerId: randomBytes(9).toString('base64url'),
			},
		});
		return { status: answer.status, body: answer.json };
	}

	public async appApis(appId: string): Promise<Array<{ path: string; computedPath: string }>> {
		const answer = await this.ok(`/api/apps/${appId}/apis`);
		return answer.apis;
	}
}
