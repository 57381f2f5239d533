import type http from 'http';

import { WebSocketServer, type WebSocket } from 'ws';

import { agentInfo } from '../http/livechatWidgetRoutes';
import type { Logger } from '../logger';
import type { Workspace, WorkspaceEvent } from '../workspace/Workspace';
import { hashToken, newId } from '../workspace/ids';
import type { MessageRecord, RoomRecord } from '../workspace/types';

/**
 * The streams a livechat visitor subscribes to (the widget's lib/room.js, through @rocket.chat/sdk), and a logged-in
 * user's own stream (`stream-notify-user`), where private answers arrive.
 */
type StreamName = 'stream-room-messages' | 'stream-notify-room' | 'stream-livechat-room' | 'stream-notify-user';

type Subscription = { socket: WebSocket; id: string; stream: StreamName; eventName: string };

type DdpMessage = { msg?: string; id?: string; method?: string; name?: string; params?: unknown[] };

const STREAMS: ReadonlyArray<StreamName> = [
	'stream-room-messages',
	'stream-notify-room',
	'stream-livechat-room',
	'stream-notify-user',
];

/** How long Meteor keeps a login token (Accounts' default loginExpirationInDays, 90). */
const TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/** Meteor's answer to a resume login with a token it does not know. */
const LOGGED_OUT = "You've been logged out by the server. Please log in again.";

/** A Meteor.Error as DDP carries it. */
const meteorError = (error: string | number, reason?: string) => ({
	isClientSafe: true,
	error,
	...(reason ? { reason } : {}),
	message: reason ? `${reason} [${error}]` : `[${error}]`,
	errorType: 'Meteor.Error',
});

/**
 * Rocket.Chat's realtime API (DDP over /websocket) as the livechat widget uses it, for visitors known by their
 * token: connect, ping, the methods the widget calls, and subscriptions to a room's streams, each checked as
 * Rocket.Chat checks a visitor's (server/modules/notifications/notifications.module.ts, the livechat room access
 * validator): the room must be that visitor's; a refused subscription gets `nosub` with a `not-allowed` error
 * (server/modules/streamer/streamer.module.ts). A user's client logs in with its login token (Meteor's `login` with
 * `{resume}`) and may then read its own user stream (`<userId>/<event>` of `stream-notify-user`, allowRead: the
 * connection's user and nobody else). What happens in the workspace goes out as Rocket.Chat's streamer sends it:
 * every new or changed message of a room (dates as EJSON), the agent taking a chat, typing, a user's private answers.
 */
export class DdpServer {
	private readonly sockets = new WebSocketServer({ noServer: true });

	private readonly subscriptions: Subscription[] = [];

	/** The user each connection logged in as (Meteor's `this.userId` of a connection). */
	private readonly loggedIn = new Map<WebSocket, string>();

	constructor(
		private readonly workspace: Workspace,
		private readonly log: Logger,
	) {
		workspace.onEvent((event) => this.publish(event));
		this.sockets.on('connection', (socket) => this.accept(socket));
	}

	/** Takes the HTTP server's upgrades to /websocket; anything else is refused. */
	public attach(server: http.Server): void {
		server.on('upgrade', (request, socket, head) => {
			if ((request.url ?? '').split('?')[0] !== '/websocket') {
				socket.destroy();
				return;
			}
			this.sockets.handleUpgrade(request, socket, head, (client) => this.sockets.emit('connection', client, request));
		});
	}

	public close(): void {
		for (const client of this.sockets.clients) {
			client.terminate();
		}
		this.sockets.close();
	}

	/** Subscriptions now open (for tests). */
	public get subscriptionCount(): number {
		return this.subscriptions.length;
	}

	private accept(socket: WebSocket): void {
		this.send(socket, { server_id: '0' });
		socket.on('message', (data) => {
			let message: DdpMessage;
			try {
				message = JSON.parse(String(data)) as DdpMessage;
			} catch {
				return;
			}
			this.handle(socket, message);
		});
		socket.on('close', () => {
			this.loggedIn.delete(socket);
			this.forget((subscription) => subscription.socket === socket);
		});
		socket.on('error', () => socket.terminate());
	}

	private handle(socket: WebSocket, message: DdpMessage): void {
		switch (message.msg) {
			case 'connect':
				this.send(socket, { msg: 'connected', session: newId() });
				return;
			case 'ping':
				this.send(socket, { msg: 'pong', ...(message.id ? { id: message.id } : {}) });
				return;
			case 'method':
				this.call(socket, message);
				return;
			case 'sub':
				this.subscribe(socket, message);
				return;
			case 'unsub':
				this.forget((subscription) => subscription.socket === socket && subscription.id === message.id);
				this.send(socket, { msg: 'nosub', id: message.id });
				break;
			default:
			// Other DDP messages (pong, sub to collections) need no answer here.
		}
	}

	private call(socket: WebSocket, message: DdpMessage): void {
		const params = message.params ?? [];
		switch (message.method) {
			// The widget waits for this before it shows anything; Rocket.Chat remembers the token on the connection.
			case 'livechat:setUpConnection':
				break;
			case 'login':
				this.login(socket, message);
				return;
			// A visitor typing: forwarded to the room's other subscribers when the token is the room's visitor's
			// (streamRoom.allowWrite); the caller gets a plain result either way, as from Rocket.Chat.
			case 'stream-notify-room': {
				const [eventName, username, typing, extra] = params as [string, string, boolean, { token?: string }];
				const room = this.workspace.findRoom(String(eventName).split('/')[0]);
				if (String(eventName).endsWith('/typing') && this.workspace.visitorAccess.owns(extra?.token, room)) {
					this.emit('stream-notify-room', String(eventName), [username, typing === true], socket);
				}
				break;
			}
			default:
				this.send(socket, {
					msg: 'result',
					id: message.id,
					error: meteorError(404, `Method '${String(message.method)}' not found`),
				});
				return;
		}
		this.send(socket, { msg: 'result', id: message.id });
		this.send(socket, { msg: 'updated', methods: [message.id] });
	}

	/** Meteor's resume login: the token's user becomes the connection's; an unknown token is Meteor's 403. */
	private login(socket: WebSocket, message: DdpMessage): void {
		const { resume } = ((message.params ?? [])[0] ?? {}) as { resume?: unknown };
		const user = typeof resume === 'string' ? this.workspace.userByResumeToken(resume) : undefined;
		if (!user) {
			this.send(socket, { msg: 'result', id: message.id, error: meteorError(403, LOGGED_OUT) });
			return;
		}
		this.loggedIn.set(socket, user._id);
		const issued = user.loginTokens.find((token) => token.hashedToken === hashToken(String(resume)))?.when;
		const expires = (issued?.getTime() ?? Date.now()) + TOKEN_LIFETIME_MS;
		this.send(socket, {
			msg: 'result',
			id: message.id,
			result: { id: user._id, token: resume, tokenExpires: { $date: expires }, type: 'resume' },
		});
		this.send(socket, { msg: 'updated', methods: [message.id] });
	}

	private subscribe(socket: WebSocket, message: DdpMessage): void {
		const stream = STREAMS.find((name) => name === message.name);
		if (!stream) {
			this.send(socket, {
				msg: 'nosub',
				id: message.id,
				error: meteorError(404, `Subscription '${String(message.name)}' not found`),
			});
			return;
		}
		const [eventName, options] = (message.params ?? []) as [unknown, { args?: Array<Record<string, unknown>> }];
		const extra = options?.args?.[0] ?? {};
		if (typeof eventName !== 'string' || !this.mayRead(socket, stream, eventName, extra)) {
			this.send(socket, { msg: 'nosub', id: message.id, error: meteorError('not-allowed') });
			return;
		}
		this.subscriptions.push({ socket, id: String(message.id), stream, eventName });
		this.send(socket, { msg: 'ready', subs: [message.id] });
	}

	/**
	 * Rocket.Chat's read rules: a user's stream only for that user's own connection; a room's streams for a visitor
	 * (no user logged in) only when the room is theirs, by token.
	 */
	private mayRead(socket: WebSocket, stream: StreamName, eventName: string, extra: Record<string, unknown>): boolean {
		if (stream === 'stream-notify-user') {
			const userId = this.loggedIn.get(socket);
			return !!userId && eventName.split('/')[0] === userId;
		}
		const room = this.workspace.findRoom(eventName.split('/')[0]);
		if (room?.t !== 'l') {
			return false;
		}
		return this.workspace.visitorAccess.owns(stream === 'stream-notify-room' ? extra.token : extra.visitorToken, room);
	}

	private publish(event: WorkspaceEvent): void {
		switch (event.type) {
			case 'message-sent':
			case 'message-updated':
				this.emit('stream-room-messages', event.room._id, [ejson(event.message)]);
				return;
			case 'agent-assigned':
				this.emit('stream-livechat-room', event.room._id, [{ type: 'agentData', data: agentInfo(event.agent) }]);
				return;
			case 'typing':
				this.emit('stream-notify-room', `${event.roomId}/typing`, [event.username, event.typing]);
				break;
			case 'user-notified':
				this.emit('stream-notify-user', `${event.userId}/message`, [ejson(event.message)]);
				break;
			default:
			// The other events change nothing a visitor's streams carry.
		}
	}

	private emit(stream: StreamName, eventName: string, args: unknown[], except?: WebSocket): void {
		const frame = { msg: 'changed', collection: stream, id: 'id', fields: { eventName, args } };
		const sent = new Set<WebSocket>();
		for (const subscription of this.subscriptions) {
			if (
				subscription.stream === stream &&
				subscription.eventName === eventName &&
				subscription.socket !== except &&
				!sent.has(subscription.socket)
			) {
				// One frame per connection: the widget's listener is per stream, not per subscription.
				sent.add(subscription.socket);
				this.send(subscription.socket, frame);
			}
		}
	}

	private forget(match: (subscription: Subscription) => boolean): void {
		for (let index = this.subscriptions.length - 1; index >= 0; index--) {
			if (match(this.subscriptions[index])) {
				this.subscriptions.splice(index, 1);
			}
		}
	}

	private send(socket: WebSocket, frame: object): void {
		if (socket.readyState === socket.OPEN) {
			socket.send(JSON.stringify(frame), (error) => {
				if (error) {
					this.log('debug', `websocket: ${error.message}`);
				}
			});
		}
	}
}

/** A record as Rocket.Chat's streamer sends it: EJSON, dates as {$date: milliseconds}. */
export function ejson(record: MessageRecord | RoomRecord | Record<string, unknown>): unknown {
	const convert = (value: unknown): unknown => {
		if (value instanceof Date) {
			return { $date: value.getTime() };
		}
		if (Array.isArray(value)) {
			return value.map(convert);
		}
		if (value && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner)]));
		}
		return value;
	};
	return convert(record);
}
