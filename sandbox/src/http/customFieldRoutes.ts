import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { requireRole } from './authentication';
import { check, maybe, objectIncluding } from './meteorCheck';
import { handle, ok } from './restAnswers';
import type { CustomFieldDefinition } from '../workspace/visitorFieldDefinitions';

/** Who holds `view-livechat-manager` by default (app/authorization/server/constant/permissions.ts). */
const LIVECHAT_MANAGERS = ['admin', 'livechat-manager', 'livechat-monitor'];

/**
 * POST /api/v1/livechat/custom-fields.save (Rocket.Chat 7.11+, app/livechat/server/api/v1/customField.ts): a
 * livechat manager declares a custom field, `{customFieldId?, customFieldData: {field, label, scope, visibility,
 * ...}}`, answered with the stored definition. What a visitor's registration keeps of the custom fields it sends
 * depends on these definitions.
 */
export function customFieldRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	router.post(
		'/api/v1/livechat/custom-fields.save',
		requireRole(...LIVECHAT_MANAGERS),
		handle((req, res) => {
			const body = (req.body ?? {}) as { customFieldId?: string | null; customFieldData: Record<string, unknown> };
			check(body, {
				object: {
					customFieldId: maybe('string'),
					customFieldData: objectIncluding({
						field: 'string',
						label: 'string',
						scope: 'string',
						visibility: 'string',
					}),
				},
			});
			const data = body.customFieldData as Parameters<typeof workspace.customFieldDefinitions.save>[1];
			if (!['visitor', 'room'].includes(data.scope)) {
				throw new Error(`Invalid scope: ${String(data.scope)}`);
			}
			const customField: CustomFieldDefinition = workspace.customFieldDefinitions.save(
				body.customFieldId ?? undefined,
				data,
			);
			ok(res, { customField });
		}),
	);
	return router;
}
