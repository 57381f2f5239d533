import type { IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';
import { HttpBridge, type IHttpBridgeRequestInfo } from '@rocket.chat/apps-engine/server/bridges';

/** Node 20's global fetch, declared here because the project's Node typings are 16.x (what rc-apps needs). */
declare const fetch: (
	url: URL,
	init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ status: number; headers: { entries(): IterableIterator<[string, string]> }; text(): Promise<string> }>;

/** Apps' outgoing HTTP (IHttp), made for real with Node's fetch, so an app can talk to a local Rasa server. */
export class SandboxHttpBridge extends HttpBridge {
	protected async call(info: IHttpBridgeRequestInfo): Promise<IHttpResponse> {
		const { request } = info;
		const url = new URL(info.url);
		for (const [key, value] of Object.entries(request.params ?? {})) {
			url.searchParams.set(key, value);
		}
		const headers: Record<string, string> = { ...(request.headers ?? {}) };
		let body: string | undefined = request.content;
		if (body === undefined && request.data !== undefined) {
			body = JSON.stringify(request.data);
			headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
		}
		const controller = new AbortController();
		const timer = request.timeout ? setTimeout(() => controller.abort(), request.timeout) : undefined;
		try {
			const response = await fetch(url, {
				method: info.method.toUpperCase(),
				headers,
				body,
				signal: controller.signal,
			});
			const content = await response.text();
			let data: unknown;
			try {
				data = JSON.parse(content);
			} catch {
				data = undefined;
			}
			return {
				url: url.toString(),
				method: info.method,
				statusCode: response.status,
				headers: Object.fromEntries(response.headers.entries()),
				content,
				data,
			};
		} finally {
			if (timer) {
				clearTimeout(timer);
			}
		}
	}
}
