import { ApiBridge } from '@rocket.chat/apps-engine/server/bridges';
import type { AppApi } from '@rocket.chat/apps-engine/server/managers/AppApi';

/** Keeps the endpoints each app registered; the HTTP layer routes /api/apps/{public,private}/... through it. */
export class SandboxApiBridge extends ApiBridge {
	private readonly endpoints = new Map<string, Map<string, AppApi>>();

	protected async registerApi(api: AppApi, appId: string): Promise<void> {
		const forApp = this.endpoints.get(appId) ?? new Map<string, AppApi>();
		forApp.set(api.endpoint.path.replace(/^\//, ''), api);
		this.endpoints.set(appId, forApp);
	}

	protected async unregisterApis(appId: string): Promise<void> {
		this.endpoints.delete(appId);
	}

	public find(appId: string, path: string): AppApi | undefined {
		return this.endpoints.get(appId)?.get(path.replace(/^\//, ''));
	}

	public list(appId: string): AppApi[] {
		return [...(this.endpoints.get(appId)?.values() ?? [])];
	}
}
