import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { RestFailure, rcHandle, requirePermissions } from './rcRoute';
import { ok } from './restAnswers';
import { Match, check } from '../workspace/meteorCheck';

/**
 * Livechat custom field definitions over REST (app/livechat/server/api/v1/customField.ts): one by id (null when
 * there is none, view-l-room), and from 7.11 `custom-fields.save` and `custom-fields.delete` (view-livechat-manager),
 * which Rocket.Chat's test helper createCustomField uses. The sandbox checks the save's body for the fields the
 * route reads (its rest-typings schema was not available to read).
 */
export function customFieldsRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	const definitions = workspace.customFieldDefinitions;

	router.get(
		'/api/v1/livechat/custom-fields/:_id',
		requirePermissions(['view-l-room']),
		rcHandle((req, res) => {
			ok(res, { customField: definitions.find(String(req.params._id)) ?? null });
		}),
	);

	router.post(
		'/api/v1/livechat/custom-fields.save',
		requirePermissions(['view-livechat-manager']),
		rcHandle((req, res) => {
			const body = (req.body ?? {}) as { customFieldId?: string | null; customFieldData?: Record<string, unknown> };
			check(body, {
				customFieldId: Match.maybe(String),
				customFieldData: Match.objectIncluding({ field: String, label: String, scope: String, visibility: String }),
			});
			const { customFieldId, customFieldData } = body as {
				customFieldId?: string | null;
				customFieldData: { field: string };
			};
			if (customFieldId && !definitions.find(customFieldId)) {
				throw new RestFailure('Custom Field Not found');
			}
			if (!customFieldId && definitions.find(customFieldData.field)) {
				throw new RestFailure('Custom Field already exists');
			}
			ok(res, { customField: definitions.store(customFieldId ?? null, customFieldData) });
		}),
	);

	router.post(
		'/api/v1/livechat/custom-fields.delete',
		requirePermissions(['view-livechat-manager']),
		rcHandle((req, res) => {
			const { customFieldId } = (req.body ?? {}) as { customFieldId?: unknown };
			check(customFieldId, String);
			if (!definitions.remove(customFieldId as string)) {
				throw new RestFailure('Custom field not found');
			}
			ok(res);
		}),
	);

	return router;
}
