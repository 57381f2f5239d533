import type { IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { JsonEndpoint } from './JsonEndpoint';
import { notLoggedIn } from './answers';
import { parseIncomingRequest } from './parseIncomingRequest';
import type { Conversation } from '../conversation/engine/Conversation';
import { performAction } from '../conversation/engine/performAction';
import { failed, type Outcome } from '../shared/Outcome';
import { oneLine } from '../text/oneLine';

/**
 * POST /api/apps/public/{app-id}/incoming: an authenticated caller (usually a Rasa custom action) acts on a chat:
 * close it, hand it over, send bot messages, trigger an intent. authRequired stays unset on purpose: Rocket.Chat
 * would answer a plain-text 401, while the published contract is a JSON one, so the endpoint checks request.user.
 */
export class IncomingEndpoint extends JsonEndpoint {
	public path = 'incoming';

	protected readonly handle = async (
		request: IApiRequest,
		conversation: Conversation,
	): Promise<Outcome | IApiResponse> => {
		const caller = request.user;
		if (!caller) {
			return notLoggedIn();
		}
		const { log, settings } = conversation;
		const { allowedRoles } = await settings.read('allowedRoles');
		const roles = Array.isArray(caller.roles) ? caller.roles : [];
		if (!roles.some((role) => allowedRoles.includes(role))) {
			log.warn(`incoming: ${caller.username} was refused: none of the allowed roles`);
			return failed(
				'not-allowed',
				`The user "${caller.username}" has none of the roles allowed to call this API (${allowedRoles.join(', ')}).`,
			);
		}
		const parsed = parseIncomingRequest(conversation.actions, request.content);
		if (!parsed.ok) {
			return parsed;
		}
		const { action, sessionId, data } = parsed.value;
		const outcome = await performAction(conversation, action, sessionId, data, caller);
		log.info(
			`incoming: ${action.name} of ${oneLine(sessionId, 60)} by ${caller.username}: ${outcome.ok ? 'done' : outcome.code}`,
		);
		return outcome;
	};
}
