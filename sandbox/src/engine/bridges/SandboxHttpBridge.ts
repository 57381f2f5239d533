import type { IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';
import { HttpBridge, type IHttpBridgeRequestInfo } from '@rocket.chat/apps-engine/server/bridges';

/** Node 20's global fetch, declared here because the project's Node typings are 16.x (what rc-apps needs). */
declare const fetch: (
	url: URL,
	init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{
	status: number;
	headers: { entries(): IterableIterator<[string, string]> };
	arrayBuffer(): Promise<ArrayBuffer>;
}>;

/**
 * Apps' outgoing HTTP (IHttp), made for real with Node's fetch, but behaving as Rocket.Chat's server fetch
 * (node-fetch 2.x, apps/meteor/app/apps/server/bridges/http.ts): credentials in the URL are sent as Basic auth
 * (Node's fetch refuses such URLs), and failures read "request to <url> failed, reason: ..." or
 * "network timeout at: <url>". The body is read whole as bytes: with `encoding: null` the app gets them as a Buffer
 * (`content`), otherwise as text in that encoding (utf8 by default) with `data` parsed from JSON.
 */
export class SandboxHttpBridge extends HttpBridge {
	protected async call(info: IHttpBridgeRequestInfo): Promise<IHttpResponse> {
		const { request } = info;
		const url = new URL(info.url);
		for (const [key, value] of Object.entries(request.params ?? {})) {
			url.searchParams.set(key, value);
		}
		const headers: Record<string, string> = { ...(request.headers ?? {}) };
		if (url.username || url.password) {
			// Node's http.request sends `auth` as Basic unless the caller set Authorization itself.
			const hasAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
			if (!hasAuthorization) {
				const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
				headers.Authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
			}
			url.username = '';
			url.password = '';
		}
		let body: string | undefined = request.content;
		if (body === undefined && request.data !== undefined) {
			body = JSON.stringify(request.data);
			headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
		}
		const controller = new AbortController();
		let timedOut = false;
		const timer = request.timeout
			? setTimeout(() => {
					timedOut = true;
					controller.abort();
				}, request.timeout)
			: undefined;
		try {
			const response = await fetch(url, {
				method: info.method.toUpperCase(),
				headers,
				body,
				signal: controller.signal,
			});
			const bytes = Buffer.from(await response.arrayBuffer());
			const answered = {
				url: info.url,
				method: info.method,
				statusCode: response.status,
				headers: Object.fromEntries(response.headers.entries()),
			};
			if (request.encoding === null) {
				return { ...answered, content: bytes as unknown as string };
			}
			const content = bytes.toString((request.encoding as BufferEncoding | undefined) ?? 'utf8');
			let data: unknown;
			try {
				data = JSON.parse(content);
			} catch {
				data = undefined;
			}
			return { ...answered, content, data };
		} catch (error) {
			// The messages are node-fetch's (the root tsconfig, used by ts-jest, targets ES2019: no `cause` option).
			if (timedOut) {
				// eslint-disable-next-line preserve-caught-error
				throw new Error(`network timeout at: ${info.url}`);
			}
			const { cause } = error as { cause?: { message?: string } };
			const reason = cause?.message ?? (error instanceof Error ? error.message : String(error));
			// eslint-disable-next-line preserve-caught-error
			throw new Error(`request to ${info.url} failed, reason: ${reason}`);
		} finally {
			if (timer) {
				clearTimeout(timer);
			}
		}
	}
}
