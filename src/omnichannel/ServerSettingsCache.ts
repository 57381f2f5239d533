/** Rocket.Chat tells apps nothing when a server setting changes: a value read is trusted this long. */
const KEEP_MS = 60000;

/**
 * The few workspace settings the app reads (Message_MaxAllowedSize, Site_Url), kept per instance for a minute:
 * reading one is a round trip. A value that cannot be read (no permission, no such setting) counts as its fallback.
 */
export class ServerSettingsCache {
	private readonly known = new Map<string, { value: unknown; expires: number }>();

	constructor(private readonly now: () => number = () => Date.now()) {}

	public async get<T>(
		id: string,
		read: () => Promise<unknown>,
		accept: (value: unknown) => T | undefined,
		fallback: T,
	): Promise<T> {
		const entry = this.known.get(id);
		if (entry && entry.expires > this.now()) {
			return entry.value as T;
		}
		const value = accept(await read().catch(() => undefined)) ?? fallback;
		this.known.set(id, { value, expires: this.now() + KEEP_MS });
		return value;
	}
}
