import type {
	Actor,
	Agent,
	BotFile,
	BotMessage,
	CloseResult,
	Department,
	IOmnichannel,
	PostedMessage,
	RoomMessage,
	Session,
	TransferResult,
	TransferTarget,
} from '../../../src/omnichannel/IOmnichannel';
import type { SharedFile, VisitorFile } from '../../../src/shared/chatEvents';

export type RoomState = {
	id: string;
	isLivechat: boolean;
	isOpen: boolean;
	servedByUsername?: string;
	servedById?: string;
	departmentId?: string;
	visitorToken?: string;
};

/**
 * The Omnichannel port over plain objects, for unit tests of the conversation layer. Records every change so a test
 * can prove that a refused request changed nothing. Every call yields to the event loop first, as a round trip to
 * Rocket.Chat would, so concurrent requests interleave as they do for real.
 */
export class InMemoryOmnichannel implements IOmnichannel {
	public readonly rooms = new Map<string, RoomState>();

	public readonly departments: Department[] = [];

	public readonly onlineDepartments = new Set<string>();

	public readonly closes: Array<{ roomId: string; comment: string; closer?: Actor }> = [];

	public readonly transfers: Array<{ roomId: string; departmentId?: string; agentId?: string }> = [];

	/** Users by username, for handovers to a named agent. */
	public readonly agents = new Map<string, Agent>();

	public readonly messages: Array<{ roomId: string; sender: string; text: string }> = [];

	public nextTransfer: TransferResult = { ok: true };

	public nextClose: CloseResult = { ok: true };

	public readCount = 0;

	/** Every port call in order, e.g. "findSession room1". */
	public readonly calls: string[] = [];

	public readonly visitorMessages: Array<{ roomId: string; text: string; id: string }> = [];

	public readonly removedQuickReplies: string[] = [];

	private messageCounter = 0;

	private async roundTrip(call: string): Promise<void> {
		this.calls.push(call);
		await new Promise((resolve) => setImmediate(resolve));
	}

	public addRoom(room: Partial<RoomState> & { id: string }): this {
		this.rooms.set(room.id, { isLivechat: true, isOpen: true, ...room });
		return this;
	}

	public addDepartment(department: Department, online = true): this {
		this.departments.push(department);
		if (online) {
			this.onlineDepartments.add(department.id);
		}
		return this;
	}

	public async findSession(sessionId: string): Promise<Session | undefined> {
		await this.roundTrip(`findSession ${sessionId}`);
		this.readCount++;
		const room = this.rooms.get(sessionId);
		return room ? { ...room } : undefined;
	}

	public async findDepartment(idOrName: string): Promise<Department | undefined> {
		await this.roundTrip(`findDepartment ${idOrName}`);
		this.readCount++;
		return this.departments.find((department) => department.id === idOrName || department.name === idOrName);
	}

	public async isDepartmentOnline(departmentId: string): Promise<boolean> {
		await this.roundTrip(`isDepartmentOnline ${departmentId}`);
		this.readCount++;
		return this.onlineDepartments.has(departmentId);
	}

	/** Like Rocket.Chat, checks the snapshot it is given: a close that lost a race fails inside instead. */
	public async closeSession(session: Session, comment: string, closer?: Actor): Promise<CloseResult> {
		await this.roundTrip(`closeSession ${session.id}`);
		if (!this.nextClose.ok) {
			return this.nextClose;
		}
		const room = this.rooms.get(session.id)!;
		if (!session.isOpen) {
			return { ok: false, refusal: 'room-closed' };
		}
		if (!room.isOpen) {
			return { ok: false, refusal: 'unknown' };
		}
		this.closes.push({
			roomId: session.id,
			comment,
			...(closer ? { closer: { id: closer.id, username: closer.username } } : {}),
		});
		room.isOpen = false;
		return { ok: true };
	}

	public addAgent(agent: Partial<Agent> & { username: string }): this {
		this.agents.set(agent.username, { id: `id-${agent.username}`, isAgent: true, isOnline: true, ...agent });
		return this;
	}

	public async appUser(): Promise<Actor | undefined> {
		await this.roundTrip('appUser');
		return { id: 'app-user', username: 'rasa.bot' };
	}

	public async findAgent(username: string): Promise<Agent | undefined> {
		await this.roundTrip(`findAgent ${username}`);
		this.readCount++;
		return this.agents.get(username);
	}

	public async transferSession(session: Session, target: TransferTarget): Promise<TransferResult> {
		const { departmentId, agentId } = target;
		await this.roundTrip(`transferSession ${session.id} ${departmentId ?? ''}${agentId ? ` @${agentId}` : ''}`.trim());
		if (!this.nextTransfer.ok) {
			return this.nextTransfer;
		}
		const room = this.rooms.get(session.id)!;
		if (!room.isOpen) {
			return { ok: false, refusal: 'not-transferred' };
		}
		this.transfers.push({
			roomId: session.id,
			...(departmentId ? { departmentId } : {}),
			...(agentId ? { agentId } : {}),
		});
		room.departmentId = departmentId ?? room.departmentId;
		room.servedByUsername = [...this.agents.values()].find((agent) => agent.id === agentId)?.username ?? 'human.agent';
		return { ok: true };
	}

	/** Rich messages as posted, in order. */
	public readonly botMessages: Array<{ roomId: string; message: BotMessage }> = [];

	public readonly typing: string[] = [];

	public async postBotMessage(session: Session, message: BotMessage): Promise<string | undefined> {
		await this.roundTrip(`postBotMessage ${session.id}`);
		const refusal = this.refusals.shift();
		if (refusal) {
			throw new Error(refusal);
		}
		this.botMessages.push({ roomId: session.id, message });
		if (message.text) {
			this.messages.push({ roomId: session.id, sender: session.servedByUsername ?? '', text: message.text });
		}
		return `msg-${++this.messageCounter}`;
	}

	/** Rocket.Chat's longest message (Message_MaxAllowedSize). */
	public maxLength = 5000;

	/**
	 * Where a visitor's message lands when their room is no longer open: Rocket.Chat opens a new chat for it. Unset,
	 * the message lands in the room as read, as when the room is open.
	 */
	public strayRoom?: RoomState;

	/** Messages the next posts are refused with (one each), as Rocket.Chat refuses a message it will not send. */
	public readonly refusals: string[] = [];

	public async postVisitorMessage(session: Session, text: string): Promise<PostedMessage | undefined> {
		await this.roundTrip(`postVisitorMessage ${session.id}`);
		const id = `msg-${++this.messageCounter}`;
		const room = this.rooms.get(session.id);
		const landedIn = room?.isOpen === false && this.strayRoom ? this.strayRoom : room;
		if (landedIn && landedIn !== room) {
			this.rooms.set(landedIn.id, landedIn);
		}
		this.visitorMessages.push({ roomId: landedIn?.id ?? session.id, text, id });
		return { id, roomId: landedIn?.id ?? session.id };
	}

	public async maxMessageLength(): Promise<number> {
		await this.roundTrip('maxMessageLength');
		return this.maxLength;
	}

	public async removeQuickReplies(session: Session, messageId: string): Promise<void> {
		await this.roundTrip(`removeQuickReplies ${session.id} ${messageId}`);
		this.removedQuickReplies.push(messageId);
	}

	public async startTyping(session: Session): Promise<() => Promise<void>> {
		await this.roundTrip(`startTyping ${session.id}`);
		this.typing.push(`start ${session.id}`);
		return async () => {
			this.typing.push(`stop ${session.id}`);
		};
	}

	/** The workspace's address, for files' absolute URLs. */
	public siteUrl = 'https://chat.example.com';

	/** What the upload reader knows of files, by id (size and type as Rocket.Chat stored them). */
	public readonly uploads = new Map<string, { size: number; type: string }>();

	public async describeFiles(files: ReadonlyArray<VisitorFile>): Promise<SharedFile[]> {
		await this.roundTrip(`describeFiles ${files.map((file) => file.id).join(',')}`);
		return files.map((file) => {
			const upload = this.uploads.get(file.id);
			const size = upload?.size ?? file.size;
			const type = upload?.type ?? file.type;
			return {
				name: file.name,
				...(type ? { type } : {}),
				...(size !== undefined ? { size } : {}),
				url: `${this.siteUrl}${file.path ?? `/file-upload/${file.id}/${encodeURIComponent(file.name)}`}`,
			};
		});
	}

	/** A room's messages as Rocket.Chat lets apps read them, oldest first; undefined: this version cannot. */
	public roomMessages: Map<string, RoomMessage[]> | undefined = new Map();

	public async recentMessages(roomId: string, limit: number): Promise<ReadonlyArray<RoomMessage> | undefined> {
		await this.roundTrip(`recentMessages ${roomId} ${limit}`);
		return this.roomMessages && [...(this.roomMessages.get(roomId) ?? [])].reverse().slice(0, limit);
	}

	public async workspaceAddress(): Promise<string> {
		await this.roundTrip('workspaceAddress');
		return this.siteUrl;
	}

	public readonly botFiles: Array<{ roomId: string; sender: string; name: string; bytes: number }> = [];

	public async postBotFile(session: Session, file: BotFile): Promise<boolean> {
		await this.roundTrip(`postBotFile ${session.id}`);
		if (!session.servedByUsername) {
			return false;
		}
		this.botFiles.push({
			roomId: session.id,
			sender: session.servedByUsername,
			name: file.name,
			bytes: file.bytes.length,
		});
		return true;
	}

	/** What users were told privately, in order. */
	public readonly notices: Array<{ username: string; roomId: string; text: string }> = [];

	public async notifyUser(user: Actor, roomId: string, text: string): Promise<void> {
		await this.roundTrip(`notifyUser ${user.username}`);
		this.notices.push({ username: user.username, roomId, text });
	}

	/** Everything a request may change, to compare before and after. */
	public snapshot(): string {
		return JSON.stringify({
			rooms: [...this.rooms.values()],
			closes: this.closes,
			transfers: this.transfers,
			messages: this.messages,
			botMessages: this.botMessages,
			botFiles: this.botFiles,
		});
	}
}
