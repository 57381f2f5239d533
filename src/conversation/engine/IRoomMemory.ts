/**
 * What the app remembers about a room across its instances (backed by app persistence, i.e. Rocket.Chat's
 * database). Each fact is a claim: the first to claim it wins, whichever instance asks; nothing is ever read,
 * changed and written back, so no instance can lose another's write.
 */
export interface IRoomMemory {
	/**
	 * Claims the room's welcome: `ours` when this caller is to send it (and then calls welcomeDone), `pending` when
	 * another caller claimed it and has not yet sent it to Rasa, `done` once it was sent (or failed for good).
	 */
	claimWelcome(roomId: string): Promise<WelcomeClaim>;
	/** The welcome claimed as `ours` went to Rasa (answered or failed): texts that wait for it may go. */
	welcomeDone(roomId: string): Promise<void>;
	/** Waits, at most `maxWaitMs`, until the room's welcome is done; false when the wait ran out first. */
	awaitWelcome(roomId: string, maxWaitMs: number): Promise<boolean>;
	/** Records that the quick replies of a bot message were answered; false when they already were. */
	claimQuickReply(roomId: string, messageId: string): Promise<boolean>;
	/** Records that something happened once in the room (e.g. "closed"); false when it already was. */
	claimOnce(roomId: string, what: string): Promise<boolean>;
	/** Records that something happened in the room, for `claimed` to find; no claim: it may be recorded again. */
	note(roomId: string, what: string): Promise<void>;
	/** Whether claimOnce or note was made for this, by any instance. */
	claimed(roomId: string, what: string): Promise<boolean>;
	/** Records the time of the visitor's last message (or of the bot taking the chat): what idle chats are timed by. */
	noteActivity(roomId: string, at: number): Promise<void>;
	/** The room's last activity, if it is timed. */
	activityOf(roomId: string): Promise<number | undefined>;
	/** The last activity of every room that has one. */
	activities(): Promise<ReadonlyArray<{ roomId: string; at: number }>>;
	/** No longer time the room (it left the bot, or closed). */
	forgetActivity(roomId: string): Promise<void>;
	/**
	 * Asks for the room's `what` lease, shared by every instance: the request is stored at once (its record), and who
	 * holds the lease is read when the taker is about to act (RoomLease.check), so the read lands as late as it can.
	 */
	takeLease(roomId: string, what: string): RoomLease;
	/**
	 * Forgets every room that is no longer open (asked of `isOpen`, a few rooms at a time); answers how many rooms
	 * were forgotten. Run from a scheduled job, never on the path of a request.
	 */
	forgetClosedRooms(isOpen: (roomId: string) => Promise<boolean>): Promise<number>;
}

export type WelcomeClaim = 'ours' | 'pending' | 'done';

/** Where a lease stands for its taker, as read now. */
export type LeaseCheck = {
	/** The first live record not given back is the taker's. */
	readonly holds: boolean;
	/**
	 * Whether another taker held or took this lease shortly before, or takes it beside this one: what was read of the
	 * room while the lease was being asked for may predate that taker's work, so read it again.
	 */
	readonly contended: boolean;
};

export type RoomLease = {
	/** Settles once the taker's record is stored (or its write failed: check and waitUntilHeld say how). */
	readonly stored: Promise<void>;
	/** Reads the lease's records once. */
	check(): Promise<LeaseCheck>;
	/**
	 * Reads the lease's records until the taker holds it, waiting (at most `waitMs`) while an earlier taker has it.
	 * Throws RoomBusy when the wait runs out, taking the taker's record back.
	 */
	waitUntilHeld(waitMs: number): Promise<LeaseCheck>;
	/** Gives the lease back (a record saying so, so that later takers know someone held it lately). */
	release(): Promise<void>;
};
