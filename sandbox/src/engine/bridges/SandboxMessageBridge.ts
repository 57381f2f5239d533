import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { MessageBridge } from '@rocket.chat/apps-engine/server/bridges';
import type { ITypingDescriptor } from '@rocket.chat/apps-engine/server/bridges/MessageBridge';

import type { BridgeContext } from './BridgeContext';
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
		const stored = this.context.workspace.addMessage(room, {
			msg: message.text ?? '',
			u: { _id: sender._id, username: sender.username, name: sender.name },
			...(message.attachments ? { attachments: message.attachments.map(toStoredAttachment) } : {}),
			...(message.blocks ? { blocks: message.blocks } : {}),
			...(message.customFields ? { customFields: message.customFields } : {}),
		});
		return stored._id;
	}

	protected async update(message: IMessage): Promise<void> {
		if (!message.id) {
			throw new Error('A message needs an id to be updated [error-invalid-message]');
		}
		this.context.workspace.updateMessage(message.id, {
			msg: message.text ?? '',
			attachments: message.attachments?.map(toStoredAttachment),
			blocks: message.blocks,
			customFields: message.customFields,
		});
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
	}

	protected async notifyUser(): Promise<void> {
		// Ephemeral notifications reach nobody in the sandbox: there is no client session.
	}

	protected async notifyRoom(): Promise<void> {
		// As notifyUser.
	}
}
