import type { IDepartment, ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessage, IMessageAttachment, IMessageRaw } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType, type IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUpload } from '@rocket.chat/apps-engine/definition/uploads';
import { UserStatusConnection, UserType, type IUser } from '@rocket.chat/apps-engine/definition/users';

import { toAppAttachment, type StoredAttachment } from './attachments';
import type { Workspace } from '../workspace/Workspace';
import type {
	DepartmentRecord,
	MessageRecord,
	RoomRecord,
	UploadRecord,
	UserRecord,
	VisitorRecord,
} from '../workspace/types';

const USER_TYPES = { app: UserType.APP, bot: UserType.BOT, user: UserType.USER } as const;

/**
 * Rocket.Chat records → the Apps-Engine shapes apps receive, as Rocket.Chat's converters build them
 * (apps/meteor/app/apps/server/converters): rooms carry the full visitor, department and servedBy user.
 */
export class Converters {
	constructor(private readonly workspace: Workspace) {}

	public user(record: UserRecord): IUser {
		return {
			id: record._id,
			username: record.username,
			emails: record.emails,
			type: USER_TYPES[record.type],
			isEnabled: record.active,
			name: record.name,
			roles: [...record.roles],
			status: record.status,
			statusConnection: record.status === 'offline' ? UserStatusConnection.OFFLINE : UserStatusConnection.ONLINE,
			utcOffset: 0,
			createdAt: record.createdAt,
			updatedAt: record.createdAt,
			lastLoginAt: record.loginTokens.at(-1)?.when ?? record.createdAt,
			...(record.appId ? { appId: record.appId } : {}),
		};
	}

	public userById(id: string | undefined): IUser | undefined {
		const record = id ? this.workspace.findUser(id) : undefined;
		return record ? this.user(record) : undefined;
	}

	public department(record: DepartmentRecord): IDepartment {
		return {
			id: record._id,
			name: record.name,
			email: record.email,
			enabled: record.enabled,
			updatedAt: record._updatedAt,
			numberOfAgents: record.agentIds.length,
			showOnOfflineForm: record.showOnOfflineForm,
			showOnRegistration: record.showOnRegistration,
		};
	}

	public departmentById(id: string | undefined): IDepartment | undefined {
		const record = id ? this.workspace.departments.get(id) : undefined;
		return record ? this.department(record) : undefined;
	}

	public visitor(record: VisitorRecord): IVisitor {
		return {
			id: record._id,
			token: record.token,
			username: record.username,
			name: record.name ?? record.username,
			department: record.department,
			updatedAt: record.ts,
			status: 'online',
			...(record.email ? { visitorEmails: [{ address: record.email }] } : {}),
			...(record.phone ? { phone: [{ phoneNumber: record.phone }] } : {}),
			...(record.livechatData ? { livechatData: { ...record.livechatData } } : {}),
		};
	}

	public room(record: RoomRecord): ILivechatRoom {
		const visitor = this.workspace.visitors.get(record.v._id);
		const mapsCloser = this.workspace.profile.roomCloserMapped === 'mapped';
		// closedBy: the user who closed it, else the visitor (`closer` says which).
		const closedBy = (closed: RoomRecord) =>
			closed.closer === 'visitor'
				? ((visitor ? this.visitor(visitor) : undefined) as unknown as IUser)
				: this.userById(closed.closedBy?._id);
		const department = record.departmentId ? this.workspace.departments.get(record.departmentId) : undefined;
		return {
			id: record._id,
			displayName: record.fname,
			slugifiedName: record.fname,
			type: RoomType.LIVE_CHAT,
			creator: undefined as unknown as IUser,
			usernames: [],
			visitor: visitor
				? this.visitor(visitor)
				: ({
						id: record.v._id,
						token: record.v.token,
						username: record.v.username,
						name: record.v.username,
					} as IVisitor),
			department: department ? this.department(department) : undefined,
			servedBy: this.userById(record.servedBy?._id),
			// From about 6.12 the converter maps who closed the room; before, both stay unmapped (versionProfile).
			...(mapsCloser
				? {
						closedBy: closedBy(record),
						closer: record.closer as ILivechatRoom['closer'],
					}
				: {}),
			isOpen: record.open === true,
			isWaitingResponse: false,
			closedAt: record.closedAt,
			createdAt: record.ts,
			updatedAt: record.closedAt ?? record.ts,
			messageCount: record.msgs,
			source: { ...record.source } as ILivechatRoom['source'],
			// Rocket.Chat's converter hands fields it does not map to apps under this key.
			...({
				_unmappedProperties_: {
					t: record.t,
					...(record.lastMessage ? { lastMessage: record.lastMessage } : {}),
					...(record.onHold ? { onHold: true } : {}),
					...(!mapsCloser && record.closer ? { closer: record.closer } : {}),
					...(!mapsCloser && record.closedBy ? { closedBy: { ...record.closedBy } } : {}),
				},
			} as object),
		} as ILivechatRoom;
	}

	/**
	 * A message as Rocket.Chat's messages converter gives it to apps (convertMessage): its room and sender converted
	 * (a visitor's message: the visitor as a user), its editor read by id, its attachments converted (attachments.ts),
	 * `file` as stored, `files` where the version maps them (versionProfile `messageFilesMapped`), and what is not
	 * mapped under `_unmappedProperties_`.
	 */
	public message(record: MessageRecord): IMessage | undefined {
		const room = this.workspace.findRoom(record.rid);
		if (!room) {
			return undefined;
		}
		const user = this.workspace.findUser(record.u._id);
		const sender: IUser = user
			? this.user(user)
			: ({ id: record.u._id, username: record.u.username, name: record.u.name ?? record.u.username } as IUser);
		const mapsFiles = this.workspace.profile.messageFilesMapped === 'mapped';
		return {
			id: record._id,
			text: record.msg,
			createdAt: record.ts,
			updatedAt: record._updatedAt,
			...(record.editedAt ? { editedAt: record.editedAt } : {}),
			...(record.alias !== undefined ? { alias: record.alias } : {}),
			...(record.file ? { file: { ...record.file } } : {}),
			...(record.customFields ? { customFields: record.customFields } : {}),
			...(record.groupable !== undefined ? { groupable: record.groupable } : {}),
			...(record.token ? { token: record.token } : {}),
			...(record.blocks ? { blocks: record.blocks as IMessage['blocks'] } : {}),
			...(record.t ? { type: record.t as IMessage['type'] } : {}),
			...(mapsFiles && record.files ? { files: filesForApps(record) } : {}),
			room: this.room(room),
			...(record.editedBy ? { editor: this.userById(record.editedBy._id) } : {}),
			...(record.attachments ? { attachments: this.attachments(record) } : {}),
			sender,
			_unmappedProperties_: unmappedOf(record),
		} as IMessage;
	}

	/**
	 * A message as RoomBridge.getMessages hands it over (convertMessageRaw): nothing read, the stored sender (`u`),
	 * room id and editor as they are, the attachments converted.
	 */
	public messageRaw(record: MessageRecord): IMessageRaw {
		const mapsFiles = this.workspace.profile.messageFilesMapped === 'mapped';
		return {
			id: record._id,
			text: record.msg,
			createdAt: record.ts,
			updatedAt: record._updatedAt,
			...(record.editedAt ? { editedAt: record.editedAt } : {}),
			...(record.alias !== undefined ? { alias: record.alias } : {}),
			...(record.file ? { file: { ...record.file } } : {}),
			...(mapsFiles && record.files ? { files: record.files.map((file) => ({ ...file })) } : {}),
			...(record.customFields ? { customFields: record.customFields } : {}),
			...(record.groupable !== undefined ? { groupable: record.groupable } : {}),
			...(record.token ? { token: record.token } : {}),
			...(record.blocks ? { blocks: record.blocks as IMessageRaw['blocks'] } : {}),
			roomId: record.rid,
			...(record.editedBy ? { editor: { ...record.editedBy } } : {}),
			...(record.attachments ? { attachments: this.attachments(record) } : {}),
			sender: { ...record.u },
			...(record.t ? { type: record.t } : {}),
			_unmappedProperties_: {
				...(record.transferData ? { transferData: record.transferData } : {}),
				...(!mapsFiles && record.files ? { files: record.files } : {}),
			},
		} as IMessageRaw;
	}

	/**
	 * An upload as Rocket.Chat's uploads converter gives it (convertToApp): its stored fields renamed, its room, user or
	 * visitor converted, the rest (an image's `identify`, `typeGroup`) under `_unmappedProperties_`.
	 */
	public upload(record: UploadRecord): IUpload {
		const room = this.workspace.findRoom(record.rid);
		const visitor = record.visitorToken ? this.workspace.findVisitorByToken(record.visitorToken) : undefined;
		return {
			id: record._id,
			name: record.name,
			size: record.size as unknown as IUpload['size'],
			type: record.type,
			store: record.store as IUpload['store'],
			complete: record.complete,
			uploading: record.uploading,
			progress: record.progress,
			etag: record.etag,
			path: record.path,
			token: record.token,
			url: record.url,
			updatedAt: record._updatedAt,
			uploadedAt: record.uploadedAt,
			room: (room ? this.room(room) : undefined) as IRoom,
			...(record.userId ? { user: this.userById(record.userId) } : {}),
			...(visitor ? { visitor: this.visitor(visitor) } : {}),
			_unmappedProperties_: {
				...(record.identify ? { identify: record.identify } : {}),
				...(record.typeGroup ? { typeGroup: record.typeGroup } : {}),
			},
			// No `extension`: the Uploads store's insert does not set it (only UploadFS's own upload route did).
		} as unknown as IUpload;
	}

	private attachments(record: MessageRecord): IMessageAttachment[] {
		const attachments = (record.attachments ?? []) as StoredAttachment[];
		const fileIds =
			this.workspace.profile.messageFilesMapped === 'mapped'
				? { mainFileId: record.file?._id, lone: attachments.length === 1 }
				: undefined;
		return attachments.map((attachment) => toAppAttachment(attachment, fileIds));
	}
}

/**
 * convertMessageFiles: `files` as stored; of an old image message with two files and one attachment, the second is
 * marked as the thumbnail.
 */
function filesForApps(record: MessageRecord): IMessage['files'] {
	const files = record.files ?? [];
	return files.map((file, index) =>
		!file.typeGroup && files.length === 2 && record.attachments?.length === 1 && index === 1
			? { ...file, typeGroup: 'thumb' }
			: { ...file },
	);
}

/**
 * What transformMappedData leaves unmapped of a stored message: a transfer's data, and `files` (unmapped before the
 * newest converter, which maps them by a function that does not remove them from the source).
 */
function unmappedOf(record: MessageRecord): Record<string, unknown> {
	return {
		...(record.transferData ? { transferData: record.transferData } : {}),
		...(record.files ? { files: record.files.map((file) => ({ ...file })) } : {}),
	};
}
