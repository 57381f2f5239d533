import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import type { RoomMessages } from './messages';
import type { Routing } from './routing';
import type { MessageRecord, RoomSource } from './types';
import type { VisitorAccess } from './visitorAccess';
import { visitorSetting } from './visitorSettings';

/** A visitor's messages: from the livechat widget, and those an app writes on a visitor's behalf. */
export class VisitorMessages {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly access: VisitorAccess,
		private readonly routing: Routing,
		private readonly messages: RoomMessages,
	) {}

	/**
	 * A visitor's message from the livechat widget (livechat/message, app/livechat/server/api/v1/message.ts): the
	 * visitor's own room, open, and a text no longer than Livechat_message_character_limit while
	 * Livechat_enable_message_character_limit is on (`message-length-exceeds-character-limit`, UTF-16 units).
	 */
	public fromWidget(
		token: string,
		roomId: string,
		msg: string,
		options: { _id?: string; customFields?: Record<string, unknown> } = {},
	): MessageRecord {
		const room = this.access.room(token, roomId);
		if (!room.open) {
			throw new WorkspaceError('room-closed', 'Room closed');
		}
		if (
			visitorSetting(this.store, 'Livechat_enable_message_character_limit') &&
			msg.length > Math.trunc(visitorSetting(this.store, 'Livechat_message_character_limit'))
		) {
			throw new Error('message-length-exceeds-character-limit');
		}
		if (!msg.trim()) {
			throw new WorkspaceError('error-invalid-message', 'Message cannot be empty');
		}
		const visitor = this.access.guest(token);
		return this.messages.add(room, {
			...(options._id ? { _id: options._id } : {}),
			msg,
			token: visitor.token,
			// Livechat.sendMessage names every visitor message after the guest (`alias`), text and file alike.
			...(visitor.name ? { alias: visitor.name } : {}),
			u: { _id: visitor._id, username: visitor.username, name: visitor.name },
			...(options.customFields ? { customFields: options.customFields } : {}),
		});
	}

	/**
	 * A visitor's message an app writes (LivechatBridge.createMessage → sendMessage with getRoom, lib/rooms.ts):
	 * unlike the widget's route it refuses no closed room. When the visitor's room is not open, Rocket.Chat opens
	 * a new chat (created, announced and routed) and writes the message there. No size check on this path.
	 */
	public fromApp(
		token: string,
		roomId: string,
		msg: string,
		customFields?: Record<string, unknown>,
		appSource?: RoomSource,
	): MessageRecord {
		const room = this.store.findRoom(roomId);
		if (!room) {
			throw new Error('Invalid room provided on the message.');
		}
		const visitor = this.store.findVisitorByToken(token);
		if (!visitor) {
			throw new Error('Invalid token for livechat message');
		}
		const target = room.open ? room : this.routing.openRoom(token, appSource).room;
		if (target.v.token !== token) {
			throw new WorkspaceError('cannot-access-room');
		}
		return this.messages.add(target, {
			msg,
			token: visitor.token,
			...(visitor.name ? { alias: visitor.name } : {}),
			u: { _id: visitor._id, username: visitor.username, name: visitor.name },
			...(customFields ? { customFields } : {}),
		});
	}
}
