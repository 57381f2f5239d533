/**
 * apps/meteor/tests/data/apps/apps-data.ts and helper.ts.
 *
 * Rocket.Chat's suites install the "Apps.RocketChat.Tester" app from APP_URL, its GitHub release zip
 * (RocketChat/Apps.RocketChat.Tester, dist/appsrocketchattester_0.3.0.zip). The port keeps a copy of that zip
 * (test/rocketchat/fixtures, from the repository's commit 4b33b920268d7574b03576e40534f14859d448b9) and serves it on
 * this machine, so APP_URL answers without the internet; the requests are Rocket.Chat's.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';

import { apps, credentials, request } from './api';

export const APP_NAME = 'Apps.RocketChat.Tester';
export const APP_ZIP = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'appsrocketchattester_0.3.0.zip'));

let appUrl = '';

/** apps-data.ts APP_URL: where the Tester app's zip is downloaded from. */
export function appUrlOfTestApp(): string {
	return appUrl;
}

/** Serves the zip at APP_URL for the file's lifetime. */
export async function serveTestAppZip(): Promise<() => Promise<void>> {
	const server = http.createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(APP_ZIP.length) });
		res.end(APP_ZIP);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/appsrocketchattester_0.3.0.zip?raw=true`;
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
 * helper.ts installLocalTestPackage: the same zip uploaded as the multipart field `app` (Rocket.Chat's other install
 * route, and the only one the sandbox serves). The port uses it where Rocket.Chat installs the Tester app as set-up
 * of a case about something else; where the install from a URL is the case, the port sends the URL.
 */
export async function installLocalTestPackage(zip: Buffer = APP_ZIP): Promise<any> {
	const res = await request.post(apps()).set(credentials).attach('app', zip, 'appsrocketchattester_0.3.0.zip');
	return res.body.app;
}
