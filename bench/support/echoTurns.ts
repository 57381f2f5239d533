import { now } from './roundTrips';
import type { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import type { Workspace } from '../../sandbox/src/workspace/Workspace';

export type EchoTurn = { text: string; sentMs: number; repliedMs: number; answered: boolean };

/**
 * Visitor turns answered with "echo <text>" (the scripted Rasa's echo, or the floor echo app's): each turn sends a
 * fresh text through the livechat REST API and resolves once its echo is stored in the room, or after `timeoutMs`.
 */
export function echoTurns(
	workspace: Workspace,
	admin: RocketChatClient,
	timeoutMs: number,
): (room: { id: string; visitorToken: string }) => Promise<EchoTurn> {
	const waiting = new Map<string, () => void>();
	workspace.onEvent((event) => {
		if (event.type === 'message-sent') {
			waiting.get(`${event.message.rid} ${event.message.msg}`)?.();
		}
	});
	let turns = 0;
	return async (room) => {
		const text = `t${turns++}`;
		const key = `${room.id} echo ${text}`;
		const replied = new Promise<boolean>((resolve) => {
			waiting.set(key, () => resolve(true));
			setTimeout(() => resolve(false), timeoutMs).unref();
		});
		const sentMs = now();
		await admin.sendVisitorMessage(room.visitorToken, room.id, text);
		const answered = await replied;
		waiting.delete(key);
		return { text, sentMs, repliedMs: now(), answered };
	};
}
