import type { ILogger, IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
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

/** A Session that remembers the room it was read from, so closing or transferring needs no second read. */
class RoomSession implements Session {
	public readonly id: string;

	public readonly isLivechat: boolean;

	public readonly isOpen: boolean;

	public readonly servedByUsername?: string;

	public readonly departmentId?: string;

	constructor(public readonly room: IRoom) {
		const livechat = room as Partial<ILivechatRoom>;
		this.id = room.id;
		this.isLivechat = room.type === RoomType.LIVE_CHAT;
		// Rocket.Chat unsets `open` when it closes a room, so only an explicit true means open.
		this.isOpen = this.isLivechat && livechat.isOpen === true;
		this.servedByUsername = livechat.servedBy?.username || undefined;
		this.departmentId = livechat.department?.id || undefined;
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
		const room = roomOf(session) as ILivechatRoom;
		if (!room.servedBy) {
			return;
		}
		const message = this.modify.getCreator().startMessage().setRoom(room).setSender(room.servedBy).setText(text);
		await this.modify.getCreator().finish(message);
	}
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
