import type { IMessageRaw } from '@rocket.chat/apps-engine/definition/messages';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';
import { RoomBridge } from '@rocket.chat/apps-engine/server/bridges';
import type { GetMessagesOptions } from '@rocket.chat/apps-engine/server/bridges/RoomBridge';

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

	/**
	 * RoomBridge.getMessages as Rocket.Chat's AppRoomBridge answers it (apps/server/bridges/rooms.ts): the room's
	 * messages that are not hidden and have no type (no system messages), thread messages only with
	 * showThreadMessages, sorted by `createdAt` (the stored `ts`) when asked, else in the order stored, `skip` then
	 * `limit` (the engine's RoomRead checks it and defaults it to 100), each as convertMessageRaw gives it. Before the
	 * engine had the method (versionProfile `roomMessagesRead`) it throws as that engine did.
	 */
	protected async getMessages(roomId: string, options: GetMessagesOptions): Promise<IMessageRaw[]> {
		if (this.context.workspace.profile.roomMessagesRead === 'not-implemented') {
			throw new Error('Method not implemented.');
		}
		const { limit, skip = 0, sort, showThreadMessages } = options;
		const visible = this.context.workspace
			.history(roomId)
			.filter((message) => !message.t && (showThreadMessages || !(message as { tmid?: string }).tmid));
		if (sort?.createdAt) {
			const direction = sort.createdAt === 'desc' ? -1 : 1;
			visible.sort((a, b) => direction * (a.ts.getTime() - b.ts.getTime()));
		}
		return visible.slice(skip, skip + limit).map((message) => this.context.convert.messageRaw(message));
	}
}
