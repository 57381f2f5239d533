import type {
	IDepartment,
	ILivechatRoom,
	ILivechatTransferData,
	IVisitor,
	ILivechatMessage,
} from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { LivechatBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';

/**
 * Omnichannel for apps, as Rocket.Chat's LivechatBridge: close and transfer go through the workspace's livechat
 * rules; errors carry Rocket.Chat's codes ("... [error-room-closed]").
 */
export abstract class SandboxLivechatBridge extends LivechatBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	protected isOnline(departmentId?: string): boolean {
		return this.context.workspace.isOnline(departmentId);
	}

	protected async isOnlineAsync(departmentId?: string): Promise<boolean> {
		return this.context.workspace.isOnline(departmentId);
	}

	protected async findVisitorByToken(token: string): Promise<IVisitor | undefined> {
		const visitor = this.context.workspace.findVisitorByToken(token);
		return visitor ? this.context.convert.visitor(visitor) : undefined;
	}

	protected async findVisitorById(id: string): Promise<IVisitor | undefined> {
		const visitor = this.context.workspace.visitors.get(id);
		return visitor ? this.context.convert.visitor(visitor) : undefined;
	}

	protected async findDepartmentByIdOrName(value: string): Promise<IDepartment | undefined> {
		const department = this.context.workspace.findDepartment(value);
		return department ? this.context.convert.department(department) : undefined;
	}

	protected async findDepartmentsEnabledWithAgents(): Promise<IDepartment[]> {
		return [...this.context.workspace.departments.values()]
			.filter((department) => department.enabled && department.agentIds.length > 0)
			.map((department) => this.context.convert.department(department));
	}

	/** The visitor's open rooms (by token, as Rocket.Chat looks them up), optionally in one department. */
	protected async findRooms(visitor: IVisitor, departmentId: string | null): Promise<ILivechatRoom[]> {
		if (!visitor) {
			return [];
		}
		return [...this.context.workspace.rooms.values()]
			.filter(
				(room) => room.open && room.v.token === visitor.token && (!departmentId || room.departmentId === departmentId),
			)
			.map((room) => this.context.convert.room(room));
	}

	protected async findOpenRoomsByAgentId(agentId: string): Promise<ILivechatRoom[]> {
		return [...this.context.workspace.rooms.values()]
			.filter((room) => room.open && room.servedBy?._id === agentId)
			.map((room) => this.context.convert.room(room));
	}

	protected async countOpenRoomsByAgentId(agentId: string): Promise<number> {
		return (await this.findOpenRoomsByAgentId(agentId)).length;
	}

	/**
	 * A message on the visitor's behalf (e.g. a quick reply the visitor clicked): into a new chat when the visitor's
	 * room closed meanwhile, as Rocket.Chat does (Workspace.sendVisitorMessageFromApp).
	 */
	protected async createMessage(message: ILivechatMessage, appId: string): Promise<string> {
		const token = message.visitor?.token ?? message.token;
		if (!token) {
			throw new Error('Invalid token for livechat message');
		}
		// A chat this opens comes from the app, named by its slug (the app user is "<slug>.bot").
		const appUser = this.context.workspace.findAppUser(appId);
		const alias = appUser?.username.replace(/\.bot$/, '') ?? appId;
		// The messages converter keeps customFields, and sendMessage checks them (RoomMessages.checkCustomFields).
		return this.context.workspace.sendVisitorMessageFromApp(
			token,
			message.room?.id ?? '',
			message.text ?? '',
			message.customFields ?? undefined,
			{ type: 'app', id: appId, alias },
		)._id;
	}

	/**
	 * Rocket.Chat checks the room object the app passes (a stale "open" passes), then closes the stored room; the
	 * workspace applies both halves, answering as the version does (see Closing.closeForApp).
	 */
	protected async closeRoom(room: ILivechatRoom, comment: string, closer: IUser | undefined): Promise<boolean> {
		const user = closer?.id ? this.context.workspace.findUser(closer.id) : undefined;
		return this.context.workspace.closeRoomForApp(room?.id ?? '', comment ?? '', { user }, room?.isOpen === true);
	}

	/** As Rocket.Chat's bridge: the app's own user is recorded as the one who transferred the chat. */
	protected async transferVisitor(
		visitor: IVisitor,
		transferData: ILivechatTransferData,
		appId: string,
	): Promise<boolean> {
		if (!visitor) {
			throw new Error('Invalid visitor, cannot transfer');
		}
		const { currentRoom, targetDepartment, targetAgent } = transferData;
		const appUser = this.context.workspace.findAppUser(appId);
		if (!appUser) {
			throw new Error('Invalid app user, cannot transfer');
		}
		if (!currentRoom?.id || (!targetDepartment && !targetAgent?.id)) {
			return false;
		}
		const by = { _id: appUser._id, username: appUser.username, name: appUser.name, type: appUser.type };
		if (targetAgent?.id) {
			const agent = this.context.workspace.findUser(targetAgent.id);
			if (!agent?.roles.includes('livechat-agent')) {
				throw new Error('Invalid target agent, cannot transfer');
			}
		}
		// With a department Rocket.Chat forwards to the department (RoutingManager.transferRoom).
		if (!targetDepartment && targetAgent?.id) {
			return this.context.workspace.transferToAgent(currentRoom.id, currentRoom.isOpen === true, targetAgent.id, by);
		}
		// Rocket.Chat's transfer checks the room the app passes, not the stored one (bridges/livechat.ts: convertAppRoom).
		const seen = {
			open: currentRoom.isOpen === true,
			departmentId: currentRoom.department?.id,
			servedById: currentRoom.servedBy?.id,
		};
		return this.context.workspace.transferToDepartment(currentRoom.id, targetDepartment as string, by, {
			agentId: targetAgent?.id,
			seen,
		});
	}

	protected async _fetchLivechatRoomMessages(_appId: string, roomId: string): Promise<IMessage[]> {
		return this.context.workspace
			.history(roomId)
			.map((message) => this.context.convert.message(message))
			.filter((message): message is IMessage => !!message);
	}
}
