import { WorkspaceStore } from './WorkspaceStore';
import { Closing } from './closing';
import { prepareCommandRun, type CommandRefusal, type CommandRun, type CommandRunRequest } from './commandRun';
import { Departments, type DepartmentAgentLink } from './departments';
import { ephemeralMessage, type ConvertedMessage } from './ephemeral';
import { WorkspaceEvents, type WorkspaceEvent } from './events';
import { canReadFile, type FileRequest } from './fileAccess';
import { FileMessages } from './fileMessages';
import { addFileSettings } from './fileSettings';
import { RoomMessages, type Actor } from './messages';
import { PageVisits, type NavigationRecord, type PageInfo } from './pageVisits';
import { Routing } from './routing';
import { SlashCommands } from './slashCommands';
import { livechatSubscriptionOf, type LivechatSubscription } from './subscriptions';
import { Transfers, type TransferActor, type TransferOptions } from './transfer';
import type {
	DepartmentRecord,
	InquiryRecord,
	MessageRecord,
	RoomRecord,
	RoomSource,
	UploadRecord,
	UserRecord,
	VisitorRecord,
} from './types';
import { UploadRules, type UploadForm } from './uploadRules';
import type { RocketChatVersion } from './versionProfile';
import { VisitorAccess } from './visitorAccess';
import { VisitorMessages } from './visitorMessages';
import { addVisitorSettings } from './visitorSettings';
import { roomAboutToOpen, Visitors, type CustomFieldValue, type VisitorRegistration } from './visitors';

export type { WorkspaceEvent } from './events';
export type { SeenRoom, TransferActor, TransferOptions } from './transfer';

/**
 * An in-memory Rocket.Chat workspace: the records (WorkspaceStore) and, behind this facade, Rocket.Chat's livechat
 * rules, one module per area as Rocket.Chat has them: routing (routing.ts), transfer (transfer.ts), close
 * (closing.ts), messages (messages.ts, visitorMessages.ts) and who may reach what (visitorAccess.ts,
 * roomAccess.ts), with what differs by version in versionProfile.ts. Each rule cites its source in
 * sandbox/FIDELITY.md. Every check-and-change runs synchronously, in one tick, as one database operation would.
 */
export class Workspace extends WorkspaceStore {
	private readonly events = new WorkspaceEvents();

	private readonly messages = new RoomMessages(this, this.events);

	private readonly routing = new Routing(this, this.events, this.messages);

	private readonly transfers = new Transfers(this, this.events, this.routing, this.messages);

	private readonly closing = new Closing(this, this.events, this.messages);

	/** A visitor's token and the rooms it reaches: the one rule for every visitor route and the realtime API. */
	public readonly visitorAccess = new VisitorAccess(this);

	private readonly visitorMessages = new VisitorMessages(this, this.visitorAccess, this.routing, this.messages);

	private readonly departmentRules = new Departments(this);

	private readonly guests = new Visitors(this, this.customFieldDefinitions);

	private readonly pageVisits = new PageVisits(this);

	/** The visitor routes' settings, among the workspace's, with Rocket.Chat's defaults (visitorSettings.ts). */
	public readonly visitorSettings = addVisitorSettings(this);

	/** Each Rocket.Chat instance's slash commands, as its own apps bridge registers them (instance 0 when alone). */
	private readonly commandsByInstance = new Map<number, SlashCommands>();

	/** The file upload settings, among the workspace's, with Rocket.Chat's defaults (fileSettings.ts). */
	public readonly fileSettings = addFileSettings(this);

	private readonly fileMessages = new FileMessages(this, this.uploads, this.messages);

	private readonly uploadRules = new UploadRules(this, this.uploads, this.fileMessages);

	constructor(version?: RocketChatVersion) {
		super(version);
	}

	public onEvent(listener: (event: WorkspaceEvent) => void): void {
		this.events.on(listener);
	}

	/** Someone shows as typing in a room, or stops (an app's notifier, an agent's client). */
	public setTyping(roomId: string, username: string, typing: boolean): void {
		this.events.emit({ type: 'typing', roomId, username, typing });
	}

	// ---- slash commands and private answers (slashCommands.ts, commandRun.ts, ephemeral.ts)

	public slashCommands(instance = 0): SlashCommands {
		const commands = this.commandsByInstance.get(instance) ?? new SlashCommands();
		this.commandsByInstance.set(instance, commands);
		return commands;
	}

	/** commands.run's checks of the command, the room and the thread, on the instance the request reached. */
	public prepareCommandRun(user: UserRecord, request: CommandRunRequest, instance = 0): CommandRun | CommandRefusal {
		return prepareCommandRun(this, this.slashCommands(instance), user, request);
	}

	/** notify.ephemeralMessage: the user's clients get the message, nothing is stored and no app hears of it. */
	public notifyUser(userId: string, roomId: string, message: ConvertedMessage | undefined): void {
		const ephemeral = ephemeralMessage(this.profile, roomId, message);
		this.events.emit({ type: 'user-notified', userId, roomId: ephemeral.rid, message: ephemeral });
	}

	/**
	 * MessageBridge.notifyRoom: each user subscribed to the room gets it as a private answer (a livechat room's only
	 * subscriber is the agent serving it, subscriptions.ts); the visitor has no subscription and gets nothing.
	 */
	public notifyRoom(roomId: string, message: ConvertedMessage | undefined): void {
		const room = this.findRoom(roomId);
		const agentId = room?.servedBy?._id;
		if (agentId && this.livechatSubscription(roomId, agentId) && this.findUser(agentId)) {
			this.notifyUser(agentId, roomId, message);
		}
	}

	// ---- routing

	public openRoom(token: string, source?: RoomSource): { room: RoomRecord; newRoom: boolean } {
		return this.routing.openRoom(token, source);
	}

	public takeInquiry(inquiryId: string, agentId: string): RoomRecord {
		return this.routing.takeInquiry(inquiryId, agentId);
	}

	public queuedInquiriesFor(agentId: string, departmentId?: string): InquiryRecord[] {
		return this.routing.queuedInquiriesFor(agentId, departmentId);
	}

	public waitingInquiries(): InquiryRecord[] {
		return this.routing.waitingInquiries();
	}

	public isOnline(departmentId?: string): boolean {
		return this.routing.isOnline(departmentId);
	}

	// ---- transfer

	public transferToDepartment(
		roomId: string,
		departmentId: string,
		by: TransferActor,
		options?: TransferOptions,
	): boolean {
		return this.transfers.toDepartment(roomId, departmentId, by, options);
	}

	public transferToAgent(
		roomId: string,
		seenOpen: boolean,
		agentId: string,
		by: TransferActor,
		comment?: string,
	): boolean {
		return this.transfers.toAgent(roomId, seenOpen, agentId, by, comment);
	}

	// ---- close

	public closeRoom(roomId: string, comment: string, closer: { user?: Actor }, seenOpen?: boolean): void {
		this.closing.close(roomId, comment, closer, seenOpen);
	}

	public closeRoomForApp(roomId: string, comment: string, closer: { user?: Actor }, seenOpen: boolean): boolean {
		return this.closing.closeForApp(roomId, comment, closer, seenOpen);
	}

	public removeClosedRooms(departmentIds?: string[]): number {
		return this.closing.removeClosedRooms(departmentIds);
	}

	// ---- messages

	public addMessage(room: RoomRecord, input: Parameters<RoomMessages['add']>[1]): MessageRecord {
		return this.messages.add(room, input);
	}

	public updateMessage(
		messageId: string,
		changes: Parameters<RoomMessages['update']>[1],
		editor?: Actor,
	): MessageRecord {
		return this.messages.update(messageId, changes, editor);
	}

	public checkMessageSize(msg: string): void {
		this.messages.checkSize(msg);
	}

	public sendAgentMessage(agentId: string, roomId: string, msg: string): MessageRecord {
		return this.messages.fromAgent(agentId, roomId, msg);
	}

	public sendVisitorMessage(
		token: string,
		roomId: string,
		msg: string,
		options: { _id?: string; customFields?: Record<string, unknown> } = {},
	): MessageRecord {
		return this.visitorMessages.fromWidget(token, roomId, msg, options);
	}

	public sendVisitorMessageFromApp(
		token: string,
		roomId: string,
		msg: string,
		customFields?: Record<string, unknown>,
		appSource?: RoomSource,
	): MessageRecord {
		return this.visitorMessages.fromApp(token, roomId, msg, customFields, appSource);
	}

	// ---- files (uploadRules.ts, fileMessages.ts, fileAccess.ts)

	/** livechat/upload/:rid before the body is read: throws UploadRefused for what the route refuses first. */
	public admitVisitorUpload(token: string | undefined, rid: string): void {
		this.uploadRules.admitVisitor(token, rid);
	}

	/** livechat/upload/:rid with the form read: the upload stored and the visitor's file message sent. */
	public receiveVisitorUpload(token: string, rid: string, form: UploadForm): MessageRecord {
		return this.uploadRules.receiveFromVisitor(token, rid, form);
	}

	/** An app's upload (AppUploadBridge.createUpload): stored and posted as the user's or the visitor's file message. */
	public uploadForApp(
		details: { name: string; rid: string; userId?: string; visitorToken?: string },
		bytes: Buffer,
	): UploadRecord {
		return this.uploadRules.uploadForApp(details, bytes);
	}

	/** Whether a request for a file may have it (FileUpload.requestCanAccessFiles). */
	public canReadFile(request: FileRequest, upload: UploadRecord): boolean {
		return canReadFile(this, request, upload);
	}

	// ---- the agent's and the admin's side: departments, closes by users, inquiries, subscriptions

	public saveDepartment(
		id: string | null,
		data: unknown,
		agents?: { upsert?: Array<{ agentId: string }>; remove?: Array<{ agentId: string }> },
	): DepartmentRecord {
		return this.departmentRules.save(id, data, agents);
	}

	public saveDepartmentAgents(id: string, agents: unknown): void {
		this.departmentRules.saveAgents(id, agents);
	}

	public removeDepartment(id: string): void {
		this.departmentRules.remove(id);
	}

	public departmentAgents(id: string): DepartmentAgentLink[] {
		return this.departmentRules.agentsOf(id);
	}

	public departmentIdsOf(agentId: string): string[] {
		return this.departmentRules.departmentIdsOf(agentId);
	}

	/** livechat/room.closeByUser: reads the room, awaits the database as Rocket.Chat does, then closes what it read. */
	public closeRoomByUser(
		user: UserRecord,
		roomId: string,
		options: { comment?: string; forceClose?: boolean },
	): Promise<void> {
		return this.closing.closeByUser(user, roomId, options);
	}

	/** The room's inquiry (LivechatInquiry.findOneByRoomId): from the room's creation until it closes. */
	public inquiryOfRoom(roomId: string): InquiryRecord | undefined {
		return this.inquiries.get(roomId);
	}

	public livechatSubscription(roomId: string, userId: string): LivechatSubscription | undefined {
		return livechatSubscriptionOf(this, roomId, userId);
	}

	// ---- visitors (visitors.ts, pageVisits.ts)

	/** livechat/visitor: registerGuest, then the custom fields a visitor-scope definition declares. */
	public registerVisitor(input: VisitorRegistration, customFields: CustomFieldValue[] = []): VisitorRecord {
		return this.guests.register(input, customFields);
	}

	/** DELETE livechat/visitor/:token: the visitor and their chats; answers the visitor's id. */
	public removeVisitor(token: string): string {
		return this.guests.remove(token);
	}

	/** The room a new chat of this visitor would be, for the apps asked before it is created. */
	public roomAboutToOpen(visitor: VisitorRecord, source: RoomSource): RoomRecord {
		return roomAboutToOpen(this, visitor, source);
	}

	/** livechat/page.visited: the navigation message saved, if the page change is one the workspace watches. */
	public savePageVisit(token: string, rid: string | undefined, page: PageInfo): NavigationRecord | undefined {
		return this.pageVisits.save(token, rid, page);
	}
}
