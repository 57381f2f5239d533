import type { IApp } from '@rocket.chat/apps-engine/definition/IApp';
import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import {
	ApiEndpoint,
	type IApiEndpointInfo,
	type IApiRequest,
	type IApiResponse,
} from '@rocket.chat/apps-engine/definition/api';

import { answerOf } from './answers';
import { scrubRequestLog } from './scrubRequestLog';
import type { InstanceState } from '../context/InstanceState';
import { createConversation, safeLog } from '../context/createConversation';
import type { Conversation } from '../conversation/engine/Conversation';
import { failed, type Outcome } from '../shared/Outcome';
import { errorMessage } from '../text/errorMessage';

/** Rocket.Chat stops an app call after 30 s; answer well before, whatever waits inside. */
export const ENDPOINT_DEADLINE_MS = 27000;

/**
 * The base of every endpoint: JSON in, JSON out. POST goes to `handle`; every other method answers 405 JSON
 * (without a handler Rocket.Chat would answer a plain-text 500); anything unexpected becomes a 500 without details;
 * outcomes become answers through the one table (answers.ts).
 */
export abstract class JsonEndpoint extends ApiEndpoint {
	constructor(
		app: IApp,
		private readonly instance: InstanceState,
	) {
		super(app);
	}

	/**
	 * What the endpoint does with a POST. A property, not a method: engines before the Deno runtime (vm2) reach an
	 * endpoint's methods on its prototype through a proxy that only finds the HTTP verbs.
	 */
	protected abstract readonly handle: (
		request: IApiRequest,
		conversation: Conversation,
	) => Promise<Outcome | IApiResponse>;

	public async post(
		request: IApiRequest,
		_endpoint: IApiEndpointInfo,
		read: IRead,
		modify: IModify,
		http: IHttp,
		persistence: IPersistence,
	): Promise<IApiResponse> {
		const logger = this.app.getLogger();
		scrubRequestLog(logger);
		try {
			const conversation = createConversation(
				this.instance,
				{ read, modify, http, persistence, logger },
				Date.now() + ENDPOINT_DEADLINE_MS,
			);
			const answer = await this.handle(request, conversation);
			return 'status' in answer ? answer : answerOf(answer);
		} catch (error) {
			// Details stay in the log; the caller learns only that it was not their fault.
			safeLog(logger).error(`${this.path}: unexpected error: ${errorMessage(error)}`);
			return answerOf(failed('internal-error', 'The Rasa app failed unexpectedly; see the app logs.'));
		}
	}

	public async get(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'GET');
	}

	public async put(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'PUT');
	}

	public async delete(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'DELETE');
	}

	public async patch(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'PATCH');
	}

	public async head(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'HEAD');
	}

	public async options(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'OPTIONS');
	}
}

function methodNotAllowed(app: IApp, method: string): IApiResponse {
	scrubRequestLog(app.getLogger());
	return answerOf(failed('method-not-allowed', `${method} is not supported; call this endpoint with POST.`));
}
