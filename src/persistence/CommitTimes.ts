/** How many of the latest inserts the settle time is taken from. */
const REMEMBERED = 50;
/** A settle time never longer than this, whatever the database did lately (a claim must not stall a call). */
const MAX_SETTLE_MS = 500;

/**
 * How long this instance's inserts into app persistence took lately (from asking to the bridge's answer, which comes
 * once the insert committed). A claim read back alone may have an earlier claim still committing before it (MongoDB
 * shows an insert only once it committed, in the order inserts started): it is read again once twice the slowest
 * recent insert has passed, so that a claim which started earlier, and commits about as slowly, shows by then.
 */
export class CommitTimes {
	private readonly latest: number[] = [];

	public record(ms: number): void {
		this.latest.push(ms);
		if (this.latest.length > REMEMBERED) {
			this.latest.shift();
		}
	}

	/** How long a lone claim waits before it is read again. */
	public settleMs(): number {
		return Math.min(MAX_SETTLE_MS, 2 * Math.max(0, ...this.latest));
	}
}
