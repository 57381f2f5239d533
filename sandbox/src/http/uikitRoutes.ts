import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import type { LivechatBlockAction } from '../engine/appEvents';
import { WorkspaceError } from '../workspace/WorkspaceError';

const NOT_LOGGED_IN = { status: 'error', message: 'You must be logged in to do this.' };

/**
 * POST /api/apps/ui.interaction/:appId as the livechat widget calls it, answered as Rocket.Chat's uikit route does
 * (ee/server/apps/communication/uikit.ts): the visitor is the x-visitor-token header's (401 without one it knows),
 * a body that is not a block action is an "Unknown action" (400), the app's own answer goes back with 200 whatever
 * it says, and an error is a 500. Nothing else is checked: not the visitor's room, not the message's.
 */
export function uikitRoutes({ engine, events }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	router.post('/api/apps/ui.interaction/:appId', async (req, res) => {
		const token = req.header('x-visitor-token');
		const body = (req.body ?? {}) as Partial<LivechatBlockAction> & { type?: string };
		if (!token) {
			res.status(401).json(NOT_LOGGED_IN);
			return;
		}
		if (body.type !== 'blockAction') {
			res.status(400).json({ error: 'Unknown action' });
			return;
		}
		try {
			const result = await events.livechatBlockAction(
				String(req.params.appId),
				token,
				{
					actionId: String(body.actionId ?? ''),
					triggerId: body.triggerId,
					mid: String(body.mid ?? ''),
					rid: String(body.rid ?? ''),
					payload: body.payload ?? {},
					container: body.container,
				},
				async (appId) => (await engine.get(appId)) !== undefined,
			);
			res.status(200).json(result ?? {});
		} catch (error) {
			if (error instanceof WorkspaceError && error.code === 'error-unauthorized') {
				res.status(401).json(NOT_LOGGED_IN);
				return;
			}
			res.status(500).json({ error: error instanceof Error ? error.message : String(error) });
		}
	});
	return router;
}
