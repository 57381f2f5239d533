import { succeeded, type Outcome } from './Outcome';
import { findBotSession } from './findBotSession';
import { isFailure } from './findOpenSession';
import type { RasaBotMessage } from '../rasa/RasaBotMessage';
import { deliverReplies, type RelayDeps } from '../relay/deliverReplies';

export type SendMessageRequest = { readonly sessionId: string; readonly messages: ReadonlyArray<RasaBotMessage> };

/** Proactive bot messages, Rasa-shaped, shown to the visitor exactly as Rasa's own replies are. */
export async function sendMessage(deps: RelayDeps, request: SendMessageRequest): Promise<Outcome> {
	const session = await findBotSession(deps.omnichannel, request.sessionId, await deps.settings.botUsername());
	if (isFailure(session)) {
		return session;
	}
	await deliverReplies(deps, session, request.messages);
	return succeeded('message-sent');
}
