import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import type { RoomRecord, VisitorRecord } from './types';

/**
 * A livechat visitor is known by their token alone, and reaches only their own rooms (app/livechat/server/lib/
 * livechat.ts `findGuest` and `findRoom`, used by every visitor route: room, message, history, agent.info, close;
 * and the realtime API's stream permissions). The one place the sandbox decides it, for REST and DDP alike.
 */
export class VisitorAccess {
	constructor(private readonly store: WorkspaceStore) {}

	/** The visitor with this token, or Rocket.Chat's `invalid-token`. */
	public guest(token: unknown): VisitorRecord {
		const guest = typeof token === 'string' && token ? this.store.findVisitorByToken(token) : undefined;
		if (!guest) {
			throw new WorkspaceError('invalid-token');
		}
		return guest;
	}

	/** findRoom(token, rid): the visitor's room of that id, open or not, or `invalid-token` / `invalid-room`. */
	public room(token: unknown, rid: unknown): RoomRecord {
		const guest = this.guest(token);
		const room = typeof rid === 'string' ? this.store.findRoom(rid) : undefined;
		if (room?.v.token !== guest.token) {
			throw new WorkspaceError('invalid-room');
		}
		return room;
	}

	/** Whether this token is the room's visitor's (stream subscriptions and typing on the realtime API). */
	public owns(token: unknown, room: RoomRecord | undefined): boolean {
		return typeof token === 'string' && token !== '' && room?.v.token === token;
	}
}
