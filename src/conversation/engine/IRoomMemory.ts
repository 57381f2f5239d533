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
	/** Whether claimOnce was made for this, by any instance. */
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
	 * Takes the room's `what` lease, shared by every instance: waits (at most `waitMs`) while an earlier holder has it.
	 * Throws RoomBusy when the wait runs out.
	 */
	lease(roomId: string, what: string, waitMs: number): Promise<RoomLease>;
	/**
	 * Forgets every room that is no longer open (asked of `isOpen`, a few rooms at a time); answers how many rooms
	 * were forgotten. Run from a scheduled job, never on the path of a request.
	 */
	forgetClosedRooms(isOpen: (roomId: string) => Promise<boolean>): Promise<number>;
}

export type WelcomeClaim = 'ours' | 'pending' | 'done';

export type RoomLease = {
	/**
	 * Whether another taker held or took this lease shortly before (within the time a lease lives): what was read
	 * of the room while the lease was being taken may predate that holder's work, so read it again.
	 */
	readonly contended: boolean;
	/**
	 * Reads the lease again: whether it is still this taker's. A taker whose record started earlier but was still
	 * committing when this one read comes first once it shows.
	 */
	confirm(): Promise<boolean>;
	/** Gives the lease back. */
	release(): Promise<void>;
};
