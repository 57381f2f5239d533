import type { IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';

import { JsonEndpoint } from './JsonEndpoint';
import { notLoggedIn } from './answers';
import { MAX_STATUS_HOURS, readBotStatus, STATUS_ROLES } from '../conversation/agents/botStatus';
import { readHours } from '../conversation/agents/rasaCommand';
import type { Conversation } from '../conversation/engine/Conversation';
import { failed, type Outcome } from '../shared/Outcome';
import { describeValue } from '../text/describeValue';

/**
 * GET /api/apps/public/{app-id}/status?hours=24: what `/rasa status` says, as JSON for monitoring: each assistant's
 * Rasa (reachable, version, channel) and every instance's counts over the last hours. For admins and
 * livechat-managers, with a login or personal access token.
 */
export class StatusEndpoint extends JsonEndpoint {
	public path = 'status';

	protected readonly method = 'GET';

	protected readonly handle = async (
		request: IApiRequest,
		conversation: Conversation,
	): Promise<Outcome | IApiResponse> => {
		const caller = request.user;
		if (!caller) {
			return notLoggedIn();
		}
		const roles = Array.isArray(caller.roles) ? caller.roles : [];
		if (!roles.some((role) => STATUS_ROLES.includes(role))) {
			return failed('not-allowed', `The user "${caller.username}" is neither an admin nor a livechat-manager.`);
		}
		const asked = (request.query as Record<string, unknown> | undefined)?.hours;
		// A repeated ?hours= comes as a list: not a number of hours.
		const hours = asked === undefined || typeof asked === 'string' ? readHours(asked) : undefined;
		if (hours === undefined) {
			return failed(
				'invalid-request',
				`"hours" is ${describeValue(asked)}; it must be a whole number of hours from 1 to ${MAX_STATUS_HOURS}.`,
			);
		}
		const status = await readBotStatus(conversation, conversation.now() - hours * 3600000);
		return { status: 200, headers: { 'Content-Type': 'application/json' }, content: { hours, ...status } };
	};
}
