import { timeLeft, type Conversation } from './Conversation';
import { failed, isFailure, type Failure } from './Outcome';
import { handover } from './actions/handover';
import { deliverReplies } from './deliverReplies';
import { performBotAction } from './performAction';
import { readOpenSession, requireServedByBot } from './sessionGuards';
import type { Session } from '../omnichannel/IOmnichannel';

/** Rasa needs at least this long to answer anything; a call with less time left is refused before sending. */
const MIN_RASA_TIME_MS = 1000;

export type TurnResult = { readonly ok: true; readonly sent: boolean } | Failure;

/**
 * One exchange with Rasa for a room, as a turn of that room: read the room and decide what to send (a step), send
 * it with the room id as sender while the bot shows as typing (no step held: Rasa's callbacks and custom actions
 * calling the incoming API must get through meanwhile), then read the room again and deliver the replies (a step).
 * A room closed or handed over in between gets nothing more from the bot. When Rasa fails the visitor is told once
 * and, if configured, handed over. `message` is asked inside the first step; undefined means nothing to send.
 */
export async function takeTurn(
	conversation: Conversation,
	roomId: string,
	message: (session: Session) => Promise<string | undefined> | string | undefined,
	maxWaitMs = Infinity,
): Promise<TurnResult> {
	const { rooms, omnichannel, settings, log } = conversation;
	return rooms.turn(
		roomId,
		async () => {
			const start = await rooms.step(roomId, async () => {
				const session = await readOpenSession(omnichannel, roomId);
				if (isFailure(session)) {
					return session;
				}
				const { botUsername } = await settings.read('botUsername');
				const notTheBots = requireServedByBot(session, botUsername, 'so the bot does not answer there');
				if (notTheBots) {
					return notTheBots;
				}
				const text = await message(session);
				return text === undefined ? undefined : { session, text };
			});
			if (start === undefined) {
				return { ok: true, sent: false };
			}
			if (isFailure(start)) {
				return start;
			}
			const left = timeLeft(conversation);
			const [rasa, { typingIndicator, rasaTimeoutMs }] = await Promise.all([
				conversation.rasa(),
				settings.read('typingIndicator', 'rasaTimeoutMs'),
			]);
			if (left < MIN_RASA_TIME_MS) {
				return failed('room-busy', `The livechat room "${roomId}" was busy for too long; try again.`);
			}
			const typing = typingIndicator ? omnichannel.startTyping(start.session).catch(() => undefined) : undefined;
			const answer = await rasa.send(
				{ sender: roomId, message: start.text, metadata: metadataOf(start.session) },
				Math.min(rasaTimeoutMs, left - 500),
			);
			const stopTyping = typing?.then((stop) => stop?.()).catch(() => undefined);
			const delivered = await rooms.step(roomId, async () => {
				const session = await readOpenSession(omnichannel, roomId);
				const { botUsername, serviceUnavailableMessage, handoverOnFailure } = await settings.read(
					'botUsername',
					'serviceUnavailableMessage',
					'handoverOnFailure',
				);
				const gone = isFailure(session)
					? session
					: requireServedByBot(session, botUsername, 'so the bot no longer answers there');
				if (gone) {
					log.info(`relay: room ${roomId}: Rasa's answer was dropped: ${gone.code}`);
					return gone;
				}
				const current = session as Session;
				if (!answer.ok) {
					log.warn(`relay: room ${roomId}: ${answer.problem}`);
					await omnichannel.postBotMessage(current, { text: serviceUnavailableMessage });
					if (handoverOnFailure) {
						const result = await performBotAction(conversation, current, handover, {});
						log.info(`relay: room ${roomId}: handover after the failure: ${result.ok ? 'done' : result.code}`);
					}
					return failed(
						'rasa-unavailable',
						'Rasa could not be reached or failed; the visitor was told, and the app logs say why.',
					);
				}
				if (answer.dropped > 0) {
					log.warn(
						`relay: room ${roomId}: Rasa sent ${answer.replies.length + answer.dropped} messages; only the first ${answer.replies.length} are shown`,
					);
				}
				await deliverReplies(conversation, current, answer.replies);
				return undefined;
			});
			await stopTyping;
			return delivered ?? { ok: true, sent: true };
		},
		maxWaitMs,
	);
}

function metadataOf(session: Session): Record<string, string> {
	return {
		roomId: session.id,
		...(session.visitorToken ? { visitorToken: session.visitorToken } : {}),
		...(session.visitorName ? { visitorName: session.visitorName } : {}),
		...(session.departmentId ? { department: session.departmentId } : {}),
	};
}
