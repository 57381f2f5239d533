import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import { validateCustomFields } from './customFields';
import type { WorkspaceEvents } from './events';
import { newId } from './ids';
import { quoteLinkedMessages } from './messageLinks';
import type { MessageRecord, RoomRecord } from './types';

export type Actor = { _id: string; username: string };

export type NewMessage = Omit<MessageRecord, '_id' | 'rid' | 'ts' | '_updatedAt'> & { _id?: string };

/**
 * Messages as Rocket.Chat's sendMessage and updateMessage store them (lib/server/functions/sendMessage.ts,
 * updateMessage.ts): the one way a message gets into a room, so every message meets the same checks and fires the
 * same event, whoever sends it.
 */
export class RoomMessages {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly events: WorkspaceEvents,
	) {}

	public add(room: RoomRecord, sent: NewMessage): MessageRecord {
		const input = quoteLinkedMessages(this.store, sent);
		this.checkCustomFields(input.customFields);
		if (input._id && this.store.findMessage(input._id)) {
			throw new WorkspaceError('error-duplicate-message', 'A message with this id exists');
		}
		const message: MessageRecord = {
			...input,
			_id: input._id ?? newId(),
			rid: room._id,
			ts: new Date(),
			_updatedAt: new Date(),
		};
		this.store.storeMessage(message);
		room.msgs++;
		room.lastMessage = message;
		this.events.emit({ type: 'message-sent', message, room });
		return message;
	}

	/**
	 * An update's fields are set on the stored message ($set in Rocket.Chat's updateMessage): what the update does not
	 * carry stays. Rocket.Chat refuses no update for leaving a message empty.
	 */
	public update(
		messageId: string,
		changes: Partial<Pick<MessageRecord, 'msg' | 'attachments' | 'blocks' | 'customFields'>>,
		editor?: Actor,
	): MessageRecord {
		const message = this.store.findMessage(messageId);
		if (!message) {
			throw new WorkspaceError('error-invalid-message', `No message has the id "${messageId}"`);
		}
		const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
		this.checkCustomFields(defined.customFields as Record<string, unknown> | undefined);
		Object.assign(message, defined, {
			editedAt: new Date(),
			_updatedAt: new Date(),
			...(editor ? { editedBy: { _id: editor._id, username: editor.username } } : {}),
		});
		const room = this.store.rooms.get(message.rid);
		if (room) {
			this.events.emit({ type: 'message-updated', message, room });
		}
		return message;
	}

	/** An agent writes in a chat they serve (chat.sendMessage through the agent's subscription). */
	public fromAgent(agentId: string, roomId: string, msg: string): MessageRecord {
		this.checkSize(msg);
		const agent = this.store.requireUser(agentId);
		const room = this.store.rooms.get(roomId);
		if (!room) {
			throw new WorkspaceError('error-invalid-room', 'Invalid room');
		}
		if (!room.open || room.servedBy?._id !== agent._id) {
			throw new WorkspaceError('error-not-allowed', 'Not allowed');
		}
		if (!msg.trim()) {
			throw new WorkspaceError('error-invalid-message', 'Message cannot be empty');
		}
		return this.add(room, { msg, u: { _id: agent._id, username: agent.username, name: agent.name } });
	}

	/**
	 * executeSendMessage's size check (methods/sendMessage.ts), for users' and apps' messages alike (not for a
	 * visitor's, nor for updates), measured as the version does (versionProfile `messageSize`).
	 */
	public checkSize(msg: string): void {
		const measured =
			this.store.profile.messageSize === 'graphemes' ? Array.from(msg.replace(/:[\w+-]+:/g, '')).length : msg.length;
		if (measured > this.store.settings.Message_MaxAllowedSize) {
			throw new WorkspaceError('error-message-size-exceeded', 'Message size exceeds Message_MaxAllowedSize');
		}
	}

	/**
	 * sendMessage's and updateMessage's validateMessage: custom fields are checked on every message path (a user's,
	 * an app's bot message, a visitor's message an app writes) where the version checks them (`messageCustomFields`).
	 */
	private checkCustomFields(customFields: Record<string, unknown> | undefined): void {
		if (customFields && this.store.profile.messageCustomFields === 'validated') {
			validateCustomFields(customFields, this.store.settings);
		}
	}
}
