import { AppStatus, AppStatusUtils } from '@rocket.chat/apps-engine/definition/AppStatus';
import type { IPermission } from '@rocket.chat/apps-engine/definition/permissions/IPermission';
import express, { Router, type Request, type Response } from 'express';

import type { SandboxServices } from './SandboxServices';
import { downloadAppPackage } from './appDownload';
import { requireRole } from './authentication';
import { multipartField } from './multipart';
import { failure, handle, ok } from './restAnswers';

const MAX_APP_SIZE = '50mb';
/** Rocket.Chat's own wording for an unknown app or setting. */
const appNotFound = (res: Response, appId: string) => failure(res, `No App found by the id of: ${appId}`, 404);
const settingNotFound = (res: Response, settingId: string) =>
	failure(res, `No Setting found on the App by the id of: "${settingId}"`, 404);

function uploadedZip(req: Request): Buffer | undefined {
	return Buffer.isBuffer(req.body) ? multipartField(req.body, req.header('content-type'), 'app') : undefined;
}

/** The "permissions" field rc-apps sends beside the zip: the permissions the admin grants. */
function grantedPermissions(req: Request): IPermission[] | undefined {
	const field = Buffer.isBuffer(req.body)
		? multipartField(req.body, req.header('content-type'), 'permissions')
		: undefined;
	if (!field) {
		return undefined;
	}
	const parsed: unknown = JSON.parse(field.toString('utf8'));
	if (!Array.isArray(parsed)) {
		throw new Error('The "permissions" field must be a JSON list of {name} objects');
	}
	return parsed as IPermission[];
}

/** The apps management routes that rc-apps deploy and Administration → Apps use. Admins only, as in Rocket.Chat. */
export function appsRoutes({ apps, engine, log }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	const admin = requireRole('admin');
	const multipart = express.raw({ type: 'multipart/form-data', limit: MAX_APP_SIZE });

	// The enabled apps' UI buttons, for anyone (ee/server/apps/communication/endpoints/actionButtonsHandler.ts,
	// authRequired false): `API.v1.success(buttons)` of a list answers the bare JSON list, each button with its app's
	// id. Clients read it again when the apps stream says actions changed; it is read from the engine each time here.
	router.get(
		'/api/apps/actionButtons',
		handle(async (_req, res) => {
			res.status(200).json(await engine.actionButtons());
		}),
	);

	const listApps = handle(async (_req, res) => ok(res, { apps: await apps.list() }));
	router.get('/api/apps/installed', admin, listApps);
	router.get('/api/apps', admin, listApps);

	// ee/server/apps/communication/rest.ts: a package from {url} (downloaded), else the uploaded multipart field "app".
	router.post(
		'/api/apps',
		admin,
		multipart,
		handle(async (req, res) => {
			const url = Buffer.isBuffer(req.body) ? undefined : (req.body as Record<string, unknown> | undefined)?.url;
			let zip: Buffer | undefined;
			if (url) {
				const download = await downloadAppPackage(String(url)).catch((error: unknown) => {
					log('warn', `Error fetching App from URL: ${error instanceof Error ? error.message : String(error)}`);
					return undefined;
				});
				if (!download) {
					res.status(500).json({ success: false, error: 'Internal server error' });
					return;
				}
				if ('notAZip' in download) {
					failure(res, 'Invalid url. It doesn\'t exist or is not "application/zip".');
					return;
				}
				zip = download.zip;
			} else {
				zip = uploadedZip(req);
			}
			if (!zip) {
				res.status(400).json({
					success: false,
					error: 'app_file_error',
					message: 'Failed to get a file to install for the App. ',
				});
				return;
			}
			const app = await apps.install(zip, url ? undefined : grantedPermissions(req));
			// rest.ts adds the app disabled, then enables it (manager.enable, a manual enable: the status stored and
			// read later) and answers AUTO_ENABLED when that succeeded, else the status the add left.
			ok(res, {
				app: {
					...app,
					status: AppStatusUtils.isEnabled(app.status as AppStatus) ? AppStatus.AUTO_ENABLED : app.status,
				},
			});
		}),
	);

	router.get(
		'/api/apps/:id',
		admin,
		handle(async (req, res) => {
			const app = await apps.get(String(req.params.id));
			if (!app) {
				appNotFound(res, String(req.params.id));
				return;
			}
			ok(res, { app });
		}),
	);

	router.post(
		'/api/apps/:id',
		admin,
		multipart,
		handle(async (req, res) => {
			const zip = uploadedZip(req);
			if (!zip) {
				failure(res, 'No app file was uploaded: send it as the multipart field "app"');
				return;
			}
			ok(res, { app: await apps.update(String(req.params.id), zip, grantedPermissions(req)) });
		}),
	);

	// The app's info with the status it is left in once removed (rest.ts `delete`).
	router.delete(
		'/api/apps/:id',
		admin,
		handle(async (req, res) => {
			const app = await apps.get(String(req.params.id));
			if (!app || !(await apps.uninstall(app.id))) {
				appNotFound(res, String(req.params.id));
				return;
			}
			ok(res, { app: { ...app, status: 'disabled' } });
		}),
	);

	router.get(
		'/api/apps/:id/status',
		admin,
		handle(async (req, res) => {
			const app = await apps.get(String(req.params.id));
			if (!app) {
				appNotFound(res, String(req.params.id));
				return;
			}
			ok(res, { status: app.status });
		}),
	);

	router.post(
		'/api/apps/:id/status',
		admin,
		handle(async (req, res) => {
			const wanted = String((req.body as Record<string, unknown>).status ?? '');
			if (!['manually_enabled', 'manually_disabled'].includes(wanted)) {
				failure(res, 'Invalid status provided, it must be "manually_enabled" or "manually_disabled"');
				return;
			}
			const app = await apps.setEnabled(String(req.params.id), wanted === 'manually_enabled');
			ok(res, { status: app.status });
		}),
	);

	router.get('/api/apps/:id/settings', admin, (req, res) => {
		const settings = apps.settings(String(req.params.id));
		if (!settings) {
			appNotFound(res, String(req.params.id));
			return;
		}
		ok(res, { settings });
	});

	router.post(
		'/api/apps/:id/settings',
		admin,
		handle(async (req, res) => {
			const appId = String(req.params.id);
			const { settings } = req.body as { settings?: Array<{ id?: unknown; value?: unknown }> };
			if (!Array.isArray(settings)) {
				failure(res, 'Expected {settings: [{id, value}, ...]}');
				return;
			}
			const updated = [];
			for (const setting of settings) {
				if (typeof setting.id === 'string' && (await apps.setSetting(appId, setting.id, setting.value))) {
					updated.push(setting);
				}
			}
			ok(res, { updated });
		}),
	);

	router.get('/api/apps/:id/settings/:settingId', admin, (req, res) => {
		const setting = apps.settings(String(req.params.id))?.[String(req.params.settingId)];
		if (!setting) {
			settingNotFound(res, String(req.params.settingId));
			return;
		}
		ok(res, { setting });
	});

	router.post(
		'/api/apps/:id/settings/:settingId',
		admin,
		handle(async (req, res) => {
			const { setting } = req.body as { setting?: { value?: unknown } };
			if (!setting || !(await apps.setSetting(String(req.params.id), String(req.params.settingId), setting.value))) {
				settingNotFound(res, String(req.params.settingId));
				return;
			}
			ok(res);
		}),
	);

	// What the app logged, as Administration → Apps → Logs reads it (ee/.../endpoints/appLogsHandler.ts).
	router.get('/api/apps/:id/logs', admin, (req, res) => {
		const offset = Math.max(0, Number(req.query.offset) || 0);
		const count = Math.min(Math.max(1, Number(req.query.count) || 50), 500);
		const page = apps.logs(String(req.params.id), offset, count);
		if (!page) {
			appNotFound(res, String(req.params.id));
			return;
		}
		ok(res, { offset, logs: page.logs, count: page.logs.length, total: page.total });
	});

	router.get('/api/apps/:id/languages', admin, (req, res) => {
		const languages = apps.languages(String(req.params.id));
		if (!languages) {
			appNotFound(res, String(req.params.id));
			return;
		}
		ok(res, { languages });
	});

	router.get('/api/apps/:id/apis', admin, (req, res) => {
		const apis = apps.apis(String(req.params.id));
		if (!apis) {
			appNotFound(res, String(req.params.id));
			return;
		}
		ok(res, { apis });
	});

	return router;
}
