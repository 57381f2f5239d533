const MAX_ROOMS = 10000;

/**
 * Rooms whose welcome this instance knows is done (sent to Rasa, failed, or given up: never taken back), so the relay
 * asks app persistence about a room's welcome once per instance, not on every turn. Bounded: the oldest rooms are
 * dropped first.
 */
export class KnownWelcomes {
	private readonly rooms = new Set<string>();

	public has(roomId: string): boolean {
		return this.rooms.has(roomId);
	}

	public add(roomId: string): void {
		if (this.rooms.size >= MAX_ROOMS) {
			const oldest = this.rooms.values().next();
			if (!oldest.done) {
				this.rooms.delete(oldest.value);
			}
		}
		this.rooms.add(roomId);
	}
}
