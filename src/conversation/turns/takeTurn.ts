import { deliverReplies } from './deliverReplies';
import { metadataFor } from './visitorContext';
import type { Session } from '../../omnichannel/IOmnichannel';
import { Assistants, type Assistant } from '../../settings/assistants';
import { failed, isFailure, type Failure } from '../../shared/Outcome';
import type { ChatEvent, SharedFile } from '../../shared/chatEvents';
import { errorMessage } from '../../text/errorMessage';
import { timeLeft, type Conversation } from '../engine/Conversation';
import { performBotRequest } from '../engine/performAction';
import { openSession, readOpenSession, requireServedByAssistant } from '../engine/sessionGuards';

/** Rasa needs at least this long to answer anything; a call with less time left is refused before sending. */
const MIN_RASA_TIME_MS = 1000;

export type TurnResult = { readonly ok: true; readonly sent: boolean } | Failure;

/** A message for Rasa, with what happened to the chat when it is a lifecycle intent. */
export type TurnMessage = {
	readonly text: string;
	readonly event?: ChatEvent;
	/** The files the visitor's message carries, described (started beside the turn: awaited only before sending). */
	readonly files?: Promise<ReadonlyArray<SharedFile>>;
	/** Awaited before the message goes (outside the room's steps): e.g. a welcome another instance is sending. */
	readonly before?: () => Promise<void>;
	/** Called once the message went to Rasa, or will not go (the turn ended first), whatever Rasa answered. */
	readonly after?: () => Promise<void>;
};

/** What a turn sends to Rasa, in order: one message, several (a welcome intent before a first text), or nothing. */
export type TurnMessages = string | TurnMessage | ReadonlyArray<string | TurnMessage> | undefined;

const asMessage = (message: string | TurnMessage): TurnMessage =>
	typeof message === 'string' ? { text: message } : message;

/**
 * One exchange with Rasa for a room, as a turn of that room: read the room and decide what to send (a step), send
 * each message with the room id as sender while the bot shows as typing (no step held: Rasa's callbacks and custom
 * actions calling the incoming API must get through meanwhile), then read the room again and deliver the replies (a
 * step), before the next message goes. A room closed or handed over in between gets nothing more from the bot. When
 * Rasa fails the visitor is told once and, if configured, handed over. `compose` is asked inside the first step.
 */
export async function takeTurn(
	conversation: Conversation,
	roomId: string,
	compose: (session: Session, assistant: Assistant) => Promise<TurnMessages> | TurnMessages,
	maxWaitMs = Infinity,
	caller?: { readonly username: string },
	seen?: Session,
): Promise<TurnResult> {
	const { rooms, omnichannel } = conversation;
	return rooms.turn(
		roomId,
		async (turnWaited) => {
			const start = await rooms.step(roomId, async (stepWaited) => {
				// The room as the event saw it is current unless other work on it came first here; what another
				// instance does meanwhile is caught by the read before the replies are delivered.
				const session =
					seen && !turnWaited && !stepWaited ? openSession(seen, roomId) : await readOpenSession(omnichannel, roomId);
				if (isFailure(session)) {
					return session;
				}
				const assistant = requireServedByAssistant(
					session,
					await conversation.assistants(),
					'so the bot does not answer there',
					caller,
				);
				if (isFailure(assistant)) {
					return assistant;
				}
				const composed = (await compose(session, assistant)) ?? [];
				const messages = Array.isArray(composed) ? composed : [composed as string | TurnMessage];
				return { session, assistant, texts: messages.map(asMessage) };
			});
			if (isFailure(start)) {
				return start;
			}
			let { session } = start;
			const afterwards: Array<Promise<void>> = [];
			const settle = (message: TurnMessage) => {
				afterwards.push(
					(message.after?.() ?? Promise.resolve()).catch((error: unknown) =>
						conversation.log.warn(`relay: room ${roomId}: ${errorMessage(error)}`),
					),
				);
			};
			let sent = 0;
			try {
				for (const message of start.texts) {
					await message.before?.();
					const exchanged = await exchange(conversation, session, start.assistant, message);
					sent++;
					settle(message);
					if (isFailure(exchanged)) {
						return exchanged;
					}
					if (exchanged.endedBy) {
						break;
					}
					session = exchanged.session;
				}
				return { ok: true, sent: start.texts.length > 0 };
			} finally {
				start.texts.slice(sent).forEach(settle);
				await Promise.all(afterwards);
			}
		},
		maxWaitMs,
	);
}

/** After one exchange: the session as read for the delivery, and the action of Rasa's that ended the bot's part. */
type Exchanged = { session: Session; endedBy?: string };

/** Sends one message to Rasa and delivers the answer; a failure says why nothing was delivered. */
async function exchange(
	conversation: Conversation,
	session: Session,
	assistant: Assistant,
	{ text, event, files }: TurnMessage,
): Promise<Exchanged | Failure> {
	const { rooms, omnichannel, settings, log } = conversation;
	const roomId = session.id;
	const left = timeLeft(conversation);
	const [rasa, { typingIndicator, rasaTimeoutMs, visitorContext }] = await Promise.all([
		conversation.rasaFor(assistant),
		settings.read('typingIndicator', 'rasaTimeoutMs', 'visitorContext'),
	]);
	if (left < MIN_RASA_TIME_MS) {
		return failed('room-busy', `The livechat room "${roomId}" was busy for too long; try again.`);
	}
	const typing = typingIndicator ? showTypingSoon(() => omnichannel.startTyping(session)) : undefined;
	const shared = await files;
	const metadata = withFiles(metadataFor(session, visitorContext, event), shared);
	const answer = await rasa.send(
		{ sender: roomId, message: text, ...(metadata ? { metadata } : {}) },
		Math.min(rasaTimeoutMs, left - 500),
	);
	const stopTyping = typing?.stop();
	if (!answer.ok) {
		conversation.counter.count('rasaFailures');
	}
	const delivered = await rooms.step(roomId, async (): Promise<Exchanged | Failure> => {
		const current = await readOpenSession(omnichannel, roomId);
		const { handoverOnFailure } = await settings.read('handoverOnFailure');
		// Still this assistant's chat: a transfer to another bot meanwhile is a chat Rasa's answer is not for.
		const stillServed = isFailure(current)
			? current
			: requireServedByAssistant(current, new Assistants([assistant]), 'so the bot no longer answers there');
		if (isFailure(stillServed)) {
			const gone = stillServed;
			log.info(`relay: room ${roomId}: Rasa's answer was dropped: ${gone.code}`);
			return gone;
		}
		const served = current as Session;
		if (!answer.ok) {
			log.warn(`relay: room ${roomId}: ${answer.problem}`);
			await omnichannel.postBotMessage(served, { text: assistant.serviceUnavailableMessage });
			if (handoverOnFailure) {
				// As if Rasa had asked for it: a handover naming no one goes to the default handover department.
				const result = await performBotRequest(conversation, served, 'handover', {});
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
		const { endedBy } = await deliverReplies(conversation, served, answer.replies);
		return { session: served, endedBy };
	});
	await stopTyping;
	return delivered;
}

/** Rasa reads a message's files from its metadata, beside the visitor's context. */
function withFiles(
	metadata: Record<string, unknown> | undefined,
	files: ReadonlyArray<SharedFile> | undefined,
): Record<string, unknown> | undefined {
	return files?.length ? { ...metadata, files } : metadata;
}

/** Rasa's answer within this long needs no typing indicator: the reply is there before "typing" would show. */
const TYPING_AFTER_MS = 400;

/**
 * Shows the bot as typing once Rasa has taken longer than a moment, and stops it once asked (if it ever showed).
 * A quick answer costs no call to Rocket.Chat at all. Engines before the Deno runtime give the app's modules other
 * than the main one no timers: there it shows at once, as it always did.
 */
function showTypingSoon(start: () => Promise<(() => Promise<void>) | undefined>): { stop(): Promise<void> } {
	let shown: Promise<(() => Promise<void>) | undefined> | undefined;
	const show = () => {
		shown = start().catch(() => undefined);
	};
	const timer = typeof setTimeout === 'function' ? setTimeout(show, TYPING_AFTER_MS) : show();
	return {
		stop: async () => {
			if (timer !== undefined) {
				clearTimeout(timer);
			}
			const stop = await shown;
			await stop?.().catch(() => undefined);
		},
	};
}
