/**
 * What happens in a chat, in the app's own terms: omnichannel/appEvents.ts reads these from Rocket.Chat's events,
 * the conversation layer acts on them, and Rasa is told some of them with a lifecycle intent.
 */

/** A quick-reply button: the title the visitor sees and clicks, the payload Rasa gets for it. */
export type QuickReply = { readonly title: string; readonly payload: string };

/** A message a livechat visitor wrote (or clicked), as the message event reports it. */
export type VisitorMessage = {
	readonly id: string;
	readonly roomId: string;
	readonly text: string;
	/** Who served the room when the message was sent, per the event. */
	readonly servedByUsername?: string;
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

/** What happened to the chat, for a lifecycle intent: Rasa gets it in the message's metadata. */
export type ChatEvent = { readonly type: 'closed' | 'takeover' | 'returned'; readonly closedBy?: ClosedBy };
