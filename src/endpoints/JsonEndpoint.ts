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

type Method = 'POST' | 'GET';

/**
 * The base of every endpoint: JSON in, JSON out. Its method (POST unless it says GET) goes to `handle`; every other
 * method answers 405 JSON
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

	/** The one method the endpoint answers (a property, for the same reason as `handle`). */
	protected readonly method: Method = 'POST';

	public async post(
		request: IApiRequest,
		_endpoint: IApiEndpointInfo,
		read: IRead,
		modify: IModify,
		http: IHttp,
		persistence: IPersistence,
	): Promise<IApiResponse> {
		return answer('POST', this.method, this.app, this.instance, this.path, this.handle, request, {
			read,
			modify,
			http,
			persistence,
		});
	}

	public async get(
		request: IApiRequest,
		_endpoint: IApiEndpointInfo,
		read: IRead,
		modify: IModify,
		http: IHttp,
		persistence: IPersistence,
	): Promise<IApiResponse> {
		return answer('GET', this.method, this.app, this.instance, this.path, this.handle, request, {
			read,
			modify,
			http,
			persistence,
		});
	}

	public async put(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'PUT', this.method);
	}

	public async delete(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'DELETE', this.method);
	}

	public async patch(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'PATCH', this.method);
	}

	public async head(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'HEAD', this.method);
	}

	public async options(): Promise<IApiResponse> {
		return methodNotAllowed(this.app, 'OPTIONS', this.method);
	}
}

/**
 * A request: 405 unless it came in the endpoint's method; else its Conversation, its handler, and anything
 * unexpected as a bare 500.
 */
async function answer(
	verb: Method,
	method: Method,
	app: IApp,
	instance: InstanceState,
	path: string,
	handle: (request: IApiRequest, conversation: Conversation) => Promise<Outcome | IApiResponse>,
	request: IApiRequest,
	accessors: { read: IRead; modify: IModify; http: IHttp; persistence: IPersistence },
): Promise<IApiResponse> {
	if (verb !== method) {
		return methodNotAllowed(app, verb, method);
	}
	const logger = app.getLogger();
	scrubRequestLog(logger);
	try {
		const conversation = createConversation(instance, { ...accessors, logger }, Date.now() + ENDPOINT_DEADLINE_MS);
		const answered = await handle(request, conversation);
		return 'status' in answered ? answered : answerOf(answered);
	} catch (error) {
		// Details stay in the log; the caller learns only that it was not their fault.
		safeLog(logger).error(`${path}: unexpected error: ${errorMessage(error)}`);
		return answerOf(failed('internal-error', 'The Rasa app failed unexpectedly; see the app logs.'));
	}
}

function methodNotAllowed(app: IApp, method: string, allowed: Method): IApiResponse {
	scrubRequestLog(app.getLogger());
	const answered = answerOf(
		failed('method-not-allowed', `${method} is not supported; call this endpoint with ${allowed}.`),
	);
	return { ...answered, headers: { ...answered.headers, Allow: allowed } };
}
