import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireUser } from './authentication';
import { ok } from './restAnswers';
import { hasPermission } from '../workspace/permissions';

/**
 * A setting by id (app/api/server/v1/settings.ts, `settings/:_id`): read with view-privileged-setting, changed with
 * edit-privileged-setting (both the admin's); anything else answers 403 `unauthorized`. A setting Rocket.Chat does not
 * have gets its bare failure, 400 `{"success": false}`; the sandbox answers the same for the settings it does not
 * model (FIDELITY.md lists those it models), and says so in its log.
 */
export function settingsRoutes({ workspace, log }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	const refuse = (res: Parameters<typeof ok>[0]) => res.status(403).json({ success: false, error: 'unauthorized' });

	router.get('/api/v1/settings/:id', requireUser, (req, res) => {
		if (!hasPermission(caller(req), 'view-privileged-setting')) {
			refuse(res);
			return;
		}
		const id = String(req.params.id);
		if (!(id in workspace.settings)) {
			log('warn', `settings/${JSON.stringify(id)}: the sandbox does not model this setting`);
			res.status(400).json({ success: false });
			return;
		}
		ok(res, { _id: id, value: (workspace.settings as Record<string, unknown>)[id] });
	});

	router.post('/api/v1/settings/:id', requireUser, (req, res) => {
		if (!hasPermission(caller(req), 'edit-privileged-setting')) {
			refuse(res);
			return;
		}
		const id = String(req.params.id);
		const { value } = (req.body ?? {}) as Record<string, unknown>;
		if (workspace.setSetting(id, value)) {
			ok(res);
			return;
		}
		log(
			'warn',
			`settings/${JSON.stringify(id)}: the sandbox does not model this setting (or not with a ${typeof value} value)`,
		);
		res.status(400).json({ success: false });
	});

	return router;
}
