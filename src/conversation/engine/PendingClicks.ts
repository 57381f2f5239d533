const MAX_PENDING = 1000;
const PENDING_FOR_MS = 10 * 60 * 1000;

/**
 * Quick-reply choices waiting for their message event: a click posts the button's title as the visitor's message,
 * and when Rocket.Chat fires the event for that message, the relay sends the button's payload to Rasa instead of
 * the title. Rocket.Chat fires a message's event on the instance that created it (sendMessage.ts), so this instance's
 * memory is enough; it is bounded, and entries expire.
 */
export class PendingClicks {
	private readonly payloads = new Map<string, { payload: string; expires: number }>();

	constructor(private readonly now: () => number = () => Date.now()) {}

	public remember(messageId: string, payload: string): void {
		if (this.payloads.size >= MAX_PENDING) {
			const oldest = this.payloads.keys().next();
			if (!oldest.done) {
				this.payloads.delete(oldest.value);
			}
		}
		this.payloads.set(messageId, { payload, expires: this.now() + PENDING_FOR_MS });
	}

	/** The payload waiting for this message, once. */
	public take(messageId: string): string | undefined {
		const entry = this.payloads.get(messageId);
		this.payloads.delete(messageId);
		return entry && entry.expires > this.now() ? entry.payload : undefined;
	}

	public get size(): number {
		return this.payloads.size;
	}
}
