import type { Assistants } from '../../settings/assistants';
import { isFailure } from '../../shared/Outcome';
import type { Conversation } from '../engine/Conversation';
import { readOpenSession } from '../engine/sessionGuards';

/** Chats looked at together by one run: each is a step of its room with a few round trips. */
const BATCH = 10;

export type IdleRun = { readonly warned: number; readonly closed: number };

/**
 * Rocket.Chat closes abandoned chats only in its Enterprise edition: the app does it for chats the bot serves. A
 * recurring scheduled job (run on one instance) calls this every 30 seconds. A chat's clock is the last visitor
 * message, or the bot taking the chat, as stored in app persistence (so every instance agrees); past the warning
 * time the visitor gets the warning once per silence, past the close time the close message, and the chat is
 * closed by the app's own user. A chat closed or handed over meanwhile is left alone and no longer timed.
 */
export async function closeIdleChats(conversation: Conversation): Promise<IdleRun> {
	const { settings, memory, log } = conversation;
	const [{ idleCloseMs, idleWarningMs }, assistants] = await Promise.all([
		settings.read('idleCloseMs', 'idleWarningMs'),
		conversation.assistants(),
	]);
	if (idleCloseMs <= 0 || assistants.all.length === 0) {
		return { warned: 0, closed: 0 };
	}
	const warnAfter = idleWarningMs > 0 && idleWarningMs < idleCloseMs ? idleWarningMs : undefined;
	const now = conversation.now();
	const due = (await memory.activities()).filter(({ at }) => now - at >= (warnAfter ?? idleCloseMs));
	let warned = 0;
	let closed = 0;
	for (let start = 0; start < due.length; start += BATCH) {
		const outcomes = await Promise.all(
			due.slice(start, start + BATCH).map(({ roomId }) =>
				conversation.rooms
					.step(roomId, () => actOnIdleChat(conversation, roomId, assistants, warnAfter, idleCloseMs))
					.catch((error: unknown) => {
						log.warn(`idle: room ${roomId}: ${error instanceof Error ? error.message : String(error)}`);
						return 'none' as const;
					}),
			),
		);
		warned += outcomes.filter((outcome) => outcome === 'warned').length;
		closed += outcomes.filter((outcome) => outcome === 'closed').length;
	}
	if (warned + closed > 0) {
		log.info(`idle: warned ${warned} chat(s), closed ${closed}`);
	}
	return { warned, closed };
}

async function actOnIdleChat(
	conversation: Conversation,
	roomId: string,
	assistants: Assistants,
	warnAfter: number | undefined,
	closeAfter: number,
): Promise<'warned' | 'closed' | 'none'> {
	const { omnichannel, memory, settings, log } = conversation;
	// Read again under the room's step: the visitor may have written since the run started.
	const [session, at] = await Promise.all([readOpenSession(omnichannel, roomId), memory.activityOf(roomId)]);
	if (isFailure(session) || !assistants.servedBy(session.servedByUsername) || at === undefined) {
		await memory.forgetActivity(roomId);
		return 'none';
	}
	const idle = conversation.now() - at;
	const { idleWarningMessage, idleCloseMessage } = await settings.read('idleWarningMessage', 'idleCloseMessage');
	if (idle >= closeAfter) {
		// Rocket.Chat may run this job twice at once (two recurring jobs of one name, or a rerun after its lock
		// expired): one run closes a silence, and says so once.
		const [claimed, app] = await Promise.all([memory.claimOnce(roomId, `idle-close:${at}`), omnichannel.appUser()]);
		if (!claimed) {
			return 'none';
		}
		await omnichannel.postBotMessage(session, { text: idleCloseMessage });
		const result = await omnichannel.closeSession(session, idleCloseMessage, app);
		await memory.forgetActivity(roomId);
		if (result.ok) {
			conversation.counter.count('idleClosed');
		}
		log.info(
			`idle: room ${roomId}: closed after ${Math.round(idle / 1000)} s without a visitor message: ${result.ok ? 'done' : result.refusal}`,
		);
		return result.ok ? 'closed' : 'none';
	}
	if (warnAfter !== undefined && idle >= warnAfter && (await memory.claimOnce(roomId, `idle-warning:${at}`))) {
		await omnichannel.postBotMessage(session, { text: idleWarningMessage });
		return 'warned';
	}
	return 'none';
}
