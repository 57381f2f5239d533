import { ApiBridge } from '@rocket.chat/apps-engine/server/bridges';
import type { AppApi } from '@rocket.chat/apps-engine/server/managers/AppApi';

/** An app's endpoint and the path parameters a request's path gave it. */
export type EndpointMatch = { api: AppApi; params: Record<string, string> };

type Route = { api: AppApi; pattern: RegExp; keys: string[] };

/**
 * The route Rocket.Chat's router makes of an endpoint's path (apps/server/bridges/api.ts: `router.all('/' +
 * path.trim(), ...)` on the app's own express 4 router): `:name` is one segment (a parameter), `*` anything, every other
 * character itself; matched whole, case-insensitively, with or without a trailing slash (path-to-regexp 0.1 with
 * express's defaults, strict and caseSensitive off).
 */
function routeOf(path: string, api: AppApi): Route {
	const keys: string[] = [];
	let source = '';
	for (const part of `/${path.trim()}`.split(/(:\w+|\*)/)) {
		if (part === '*') {
			source += '(.*)';
			keys.push(String(keys.length));
		} else if (part.startsWith(':') && part.length > 1) {
			source += '([^/]+?)';
			keys.push(part.slice(1));
		} else {
			source += part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
		}
	}
	return { api, keys, pattern: new RegExp(`^${source.replace(/\/$/, '')}\\/?$`, 'i') };
}

/** Keeps the endpoints each app registered; the HTTP layer routes /api/apps/{public,private}/... through it. */
export class SandboxApiBridge extends ApiBridge {
	private readonly endpoints = new Map<string, Map<string, Route>>();

	protected async registerApi(api: AppApi, appId: string): Promise<void> {
		const forApp = this.endpoints.get(appId) ?? new Map<string, Route>();
		forApp.set(api.endpoint.path, routeOf(api.endpoint.path, api));
		this.endpoints.set(appId, forApp);
	}

	protected async unregisterApis(appId: string): Promise<void> {
		this.endpoints.delete(appId);
	}

	/** The first endpoint (in the order the app registered them) whose route matches the path, as express picks one. */
	public find(appId: string, path: string): EndpointMatch | undefined {
		const requested = `/${path.replace(/^\//, '')}`;
		for (const { api, pattern, keys } of this.endpoints.get(appId)?.values() ?? []) {
			const match = pattern.exec(requested);
			if (match) {
				const params: Record<string, string> = {};
				keys.forEach((key, index) => {
					const value = match[index + 1];
					if (value !== undefined) {
						params[key] = decodeParam(value);
					}
				});
				return { api, params };
			}
		}
		return undefined;
	}

	public list(appId: string): AppApi[] {
		return [...(this.endpoints.get(appId)?.values() ?? [])].map(({ api }) => api);
	}
}

/** Express decodes each parameter (decodeURIComponent; a malformed one is express's 400, here left as sent). */
function decodeParam(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
