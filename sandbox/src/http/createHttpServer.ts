import http from 'http';
import type { AddressInfo } from 'net';

import express from 'express';

import type { SandboxServices } from './SandboxServices';
import { agentsRoutes } from './agentsRoutes';
import { appEndpointRoutes } from './appEndpointRoutes';
import { appsRoutes } from './appsRoutes';
import { authenticate } from './authentication';
import { commandsRoutes } from './commandsRoutes';
import { consoleRoutes } from './consoleRoutes';
import { customFieldsRoutes } from './customFieldsRoutes';
import { departmentsRoutes } from './departmentsRoutes';
import { fileUploadRoutes } from './fileUploadRoutes';
import { livechatVisitorRoutes } from './livechatVisitorRoutes';
import { livechatWidgetRoutes } from './livechatWidgetRoutes';
import { methodCallRoutes } from './methodCallRoutes';
import { omnichannelRoutes } from './omnichannelRoutes';
import { restV1Routes } from './restV1Routes';
import { roomListRoutes } from './roomListRoutes';
import { roomsRoutes } from './roomsRoutes';
import { settingsRoutes } from './settingsRoutes';
import { uikitRoutes } from './uikitRoutes';
import { usersRoutes } from './usersRoutes';
import { asInstance } from '../engine/instanceContext';

/** The body limit the sandbox applies to its REST API (apps' endpoints parse their own, as Rocket.Chat's). */
const BODY_LIMIT = '100kb';

export type SandboxHttpServer = { url: string; server: http.Server; close(): Promise<void> };

/** The sandbox's HTTP face: Rocket.Chat's REST API, apps management and app endpoints on one express app. */
export function createHttpApp(services: SandboxServices, instance?: number): express.Express {
	const app = express();
	app.disable('x-powered-by');
	// In a cluster, what a request changes is this instance's doing: its app hears of it.
	app.use((_req, _res, next) => asInstance(instance, () => next()));
	app.use(authenticate(services.workspace));
	// Apps' endpoints first: they parse their bodies as Rocket.Chat's apps router does, not as the REST API.
	app.use(appEndpointRoutes(services));
	app.use(express.json({ limit: BODY_LIMIT }));
	app.use(express.urlencoded({ extended: true, limit: BODY_LIMIT }));
	app.use(uikitRoutes(services));
	app.use(exactJsonType);
	app.use(restV1Routes(services));
	app.use(livechatWidgetRoutes(services));
	app.use(livechatVisitorRoutes(services));
	app.use(fileUploadRoutes(services));
	app.use(omnichannelRoutes(services));
	app.use(roomListRoutes(services));
	app.use(roomsRoutes(services));
	app.use(agentsRoutes(services));
	app.use(departmentsRoutes(services));
	app.use(usersRoutes(services));
	app.use(settingsRoutes(services));
	app.use(methodCallRoutes(services));
	app.use(commandsRoutes(services));
	app.use(customFieldsRoutes(services));
	app.use(appsRoutes(services));
	app.use(consoleRoutes(services.projectRoot));
	app.use((_req, res) => {
		res.status(404).json({ success: false, error: 'Not found' });
	});
	// Body parser failures (bad JSON, too large) answer like Rocket.Chat: a 4xx, no stack.
	app.use(
		(
			error: { status?: number; message?: string },
			_req: express.Request,
			res: express.Response,
			_next: express.NextFunction,
		) => {
			res
				.status(error.status && error.status < 500 ? error.status : 500)
				.json({ success: false, error: error.message ?? 'error' });
		},
	);
	return app;
}

/**
 * Rocket.Chat's REST router (packages/http-router, for /api/v1 and the apps' /api/apps) answers JSON with the
 * Content-Type `application/json`, no charset; express's res.json would add `; charset=utf-8`. Apps' own endpoints
 * and the UIKit route answer through express in Rocket.Chat too, and are mounted before this.
 */
function exactJsonType(_req: express.Request, res: express.Response, next: express.NextFunction): void {
	res.json = (body: unknown) => {
		// res.type and res.set would add the charset back: the header is set on the raw response.
		res.setHeader('Content-Type', 'application/json');
		res.end(Buffer.from(JSON.stringify(body)));
		return res;
	};
	next();
}

/** Any request listener on a port: an instance's express app, or a cluster's front. */
export function listen(handler: http.RequestListener, port: number, host: string): Promise<SandboxHttpServer> {
	return new Promise((resolve, reject) => {
		const server = http.createServer(handler);
		server.once('error', reject);
		server.listen(port, host, () => {
			const address = server.address() as AddressInfo;
			resolve({
				url: `http://${host}:${address.port}`,
				server,
				close: () =>
					new Promise<void>((done) => {
						// Keep-alive clients would hold close() open; Node 18.2+ can drop them (typed for Node 16 here).
						(server as http.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
						server.close(() => done());
					}),
			});
		});
	});
}
