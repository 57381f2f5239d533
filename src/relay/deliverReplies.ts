import type { IRelayLog, IRelaySettings } from './IRelaySettings';
import { closeChat } from '../actions/closeChat';
import { handover } from '../actions/handover';
import type { IOmnichannel, Session } from '../omnichannel/IOmnichannel';
import type { RasaBotMessage } from '../rasa/RasaBotMessage';
import { toBotOutputs } from '../rasa/toBotOutputs';

export type RelayDeps = { omnichannel: IOmnichannel; settings: IRelaySettings; log: IRelayLog };

/**
 * Shows Rasa's replies to the visitor in order, as the bot: messages are posted; control payloads close the chat or
 * hand it over through the same actions as the incoming API. Stops after a control payload that ended the bot's
 * turn (a closed or handed-over chat is no longer the bot's to talk in).
 */
export async function deliverReplies(
	deps: RelayDeps,
	session: Session,
	replies: ReadonlyArray<RasaBotMessage>,
): Promise<void> {
	for (const output of toBotOutputs(replies)) {
		if (output.kind === 'message') {
			await deps.omnichannel.postBotMessage(session, output.message);
			continue;
		}
		if (output.kind === 'ignored') {
			deps.log.info(`relay: room ${session.id}: skipped a ${output.reason}`);
			continue;
		}
		const outcome =
			output.control.action === 'close-chat'
				? await closeChat(deps.omnichannel, deps.settings, {
						sessionId: session.id,
						closer: { id: session.servedById ?? '', username: session.servedByUsername ?? '' },
					})
				: await handover(deps.omnichannel, deps.settings, {
						sessionId: session.id,
						targetDepartment: output.control.targetDepartment,
					});
		deps.log.info(
			`relay: room ${session.id}: ${output.control.action} asked by the bot: ${outcome.ok ? 'done' : outcome.code}`,
		);
		if (outcome.ok) {
			return;
		}
	}
}
