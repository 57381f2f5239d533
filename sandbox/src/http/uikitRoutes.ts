import { Router } from 'express';

import type { ISandboxBackend, LivechatBlockAction } from './ISandboxBackend';
import { failure } from './restAnswers';

/**
 * POST /api/apps/ui.interaction/:appId as the livechat widget calls it: the visitor is identified by the
 * x-visitor-token header (no user login), the body is the block action (actionId, mid, rid, payload).
 */
export function uikitRoutes(backend: ISandboxBackend): Router {
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
			const result = await backend.livechatBlockAction(String(req.params.appId), token, {
				actionId: body.actionId,
				triggerId: body.triggerId,
				mid: body.mid,
				rid: body.rid,
				payload: body.payload ?? {},
				container: body.container,
			});
			res.json(result ?? {});
		} catch (error) {
			failure(res, error instanceof Error ? error.message : String(error));
		}
	});
	return router;
}
