import { Router, type Request, type Response } from 'express';

import type { AppApiRequest, ISandboxBackend } from './ISandboxBackend';

/**
 * /api/apps/public/:appId/* and /api/apps/private/:appId/:hash/*, with Rocket.Chat's semantics: credentials fill
 * request.user when valid; an authRequired endpoint without them gets the plain-text 401 "Unauthorized"; an
 * unknown app, path or a disabled app gets 404; an endpoint that throws gets a plain-text 500 with the reason.
 */
export function appEndpointRoutes(backend: ISandboxBackend, log: (line: string) => void): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	const serve = async (appId: string, path: string, privateHash: string | undefined, req: Request, res: Response) => {
		const endpoint = await backend.findAppEndpoint(appId, path, privateHash);
		if (!endpoint.found) {
			res.sendStatus(404);
			return;
		}
		if (endpoint.authRequired && !req.sandboxUser) {
			res.status(401).type('text/plain').send('Unauthorized');
			return;
		}
		const request: AppApiRequest = {
			method: req.method.toLowerCase(),
			headers: req.headers as Record<string, string>,
			query: req.query as Record<string, string>,
			params: {},
			content: req.body,
			privateHash,
			user: req.sandboxUser ? backend.appUserOf(req.sandboxUser) : undefined,
		};
		try {
			const { status, headers = {}, content } = await endpoint.execute(request);
			res.set(headers);
			res.status(status);
			res.send(content);
		} catch (reason) {
			const message = reason instanceof Error ? reason.message : String(reason);
			log(`app ${appId} endpoint ${path} failed: ${message}`);
			res.status(500).send(message);
		}
	};

	router.all('/api/apps/public/:appId/*path', (req, res) => {
		void serve(String(req.params.appId), joinPath(req.params.path), undefined, req, res);
	});
	router.all('/api/apps/private/:appId/:hash/*path', (req, res) => {
		void serve(String(req.params.appId), joinPath(req.params.path), String(req.params.hash), req, res);
	});

	return router;
}

/** Express 5 gives a wildcard as its segments. */
function joinPath(path: unknown): string {
	return Array.isArray(path) ? path.join('/') : String(path ?? '');
}
