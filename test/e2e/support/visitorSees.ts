import type { RocketChatClient } from '../../../sandbox/src/client/RocketChatClient';

/** What the visitor's history shows, oldest first: "user: text", or "[type]" for a system message. */
export async function visitorSees(
	client: RocketChatClient,
	room: { id: string; visitorToken: string },
): Promise<string[]> {
	return (await client.visitorHistory(room.visitorToken, room.id)).map((message) =>
		message.t ? `[${message.t}]` : `${message.u.username}: ${message.msg}`,
	);
}
