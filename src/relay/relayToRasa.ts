import { deliverReplies, type RelayDeps } from './deliverReplies';
import { handover } from '../actions/handover';
import type { Session } from '../omnichannel/IOmnichannel';
import type { IRasaClient } from '../rasa/RasaClient';

export type RelayToRasaDeps = RelayDeps & { rasa: IRasaClient };

/**
 * One visitor turn: sends the text (or a button's payload) to Rasa with the room id as sender, shows the bot typing
 * meanwhile, and delivers the replies. When Rasa fails, the visitor is told once and, if configured, handed over.
 * Returns whether Rasa took the turn.
 */
export async function relayToRasa(deps: RelayToRasaDeps, session: Session, message: string): Promise<boolean> {
	const stopTyping = (await deps.settings.typingIndicator()) ? await deps.omnichannel.startTyping(session) : undefined;
	let result;
	try {
		result = await deps.rasa.send({
			sender: session.id,
			message,
			metadata: {
				roomId: session.id,
				...(session.visitorToken ? { visitorToken: session.visitorToken } : {}),
				...(session.visitorName ? { visitorName: session.visitorName } : {}),
				...(session.departmentId ? { department: session.departmentId } : {}),
			},
		});
	} finally {
		await stopTyping?.();
	}
	if (result.ok) {
		await deliverReplies(deps, session, result.replies);
		return true;
	}
	deps.log.warn(`relay: room ${session.id}: ${result.problem}`);
	await deps.omnichannel.postAsServingAgent(session, await deps.settings.serviceUnavailableMessage());
	if (await deps.settings.handoverOnFailure()) {
		const outcome = await handover(deps.omnichannel, deps.settings, { sessionId: session.id });
		deps.log.info(`relay: room ${session.id}: handover after the failure: ${outcome.ok ? 'done' : outcome.code}`);
	}
	return false;
}
