/**
 * What the app remembers about a room across its instances (backed by app persistence, i.e. Rocket.Chat's
 * database). Everything is forgotten when the room closes.
 */
export interface IRoomMemory {
	/** Records that the room was welcomed; false when it already was. */
	claimWelcome(roomId: string): Promise<boolean>;
	/** Records that the quick replies of a bot message were answered; false when they already were. */
	claimQuickReply(roomId: string, messageId: string): Promise<boolean>;
	forget(roomId: string): Promise<void>;
}
