import type { IDepartment, ILivechatRoom, IVisitor } from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';
import { UserStatusConnection, UserType, type IUser } from '@rocket.chat/apps-engine/definition/users';

import { toAppAttachment, type StoredAttachment } from './attachments';
import type { Workspace } from '../workspace/Workspace';
import type { DepartmentRecord, MessageRecord, RoomRecord, UserRecord, VisitorRecord } from '../workspace/types';

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

	public message(record: MessageRecord): IMessage | undefined {
		const room = this.workspace.findRoom(record.rid);
		if (!room) {
			return undefined;
		}
		const user = this.workspace.findUser(record.u._id);
		const sender: IUser = user
			? this.user(user)
			: ({ id: record.u._id, username: record.u.username, name: record.u.name ?? record.u.username } as IUser);
		return {
			id: record._id,
			room: this.room(room),
			sender,
			text: record.msg,
			createdAt: record.ts,
			updatedAt: record._updatedAt,
			editedAt: record.editedAt,
			attachments: (record.attachments as StoredAttachment[] | undefined)?.map(toAppAttachment),
			blocks: record.blocks as IMessage['blocks'],
			customFields: record.customFields,
			...(record.t ? { type: record.t as IMessage['type'] } : {}),
			...(record.token ? { token: record.token } : {}),
		};
	}
}
