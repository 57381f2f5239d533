import type { IMessageRaw } from '@rocket.chat/apps-engine/definition/messages';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { RoomBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';

/** Room reads. The sandbox has livechat rooms only; other room kinds are not found. */
export abstract class SandboxRoomBridge extends RoomBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	protected async getById(roomId: string): Promise<IRoom> {
		const room = this.context.workspace.findRoom(roomId);
		return (room ? this.context.convert.room(room) : undefined) as IRoom;
	}

	protected async getByName(roomName: string): Promise<IRoom> {
		const room = [...this.context.workspace.rooms.values()].find((candidate) => candidate.fname === roomName);
		return (room ? this.context.convert.room(room) : undefined) as IRoom;
	}

	protected async getMembers(roomId: string): Promise<IUser[]> {
		const room = this.context.workspace.findRoom(roomId);
		const served = this.context.convert.userById(room?.servedBy?._id);
		return served ? [served] : [];
	}

	protected async getMessages(roomId: string): Promise<IMessageRaw[]> {
		return this.context.workspace.history(roomId).map((message) => ({
			id: message._id,
			roomId: message.rid,
			sender: { _id: message.u._id, username: message.u.username, name: message.u.name },
			text: message.msg,
			createdAt: message.ts,
			updatedAt: message._updatedAt,
		})) as unknown as IMessageRaw[];
	}
}
