import { failed, succeeded, type Outcome } from './Outcome';
import { findBotSession } from './findBotSession';
import { isFailure } from './findOpenSession';
import type { Entities } from '../endpoints/parseIncomingRequest';
import { relayToRasa, type RelayToRasaDeps } from '../relay/relayToRasa';

export type TriggerIntentRequest = {
	readonly sessionId: string;
	readonly intent: string;
	readonly entities?: Entities;
};

/** Rasa's way to inject an intent: the message "/intent{...entities}" bypasses NLU. */
export function intentMessage(intent: string, entities?: Entities): string {
	return `/${intent}${entities && Object.keys(entities).length > 0 ? JSON.stringify(entities) : ''}`;
}

/** Sends an intent to Rasa as if the visitor had said it, and shows the bot's replies. */
export async function triggerIntent(deps: RelayToRasaDeps, request: TriggerIntentRequest): Promise<Outcome> {
	const session = await findBotSession(deps.omnichannel, request.sessionId, await deps.settings.botUsername());
	if (isFailure(session)) {
		return session;
	}
	const answered = await relayToRasa(deps, session, intentMessage(request.intent, request.entities));
	return answered
		? succeeded('intent-triggered')
		: failed(
				'rasa-unavailable',
				'Rasa could not be reached or failed; the visitor was told, and the app logs say why.',
			);
}
