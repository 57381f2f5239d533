import fs from 'fs';
import os from 'os';
import path from 'path';

import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, ensurePackagedApp, packagedAppZip, projectRoot } from '../../sandbox/src/packagedApp';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/startSandbox';

/**
 * The floors, fixture apps that do the least an app can through the same host and runtime: `floor-app` has an
 * endpoint that answers at once; `floor-echo-app` answers a visitor's message with one posted message.
 */
export type FloorFixture = 'floor-app' | 'floor-echo-app';

export type BenchWorkspace = {
	sandbox: RunningSandbox;
	admin: RocketChatClient;
	seed: DemoWorkspaceSeed;
	/** The app id of each floor fixture installed. */
	floorAppIds: Partial<Record<FloorFixture, string>>;
};

/** A sandbox with the packaged app (and the floor fixtures asked for) installed the way the README sets it up. */
export async function startBenchWorkspace(options: {
	floors: FloorFixture[];
	/** Rocket.Chat instances over the one workspace (default 1); calls through `sandbox.url` take turns among them. */
	instances?: number;
	/** Runs once the engine is up and before any app is installed (and its Deno process started). */
	beforeInstall?: () => Promise<void>;
}): Promise<BenchWorkspace> {
	ensurePackagedApp();
	const floors = options.floors.map((name) => {
		const folder = path.join(projectRoot, 'test', 'fixtures', name);
		const { id } = JSON.parse(fs.readFileSync(path.join(folder, 'app.json'), 'utf8')) as { id: string };
		return { name, id, zip: ensurePackagedApp(folder) };
	});

	const sandbox = await startSandbox({ port: 0, logLevel: 'error', instances: options.instances ?? 1 });
	try {
		await options.beforeInstall?.();
		const anonymous = new RocketChatClient(sandbox.url);
		const admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		const seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		for (const floor of floors) {
			await admin.uploadApp(fs.readFileSync(floor.zip));
		}
		return { sandbox, admin, seed, floorAppIds: Object.fromEntries(floors.map((floor) => [floor.name, floor.id])) };
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}

/** Writes a run's numbers under bench/results (ignored by git) and says where. */
export function writeResults(name: string, results: unknown): string {
	const file = path.join(
		projectRoot,
		'bench',
		'results',
		`${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
	);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(
		file,
		`${JSON.stringify({ node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, ...(results as object) }, null, 2)}\n`,
	);
	return path.relative(projectRoot, file);
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
