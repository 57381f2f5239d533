import type { Conversation } from '../engine/Conversation';

/** Forgets what the app remembered of rooms that closed; run by a scheduled job, off every request's path. */
export async function forgetClosedRooms(conversation: Conversation): Promise<number> {
	const { memory, omnichannel, log } = conversation;
	const forgotten = await memory.forgetClosedRooms(
		async (roomId) => (await omnichannel.findSession(roomId))?.isOpen === true,
	);
	if (forgotten > 0) {
		log.info(`housekeeping: forgot ${forgotten} closed room(s)`);
	}
	return forgotten;
}
