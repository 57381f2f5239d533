import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import type { IRoomMemory } from '../conversation/IRoomMemory';

/** One record per room the app has something to remember about. */
type RoomRecord = {
	welcomed?: boolean;
	/** Bot messages whose quick replies were answered; the newest are kept. */
	answered?: string[];
};

const KIND = 'rasa-room-memory';
const MAX_ANSWERED = 50;

/**
 * IRoomMemory in app persistence, which Rocket.Chat keeps in its database for every instance. A claim is a read
 * then a write: within an instance the room's steps run one at a time; across instances two claims of the same
 * thing in the same moment could both win (the README says so).
 */
export class AppsEngineRoomMemory implements IRoomMemory {
	constructor(
		private readonly reader: IPersistenceRead,
		private readonly writer: IPersistence | undefined,
	) {}

	public async claimWelcome(roomId: string): Promise<boolean> {
		const record = await this.recordOf(roomId);
		if (record.welcomed) {
			return false;
		}
		await this.save(roomId, { ...record, welcomed: true });
		return true;
	}

	public async claimQuickReply(roomId: string, messageId: string): Promise<boolean> {
		const record = await this.recordOf(roomId);
		const answered = record.answered ?? [];
		if (answered.includes(messageId)) {
			return false;
		}
		await this.save(roomId, { ...record, answered: [...answered, messageId].slice(-MAX_ANSWERED) });
		return true;
	}

	public async forget(roomId: string): Promise<void> {
		await this.writer?.removeByAssociations(associationsOf(roomId));
	}

	private async recordOf(roomId: string): Promise<RoomRecord> {
		const records = (await this.reader.readByAssociations(associationsOf(roomId))) as RoomRecord[] | undefined;
		return records?.[0] ?? {};
	}

	private async save(roomId: string, record: RoomRecord): Promise<void> {
		if (!this.writer) {
			throw new Error('app persistence cannot be written in this call');
		}
		const id = await this.writer.updateByAssociations(associationsOf(roomId), record, true);
		if (!id) {
			// A missing permission makes the engine answer nothing rather than fail.
			throw new Error('app persistence stored nothing: is the "persistence" permission granted?');
		}
	}
}

function associationsOf(roomId: string): RocketChatAssociationRecord[] {
	return [
		new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, roomId),
		new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, KIND),
	];
}
