import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import {
	ApiEndpoint,
	type IApiEndpointInfo,
	type IApiRequest,
	type IApiResponse,
} from '@rocket.chat/apps-engine/definition/api';

import { callbackTokenOf, tokensMatch } from './callbackToken';
import { toHttpResponse } from './httpResponses';
import { failed, type Failure } from '../actions/Outcome';
import { findOpenSession, isFailure } from '../actions/findOpenSession';
import { isPlainObject } from '../json/isPlainObject';
import type { Session } from '../omnichannel/IOmnichannel';
import type { RasaBotMessage } from '../rasa/RasaBotMessage';
import { createRelayDeps } from '../relay/createRelayDeps';
import { deliverReplies } from '../relay/deliverReplies';
import { AppSettings } from '../settings/AppSettings';

const MAX_MESSAGES = 100;

/**
 * POST /api/apps/public/{app-id}/callback: Rasa's callback channel delivers the bot's replies here, one message per
 * call (a list is accepted too). Authenticated by the callback token setting; recipient_id is the room id.
 */
export class CallbackEndpoint extends ApiEndpoint {
	public path = 'callback';

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
			const settings = new AppSettings(read.getEnvironmentReader().getSettings());
			const expected = await settings.callbackToken();
			const given = callbackTokenOf(request);
			if (!expected || !given || !tokensMatch(given, expected)) {
				logger.warn(`callback: refused a call ${given ? 'with a wrong token' : 'without a token'}`);
				return toHttpResponse(
					failed(
						'invalid-token',
						expected
							? 'The callback token is missing or wrong; send the one set in the Rasa app settings.'
							: 'No callback token is set in the Rasa app settings, so callbacks are refused.',
					),
				);
			}
			const messages = readMessages(request.content);
			if (!Array.isArray(messages)) {
				return toHttpResponse(messages);
			}
			const deps = await createRelayDeps(read, modify, http, logger);
			const botUsername = await settings.botUsername();
			const sessions = new Map<string, Session>();
			for (const message of messages) {
				const id = message.recipient_id as string;
				if (!sessions.has(id)) {
					const session = await findOpenSession(deps.omnichannel, id);
					if (isFailure(session)) {
						return toHttpResponse(session);
					}
					if (!botUsername || session.servedByUsername !== botUsername) {
						return toHttpResponse(
							failed(
								'not-served-by-bot',
								`The livechat room "${id}" is not served by the bot, so the bot's reply was dropped.`,
							),
						);
					}
					sessions.set(id, session);
				}
			}
			for (const message of messages) {
				await deliverReplies(deps, sessions.get(message.recipient_id as string) as Session, [message]);
			}
			return {
				status: 200,
				headers: { 'Content-Type': 'application/json' },
				content: { status: 'ok', delivered: messages.length },
			};
		} catch (error) {
			logger.error(`callback: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
			return toHttpResponse(failed('internal-error', 'The Rasa app failed unexpectedly; see the app logs.'));
		}
	}
}

/** One Rasa message object, or a list of them, each addressed to a room by recipient_id. */
function readMessages(content: unknown): RasaBotMessage[] | Failure {
	const list = Array.isArray(content) ? content : [content];
	if (list.length === 0 || list.length > MAX_MESSAGES) {
		return failed('invalid-request', `Send one Rasa message object (or a list of 1 to ${MAX_MESSAGES}).`);
	}
	for (const item of list) {
		if (!isPlainObject(item)) {
			return failed('invalid-request', 'Each callback item must be a Rasa message object with recipient_id.');
		}
		if (typeof item.recipient_id !== 'string' || item.recipient_id.trim() === '') {
			return failed(
				'invalid-request',
				'"recipient_id" is missing; it must be the livechat room id (the sender Rasa was given).',
			);
		}
	}
	return list as RasaBotMessage[];
}
