/** The shapes SandboxEngine answers with: plain data, so HTTP routes and tests need no Apps-Engine types. */

export type AppSummary = {
	id: string;
	name: string;
	nameSlug: string;
	version: string;
	status: string;
};

export type AppSettingView = {
	id: string;
	type: string;
	packageValue: unknown;
	value?: unknown;
	[key: string]: unknown;
};

export type AppApiView = {
	path: string;
	computedPath: string;
	methods: string[];
	authRequired: boolean;
	visibility: string;
};

/** The request the host hands to an app endpoint (IApiRequest). */
export type AppApiRequest = {
	method: string;
	headers: Record<string, string>;
	query: Record<string, string>;
	params: Record<string, string>;
	content: unknown;
	privateHash?: string;
	user?: unknown;
};

export type AppApiResponse = { status: number; headers?: Record<string, string>; content?: unknown };

export type AppEndpointLookup =
	| { found: false }
	| {
			found: true;
			authRequired: boolean;
			/** The path parameters of the endpoint's route (`:name` segments), as express parsed them. */
			params: Record<string, string>;
			execute(request: AppApiRequest): Promise<AppApiResponse>;
	  };
