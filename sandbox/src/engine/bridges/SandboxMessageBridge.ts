import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { MessageBridge } from '@rocket.chat/apps-engine/server/bridges';
import type { ITypingDescriptor } from '@rocket.chat/apps-engine/server/bridges/MessageBridge';

import type { BridgeContext } from './BridgeContext';
import { canSendToRoom } from '../../workspace/roomAccess';
import { convertAppMessage } from '../appMessages';
import { toStoredAttachment } from '../attachments';

/** Messages apps send: stored in the room, as Rocket.Chat's sendMessage stores them. */
export abstract class SandboxMessageBridge extends MessageBridge {
	/** Typing indicators the apps set, by room: what the livechat widget would show. */
	public readonly typingByRoom = new Map<string, Set<string>>();

	constructor(private readonly context: BridgeContext) {
		super();
	}

	protected async create(message: IMessage): Promise<string> {
		const room = this.context.workspace.findRoom(message.room?.id);
		if (!room) {
			throw new Error(`No room has the id "${message.room?.id}" [error-invalid-room]`);
		}
		const sender = this.context.workspace.findUser(message.sender?.id);
		if (!sender) {
			throw new Error(`No user has the id "${message.sender?.id}" [error-invalid-user]`);
		}
		// An app's message goes through executeSendMessage (bridges/messages.ts): the sender must be able to access the
		// room (canSendMessage; a bot no longer serving a chat may not post there), and the size limit applies.
		if (!canSendToRoom(this.context.workspace, sender, room)) {
			throw new Error('error-not-allowed');
		}
		this.context.workspace.checkMessageSize(message.text ?? '');
		const stored = this.context.workspace.addMessage(room, {
			msg: message.text ?? '',
			u: { _id: sender._id, username: sender.username, name: sender.name },
			...(message.attachments ? { attachments: message.attachments.map(toStoredAttachment) } : {}),
			...(message.blocks ? { blocks: message.blocks } : {}),
			...(message.customFields ? { customFields: message.customFields } : {}),
		});
		return stored._id;
	}

	/**
	 * An app's update carries only what changed (the engine sends {id, editor, ...changes}); Rocket.Chat merges it
	 * into the stored message (bridges/messages.ts → updateMessage, $set), and so does the workspace.
	 */
	protected async update(message: IMessage): Promise<void> {
		if (!message.editor) {
			throw new Error('Invalid editor assigned to the message for the update.');
		}
		if (!message.id || !this.context.workspace.findMessage(message.id)) {
			throw new Error('A message must exist to update.');
		}
		const editor = this.context.workspace.findUser(message.editor.id);
		if (!editor) {
			throw new Error('Could not find message editor');
		}
		this.context.workspace.updateMessage(
			message.id,
			{
				// Values cross the Deno boundary as msgpack: an absent field may arrive as null.
				...(message.text != null ? { msg: message.text } : {}),
				...(message.attachments != null ? { attachments: message.attachments.map(toStoredAttachment) } : {}),
				...(message.blocks != null ? { blocks: message.blocks } : {}),
				...(message.customFields != null ? { customFields: message.customFields } : {}),
			},
			{ _id: editor._id, username: editor.username },
		);
	}

	protected async getById(messageId: string): Promise<IMessage> {
		const record = this.context.workspace.findMessage(messageId);
		return (record ? this.context.convert.message(record) : undefined) as IMessage;
	}

	protected async typing(options: ITypingDescriptor): Promise<void> {
		const users = this.typingByRoom.get(options.id) ?? new Set<string>();
		if (options.isTyping) {
			users.add(options.username ?? '');
		} else {
			users.delete(options.username ?? '');
		}
		this.typingByRoom.set(options.id, users);
		this.context.workspace.setTyping(options.id, options.username ?? '', options.isTyping);
	}

	/**
	 * A private answer (bridges/messages.ts `notifyUser`): the app's message converted (no room: nothing up to 6.x, a
	 * throw from 7.x on, versionProfile `appMessageWithoutRoom`; an unknown room: `Invalid room provided on the
	 * message.`), then broadcast as `notify.ephemeralMessage` to the user's clients in the message's room. Nothing is
	 * stored and no message event fires. A visitor has no user stream: an answer addressed to one reaches nobody.
	 */
	protected async notifyUser(user: IUser, message: IMessage): Promise<void> {
		const converted = convertAppMessage(this.context.workspace, message);
		if (converted) {
			this.context.workspace.notifyUser(user.id, converted.rid, converted);
		}
	}

	/**
	 * `notifyRoom`: nothing without a room; else every user subscribed to the room gets the message as a private answer
	 * (up to 6.x a message without a room of its own still goes out, as Rocket.Chat's defaults alone; 7.x throws).
	 */
	protected async notifyRoom(room: IRoom, message: IMessage): Promise<void> {
		if (!room?.id) {
			return;
		}
		this.context.workspace.notifyRoom(room.id, convertAppMessage(this.context.workspace, message));
	}
}
