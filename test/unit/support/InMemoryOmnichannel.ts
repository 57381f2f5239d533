import type {
	Actor,
	CloseResult,
	Department,
	IOmnichannel,
	Session,
	TransferResult,
} from '../../../src/omnichannel/IOmnichannel';
import type { BotMessage } from '../../../src/rasa/toBotOutputs';

export type RoomState = {
	id: string;
	isLivechat: boolean;
	isOpen: boolean;
	servedByUsername?: string;
	departmentId?: string;
};

/**
 * The Omnichannel port over plain objects, for unit tests of the actions. Records every change so a test can
 * prove that a refused request changed nothing.
 */
export class InMemoryOmnichannel implements IOmnichannel {
	public readonly rooms = new Map<string, RoomState>();

	public readonly departments: Department[] = [];

	public readonly onlineDepartments = new Set<string>();

	public readonly closes: Array<{ roomId: string; comment: string; closer: Actor }> = [];

	public readonly transfers: Array<{ roomId: string; departmentId: string }> = [];

	public readonly messages: Array<{ roomId: string; sender: string; text: string }> = [];

	public nextTransfer: TransferResult = { ok: true };

	public nextClose: CloseResult = { ok: true };

	public readCount = 0;

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
		this.readCount++;
		const room = this.rooms.get(sessionId);
		return room ? { ...room } : undefined;
	}

	public async findDepartment(idOrName: string): Promise<Department | undefined> {
		this.readCount++;
		return this.departments.find((department) => department.id === idOrName || department.name === idOrName);
	}

	public async isDepartmentOnline(departmentId: string): Promise<boolean> {
		this.readCount++;
		return this.onlineDepartments.has(departmentId);
	}

	public async closeSession(session: Session, comment: string, closer: Actor): Promise<CloseResult> {
		if (!this.nextClose.ok) {
			return this.nextClose;
		}
		this.closes.push({ roomId: session.id, comment, closer });
		this.rooms.get(session.id)!.isOpen = false;
		return { ok: true };
	}

	public async transferSession(session: Session, departmentId: string): Promise<TransferResult> {
		if (!this.nextTransfer.ok) {
			return this.nextTransfer;
		}
		this.transfers.push({ roomId: session.id, departmentId });
		const room = this.rooms.get(session.id)!;
		room.departmentId = departmentId;
		room.servedByUsername = 'human.agent';
		return { ok: true };
	}

	public async postAsServingAgent(session: Session, text: string): Promise<void> {
		this.messages.push({ roomId: session.id, sender: session.servedByUsername ?? '', text });
	}

	/** Rich messages as posted, in order. */
	public readonly botMessages: Array<{ roomId: string; message: BotMessage }> = [];

	public readonly typing: string[] = [];

	public async postBotMessage(session: Session, message: BotMessage): Promise<string | undefined> {
		this.botMessages.push({ roomId: session.id, message });
		if (message.text) {
			this.messages.push({ roomId: session.id, sender: session.servedByUsername ?? '', text: message.text });
		}
		return `msg-${this.botMessages.length}`;
	}

	public async startTyping(session: Session): Promise<() => Promise<void>> {
		this.typing.push(`start ${session.id}`);
		return async () => {
			this.typing.push(`stop ${session.id}`);
		};
	}

	/** Everything a request may change, to compare before and after. */
	public snapshot(): string {
		return JSON.stringify({
			rooms: [...this.rooms.values()],
			closes: this.closes,
			transfers: this.transfers,
			messages: this.messages,
			botMessages: this.botMessages,
		});
	}
}

export type FakeSettingValues = {
	botUsername?: string;
	defaultHandoverDepartment?: string;
	handoverMessage?: string;
	handoverFailedMessage?: string;
	closeChatMessage?: string;
};

/** Settings as the actions see them, counting reads so tests can hold the round trips down. */
export function fakeSettings(values: FakeSettingValues = {}) {
	const reads: string[] = [];
	const read = (name: keyof FakeSettingValues, fallback: string) => async () => {
		reads.push(name);
		return values[name] ?? fallback;
	};
	return {
		reads,
		botUsername: read('botUsername', 'rasabot'),
		defaultHandoverDepartment: read('defaultHandoverDepartment', ''),
		handoverMessage: read('handoverMessage', 'Transferring you to a human.'),
		handoverFailedMessage: read('handoverFailedMessage', 'Nobody is available.'),
		closeChatMessage: read('closeChatMessage', 'Closed by the bot.'),
	};
}
