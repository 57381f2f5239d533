import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import {
	ApiEndpoint,
	type IApiEndpointInfo,
	type IApiRequest,
	type IApiResponse,
} from '@rocket.chat/apps-engine/definition/api';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { notLoggedIn, toHttpResponse } from './httpResponses';
import { parseIncomingRequest, type IncomingRequest } from './parseIncomingRequest';
import { failed, type Outcome } from '../actions/Outcome';
import { closeChat } from '../actions/closeChat';
import { handover } from '../actions/handover';
import { sendMessage } from '../actions/sendMessage';
import { triggerIntent } from '../actions/triggerIntent';
import { AppsEngineOmnichannel } from '../omnichannel/AppsEngineOmnichannel';
import { createRelayDeps } from '../relay/createRelayDeps';
import { AppSettings } from '../settings/AppSettings';

/**
 * POST /api/apps/public/{app-id}/incoming: lets an authenticated caller (usually a Rasa custom action) close a chat
 * or hand it over to a department. authRequired stays unset on purpose: Rocket.Chat would answer a plain-text 401,
 * while the published contract is a JSON one, so the endpoint checks request.user itself.
 */
export class IncomingEndpoint extends ApiEndpoint {
	public path = 'incoming';

	public async post(
		request: IApiRequest,
		_endpoint: IApiEndpointInfo,
		read: IRead,
		modify: IModify,
		http: IHttp,
		_persistence: IPersistence,
	): Promise<IApiResponse> {
		const logger = this.app.getLogger();
		try {
			const caller = request.user;
			if (!caller) {
				return notLoggedIn();
			}
			const settings = new AppSettings(read.getEnvironmentReader().getSettings());
			const allowedRoles = await settings.allowedRoles();
			if (!hasAnyRole(caller, allowedRoles)) {
				logger.warn(`incoming: ${caller.username} was refused: none of the allowed roles`);
				return toHttpResponse(
					failed(
						'not-allowed',
						`The user "${caller.username}" has none of the roles allowed to call this API (${allowedRoles.join(', ')}).`,
					),
				);
			}
			const parsed = parseIncomingRequest(request.content);
			if (!parsed.ok) {
				return toHttpResponse(parsed);
			}
			const outcome = await perform(parsed.value, caller, { read, modify, http, logger }, settings);
			logger.info(
				`incoming: ${parsed.value.action} of ${parsed.value.sessionId} by ${caller.username}: ${
					outcome.ok ? 'done' : outcome.code
				}`,
			);
			return toHttpResponse(outcome);
		} catch (error) {
			// Details stay in the log; the caller learns only that it was not their fault.
			logger.error(`incoming: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
			return toHttpResponse(failed('internal-error', 'The Rasa app failed unexpectedly; see the app logs.'));
		}
	}

	// Every other method answers 405 JSON: without a handler Rocket.Chat would answer a plain-text 500.
	public async get(): Promise<IApiResponse> {
		return methodNotAllowed('GET');
	}

	public async put(): Promise<IApiResponse> {
		return methodNotAllowed('PUT');
	}

	public async delete(): Promise<IApiResponse> {
		return methodNotAllowed('DELETE');
	}

	public async patch(): Promise<IApiResponse> {
		return methodNotAllowed('PATCH');
	}

	public async head(): Promise<IApiResponse> {
		return methodNotAllowed('HEAD');
	}

	public async options(): Promise<IApiResponse> {
		return methodNotAllowed('OPTIONS');
	}
}

async function perform(
	request: IncomingRequest,
	caller: IUser,
	accessors: Accessors,
	settings: AppSettings,
): Promise<Outcome> {
	const omnichannel = new AppsEngineOmnichannel(accessors.read, accessors.modify, accessors.logger);
	switch (request.action) {
		case 'close-chat':
			return closeChat(omnichannel, settings, { sessionId: request.sessionId, closer: caller });
		case 'handover':
			return handover(omnichannel, settings, {
				sessionId: request.sessionId,
				targetDepartment: request.targetDepartment,
			});
		case 'send-message':
			return sendMessage(await relayDeps(accessors), request);
		case 'trigger-intent':
			return triggerIntent(await relayDeps(accessors), request);
	}
}

type Accessors = { read: IRead; modify: IModify; http: IHttp; logger: ILogger };

const relayDeps = (accessors: Accessors) =>
	createRelayDeps(accessors.read, accessors.modify, accessors.http, accessors.logger);

function hasAnyRole(user: IUser, allowedRoles: ReadonlyArray<string>): boolean {
	const { roles } = user;
	return Array.isArray(roles) && roles.some((role) => allowedRoles.includes(role));
}

function methodNotAllowed(method: string): IApiResponse {
	const response = toHttpResponse(
		failed('method-not-allowed', `${method} is not supported; call this endpoint with POST.`),
	);
	return { ...response, headers: { ...response.headers, Allow: 'POST' } };
}
