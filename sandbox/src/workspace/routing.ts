import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import type { WorkspaceEvents } from './events';
import { newId } from './ids';
import type { RoomMessages } from './messages';
import { hasPermission } from './permissions';
import type { InquiryRecord, MessageRecord, RoomRecord, RoomSource, UserRecord, VisitorRecord } from './types';

/**
 * Routing, as Rocket.Chat's QueueManager.requestRoom and RoutingManager (delegateInquiry, takeInquiry) do it: a new
 * room is created, announced, then given to an agent (a bot first when bots take new chats), or queued.
 */
export class Routing {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly events: WorkspaceEvents,
		private readonly messages: RoomMessages,
	) {
		events.on((event) => {
			if (event.type === 'message-sent') {
				this.keepLastMessage(event.message, event.room);
			}
		});
	}

	/**
	 * save-last-message-to-inquiry (app/livechat/server/hooks/saveLastMessageToInquiry.ts): a new message of a chat (not
	 * a system message, not an edit) becomes its inquiry's lastMessage when the routing shows a queue (manual
	 * selection's showQueue) and Store_Last_Message is on (its default, not a setting the sandbox models).
	 */
	private keepLastMessage(message: MessageRecord, room: RoomRecord): void {
		const inquiry = this.store.inquiries.get(room._id);
		if (
			!inquiry ||
			message.t ||
			message.editedAt ||
			this.store.settings.Livechat_Routing_Method !== 'Manual_Selection'
		) {
			return;
		}
		inquiry.lastMessage = message;
		inquiry._updatedAt = new Date();
	}

	/**
	 * The visitor's open room, or a new one from `source` (the widget, the REST API, an app): created with its
	 * `livechat-started` message, announced (room-started), then routed.
	 */
	public openRoom(token: string, source: RoomSource = { type: 'api' }): { room: RoomRecord; newRoom: boolean } {
		const { store } = this;
		if (!store.settings.Livechat_enabled) {
			throw new WorkspaceError('error-livechat-disabled', 'Livechat is disabled');
		}
		const visitor = store.findVisitorByToken(token);
		if (!visitor) {
			throw new WorkspaceError('invalid-token', 'No visitor has this token; register it first');
		}
		const open = store.openRoomOf(visitor);
		if (open) {
			return { room: open, newRoom: false };
		}
		const departmentId =
			visitor.department && store.departments.has(visitor.department) ? visitor.department : undefined;
		const bot = store.settings.Livechat_assign_new_conversation_to_bot ? this.nextBot(departmentId) : undefined;
		if (!store.settings.Livechat_accept_chats_with_no_agents) {
			const nobody = departmentId ? !bot && !this.hasOnlineAgent(departmentId) : !this.hasOnlineAgent(undefined);
			if (nobody) {
				throw new WorkspaceError('no-agent-online', 'Sorry, no online agents');
			}
		}
		const room = this.createRoom(visitor, departmentId, source);
		// Auto selection routes every inquiry at once; manual selection lets only a bot skip the queue.
		const ready = store.settings.Livechat_Routing_Method === 'Auto_Selection' || !!bot;
		store.inquiries.set(room._id, {
			_id: newId(),
			rid: room._id,
			department: departmentId,
			status: ready ? 'ready' : 'queued',
			ts: new Date(),
		});
		// Rocket.Chat announces the room before routing it: the event's room has no servedBy.
		this.events.emit({ type: 'room-started', room: { ...room } });
		if (ready) {
			const agent = bot ?? this.nextAgent(departmentId);
			if (agent) {
				this.assign(room, agent);
			}
		}
		return { room, newRoom: true };
	}

	/**
	 * createLivechatRoom (lib/Helper.ts): the room, then its `livechat-started` message, before any routing: sent by
	 * the visitor through sendMessage in 5.x–6.x, saved as a system message with the visitor's token later
	 * (versionProfile `livechatStarted`).
	 */
	private createRoom(visitor: VisitorRecord, departmentId: string | undefined, source: RoomSource): RoomRecord {
		const room: RoomRecord = {
			_id: newId(),
			t: 'l',
			fname: visitor.name ?? visitor.username,
			open: true,
			v: { _id: visitor._id, token: visitor.token, username: visitor.username },
			departmentId,
			ts: new Date(),
			msgs: 0,
			source,
		};
		this.store.rooms.set(room._id, room);
		const systemMessage = this.store.profile.livechatStarted === 'with-token';
		this.messages.add(room, {
			msg: '',
			t: 'livechat-started',
			groupable: false,
			u: { _id: visitor._id, username: visitor.username, ...(systemMessage ? {} : { name: visitor.name }) },
			...(systemMessage ? { token: visitor.token } : {}),
		});
		return room;
	}

	/** takeInquiry + assignAgent: the agent serves the room, and apps hear of it once the room is updated. */
	public assign(room: RoomRecord, agent: UserRecord): void {
		room.servedBy = { _id: agent._id, username: agent.username, ts: new Date() };
		const inquiry = this.store.inquiries.get(room._id);
		if (inquiry) {
			inquiry.status = 'taken';
			inquiry.department = room.departmentId;
		}
		this.events.emit({ type: 'agent-assigned', room, agent });
	}

	/**
	 * An agent takes a waiting chat (livechat/inquiries.take): the inquiry must exist and wait, and the agent must be
	 * an online, available livechat agent (app/livechat/server/methods/takeInquiry.ts); then RoutingManager.takeInquiry.
	 */
	public takeInquiry(inquiryId: string, agentId: string): RoomRecord {
		if (!hasPermission(this.store.findUser(agentId), 'view-l-room')) {
			throw new WorkspaceError('error-not-allowed', 'Not allowed');
		}
		const inquiry = [...this.store.inquiries.values()].find((candidate) => candidate._id === inquiryId);
		if (!inquiry) {
			throw new WorkspaceError('error-not-found', 'Inquiry not found');
		}
		if (inquiry.status === 'taken') {
			throw new WorkspaceError('error-inquiry-taken', 'Inquiry already taken');
		}
		const agent = this.store.findUser(agentId);
		if (!agent || !isAvailable(agent)) {
			throw new WorkspaceError(
				'error-agent-status-service-offline',
				'Agent status is offline or Omnichannel service is not active',
			);
		}
		const room = this.store.rooms.get(inquiry.rid);
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
		const own = [...this.store.departments.values()]
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
		return [...this.store.inquiries.values()]
			.filter((inquiry) => inquiry.status === 'queued')
			.filter((inquiry) => !inquiry.department || visible.includes(inquiry.department))
			.sort((a, b) => a.ts.getTime() - b.ts.getTime());
	}

	/** Chats waiting for an agent (queued, or ready with nobody to take them). */
	public waitingInquiries(): InquiryRecord[] {
		return [...this.store.inquiries.values()].filter((inquiry) => inquiry.status !== 'taken');
	}

	private membersOf(departmentId: string | undefined): UserRecord[] {
		const ids = departmentId
			? (this.store.departments.get(departmentId)?.agentIds ?? [])
			: [...this.store.users.keys()];
		return ids.map((id) => this.store.users.get(id)).filter((user): user is UserRecord => !!user);
	}

	private hasOnlineAgent(departmentId: string | undefined): boolean {
		return this.membersOf(departmentId).some(isOnlineAgent);
	}

	/**
	 * Round robin, as Rocket.Chat's routing picks agents (Users.getNextAgent, LivechatDepartmentAgents
	 * .getNextAgentForDepartment): the candidate with the lowest count of chats ever routed to them (a counter that
	 * only goes up, per department when there is one), then by username; the chosen one's counter goes up.
	 */
	private roundRobin(candidates: UserRecord[], departmentId: string | undefined): UserRecord | undefined {
		const department = departmentId ? this.store.departments.get(departmentId) : undefined;
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
	 * "Assign new conversations to bot agent" (beforeDelegateAgent → getNextBotAgent / getNextBotForDepartment):
	 * a bot agent of the department, whatever its status.
	 */
	private nextBot(departmentId: string | undefined): UserRecord | undefined {
		return this.roundRobin(this.botsOf(departmentId), departmentId);
	}

	private botsOf(departmentId: string | undefined): UserRecord[] {
		return this.membersOf(departmentId).filter(
			(user) => user.active && user.roles.includes('bot') && user.roles.includes('livechat-agent'),
		);
	}

	/**
	 * Auto selection: the next online agent of the department (bots included: they are agents), round robin.
	 * Manual selection: nobody.
	 */
	public nextAgent(departmentId: string | undefined, ignoreAgentId?: string): UserRecord | undefined {
		if (this.store.settings.Livechat_Routing_Method !== 'Auto_Selection') {
			return undefined;
		}
		return this.roundRobin(
			this.membersOf(departmentId).filter((user) => isOnlineAgent(user) && user._id !== ignoreAgentId),
			departmentId,
		);
	}

	/**
	 * Rocket.Chat's online(): true when the workspace takes chats with no agents, when bots take new chats and the
	 * department (or workspace) has a bot agent, or when an agent there is online and available.
	 */
	public isOnline(departmentId?: string): boolean {
		if (this.store.settings.Livechat_accept_chats_with_no_agents) {
			return true;
		}
		// Asking counts the bots (getBotAgents); it routes nothing, so no agent's turn moves on.
		if (this.store.settings.Livechat_assign_new_conversation_to_bot && this.botsOf(departmentId).length > 0) {
			return true;
		}
		return this.hasOnlineAgent(departmentId);
	}
}

/** An agent who may take a chat by hand (takeInquiry): active, online, available, a livechat agent. */
function isAvailable(user: UserRecord): boolean {
	return (
		user.active &&
		user.status !== 'offline' &&
		user.statusLivechat === 'available' &&
		user.roles.includes('livechat-agent')
	);
}

/**
 * Rocket.Chat's "online agent" (queryStatusAgentOnline): an available livechat agent that is online, or a bot
 * whatever its presence.
 */
export function isOnlineAgent(user: UserRecord): boolean {
	return (
		user.active &&
		user.statusLivechat === 'available' &&
		user.roles.includes('livechat-agent') &&
		(user.status !== 'offline' || user.roles.includes('bot'))
	);
}
