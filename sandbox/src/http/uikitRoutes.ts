import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';

/**
 * POST /api/apps/ui.interaction/:appId, as Rocket.Chat serves it (ee/server/apps/communication/uikit.ts): a logged-in
 * user's or a livechat visitor's (x-visitor-token) block action, view submission, closed view or action button, handed
 * to the app (src/engine/uikit.ts); the answer is sent as express sends it there (`res.send`, JSON with its charset).
 */
export function uikitRoutes({ events }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	router.post('/api/apps/ui.interaction/:appId', async (req, res) => {
		const token = req.header('x-visitor-token');
		const body = (req.body ?? {}) as Record<string, unknown>;
		const answer = await events.uikit.interact(String(req.params.appId), body, {
			user: req.sandboxUser,
			...(token ? { visitorToken: token } : {}),
		});
		res.status(answer.status).send(answer.body);
	});
	return router;
}
