import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { failure } from './restAnswers';
import type { LivechatBlockAction } from '../engine/appEvents';

/**
 * POST /api/apps/ui.interaction/:appId as the livechat widget calls it: the visitor is identified by the
 * x-visitor-token header (no user login), the body is the block action (actionId, mid, rid, payload).
 */
export function uikitRoutes({ engine, events }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	router.post('/api/apps/ui.interaction/:appId', async (req, res) => {
		const token = req.header('x-visitor-token');
		const body = (req.body ?? {}) as Partial<LivechatBlockAction> & { type?: string };
		if (!token) {
			failure(res, 'A livechat interaction needs the x-visitor-token header', 401);
			return;
		}
		if (
			body.type !== 'blockAction' ||
			typeof body.actionId !== 'string' ||
			typeof body.mid !== 'string' ||
			typeof body.rid !== 'string'
		) {
			failure(res, 'Expected a blockAction with actionId, mid and rid');
			return;
		}
		try {
			const result = await events.livechatBlockAction(
				String(req.params.appId),
				token,
				{
					actionId: body.actionId,
					triggerId: body.triggerId,
					mid: body.mid,
					rid: body.rid,
					payload: body.payload ?? {},
					container: body.container,
				},
				async (appId) => (await engine.get(appId)) !== undefined,
			);
			res.json(result ?? {});
		} catch (error) {
			failure(res, error instanceof Error ? error.message : String(error));
		}
	});
	return router;
}
