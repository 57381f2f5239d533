import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import type { WorkspaceEvents } from './events';
import type { Actor, RoomMessages } from './messages';
import type { RoomRecord } from './types';

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
	public close(roomId: string, comment: string, closer: { user?: Actor }, seenOpen?: boolean): void {
		const room = this.store.rooms.get(roomId);
		if (!room || !(seenOpen ?? room.open)) {
			throw new WorkspaceError('error-room-closed', 'Room closed');
		}
		this.checkComment(comment);
		const stale = !room.open;
		if (!this.store.inquiries.delete(room._id) && !(stale && this.store.profile.closeStaleRoom === 'closes-again')) {
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
					throw new WorkspaceError('error-room-closed', 'Room closed');
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
			throw new WorkspaceError('error-comment-is-required', 'Comment is required');
		}
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
