import { WorkspaceError } from './WorkspaceError';
import { WorkspaceStore } from './WorkspaceStore';
import { validateCustomFields } from './customFields';
import { newId } from './ids';
import type { InquiryRecord, MessageRecord, RoomRecord, TransferData, UserRecord, VisitorRecord } from './types';

/** What happened in the workspace; sandbox/src/engine/appEvents.ts turns each into the app event Rocket.Chat fires. */
export type WorkspaceEvent =
	| { type: 'message-sent'; message: MessageRecord; room: RoomRecord }
	| { type: 'message-updated'; message: MessageRecord; room: RoomRecord }
	| { type: 'room-started'; room: RoomRecord }
	| { type: 'agent-assigned'; room: RoomRecord; agent: UserRecord }
	| { type: 'agent-unassigned'; room: RoomRecord; agent: UserRecord }
	| { type: 'room-transferred'; room: RoomRecord; scope: 'agent' | 'department'; from?: string; to: string }
	| { type: 'room-closed'; room: RoomRecord }
	| { type: 'typing'; roomId: string; username: string; typing: boolean };

type Actor = { _id: string; username: string };

/** The room as a caller read it (an app's copy), which Rocket.Chat's transfer checks instead of the stored room. */
export type SeenRoom = { open: boolean; departmentId?: string; servedById?: string };

/** Who asked for a transfer, as Rocket.Chat records it (for apps: the app's own user). */
export type TransferActor = Actor & { name?: string; type: string };

type NewMessage = Omit<MessageRecord, '_id' | 'rid' | 'ts' | '_updatedAt'> & { _id?: string };

/**
 * An in-memory Rocket.Chat workspace: the records (WorkspaceStore) and the livechat rules that act on them,
 * following Rocket.Chat's livechat server (see sandbox/FIDELITY.md for each rule's source). Every check-and-change
 * runs synchronously, in one tick, as one database operation would.
 */
export class Workspace extends WorkspaceStore {
	private readonly listeners: Array<(event: WorkspaceEvent) => void> = [];

	public onEvent(listener: (event: WorkspaceEvent) => void): void {
		this.listeners.push(listener);
	}

	/** Someone shows as typing in a room, or stops (an app's notifier, an agent's client). */
	public setTyping(roomId: string, username: string, typing: boolean): void {
		this.emit({ type: 'typing', roomId, username, typing });
	}

	private emit(event: WorkspaceEvent): void {
		for (const listener of this.listeners) {
			listener(event);
		}
	}

	// ---- routing (QueueManager.requestRoom, RoutingManager.delegateInquiry / takeInquiry)

	/** The visitor's open room, or a new one: created, announced (room-started), then routed. */
	public openRoom(token: string): { room: RoomRecord; newRoom: boolean } {
		if (!this.settings.Livechat_enabled) {
			throw new WorkspaceError('error-livechat-disabled', 'Livechat is disabled');
		}
		const visitor = this.findVisitorByToken(token);
		if (!visitor) {
			throw new WorkspaceError('invalid-token', 'No visitor has this token; register it first');
		}
		const open = this.openRoomOf(visitor);
		if (open) {
			return { room: open, newRoom: false };
		}
		const departmentId =
			visitor.department && this.departments.has(visitor.department) ? visitor.department : undefined;
		const bot = this.settings.Livechat_assign_new_conversation_to_bot ? this.nextBot(departmentId) : undefined;
		if (!this.settings.Livechat_accept_chats_with_no_agents) {
			const nobody = departmentId ? !bot && !this.hasOnlineAgent(departmentId) : !this.hasOnlineAgent(undefined);
			if (nobody) {
				throw new WorkspaceError('no-agent-online', 'Sorry, no online agents');
			}
		}
		const room = this.createRoom(visitor, departmentId);
		// Auto selection routes every inquiry at once; manual selection lets only a bot skip the queue.
		const ready = this.settings.Livechat_Routing_Method === 'Auto_Selection' || !!bot;
		this.inquiries.set(room._id, {
			_id: newId(),
			rid: room._id,
			department: departmentId,
			status: ready ? 'ready' : 'queued',
			ts: new Date(),
		});
		// Rocket.Chat announces the room before routing it: the event's room has no servedBy.
		this.emit({ type: 'room-started', room: { ...room } });
		if (ready) {
			const agent = bot ?? this.nextAgent(departmentId);
			if (agent) {
				this.assign(room, agent);
			}
		}
		return { room, newRoom: true };
	}

	private createRoom(visitor: VisitorRecord, departmentId: string | undefined): RoomRecord {
		const room: RoomRecord = {
			_id: newId(),
			t: 'l',
			fname: visitor.name ?? visitor.username,
			open: true,
			v: { _id: visitor._id, token: visitor.token, username: visitor.username },
			departmentId,
			ts: new Date(),
			msgs: 0,
		};
		this.rooms.set(room._id, room);
		return room;
	}

	/** takeInquiry + assignAgent: the agent serves the room, and apps hear of it once the room is updated. */
	private assign(room: RoomRecord, agent: UserRecord): void {
		room.servedBy = { _id: agent._id, username: agent.username, ts: new Date() };
		const inquiry = this.inquiries.get(room._id);
		if (inquiry) {
			inquiry.status = 'taken';
			inquiry.department = room.departmentId;
		}
		this.emit({ type: 'agent-assigned', room, agent });
	}

	/**
	 * An agent takes a waiting chat (livechat/inquiries.take): the inquiry must exist and wait, and the agent must be
	 * an online, available livechat agent (app/livechat/server/methods/takeInquiry.ts); then RoutingManager.takeInquiry.
	 */
	public takeInquiry(inquiryId: string, agentId: string): RoomRecord {
		const inquiry = [...this.inquiries.values()].find((candidate) => candidate._id === inquiryId);
		if (!inquiry) {
			throw new WorkspaceError('error-not-found', 'Inquiry not found');
		}
		if (inquiry.status === 'taken') {
			throw new WorkspaceError('error-inquiry-taken', 'Inquiry already taken');
		}
		const agent = this.findUser(agentId);
		if (!agent || !this.isAvailable(agent)) {
			throw new WorkspaceError(
				'error-agent-status-service-offline',
				'Agent status is offline or Omnichannel service is not active',
			);
		}
		const room = this.rooms.get(inquiry.rid);
		if (!room?.open) {
			throw new WorkspaceError('error-room-closed', 'Room closed');
		}
		this.assign(room, agent);
		return room;
	}

	/**
	 * The queue an agent sees (livechat/inquiries.queuedForUser, findInquiries in the omnichannel inquiries lib):
	 * queued chats of the agent's enabled departments, or of the one department asked for, which must be one of them;
	 * chats with no department are always listed; an agent in no department sees only those. Oldest first.
	 */
	public queuedInquiriesFor(agentId: string, departmentId?: string): InquiryRecord[] {
		const own = [...this.departments.values()]
			.filter((department) => department.enabled && department.agentIds.includes(agentId))
			.map((department) => department._id);
		if (departmentId && own.length > 0 && !own.includes(departmentId)) {
			throw new WorkspaceError('error-not-authorized', 'Not authorized');
		}
		// An agent in no department sees only chats with no department, whatever was asked.
		let visible = own;
		if (own.length > 0 && departmentId) {
			visible = [departmentId];
		}
		return [...this.inquiries.values()]
			.filter((inquiry) => inquiry.status === 'queued')
			.filter((inquiry) => !inquiry.department || visible.includes(inquiry.department))
			.sort((a, b) => a.ts.getTime() - b.ts.getTime());
	}

	/** Chats waiting for an agent (queued, or ready with nobody to take them). */
	public waitingInquiries() {
		return [...this.inquiries.values()].filter((inquiry) => inquiry.status !== 'taken');
	}

	private isAvailable(user: UserRecord): boolean {
		return (
			user.active &&
			user.status !== 'offline' &&
			user.statusLivechat === 'available' &&
			user.roles.includes('livechat-agent')
		);
	}

	private membersOf(departmentId: string | undefined): UserRecord[] {
		const ids = departmentId ? (this.departments.get(departmentId)?.agentIds ?? []) : [...this.users.keys()];
		return ids.map((id) => this.users.get(id)).filter((user): user is UserRecord => !!user);
	}

	private hasOnlineAgent(departmentId: string | undefined): boolean {
		return this.membersOf(departmentId).some((user) => this.isOnlineAgent(user));
	}

	/**
	 * Round robin, as Rocket.Chat's routing picks agents (Users.getNextAgent, LivechatDepartmentAgents
	 * .getNextAgentForDepartment): the candidate with the lowest count of chats ever routed to them (a counter that
	 * only goes up, per department when there is one), then by username; the chosen one's counter goes up.
	 */
	private roundRobin(candidates: UserRecord[], departmentId: string | undefined): UserRecord | undefined {
		const department = departmentId ? this.departments.get(departmentId) : undefined;
		const countOf = (user: UserRecord) =>
			department ? (department.agentCounts?.[user._id] ?? 0) : (user.livechatCount ?? 0);
		const [next] = [...candidates].sort((a, b) => countOf(a) - countOf(b) || a.username.localeCompare(b.username));
		if (next && department) {
			department.agentCounts = { ...department.agentCounts, [next._id]: countOf(next) + 1 };
		} else if (next) {
			next.livechatCount = countOf(next) + 1;
		}
		return next;
	}

	/**
	 * Rocket.Chat's "online agent" (queryStatusAgentOnline): an available livechat agent that is online, or a bot
	 * whatever its presence.
	 */
	private isOnlineAgent(user: UserRecord): boolean {
		return (
			user.active &&
			user.statusLivechat === 'available' &&
			user.roles.includes('livechat-agent') &&
			(user.status !== 'offline' || user.roles.includes('bot'))
		);
	}

	/**
	 * "Assign new conversations to bot agent" (beforeDelegateAgent → getNextBotAgent / getNextBotForDepartment):
	 * a bot agent of the department, whatever its status.
	 */
	private nextBot(departmentId: string | undefined): UserRecord | undefined {
		return this.roundRobin(
			this.membersOf(departmentId).filter(
				(user) => user.active && user.roles.includes('bot') && user.roles.includes('livechat-agent'),
			),
			departmentId,
		);
	}

	/**
	 * Auto selection: the next online agent of the department (bots included: they are agents), round robin.
	 * Manual selection: nobody.
	 */
	private nextAgent(departmentId: string | undefined, ignoreAgentId?: string): UserRecord | undefined {
		if (this.settings.Livechat_Routing_Method !== 'Auto_Selection') {
			return undefined;
		}
		return this.roundRobin(
			this.membersOf(departmentId).filter((user) => this.isOnlineAgent(user) && user._id !== ignoreAgentId),
			departmentId,
		);
	}

	/**
	 * Rocket.Chat's online(): true when the workspace takes chats with no agents, when bots take new chats and the
	 * department (or workspace) has a bot agent, or when an agent there is online and available.
	 */
	public isOnline(departmentId?: string): boolean {
		if (this.settings.Livechat_accept_chats_with_no_agents) {
			return true;
		}
		if (this.settings.Livechat_assign_new_conversation_to_bot && this.nextBot(departmentId)) {
			return true;
		}
		return this.hasOnlineAgent(departmentId);
	}

	// ---- transfer (Livechat.transfer → RoutingManager.transferRoom → forwardRoomToDepartment / forwardRoomToAgent)

	/**
	 * Transfers a room to a department: false when the room is not open; errors for on-hold rooms, unknown or same
	 * departments, and when no online agent other than the current one can take it (a bot agent can: it is an
	 * agent), or the named agent when one is given (online, and in the department). Manual routing queues the room
	 * in the department instead. Rocket.Chat 5.3 also makes the department the visitor's own for their next chats;
	 * later versions do not.
	 */
	public transferToDepartment(
		roomId: string,
		departmentId: string,
		by: TransferActor,
		agentId?: string,
		seen?: SeenRoom,
	): boolean {
		const room = this.rooms.get(roomId);
		// Rocket.Chat checks the room the caller read (an app's copy): a stale copy passes the checks.
		const asSeen = seen ?? { open: !!room?.open, departmentId: room?.departmentId, servedById: room?.servedBy?._id };
		if (!room || !asSeen.open) {
			return false;
		}
		if (room.onHold) {
			throw new WorkspaceError('error-room-onHold', 'Room is on hold');
		}
		const department = this.departments.get(departmentId);
		if (!department) {
			throw new WorkspaceError('error-invalid-department', 'Invalid department');
		}
		if (asSeen.departmentId === departmentId) {
			throw new WorkspaceError(
				'error-forwarding-chat-same-department',
				'The selected department and the current room department are the same',
			);
		}
		const previousDepartment = asSeen.departmentId;
		const previousAgent = asSeen.servedById ? this.users.get(asSeen.servedById) : undefined;
		// A named agent of the department takes it, when they are online (forwardRoomToDepartment with a userId).
		const named = agentId ? this.users.get(agentId) : undefined;
		if (agentId && (!named || !this.isOnlineAgent(named))) {
			throw new WorkspaceError('error-user-is-offline', 'User is offline');
		}
		if (named && !department.agentIds.includes(named._id)) {
			throw new WorkspaceError(
				'error-user-not-belong-to-department',
				'The selected user does not belong to this department',
			);
		}
		let nextAgent: UserRecord | undefined;
		if (this.settings.Livechat_Routing_Method === 'Auto_Selection') {
			nextAgent = named ?? this.nextAgent(departmentId, previousAgent?._id);
			if (!nextAgent) {
				throw new WorkspaceError('error-no-agents-online-in-department', 'No agents online in the department');
			}
		}
		room.departmentId = departmentId;
		if (this.version === '5.3') {
			const visitor = this.visitors.get(room.v._id);
			if (visitor) {
				visitor.department = departmentId;
			}
		}
		const transfer = () =>
			this.recordTransfer(room, by, {
				scope: 'department',
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
				this.emit({ type: 'agent-unassigned', room, agent: previousAgent });
			}
			this.inquiries.set(room._id, {
				_id: this.inquiries.get(room._id)?._id ?? newId(),
				rid: room._id,
				department: departmentId,
				status: 'queued',
				ts: new Date(),
			});
			this.emit({ type: 'room-transferred', room, scope: 'department', from: previousDepartment, to: departmentId });
		}
		return true;
	}

	/**
	 * Transfers a room to one agent (forwardRoomToAgent, lib/Helper.ts), checking what Rocket.Chat checks on the
	 * room the caller read: false when it is not open; the agent must be online and available (a bot only
	 * available), and not the one serving it already.
	 */
	public transferToAgent(roomId: string, seenOpen: boolean, agentId: string, by: TransferActor): boolean {
		const room = this.rooms.get(roomId);
		if (!room || !seenOpen) {
			return false;
		}
		if (room.onHold) {
			throw new WorkspaceError('error-room-onHold', 'Room is on hold');
		}
		const agent = this.users.get(agentId);
		if (!agent || !this.isOnlineAgent(agent)) {
			throw new WorkspaceError('error-user-is-offline', 'User is offline');
		}
		if (room.servedBy?._id === agent._id) {
			throw new WorkspaceError(
				'error-selected-agent-room-agent-are-same',
				'The selected agent and the room agent are the same',
			);
		}
		if (!this.inquiries.has(room._id)) {
			throw new WorkspaceError('error-invalid-inquiry', 'Invalid inquiry');
		}
		const previousAgent = room.servedBy ? this.users.get(room.servedBy._id) : undefined;
		this.handOver(
			room,
			previousAgent,
			agent,
			() =>
				this.recordTransfer(room, by, {
					scope: 'agent',
					transferredTo: { _id: agent._id, username: agent.username, name: agent.name },
				}),
			{ scope: 'agent', from: previousAgent?._id, to: agent._id },
		);
		return true;
	}

	/**
	 * The new agent takes the room, then the transfer is recorded, and apps hear of it as Rocket.Chat tells them:
	 * assigned (the new agent), then unassigned (the old one) and transferred, in the order each version sends them
	 * (5.3: unassigned before transferred; later: transferred first). Rocket.Chat awaits none of them.
	 */
	private handOver(
		room: RoomRecord,
		previousAgent: UserRecord | undefined,
		nextAgent: UserRecord,
		recordTransfer: () => void,
		transferred: { scope: 'agent' | 'department'; from?: string; to: string },
	): void {
		this.assign(room, nextAgent);
		recordTransfer();
		const unassigned = () => {
			if (previousAgent) {
				this.emit({ type: 'agent-unassigned', room, agent: previousAgent });
			}
		};
		const announce = () => this.emit({ type: 'room-transferred', room, ...transferred });
		if (this.version === '5.3') {
			unassigned();
			announce();
		} else {
			announce();
			unassigned();
		}
	}

	private recordTransfer(room: RoomRecord, by: TransferActor, data: Omit<TransferData, 'transferredBy' | 'ts'>): void {
		this.addMessage(room, {
			msg: '',
			t: 'livechat_transfer_history',
			u: { _id: by._id, username: by.username },
			transferData: { transferredBy: { ...by }, ts: new Date(), ...data },
		});
	}

	// ---- close (lib/closeRoom.ts)

	/**
	 * Closes a room. Like Rocket.Chat, the open check is made on the room the caller read (`seenOpen`, the stored
	 * state when not given); the close then removes the room's inquiry, and a caller whose read was stale (it lost a
	 * race with another close) fails there with "Error removing inquiry". Apps hear of the close after its message.
	 */
	public closeRoom(roomId: string, comment: string, closer: { user?: Actor }, seenOpen?: boolean): void {
		const room = this.rooms.get(roomId);
		if (!room || !(seenOpen ?? room.open)) {
			throw new WorkspaceError('error-room-closed', 'Room closed');
		}
		if (this.settings.Livechat_request_comment_when_closing_conversation && !comment.trim()) {
			throw new WorkspaceError('error-comment-is-required', 'Comment is required');
		}
		if (!this.inquiries.delete(room._id)) {
			throw new Error('Error removing inquiry');
		}
		delete room.open;
		room.closedAt = new Date();
		room.closeComment = comment;
		if (closer.user) {
			room.closer = 'user';
			room.closedBy = { _id: closer.user._id, username: closer.user.username };
		} else {
			room.closer = 'visitor';
			room.closedBy = { _id: room.v._id, username: room.v.username };
		}
		this.addMessage(room, {
			msg: comment,
			t: 'livechat-close',
			u: room.closedBy,
			...(closer.user ? {} : { token: room.v.token }),
		});
		this.emit({ type: 'room-closed', room });
	}

	/**
	 * Deletes every closed room with its messages, as an admin's "remove all closed chats" does
	 * (livechat/rooms.removeAllClosedRooms in app/livechat/imports/server/rest/rooms.ts); the number removed.
	 */
	public removeClosedRooms(departmentIds?: string[]): number {
		const closed = [...this.rooms.values()].filter(
			(room) => !room.open && (!departmentIds?.length || departmentIds.includes(room.departmentId ?? '')),
		);
		closed.forEach((room) => this.deleteRoom(room._id));
		return closed.length;
	}

	// ---- messages (functions/sendMessage.ts, updateMessage.ts; livechat's sendMessage)

	/** Stores a message: the one way in, so every message meets the same checks and fires the same event. */
	public addMessage(room: RoomRecord, input: NewMessage): MessageRecord {
		this.checkCustomFields(input.customFields);
		if (input._id && this.findMessage(input._id)) {
			throw new WorkspaceError('error-duplicate-message', 'A message with this id exists');
		}
		const message: MessageRecord = {
			...input,
			_id: input._id ?? newId(),
			rid: room._id,
			ts: new Date(),
			_updatedAt: new Date(),
		};
		this.storeMessage(message);
		room.msgs++;
		room.lastMessage = { _id: message._id, msg: message.msg, ts: message.ts, u: { ...message.u } };
		this.emit({ type: 'message-sent', message, room });
		return message;
	}

	/** A visitor's message from the livechat widget (livechat/message, app/livechat/server/api/v1/message.ts). */
	public sendVisitorMessage(
		token: string,
		roomId: string,
		msg: string,
		options: { _id?: string; customFields?: Record<string, unknown> } = {},
	): MessageRecord {
		const visitor = this.findVisitorByToken(token);
		if (!visitor) {
			throw new WorkspaceError('invalid-token', 'Invalid token');
		}
		const room = this.rooms.get(roomId);
		if (room?.v._id !== visitor._id) {
			throw new WorkspaceError('invalid-room', 'Invalid room');
		}
		if (!room.open) {
			throw new WorkspaceError('room-closed', 'Room closed');
		}
		if (!msg.trim()) {
			throw new WorkspaceError('error-invalid-message', 'Message cannot be empty');
		}
		return this.addMessage(room, {
			...(options._id ? { _id: options._id } : {}),
			msg,
			token: visitor.token,
			u: { _id: visitor._id, username: visitor.username, name: visitor.name },
			...(options.customFields ? { customFields: options.customFields } : {}),
		});
	}

	/**
	 * A visitor's message an app writes (LivechatBridge.createMessage → sendMessage with getRoom, lib/rooms.ts):
	 * unlike the widget's route it refuses no closed room. When the visitor's room is not open, Rocket.Chat opens
	 * a new chat (created, announced and routed) and writes the message there. No size check on this path.
	 */
	public sendVisitorMessageFromApp(
		token: string,
		roomId: string,
		msg: string,
		customFields?: Record<string, unknown>,
	): MessageRecord {
		const room = this.rooms.get(roomId);
		if (!room) {
			throw new Error('Invalid room provided on the message.');
		}
		const visitor = this.findVisitorByToken(token);
		if (!visitor) {
			throw new Error('Invalid token for livechat message');
		}
		const target = room.open ? room : this.openRoom(token).room;
		if (target.v.token !== token) {
			throw new WorkspaceError('cannot-access-room');
		}
		return this.addMessage(target, {
			msg,
			token: visitor.token,
			u: { _id: visitor._id, username: visitor.username, name: visitor.name },
			...(customFields ? { customFields } : {}),
		});
	}

	/**
	 * sendMessage's and updateMessage's validateMessage: custom fields are checked on every message path (a user's,
	 * an app's bot message, a visitor's message an app writes) from Rocket.Chat 6.9 on; older versions store them.
	 */
	private checkCustomFields(customFields: Record<string, unknown> | undefined): void {
		if (customFields && this.version === 'latest') {
			validateCustomFields(customFields, this.settings);
		}
	}

	/**
	 * executeSendMessage's size check (methods/sendMessage.ts), for users' and apps' messages alike (not for a
	 * visitor's, nor for updates): 5.3 counts the text without emoji shortnames, later versions its length.
	 */
	public checkMessageSize(msg: string): void {
		const measured = this.version === '5.3' ? Array.from(msg.replace(/:[\w+-]+:/g, '')).length : msg.length;
		if (measured > this.settings.Message_MaxAllowedSize) {
			throw new WorkspaceError('error-message-size-exceeded', 'Message size exceeds Message_MaxAllowedSize');
		}
	}

	/** An agent writes in a chat they serve (chat.sendMessage through the agent's subscription). */
	public sendAgentMessage(agentId: string, roomId: string, msg: string): MessageRecord {
		this.checkMessageSize(msg);
		const agent = this.requireUser(agentId);
		const room = this.rooms.get(roomId);
		if (!room) {
			throw new WorkspaceError('error-invalid-room', 'Invalid room');
		}
		if (!room.open || room.servedBy?._id !== agent._id) {
			throw new WorkspaceError('error-not-allowed', 'Not allowed');
		}
		if (!msg.trim()) {
			throw new WorkspaceError('error-invalid-message', 'Message cannot be empty');
		}
		return this.addMessage(room, { msg, u: { _id: agent._id, username: agent.username, name: agent.name } });
	}

	/**
	 * An update's fields are set on the stored message ($set in Rocket.Chat's updateMessage): what the update does not
	 * carry stays. Rocket.Chat refuses no update for leaving a message empty.
	 */
	public updateMessage(
		messageId: string,
		changes: Partial<Pick<MessageRecord, 'msg' | 'attachments' | 'blocks' | 'customFields'>>,
		editor?: Actor,
	): MessageRecord {
		const message = this.findMessage(messageId);
		if (!message) {
			throw new WorkspaceError('error-invalid-message', `No message has the id "${messageId}"`);
		}
		const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
		this.checkCustomFields(defined.customFields as Record<string, unknown> | undefined);
		Object.assign(message, defined, {
			editedAt: new Date(),
			_updatedAt: new Date(),
			...(editor ? { editedBy: { _id: editor._id, username: editor.username } } : {}),
		});
		const room = this.rooms.get(message.rid);
		if (room) {
			this.emit({ type: 'message-updated', message, room });
		}
		return message;
	}
}
