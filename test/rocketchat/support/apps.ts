/**
 * apps/meteor/tests/data/apps/apps-data.ts and helper.ts.
 *
 * Rocket.Chat's suites install its "Apps.RocketChat.Tester" app from APP_URL. The port installs an app of our own
 * instead, test/fixtures/tester-app ("Sandbox Tester"), written to behave as the cases expect of the Tester app and
 * packaged with rc-apps like the project's other fixtures (jest's global setup builds it once). Installing it "from a
 * URL" downloads it from a server on this machine, so APP_URL answers without the internet; the requests are
 * Rocket.Chat's.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';

import { apps, credentials, request } from './api';
import { ensurePackagedApp, projectRoot } from '../../../sandbox/src/packagedApp';

export const TESTER_APP_DIR = path.join(projectRoot, 'test', 'fixtures', 'tester-app');

/** Rocket.Chat's cases name the Tester app ('Apps.RocketChat.Tester'); ours is named this (its app.json). */
export const APP_NAME = 'Sandbox Tester';

/** Its zip, built by rc-apps when missing or older than its sources. */
export const APP_ZIP = fs.readFileSync(ensurePackagedApp(TESTER_APP_DIR));

let appUrl = '';

/** apps-data.ts APP_URL: where the test app's zip is downloaded from. */
export function appUrlOfTestApp(): string {
	return appUrl;
}

/** Serves the zip at APP_URL for the file's lifetime, as application/zip (what Rocket.Chat's URL install requires). */
export async function serveTestAppZip(): Promise<() => Promise<void>> {
	const server = http.createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(APP_ZIP.length) });
		res.end(APP_ZIP);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandboxtester.zip?raw=true`;
	return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

async function getApps(): Promise<any[]> {
	const res = await request.get(apps('/installed')).set(credentials);
	return res.body.apps;
}

async function removeAppById(id: string) {
	return request.delete(apps(`/${id}`)).set(credentials);
}

export async function cleanupApps(): Promise<void> {
	const installed = await getApps();
	await Promise.all(installed.map((testApp) => removeAppById(testApp.id)));
}

/** helper.ts installTestApp: POST /api/apps {url: APP_URL}, resolved with body.app. */
export async function installTestApp(): Promise<any> {
	const res = await request.post(apps()).set(credentials).send({ url: appUrlOfTestApp() });
	return res.body.app;
}

/**
 * helper.ts installLocalTestPackage: the zip uploaded as the multipart field `app` (Rocket.Chat's other install
 * route). The port uses it where Rocket.Chat installs the Tester app as set-up of a case about something else; where
 * the install from a URL is the case, the port sends the URL.
 */
export async function installLocalTestPackage(zip: Buffer = APP_ZIP): Promise<any> {
	const res = await request.post(apps()).set(credentials).attach('app', zip, 'sandboxtester.zip');
	return res.body.app;
}
