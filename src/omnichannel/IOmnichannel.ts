/**
 * The narrow view of Rocket.Chat Omnichannel that the conversation layer needs, with its own types.
 * The conversation layer is written against this port only; AppsEngineOmnichannel adapts it to the Apps-Engine
 * accessors and test/unit uses an in-memory implementation.
 */

import type { QuickReply, SharedFile, VisitorFile } from '../shared/chatEvents';

/** A livechat conversation, addressed by its room id (which Rasa sees as the sender id). */
export type Session = {
	readonly id: string;
	/** False for rooms that exist but are not Omnichannel (livechat) rooms. */
	readonly isLivechat: boolean;
	readonly isOpen: boolean;
	/** Username of the agent (human or bot) currently serving the room, if any. */
	readonly servedByUsername?: string;
	readonly servedById?: string;
	readonly departmentId?: string;
	readonly visitorToken?: string;
	readonly visitorName?: string;
	/** Who the visitor is and where the chat came from, as the room says (what Rasa may be told). */
	readonly context?: SessionContext;
};

/** What the room tells about its visitor and chat; never the visitor's token. */
export type SessionContext = {
	readonly departmentName?: string;
	readonly visitorUsername?: string;
	readonly visitorEmail?: string;
	readonly visitorPhone?: string;
	/** The visitor's livechat custom fields (livechatData). */
	readonly customFields?: Readonly<Record<string, unknown>>;
	/** widget, email, sms, app, api, other. */
	readonly source?: string;
};

export type Department = {
	readonly id: string;
	readonly name: string;
};

/** A user a chat may be handed to, as Rocket.Chat knows them. */
export type Agent = {
	readonly id: string;
	readonly username: string;
	/** Has the livechat-agent role. */
	readonly isAgent: boolean;
	/** Online, or a bot (Rocket.Chat routes to bots whatever their presence). */
	readonly isOnline: boolean;
};

/** Where a chat is handed: a department, an agent, or an agent of a department. */
export type TransferTarget = { readonly departmentId?: string; readonly agentId?: string };

/** Who asked for an action: recorded as the closer of a chat. */
export type Actor = {
	readonly id: string;
	readonly username: string;
};

/** A bot message in Rocket.Chat terms: text, quick-reply buttons, an image, an attachment. */
export type BotMessage = {
	text?: string;
	imageUrl?: string;
	/** A file card: Rocket.Chat's livechat widget shows an attachment only with a link. */
	attachment?: { title: string; link: string };
	quickReplies?: QuickReply[];
};

/** Why Rocket.Chat refused to close a room. */
export type CloseRefusal = 'room-closed' | 'comment-required' | 'tags-required' | 'unknown';

/** Why Rocket.Chat refused to transfer a room. */
export type TransferRefusal =
	| 'same-department'
	| 'no-agents-online'
	| 'department-not-found'
	| 'room-on-hold'
	| 'agent-offline'
	| 'not-an-agent'
	| 'agent-not-in-department'
	| 'same-agent'
	| 'not-transferred'
	| 'unknown';

export type PostedMessage = { readonly id: string; readonly roomId: string };

/** A message of a room as Rocket.Chat lets apps read it: people's messages only, never system messages. */
export type RoomMessage = {
	readonly id: string;
	readonly senderId?: string;
	readonly senderUsername?: string;
	readonly text: string;
	readonly at: Date;
};

/** A file the bot posts into a chat: the workspace stores it, serves it and posts it as a message. */
export type BotFile = { readonly name: string; readonly bytes: Uint8Array };

export type CloseResult = { ok: true } | { ok: false; refusal: CloseRefusal };
export type TransferResult = { ok: true } | { ok: false; refusal: TransferRefusal };

export interface IOmnichannel {
	findSession(sessionId: string): Promise<Session | undefined>;
	/** Matches a department by id or by exact name, as Rocket.Chat does. */
	findDepartment(idOrName: string): Promise<Department | undefined>;
	/** The app's own user (Rocket.Chat creates one per app): who closes chats the app itself decides to close. */
	appUser(): Promise<Actor | undefined>;
	/** A user by username, if there is one. */
	findAgent(username: string): Promise<Agent | undefined>;
	/** True when the department can take a chat now (agents online, or the workspace accepts chats anyway). */
	isDepartmentOnline(departmentId: string): Promise<boolean>;
	/** Without a closer, Rocket.Chat records the visitor as the one who closed the chat. */
	closeSession(session: Session, comment: string, closer?: Actor): Promise<CloseResult>;
	transferSession(session: Session, target: TransferTarget): Promise<TransferResult>;
	/** Posts a message to the visitor as the user serving the session (the bot); returns its id. */
	postBotMessage(session: Session, message: BotMessage): Promise<string | undefined>;
	/**
	 * Posts a message as the session's visitor (a quick-reply choice); returns its id and the room it landed in, which
	 * is a new chat when the session closed meanwhile (Rocket.Chat opens one rather than refuse).
	 */
	postVisitorMessage(session: Session, text: string): Promise<PostedMessage | undefined>;
	/** The longest text one message may have (Rocket.Chat's Message_MaxAllowedSize). */
	maxMessageLength(): Promise<number>;
	/** Removes the quick-reply buttons of a bot message, keeping everything else of it. */
	removeQuickReplies(session: Session, messageId: string): Promise<void>;
	/** Shows the serving user as typing; the returned function stops it. */
	startTyping(session: Session): Promise<() => Promise<void>>;
	/**
	 * What the workspace knows of files a visitor sent, in order: type, name, size and an absolute address on the
	 * workspace. A file it cannot describe keeps what the message said of it.
	 */
	describeFiles(files: ReadonlyArray<VisitorFile>): Promise<SharedFile[]>;
	/**
	 * A room's newest messages, newest first (at most `limit`, up to 100); undefined where Rocket.Chat does not let
	 * apps read a room's messages (Apps-Engine before 1.46).
	 */
	recentMessages(roomId: string, limit: number): Promise<ReadonlyArray<RoomMessage> | undefined>;
	/** The workspace's own address (Site_Url) without a trailing slash; '' when unknown. */
	workspaceAddress(): Promise<string>;
	/** Posts a file as the user serving the session (the bot); false when nobody serves it. */
	postBotFile(session: Session, file: BotFile): Promise<boolean>;
	/** Tells one user something only they see, in a room (Rocket.Chat's ephemeral message): e.g. a command's answer. */
	notifyUser(user: Actor, roomId: string, text: string): Promise<void>;
}
