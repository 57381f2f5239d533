import fs from 'fs';
import path from 'path';

import express, { Router } from 'express';

/**
 * The sandbox's own pages: the console at / and the API reference at /docs, built into build/console by
 * scripts/build-console.js (npm start runs it). Not part of Rocket.Chat: the console is a client of the routes above.
 */
export function consoleRoutes(projectRoot: string): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	const built = path.join(projectRoot, 'build', 'console');
	router.get('/docs', (_req, res) => {
		res.sendFile(path.join(built, 'docs.html'));
	});
	router.get('/docs/openapi.json', (_req, res) => {
		res.sendFile(path.join(built, 'openapi.json'));
	});
	router.get('/docs/openapi.yaml', (_req, res) => {
		res.type('text/yaml').sendFile(path.join(projectRoot, 'docs', 'openapi.yaml'));
	});
	router.get('/', (_req, res, next) => {
		if (!fs.existsSync(path.join(built, 'index.html'))) {
			res
				.status(503)
				.type('text/plain')
				.send('The console is not built: run `node scripts/build-console.js` (npm start does).');
			return;
		}
		next();
	});
	router.use(express.static(built, { index: 'index.html', fallthrough: true }));
	return router;
}
