import { TypingScope, type ILogger, type IModify, type IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessageAttachment } from '@rocket.chat/apps-engine/definition/messages';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import type {
	Actor,
	CloseRefusal,
	CloseResult,
	Department,
	IOmnichannel,
	Session,
	TransferRefusal,
	TransferResult,
} from './IOmnichannel';
import type { BotMessage } from '../rasa/toBotOutputs';

/** A Session that remembers the room it was read from, so closing or transferring needs no second read. */
class RoomSession implements Session {
	public readonly id: string;

	public readonly isLivechat: boolean;

	public readonly isOpen: boolean;

	public readonly servedByUsername?: string;

	public readonly servedById?: string;

	public readonly departmentId?: string;

	public readonly visitorToken?: string;

	public readonly visitorName?: string;

	constructor(public readonly room: IRoom) {
		const livechat = room as Partial<ILivechatRoom>;
		this.id = room.id;
		this.isLivechat = room.type === RoomType.LIVE_CHAT;
		// Rocket.Chat unsets `open` when it closes a room, so only an explicit true means open.
		this.isOpen = this.isLivechat && livechat.isOpen === true;
		this.servedByUsername = livechat.servedBy?.username || undefined;
		this.servedById = livechat.servedBy?.id || undefined;
		this.departmentId = livechat.department?.id || undefined;
		this.visitorToken = livechat.visitor?.token || undefined;
		this.visitorName = livechat.visitor?.name || livechat.visitor?.username || undefined;
	}
}

/** Rocket.Chat reports refusals as errors whose message carries a stable code, e.g. "[error-room-closed]". */
const CLOSE_REFUSALS: ReadonlyArray<[string, CloseRefusal]> = [
	['error-room-closed', 'room-closed'],
	['error-comment-is-required', 'comment-required'],
	['error-tags-must-be-assigned-before-closing-chat', 'tags-required'],
];

const TRANSFER_REFUSALS: ReadonlyArray<[string, TransferRefusal]> = [
	['error-forwarding-chat-same-department', 'same-department'],
	['error-no-agents-online-in-department', 'no-agents-online'],
	['error-invalid-department', 'department-not-found'],
	['error-room-onHold', 'room-on-hold'],
	['error-room-closed', 'room-closed'],
];

/** The Omnichannel port over the Apps-Engine accessors: the only code that touches livechat accessors. */
export class AppsEngineOmnichannel implements IOmnichannel {
	constructor(
		private readonly read: IRead,
		private readonly modify: IModify,
		private readonly logger: ILogger,
	) {}

	public async findSession(sessionId: string): Promise<Session | undefined> {
		const room = await this.read.getRoomReader().getById(sessionId);
		return room ? new RoomSession(room) : undefined;
	}

	public async findDepartment(idOrName: string): Promise<Department | undefined> {
		const department = await this.read.getLivechatReader().getLivechatDepartmentByIdOrName(idOrName);
		return department ? { id: department.id, name: department.name || department.id } : undefined;
	}

	public async isDepartmentOnline(departmentId: string): Promise<boolean> {
		return (await this.read.getLivechatReader().isOnlineAsync(departmentId)) === true;
	}

	public async closeSession(session: Session, comment: string, closer: Actor): Promise<CloseResult> {
		const room = roomOf(session);
		try {
			const closed = await this.modify.getUpdater().getLivechatUpdater().closeRoom(room, comment, asUser(closer));
			return closed ? { ok: true } : { ok: false, refusal: 'unknown' };
		} catch (error) {
			const refusal = refusalIn(error, CLOSE_REFUSALS, 'unknown');
			this.logger.warn(`closeRoom refused for room ${session.id}: ${messageOf(error)}`);
			return { ok: false, refusal, detail: messageOf(error) };
		}
	}

	public async transferSession(session: Session, departmentId: string): Promise<TransferResult> {
		const room = roomOf(session) as ILivechatRoom;
		try {
			const transferred = await this.modify
				.getUpdater()
				.getLivechatUpdater()
				.transferVisitor(room.visitor, { currentRoom: room, targetDepartment: departmentId });
			return transferred ? { ok: true } : { ok: false, refusal: 'not-transferred' };
		} catch (error) {
			const refusal = refusalIn(error, TRANSFER_REFUSALS, 'unknown');
			this.logger.warn(`transferVisitor refused for room ${session.id}: ${messageOf(error)}`);
			return { ok: false, refusal, detail: messageOf(error) };
		}
	}

	public async postAsServingAgent(session: Session, text: string): Promise<void> {
		await this.postBotMessage(session, { text });
	}

	public async postBotMessage(session: Session, content: BotMessage): Promise<string | undefined> {
		const room = roomOf(session) as ILivechatRoom;
		if (!room.servedBy) {
			return undefined;
		}
		const creator = this.modify.getCreator();
		const message = creator.startMessage().setRoom(room).setSender(room.servedBy);
		if (content.text) {
			message.setText(content.text);
		}
		const attachments = attachmentsOf(content);
		if (attachments.length > 0) {
			message.setAttachments(attachments);
		}
		if (content.quickReplies?.length) {
			const blocks = creator.getBlockBuilder();
			blocks.addActionsBlock({
				blockId: QUICK_REPLIES_BLOCK,
				elements: content.quickReplies.map((reply, index) =>
					blocks.newButtonElement({
						actionId: `${QUICK_REPLY_ACTION_PREFIX}${index}`,
						text: blocks.newPlainTextObject(reply.title),
						value: JSON.stringify({ title: reply.title, payload: reply.payload }),
					}),
				),
			});
			message.setBlocks(blocks);
		}
		return creator.finish(message);
	}

	public async startTyping(session: Session): Promise<() => Promise<void>> {
		const room = roomOf(session) as ILivechatRoom;
		if (!room.servedBy) {
			return async () => undefined;
		}
		return this.modify.getNotifier().typing({ id: room.id, username: room.servedBy.username, scope: TypingScope.Room });
	}
}

/** Quick replies are one actions block; each button's value carries the title and the payload for Rasa. */
export const QUICK_REPLIES_BLOCK = 'rasa-quick-replies';
export const QUICK_REPLY_ACTION_PREFIX = 'rasa-quick-reply-';

function attachmentsOf(content: BotMessage): IMessageAttachment[] {
	const attachments: IMessageAttachment[] = [];
	if (content.imageUrl) {
		attachments.push({ imageUrl: content.imageUrl });
	}
	if (content.attachment) {
		const { title, link, text } = content.attachment;
		attachments.push({
			...(title ? { title: { value: title, link } } : {}),
			...(text ? { text } : {}),
			...(!title && link ? { text: link } : {}),
		});
	}
	return attachments;
}

function roomOf(session: Session): IRoom {
	if (!(session instanceof RoomSession)) {
		throw new TypeError('AppsEngineOmnichannel was given a session it did not read');
	}
	return session.room;
}

/** The endpoint passes the caller's own IUser as the Actor; hand it back to Rocket.Chat untouched. */
function asUser(actor: Actor): IUser {
	return actor as IUser;
}

function refusalIn<T>(error: unknown, table: ReadonlyArray<[string, T]>, fallback: T): T {
	const text = messageOf(error);
	const hit = table.find(([code]) => text.includes(code));
	return hit ? hit[1] : fallback;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
