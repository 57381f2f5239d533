import type { WorkspaceStore } from './WorkspaceStore';
import type { WorkspaceEvents } from './events';
import { newId } from './ids';
import type { Actor, RoomMessages } from './messages';
import { PlainError } from './plainError';
import { isOnlineAgent, type Routing } from './routing';
import type { RoomRecord, TransferData, UserRecord } from './types';

/** The room as a caller read it (an app's copy), which Rocket.Chat's transfer checks instead of the stored room. */
export type SeenRoom = { open: boolean; departmentId?: string; servedById?: string };

/** Who asked for a transfer, as Rocket.Chat records it (for apps: the app's own user). */
export type TransferActor = Actor & { name?: string; type: string };

/** A department transfer's extras: a named agent of it, the room as the caller read it, the transferrer's comment. */
export type TransferOptions = { agentId?: string; seen?: SeenRoom; comment?: string };

/**
 * Transfers, as Livechat.transfer → RoutingManager.transferRoom → forwardRoomToDepartment / forwardRoomToAgent
 * (lib/Helper.ts, lib/transfer.ts) do them, with what differs by version (versionProfile).
 */
export class Transfers {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly events: WorkspaceEvents,
		private readonly routing: Routing,
		private readonly messages: RoomMessages,
	) {}

	/**
	 * Transfers a room to a department: false when the room is not open; errors for on-hold rooms, unknown or same
	 * departments, and when no online agent other than the current one can take it (a bot agent can: it is an
	 * agent), or the named agent when one is given (online, and in the department). Manual routing queues the room
	 * in the department instead.
	 */
	public toDepartment(roomId: string, departmentId: string, by: TransferActor, options: TransferOptions = {}): boolean {
		const { agentId, seen, comment } = options;
		const { store } = this;
		const room = store.rooms.get(roomId);
		// Rocket.Chat checks the room the caller read (an app's copy): a stale copy passes the checks.
		const asSeen = seen ?? { open: !!room?.open, departmentId: room?.departmentId, servedById: room?.servedBy?._id };
		if (!room || !asSeen.open) {
			return false;
		}
		if (room.onHold) {
			throw new PlainError('error-room-onHold');
		}
		const department = store.departments.get(departmentId);
		if (!department) {
			throw new PlainError('error-invalid-department');
		}
		if (asSeen.departmentId === departmentId) {
			throw new PlainError('error-forwarding-chat-same-department');
		}
		const previousDepartment = asSeen.departmentId;
		const previousAgent = asSeen.servedById ? store.users.get(asSeen.servedById) : undefined;
		// A named agent of the department takes it, when they are online (forwardRoomToDepartment with a userId).
		const named = agentId ? store.users.get(agentId) : undefined;
		if (agentId && (!named || !isOnlineAgent(named))) {
			throw new PlainError('error-user-is-offline');
		}
		if (named && !department.agentIds.includes(named._id)) {
			throw new PlainError('error-user-not-belong-to-department');
		}
		let nextAgent: UserRecord | undefined;
		if (store.settings.Livechat_Routing_Method === 'Auto_Selection') {
			nextAgent = named ?? this.routing.nextAgent(departmentId, previousAgent?._id);
			if (!nextAgent) {
				if (store.profile.departmentTransferNobody === 'false') {
					this.followVisitor(room, departmentId);
					return false;
				}
				throw new PlainError('error-no-agents-online-in-department');
			}
		}
		room.departmentId = departmentId;
		this.followVisitor(room, departmentId);
		const transfer = () =>
			this.recordTransfer(room, by, {
				scope: 'department',
				...(comment ? { comment } : {}),
				...(previousDepartment ? { previousDepartment } : {}),
				nextDepartment: { _id: department._id, name: department.name },
			});
		if (nextAgent) {
			this.handOver(room, previousAgent, nextAgent, transfer, {
				scope: 'department',
				from: previousDepartment,
				to: departmentId,
			});
		} else {
			transfer();
			if (previousAgent) {
				delete room.servedBy;
				this.events.emit({ type: 'agent-unassigned', room, agent: previousAgent });
			}
			store.inquiries.set(room._id, {
				_id: store.inquiries.get(room._id)?._id ?? newId(),
				rid: room._id,
				department: departmentId,
				status: 'queued',
				ts: new Date(),
			});
			this.events.emit({
				type: 'room-transferred',
				room,
				scope: 'department',
				from: previousDepartment,
				to: departmentId,
			});
		}
		return true;
	}

	/** 5.x makes the department the visitor's own for their next chats (versionProfile `visitorDepartmentFollowsTransfer`). */
	private followVisitor(room: RoomRecord, departmentId: string): void {
		const visitor = this.store.visitors.get(room.v._id);
		if (visitor && this.store.profile.visitorDepartmentFollowsTransfer === 'yes') {
			visitor.department = departmentId;
		}
	}

	/**
	 * Transfers a room to one agent (forwardRoomToAgent, lib/Helper.ts), checking what Rocket.Chat checks on the
	 * room the caller read: false when it is not open; the agent must be online and available (a bot only
	 * available), and not the one serving it already.
	 */
	public toAgent(roomId: string, seenOpen: boolean, agentId: string, by: TransferActor, comment?: string): boolean {
		const room = this.store.rooms.get(roomId);
		if (!room || !seenOpen) {
			return false;
		}
		if (room.onHold) {
			throw new PlainError('error-room-onHold');
		}
		const agent = this.store.users.get(agentId);
		if (!agent || !isOnlineAgent(agent)) {
			throw new PlainError('error-user-is-offline');
		}
		if (room.servedBy?._id === agent._id) {
			throw new PlainError('error-selected-agent-room-agent-are-same');
		}
		if (!this.store.inquiries.has(room._id)) {
			throw new PlainError('error-invalid-inquiry');
		}
		const previousAgent = room.servedBy ? this.store.users.get(room.servedBy._id) : undefined;
		this.handOver(
			room,
			previousAgent,
			agent,
			() =>
				this.recordTransfer(room, by, {
					scope: 'agent',
					...(comment ? { comment } : {}),
					transferredTo: { _id: agent._id, username: agent.username, name: agent.name },
				}),
			{ scope: 'agent', from: previousAgent?._id, to: agent._id },
		);
		return true;
	}

	/**
	 * The new agent takes the room, then the transfer is recorded, and apps hear of it as Rocket.Chat tells them:
	 * assigned (the new agent), then unassigned (the old one) and transferred, in the order each version sends them
	 * (versionProfile `transferEvents`). Rocket.Chat awaits none of them.
	 */
	private handOver(
		room: RoomRecord,
		previousAgent: UserRecord | undefined,
		nextAgent: UserRecord,
		recordTransfer: () => void,
		transferred: { scope: 'agent' | 'department'; from?: string; to: string },
	): void {
		this.routing.assign(room, nextAgent);
		recordTransfer();
		const unassigned = () => {
			if (previousAgent) {
				this.events.emit({ type: 'agent-unassigned', room, agent: previousAgent });
			}
		};
		const announce = () => this.events.emit({ type: 'room-transferred', room, ...transferred });
		if (this.store.profile.transferEvents === 'unassigned-first') {
			unassigned();
			announce();
		} else {
			announce();
			unassigned();
		}
	}

	private recordTransfer(room: RoomRecord, by: TransferActor, data: Omit<TransferData, 'transferredBy' | 'ts'>): void {
		this.messages.add(room, {
			msg: '',
			t: 'livechat_transfer_history',
			u: { _id: by._id, username: by.username },
			transferData: { transferredBy: { ...by }, ts: new Date(), ...data },
		});
	}
}
