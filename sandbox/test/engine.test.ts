import { execFileSync } from 'child_process';
import { randomUUID } from 'crypto';
import fs from 'fs';
import path from 'path';

import AdmZip from 'adm-zip';

import { SandboxEngine } from '../src/engine/SandboxEngine';
import { Converters } from '../src/engine/converters';
import type { AppApiRequest } from '../src/engine/engineTypes';
import { createLogger } from '../src/logger';
import { ensurePackagedApp, projectRoot } from '../src/packagedApp';
import { Workspace } from '../src/workspace/Workspace';

/**
 * The official Apps-Engine runtime (AppManager + Deno subprocess) hosted over the sandbox's bridges, with the tiny
 * fixture app packaged by rc-apps: install, enable, call its endpoint, permissions, clean stop.
 */

const floorDir = path.join(projectRoot, 'test', 'fixtures', 'floor-app');

const request = (method = 'post'): AppApiRequest => ({ method, headers: {}, query: {}, params: {}, content: {} });

/** The fixture zip with another app id and app.json's permissions replaced, as a differently built app. */
function variantOf(zip: Buffer, permissions: Array<{ name: string }>): { zip: Buffer; appId: string } {
	const variant = new AdmZip(zip);
	const manifest = JSON.parse(variant.readAsText('app.json')) as { id: string; nameSlug: string; permissions: unknown };
	manifest.id = randomUUID();
	// Each app gets its own user, "<nameSlug>.bot": a second app needs its own slug.
	manifest.nameSlug = `${manifest.nameSlug}-variant`;
	manifest.permissions = permissions;
	variant.updateFile('app.json', Buffer.from(JSON.stringify(manifest)));
	return { zip: variant.toBuffer(), appId: manifest.id };
}

/** Deno processes started by this jest worker (the engine spawns one per app). */
function denoChildren(): string[] {
	const lines = execFileSync('ps', ['-eo', 'ppid=,pid=,comm='], { encoding: 'utf8' }).split('\n');
	return lines
		.map((line) => line.trim().split(/\s+/))
		.filter(([ppid, , command]) => ppid === String(process.pid) && command === 'deno')
		.map(([, pid]) => pid);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('SandboxEngine with the floor fixture app', () => {
	let engine: SandboxEngine;
	let zip: Buffer;
	let appId: string;
	let installMs = 0;

	beforeAll(async () => {
		zip = fs.readFileSync(ensurePackagedApp(floorDir));
		appId = (JSON.parse(new AdmZip(zip).readAsText('app.json')) as { id: string }).id;
		const workspace = new Workspace();
		const admin = workspace.createUser({ username: 'admin', password: 'admin', roles: ['admin', 'user'] });
		const convert = new Converters(workspace);
		engine = await SandboxEngine.start({ workspace, convert, log: createLogger('error') }, convert.user(admin));
	}, 60000);

	afterAll(async () => {
		await engine?.stop();
	});

	it('installs and enables the app', async () => {
		const started = Date.now();
		const summary = await engine.install(zip);
		installMs = Date.now() - started;
		expect(summary).toMatchObject({ id: appId, nameSlug: 'floor', status: 'manually_enabled' });
		expect(engine.apis(appId)).toEqual([expect.objectContaining({ path: 'ping', visibility: 'public' })]);
	}, 60000);

	it('executes the ping endpoint in the Deno runtime', async () => {
		engine.callCounts();
		const response = await engine.executeApi(appId, 'ping', request());
		expect(response).toMatchObject({ status: 200, content: { ok: true } });
		expect(await engine.executeApi(appId, 'ping', request('get'))).toMatchObject({ status: 200 });
		// ping touches no accessor: no bridge method ran for it.
		expect(engine.callCounts()).toEqual({});

		const durations: number[] = [];
		for (let i = 0; i < 200; i++) {
			const started = process.hrtime.bigint();
			await engine.executeApi(appId, 'ping', request());
			durations.push(Number(process.hrtime.bigint() - started) / 1e6);
		}
		if (process.env.SANDBOX_TIMINGS) {
			process.stdout.write(`install+enable ${installMs} ms; executeApi p50 ${median(durations).toFixed(2)} ms\n`);
		}
	});

	it('answers 404 without calling the app for an unknown path or a disabled app', async () => {
		expect(await engine.executeApi(appId, 'nothing-here', request())).toMatchObject({ status: 404 });
		expect(await engine.executeApi('no-such-app', 'ping', request())).toMatchObject({ status: 404 });
		await engine.setEnabled(appId, false);
		expect(await engine.executeApi(appId, 'ping', request())).toMatchObject({ status: 404 });
		await engine.setEnabled(appId, true);
		expect(await engine.executeApi(appId, 'ping', request())).toMatchObject({ status: 200 });
	}, 30000);

	it('registers no endpoint for an app whose app.json lacks the "api" permission', async () => {
		const variant = variantOf(zip, [{ name: 'persistence' }]);
		// The engine reports a denied permission on the console, as in Rocket.Chat; the app just gets no endpoint.
		const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		try {
			const summary = await engine.install(variant.zip);
			expect(summary.status).toBe('manually_enabled');
			expect(engine.apis(variant.appId)).toEqual([]);
			expect(await engine.executeApi(variant.appId, 'ping', request())).toMatchObject({ status: 404 });
			expect(await engine.uninstall(variant.appId)).toBe(true);
			expect(String(consoleError.mock.calls[0]?.[0])).toMatch(/lacks the following permissions:\s*\["api"\]/);
		} finally {
			consoleError.mockRestore();
		}
	}, 60000);

	it('stops every Deno process it started', async () => {
		expect(denoChildren().length).toBeGreaterThan(0);
		await engine.stop();
		// SIGKILL is delivered at once, but the process table may lag a moment.
		for (let i = 0; i < 50 && denoChildren().length > 0; i++) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect(denoChildren()).toEqual([]);
	});
});
