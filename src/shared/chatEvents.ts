/**
 * What happens in a chat, in the app's own terms: omnichannel/appEvents.ts reads these from Rocket.Chat's events,
 * the conversation layer acts on them, and Rasa is told some of them with a lifecycle intent.
 */

/** A quick-reply button: the title the visitor sees and clicks, the payload Rasa gets for it. */
export type QuickReply = { readonly title: string; readonly payload: string };

/** A file a visitor sent (the widget's upload), as the message event reports it: never its bytes. */
export type VisitorFile = {
	/** The upload's id in Rocket.Chat. */
	readonly id: string;
	readonly name: string;
	readonly type?: string;
	/** As the message's attachment gives it (images); the upload itself says it for any file. */
	readonly size?: number;
	/** The workspace's own path to it (`/file-upload/<id>/<name>`), as the attachment links it. */
	readonly path?: string;
};

/** A message a livechat visitor wrote (or clicked), as the message event reports it. */
export type VisitorMessage = {
	readonly id: string;
	readonly roomId: string;
	/** Empty when the message is only files. */
	readonly text: string;
	/** The files the message carries (a visitor's upload); none for a plain text. */
	readonly files?: ReadonlyArray<VisitorFile>;
	/** Who served the room when the message was sent, per the event. */
	readonly servedByUsername?: string;
};

/** A file as Rasa is told of it: what it is and where the workspace serves it, never its bytes. */
export type SharedFile = {
	readonly name: string;
	readonly type?: string;
	readonly size?: number;
	/** Absolute, on the workspace (its Site_Url); fetching it may need a Rocket.Chat login (FileUpload_ProtectFiles). */
	readonly url?: string;
};

/** A visitor's click on a quick-reply button, as the livechat widget reports it. */
export type QuickReplyClick = {
	readonly roomId: string;
	readonly botMessageId?: string;
	/** The room of the clicked message: Rocket.Chat does not check that it is the click's room. */
	readonly botMessageRoomId?: string;
	readonly visitorToken?: string;
	readonly choice: QuickReply;
};

/** An agent (a human or a bot) assigned to, or unassigned from, a room. */
export type AgentAssignment = { readonly roomId: string; readonly agentUsername?: string };

/** A room a transfer moved, as the event saw it (Rocket.Chat reads the room for the event, after the transfer). */
export type TransferredRoom = { readonly roomId: string; readonly isOpen: boolean; readonly servedByUsername?: string };

/** What Rocket.Chat tells of a closed chat: who closed it, as far as its version says. */
export type ClosedChat = {
	readonly roomId: string;
	readonly closer?: string;
	readonly closedByUsername?: string;
	readonly closedByIsApp?: boolean;
};

/** Who closed a chat: the visitor, a human agent, the bot, or the app itself (an idle chat). */
export type ClosedBy = 'visitor' | 'agent' | 'bot' | 'app' | 'unknown';

/** One message of the part of a chat a human served, as Rasa is told of it when the chat comes back to the bot. */
export type TranscriptLine = {
	readonly from: 'visitor' | 'agent';
	/** The agent's username (a visitor's name is in the metadata's visitor). */
	readonly username?: string;
	readonly text: string;
	/** ISO 8601. */
	readonly at: string;
};

/** What a human's part of a chat was, as far as Rocket.Chat lets apps read it. */
export type Transcript = {
	/** Oldest first, bounded in count and size. */
	readonly lines: ReadonlyArray<TranscriptLine>;
	/** False when older messages of the human's part were left out (the bounds), or could not be read at all. */
	readonly complete: boolean;
	/** False when this Rocket.Chat does not let apps read a room's messages (before Apps-Engine 1.46, i.e. 6.x). */
	readonly available: boolean;
};

/** What happened to the chat, for a lifecycle intent: Rasa gets it in the message's metadata. */
export type ChatEvent = {
	readonly type: 'closed' | 'takeover' | 'returned';
	readonly closedBy?: ClosedBy;
	/** With `returned`: what the visitor and the agents said while a human served the chat. */
	readonly transcript?: Transcript;
};
