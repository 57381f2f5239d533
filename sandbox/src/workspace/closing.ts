import type { WorkspaceStore } from './WorkspaceStore';
import type { WorkspaceEvents } from './events';
import type { Actor, RoomMessages } from './messages';
import { hasPermission } from './permissions';
import { PlainError } from './plainError';
import { livechatSubscriptionOf } from './subscriptions';
import type { RoomRecord, UserRecord } from './types';

/**
 * One answer of Rocket.Chat's database, which a close awaits between reading the room and removing its inquiry: a
 * millisecond, about what a query to a local MongoDB takes.
 */
const nextDatabaseAnswer = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** How a close that was asked on a room already closed ends, as the version answers it (versionProfile). */
export type CloseOutcome = 'closed' | 'not-closed';

/**
 * Closing a chat, as lib/closeRoom.ts (Livechat.closeRoom in older versions) does it: the open check is made on the
 * room the caller read, the close comment is checked where the version checks it, the inquiry goes, the
 * `livechat-close` message is saved, then apps hear of it.
 */
export class Closing {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly events: WorkspaceEvents,
		private readonly messages: RoomMessages,
	) {}

	/**
	 * Closes a room. Like Rocket.Chat, the open check is made on the room the caller read (`seenOpen`, the stored
	 * state when not given); the close then removes the room's inquiry, and a caller whose read was stale (it lost a
	 * race with another close) fails there with "Error removing inquiry", or, in versions before 6.7, closes the
	 * room again (versionProfile `closeStaleRoom`). Apps hear of the close after its message.
	 */
	public close(
		roomId: string,
		comment: string,
		closer: { user?: Actor },
		seenOpen?: boolean,
		forceClose = false,
	): void {
		const room = this.store.rooms.get(roomId);
		if (!room || (!forceClose && !(seenOpen ?? room.open))) {
			throw new PlainError('error-room-closed');
		}
		this.checkComment(comment);
		const stale = !room.open;
		// A forced close ignores what it finds (no inquiry left, a room already closed) and closes again.
		const removed = this.store.inquiries.delete(room._id);
		if (!removed && !forceClose && !(stale && this.store.profile.closeStaleRoom === 'closes-again')) {
			throw new Error('Error removing inquiry');
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
		this.messages.add(room, {
			msg: comment,
			t: 'livechat-close',
			u: room.closedBy,
			...(closer.user ? {} : { token: room.v.token }),
		});
		this.events.emit({ type: 'room-closed', room });
	}

	/**
	 * An app's close (LivechatBridge.closeRoom) of the room it read: a room read as closed answers as the version does
	 * (versionProfile `closeClosedRoom`: false, true with nothing done, or error-room-closed); otherwise the close.
	 */
	public closeForApp(roomId: string, comment: string, closer: { user?: Actor }, seenOpen: boolean): boolean {
		if (!seenOpen) {
			switch (this.store.profile.closeClosedRoom) {
				case 'false':
					return false;
				case 'true':
					return true;
				default:
					throw new PlainError('error-room-closed');
			}
		}
		this.close(roomId, comment, closer, seenOpen);
		return true;
	}

	/** `Livechat_request_comment_when_closing_conversation`, for every close, where the version checks it. */
	private checkComment(comment: string): void {
		if (
			this.store.profile.closeCommentRequired === 'checked' &&
			this.store.settings.Livechat_request_comment_when_closing_conversation &&
			!comment.trim()
		) {
			throw new PlainError('error-comment-is-required');
		}
	}

	/**
	 * An agent's or a manager's close (livechat/room.closeByUser → closeLivechatRoom, app/lib/server/functions/
	 * closeLivechatRoom.ts, then closeRoom): the room is read, then Rocket.Chat awaits the database (the caller's
	 * subscription, the transaction and the inquiry) before it closes the copy it read. Two closes of one room that
	 * overlap both pass the checks; the later one fails inside the close with "Error removing inquiry". The caller must
	 * be subscribed to the room (the agent serving it while it is open) or hold `close-others-livechat-room`
	 * (`error-not-authorized`); a closed room is refused with `error-room-already-closed` unless the close is forced
	 * (Omnichannel_allow_force_close_conversations, checked by the route), which closes it again.
	 */
	public async closeByUser(
		user: UserRecord,
		roomId: string,
		options: { comment?: string; forceClose?: boolean },
		databaseRoundTrip: () => Promise<void> = nextDatabaseAnswer,
	): Promise<void> {
		const read = this.store.rooms.get(roomId);
		if (!read) {
			throw new PlainError('error-invalid-room');
		}
		const seenOpen = !!read.open;
		await databaseRoundTrip();
		if (!livechatSubscriptionOf(this.store, roomId, user._id) && !hasPermission(user, 'close-others-livechat-room')) {
			throw new PlainError('error-not-authorized');
		}
		if (!options.forceClose && !seenOpen) {
			throw new PlainError('error-room-already-closed');
		}
		await databaseRoundTrip();
		this.close(roomId, options.comment ?? '', { user }, seenOpen, options.forceClose);
	}

	/**
	 * Deletes every closed room with its messages, as an admin's "remove all closed chats" does
	 * (livechat/rooms.removeAllClosedRooms in app/livechat/imports/server/rest/rooms.ts); the number removed.
	 */
	public removeClosedRooms(departmentIds?: string[]): number {
		const closed = [...this.store.rooms.values()].filter(
			(room: RoomRecord) => !room.open && (!departmentIds?.length || departmentIds.includes(room.departmentId ?? '')),
		);
		closed.forEach((room) => this.store.deleteRoom(room._id));
		return closed.length;
	}
}
