import http from 'http';

import express, { Router, type NextFunction, type Request, type Response } from 'express';

import type { SandboxServices } from './SandboxServices';
import type { AppApiRequest } from '../engine/engineTypes';

/**
 * The page Rocket.Chat's web server answers when a request fails before any route answers it (a body the parser
 * refuses): the connect/express final handler in production, an HTML page naming the status.
 */
function hostErrorPage(res: Response, status: number): void {
	const name = (http.STATUS_CODES[status] ?? 'Error').replace(/[<>&"']/g, '');
	const body =
		'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n' +
		`<pre>${name}</pre>\n</body>\n</html>\n`;
	res.status(status);
	res.set({
		'Content-Security-Policy': "default-src 'none'",
		'X-Content-Type-Options': 'nosniff',
		'Content-Type': 'text/html; charset=utf-8',
	});
	res.send(body);
}

/**
 * /api/apps/public/:appId/* and /api/apps/private/:appId/:hash/*, as Rocket.Chat serves them
 * (apps/server/bridges/router.ts and api.ts):
 * - bodies are parsed by express.urlencoded({ extended: false }) (form keys stay flat: `actionData[x]` is one key)
 *   and express.json() (100 kB); a malformed or oversized body is refused by the host with its HTML error page
 *   (400, 413) before the app runs;
 * - credentials fill request.user when valid; an authRequired endpoint without them gets the plain-text 401;
 * - an unknown app, path or a disabled app gets a plain 404; an endpoint that throws (or runs past the engine's
 *   30 s) gets a plain-text 500 with the reason.
 */
export function appEndpointRoutes({ engine, convert, log }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	for (const base of ['/api/apps/private/:appId/:hash', '/api/apps/public/:appId']) {
		router.use(base, express.urlencoded({ extended: false }), express.json());
	}

	const serve = async (appId: string, path: string, privateHash: string | undefined, req: Request, res: Response) => {
		const endpoint = await engine.findEndpoint(appId, path, privateHash);
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
			params: endpoint.params,
			content: req.body,
			privateHash,
			user: req.sandboxUser ? convert.user(req.sandboxUser) : undefined,
		};
		try {
			const { status, headers = {}, content } = await endpoint.execute(request);
			res.set(headers);
			res.status(status);
			res.send(content);
		} catch (reason) {
			const message = reason instanceof Error ? reason.message : String(reason);
			log('warn', `app ${appId} endpoint ${JSON.stringify(path)} failed: ${message}`);
			res.status(500).send(message);
		}
	};

	// The path after the app's prefix as sent (not yet decoded): the endpoint's route decodes its own parameters.
	router.all('/api/apps/public/:appId/*path', (req, res) => {
		void serve(String(req.params.appId), rawPathAfter(req.path, 2), undefined, req, res);
	});
	router.all('/api/apps/private/:appId/:hash/*path', (req, res) => {
		void serve(String(req.params.appId), rawPathAfter(req.path, 3), String(req.params.hash), req, res);
	});
	router.use((error: { status?: number; statusCode?: number }, _req: Request, res: Response, next: NextFunction) => {
		const status = error.status ?? error.statusCode;
		if (!status || status < 400 || status > 599) {
			next(error);
			return;
		}
		hostErrorPage(res, status);
	});
	return router;
}

/** The request's path after `/api/apps/<public|private>/<appId>[/<hash>]`, as sent. */
function rawPathAfter(path: string, segments: number): string {
	return path
		.split('/')
		.slice(3 + segments)
		.join('/');
}
