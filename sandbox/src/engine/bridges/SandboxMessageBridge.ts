import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { MessageBridge } from '@rocket.chat/apps-engine/server/bridges';
import type { ITypingDescriptor } from '@rocket.chat/apps-engine/server/bridges/MessageBridge';

import type { BridgeContext } from './BridgeContext';
import { canSendToRoom } from '../../workspace/roomAccess';
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

	protected async notifyUser(): Promise<void> {
		// Ephemeral notifications reach nobody in the sandbox: there is no client session.
	}

	protected async notifyRoom(): Promise<void> {
		// As notifyUser.
	}
}
