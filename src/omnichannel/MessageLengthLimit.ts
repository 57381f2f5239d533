/** Rocket.Chat's default Message_MaxAllowedSize (server/settings/message.ts), used when the setting cannot be read. */
export const DEFAULT_MAX_MESSAGE_LENGTH = 5000;
/** Rocket.Chat tells apps nothing when a server setting changes: a value read is trusted this long. */
const KEEP_MS = 60000;

/**
 * The workspace's longest message, kept per instance for a minute: reading a server setting is a round trip, and a
 * reply longer than this is refused by Rocket.Chat (7.x and later check app messages too).
 */
export class MessageLengthLimit {
	private known?: { limit: number; expires: number };

	constructor(private readonly now: () => number = () => Date.now()) {}

	public async get(read: () => Promise<unknown>): Promise<number> {
		if (this.known && this.known.expires > this.now()) {
			return this.known.limit;
		}
		const value = await read().catch(() => undefined);
		const limit = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_MESSAGE_LENGTH;
		this.known = { limit, expires: this.now() + KEEP_MS };
		return limit;
	}
}
