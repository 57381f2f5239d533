/** How long a value read from the workspace is trusted when no change notice arrived (see the README: instances). */
export const SETTINGS_EXPIRY_MS = 10000;

type Entry = { value: unknown; expires: number };

/**
 * The app's settings as last read, per instance of the app. Rocket.Chat calls onSettingUpdated on every instance
 * when an admin saves a setting (ee/server/apps/communication/websockets.ts relays the change to the others), which
 * replaces the value here at once; the expiry covers a lost notice.
 */
export class SettingsCache {
	private readonly entries = new Map<string, Entry>();

	/** Bumped by every change: a read that started before it must not store its older value. */
	private generation = 0;

	constructor(private readonly now: () => number = () => Date.now()) {}

	public get(id: string): { value: unknown } | undefined {
		const entry = this.entries.get(id);
		return entry && entry.expires > this.now() ? { value: entry.value } : undefined;
	}

	public currentGeneration(): number {
		return this.generation;
	}

	/** Stores a value read from the workspace, unless a change arrived since the read started. */
	public remember(id: string, value: unknown, readGeneration: number): void {
		if (readGeneration === this.generation) {
			this.entries.set(id, { value, expires: this.now() + SETTINGS_EXPIRY_MS });
		}
	}

	/** An admin changed a setting: the new value is known, everything read before it is suspect. */
	public changed(id: string, value: unknown): void {
		this.generation++;
		this.entries.clear();
		this.entries.set(id, { value, expires: this.now() + SETTINGS_EXPIRY_MS });
	}

	public clear(): void {
		this.generation++;
		this.entries.clear();
	}
}
