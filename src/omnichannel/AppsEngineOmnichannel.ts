import type { ILogger, IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatMessage, ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessageAttachment } from '@rocket.chat/apps-engine/definition/messages';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import type {
	Actor,
	Agent,
	BotFile,
	BotMessage,
	CloseRefusal,
	CloseResult,
	Department,
	IOmnichannel,
	PostedMessage,
	RoomMessage,
	Session,
	SessionContext,
	TransferRefusal,
	TransferResult,
	TransferTarget,
} from './IOmnichannel';
import type { ServerSettingsCache } from './ServerSettingsCache';
import { QUICK_REPLIES_BLOCK, QUICK_REPLY_ACTION_PREFIX, quickReplyValue } from './quickReplyButtons';
import type { SharedFile, VisitorFile } from '../shared/chatEvents';
import { errorMessage } from '../text/errorMessage';
import { oneLine } from '../text/oneLine';

/** Rocket.Chat's default Message_MaxAllowedSize (server/settings/message.ts), when the setting cannot be read. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 5000;

/** Apps-Engine's RoomType.LIVE_CHAT, compared as text so no enum has to exist at run time in older engines. */
const LIVE_CHAT = 'l';

/** A Session that remembers the room it was read from, so acting on it needs no second read. */
class RoomSession implements Session {
	public readonly id: string;

	public readonly isLivechat: boolean;

	public readonly isOpen: boolean;

	public readonly servedByUsername?: string;

	public readonly servedById?: string;

	public readonly departmentId?: string;

	public readonly visitorToken?: string;

	public readonly visitorName?: string;

	public readonly context: SessionContext;

	constructor(public readonly room: IRoom) {
		const livechat = room as Partial<ILivechatRoom>;
		this.id = room.id;
		this.isLivechat = String(room.type) === LIVE_CHAT;
		// Rocket.Chat unsets `open` when it closes a room, so only an explicit true means open.
		this.isOpen = this.isLivechat && livechat.isOpen === true;
		this.servedByUsername = livechat.servedBy?.username || undefined;
		this.servedById = livechat.servedBy?.id || undefined;
		this.departmentId = livechat.department?.id || undefined;
		this.visitorToken = livechat.visitor?.token || undefined;
		this.visitorName = livechat.visitor?.name || livechat.visitor?.username || undefined;
		this.context = contextOf(livechat);
	}
}

/**
 * Rocket.Chat reports refusals as errors whose message carries a stable code, e.g. "[error-room-closed]". Anything
 * else (e.g. "Error removing inquiry" when two closes race) is 'unknown' and the conversation layer reads the room
 * again to tell the caller what really happened.
 */
const CLOSE_REFUSALS: ReadonlyArray<[string, CloseRefusal]> = [
	['error-room-closed', 'room-closed'],
	['error-comment-is-required', 'comment-required'],
	['error-tags-must-be-assigned-before-closing-chat', 'tags-required'],
];

/** transferVisitor never throws for a closed room (it returns false), so there is no room-closed row here. */
const TRANSFER_REFUSALS: ReadonlyArray<[string, TransferRefusal]> = [
	['error-forwarding-chat-same-department', 'same-department'],
	['error-no-agents-online-in-department', 'no-agents-online'],
	['error-invalid-department', 'department-not-found'],
	['error-room-onHold', 'room-on-hold'],
	['error-user-is-offline', 'agent-offline'],
	['Invalid target agent', 'not-an-agent'],
	['error-user-not-belong-to-department', 'agent-not-in-department'],
	['error-selected-agent-room-agent-are-same', 'same-agent'],
];

/** The Omnichannel port over the Apps-Engine accessors: the only code that touches livechat, room and message accessors. */
export class AppsEngineOmnichannel implements IOmnichannel {
	constructor(
		private readonly read: IRead,
		private readonly modify: IModify,
		private readonly logger: Pick<ILogger, 'warn'>,
		private readonly serverSettings: ServerSettingsCache,
	) {}

	public async findSession(sessionId: string): Promise<Session | undefined> {
		const room = await this.read.getRoomReader().getById(sessionId);
		return room ? new RoomSession(room) : undefined;
	}

	public async findDepartment(idOrName: string): Promise<Department | undefined> {
		const department = await this.read.getLivechatReader().getLivechatDepartmentByIdOrName(idOrName);
		return department ? { id: department.id, name: department.name || department.id } : undefined;
	}

	public async appUser(): Promise<Actor | undefined> {
		const user = await this.read.getUserReader().getAppUser();
		return user?.id ? { id: user.id, username: user.username } : undefined;
	}

	public async findAgent(username: string): Promise<Agent | undefined> {
		const user = await this.read.getUserReader().getByUsername(username);
		if (!user?.id) {
			return undefined;
		}
		const roles = Array.isArray(user.roles) ? user.roles : [];
		return {
			id: user.id,
			username: user.username,
			isAgent: roles.includes('livechat-agent'),
			isOnline: roles.includes('bot') || (user.status !== undefined && user.status !== 'offline'),
		};
	}

	public async isDepartmentOnline(departmentId: string): Promise<boolean> {
		return (await this.read.getLivechatReader().isOnlineAsync(departmentId)) === true;
	}

	public async closeSession(session: Session, comment: string, closer?: Actor): Promise<CloseResult> {
		try {
			const closed = await this.modify
				.getUpdater()
				.getLivechatUpdater()
				.closeRoom(roomOf(session), comment, closer as IUser);
			// Rocket.Chat answers true. Old versions answer false for a room already closed, and a missing permission
			// makes the engine answer nothing: neither is a close.
			return closed === true ? { ok: true } : { ok: false, refusal: 'unknown' };
		} catch (error) {
			this.logger.warn(`closeRoom refused for room ${oneLine(session.id)}: ${oneLine(errorMessage(error))}`);
			return { ok: false, refusal: refusalIn(error, CLOSE_REFUSALS) ?? 'unknown' };
		}
	}

	public async transferSession(session: Session, target: TransferTarget): Promise<TransferResult> {
		const room = roomOf(session) as ILivechatRoom;
		try {
			const transferred = await this.modify
				.getUpdater()
				.getLivechatUpdater()
				.transferVisitor(room.visitor, {
					currentRoom: room,
					...(target.departmentId ? { targetDepartment: target.departmentId } : {}),
					// Rocket.Chat reads only the id of the agent (bridges/livechat.ts).
					...(target.agentId ? { targetAgent: { id: target.agentId } as IUser } : {}),
				});
			return transferred ? { ok: true } : { ok: false, refusal: 'not-transferred' };
		} catch (error) {
			this.logger.warn(`transferVisitor refused for room ${oneLine(session.id)}: ${oneLine(errorMessage(error))}`);
			return { ok: false, refusal: refusalIn(error, TRANSFER_REFUSALS) ?? 'unknown' };
		}
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
		const attachments = attachmentsOf(content, content.imageUrl || content.attachment ? await this.siteUrl() : '');
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
						value: quickReplyValue(reply),
					}),
				),
			});
			message.setBlocks(blocks);
		}
		return creator.finish(message);
	}

	public async postVisitorMessage(session: Session, text: string): Promise<PostedMessage | undefined> {
		const room = roomOf(session) as ILivechatRoom;
		if (!room.visitor) {
			return undefined;
		}
		const creator = this.modify.getCreator();
		const message = creator
			.startLivechatMessage({} as ILivechatMessage)
			.setRoom(room)
			.setVisitor(room.visitor)
			.setText(text);
		const id = await creator.finish(message);
		if (!id) {
			return undefined;
		}
		// Rocket.Chat answers only the id; where the message landed must be read.
		const landedIn = await this.read.getMessageReader().getRoom(id);
		return { id, roomId: landedIn?.id ?? session.id };
	}

	public maxMessageLength(): Promise<number> {
		return this.serverSettings.get(
			'Message_MaxAllowedSize',
			() => this.serverSetting('Message_MaxAllowedSize'),
			(value) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined),
			DEFAULT_MAX_MESSAGE_LENGTH,
		);
	}

	public workspaceAddress(): Promise<string> {
		return this.siteUrl();
	}

	/** The workspace's own address (Site_Url), without a trailing slash; '' when unknown. */
	private siteUrl(): Promise<string> {
		return this.serverSettings.get(
			'Site_Url',
			() => this.serverSetting('Site_Url'),
			(value) => (typeof value === 'string' && /^https?:\/\//.test(value) ? value.replace(/\/+$/, '') : undefined),
			'',
		);
	}

	private serverSetting(id: string): Promise<unknown> {
		return this.read.getEnvironmentReader().getServerSettings().getValueById(id);
	}

	public async removeQuickReplies(session: Session, messageId: string): Promise<void> {
		const room = roomOf(session) as ILivechatRoom;
		if (!room.servedBy) {
			return;
		}
		const updater = this.modify.getUpdater();
		// The engine sends Rocket.Chat only the fields that changed: the text and attachments stay as they are.
		const update = await updater.message(messageId, room.servedBy);
		// Engines before 1.4x ignore the editor given above, and Rocket.Chat refuses an update without one.
		update.setEditor(room.servedBy);
		update.setBlocks([]);
		await updater.finish(update);
	}

	public async startTyping(session: Session): Promise<() => Promise<void>> {
		const room = roomOf(session) as ILivechatRoom;
		if (!room.servedBy) {
			return async () => undefined;
		}
		// The scope defaults to the room.
		return this.modify.getNotifier().typing({ id: room.id, username: room.servedBy.username });
	}

	public async describeFiles(files: ReadonlyArray<VisitorFile>): Promise<SharedFile[]> {
		const reader = this.read.getUploadReader();
		const [siteUrl, ...uploads] = await Promise.all([
			this.siteUrl(),
			// A file Rocket.Chat no longer has (or a missing upload.read permission) is described by the message.
			...files.map((file) => reader.getById(file.id).catch(() => undefined)),
		]);
		return files.map((file, index) => {
			const upload = uploads[index] as { size?: unknown; type?: unknown; name?: unknown } | undefined;
			const size = Number(upload?.size ?? file.size);
			const type = typeof upload?.type === 'string' ? upload.type : file.type;
			const name = typeof upload?.name === 'string' && upload.name ? upload.name : file.name;
			const path = file.path ?? `/file-upload/${file.id}/${encodeURIComponent(name)}`;
			const absolute = /^https?:\/\//.test(path);
			const url = absolute || !siteUrl ? path : `${siteUrl}${path}`;
			return {
				name,
				...(type ? { type } : {}),
				...(Number.isFinite(size) && size >= 0 ? { size } : {}),
				...(url.startsWith('/') ? {} : { url }),
			};
		});
	}

	public async recentMessages(roomId: string, limit: number): Promise<ReadonlyArray<RoomMessage> | undefined> {
		// The options and the raw messages came with Apps-Engine 1.44 (Rocket.Chat 6.11); the app compiles against 1.33.
		const rooms = this.read.getRoomReader() as unknown as {
			getMessages(roomId: string, options: object): Promise<RawMessage[] | undefined>;
		};
		let messages: RawMessage[] | undefined;
		try {
			messages = await rooms.getMessages(roomId, { limit, sort: { createdAt: 'desc' } });
		} catch (error) {
			// Engines before 1.44 (Rocket.Chat before 6.11) throw this from the accessor itself.
			if (/not implemented/i.test(errorMessage(error))) {
				return undefined;
			}
			throw error;
		}
		return (Array.isArray(messages) ? messages : []).map((message) => ({
			id: message.id,
			...(message.sender?._id ? { senderId: message.sender._id } : {}),
			...(message.sender?.username ? { senderUsername: message.sender.username } : {}),
			text: typeof message.text === 'string' ? message.text : '',
			at: new Date(message.createdAt),
		}));
	}

	public async postBotFile(session: Session, file: BotFile): Promise<boolean> {
		const room = roomOf(session) as ILivechatRoom;
		if (!room.servedBy) {
			return false;
		}
		// Rocket.Chat stores the file, finds its type from its bytes and posts it as a message of this user.
		await this.modify
			.getCreator()
			.getUploadCreator()
			.uploadBuffer(file.bytes as Buffer, { filename: file.name, room, user: room.servedBy });
		return true;
	}

	public async notifyUser(user: Actor, roomId: string, text: string): Promise<void> {
		const notifier = this.modify.getNotifier();
		// Rocket.Chat looks the room up by its id only (convertAppMessage); the sender defaults to the app's user.
		const message = notifier
			.getMessageBuilder()
			.setRoom({ id: roomId } as IRoom)
			.setText(text)
			.setGroupable(false)
			.getMessage();
		await notifier.notifyUser({ id: user.id, username: user.username } as IUser, message);
	}
}

/** A message as IRoomRead.getMessages answers it (Apps-Engine 1.44's IMessageRaw, the fields the app reads). */
type RawMessage = {
	id: string;
	text?: unknown;
	createdAt: string | number | Date;
	sender?: { _id?: string; username?: string };
};

/**
 * Images and file links; one on the workspace's own address goes as a path. The livechat widget Rocket.Chat 5.x
 * serves puts the workspace's address before every attachment URL (helpers.js getAttachmentUrl), so only a path
 * shows there; later widgets and Rocket.Chat's own clients resolve a path against the workspace too.
 */
function attachmentsOf(content: BotMessage, siteUrl: string): IMessageAttachment[] {
	const local = (url: string) => (siteUrl && url.startsWith(`${siteUrl}/`) ? url.slice(siteUrl.length) : url);
	const attachments: IMessageAttachment[] = [];
	if (content.imageUrl) {
		attachments.push({ imageUrl: local(content.imageUrl) });
	}
	if (content.attachment) {
		const { title, link } = content.attachment;
		attachments.push({ title: { value: title, link: local(link) } });
	}
	return attachments;
}

/** The visitor's details as Rocket.Chat's room converter gives them (fields vary by version: each is optional). */
function contextOf(room: Partial<ILivechatRoom>): SessionContext {
	const visitor = (room.visitor ?? {}) as Partial<ILivechatRoom['visitor']>;
	const email = visitor.visitorEmails?.[0]?.address;
	const phone = visitor.phone?.[0]?.phoneNumber;
	const customFields = visitor.livechatData;
	return {
		...(room.department?.name ? { departmentName: room.department.name } : {}),
		...(visitor.username ? { visitorUsername: visitor.username } : {}),
		...(typeof email === 'string' && email ? { visitorEmail: email } : {}),
		...(typeof phone === 'string' && phone ? { visitorPhone: phone } : {}),
		...(customFields && typeof customFields === 'object' && Object.keys(customFields).length > 0
			? { customFields: { ...customFields } }
			: {}),
		...(room.source?.type ? { source: String(room.source.type) } : {}),
	};
}

/** A Session of a room an event carried (Rocket.Chat converts it for the event), to act on without reading it again. */
export const sessionOfRoom = (room: IRoom): Session => new RoomSession(room);

/** By its room, not instanceof: engines before the Deno runtime load a module once per import, classes included. */
function roomOf(session: Session): IRoom {
	const { room } = session as Partial<RoomSession>;
	if (!room) {
		throw new TypeError('AppsEngineOmnichannel was given a session it did not read');
	}
	return room;
}

function refusalIn<T>(error: unknown, table: ReadonlyArray<[string, T]>): T | undefined {
	const text = errorMessage(error);
	return table.find(([code]) => text.includes(code))?.[1];
}
