/**
 * What the app remembers about a room across its instances (backed by app persistence, i.e. Rocket.Chat's
 * database). Each fact is a claim: the first to claim it wins, whichever instance asks; nothing is ever read,
 * changed and written back, so no instance can lose another's write.
 */
export interface IRoomMemory {
	/** Records that the room was welcomed; false when it already was. */
	claimWelcome(roomId: string): Promise<boolean>;
	/** Records that the quick replies of a bot message were answered; false when they already were. */
	claimQuickReply(roomId: string, messageId: string): Promise<boolean>;
	/**
	 * Forgets every room that is no longer open (asked of `isOpen`, a few rooms at a time); answers how many rooms
	 * were forgotten. Run from a scheduled job, never on the path of a request.
	 */
	forgetClosedRooms(isOpen: (roomId: string) => Promise<boolean>): Promise<number>;
}
