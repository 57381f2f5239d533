import fs from 'fs';
import path from 'path';

import AdmZip from 'adm-zip';

import { RocketChatClient, type Credentials } from '../../sandbox/src/client/RocketChatClient';
import { seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { ensurePackagedApp, projectRoot } from '../../sandbox/src/packagedApp';
import { startSandbox } from '../../sandbox/src/startSandbox';

/** What the bench needs of the compared app's sandbox, printed as one JSON line once it is ready. */
export type ComparedSandbox = {
	url: string;
	appId: string;
	floorAppId: string;
	admin: Credentials;
	botHeaders: Record<string, string>;
	seed: Pick<DemoWorkspaceSeed, 'botUsername' | 'botsDepartment' | 'salesDepartment'>;
};

/**
 * Another build of an app with the same incoming API (BENCH_COMPARE_ZIP), in a sandbox of its own in this process,
 * seeded as the bench's own workspace is, with the floor fixture beside it. BENCH_COMPARE_SETTINGS (JSON) names the
 * app's settings, `{bot}` standing for the bot user's name. Started by incoming.bench.ts as a child process: the
 * Apps-Engine allows one AppManager per process, and two apps with one slug cannot share a workspace.
 */
async function main(): Promise<void> {
	const zip = fs.readFileSync(process.env.BENCH_COMPARE_ZIP ?? '');
	const { id: appId } = JSON.parse(new AdmZip(zip).readAsText('app.json')) as { id: string };
	const settings = process.env.BENCH_COMPARE_SETTINGS ?? '{}';
	const floorFolder = path.join(projectRoot, 'test', 'fixtures', 'floor-app');
	const floorZip = fs.readFileSync(ensurePackagedApp(floorFolder));
	const { id: floorAppId } = JSON.parse(fs.readFileSync(path.join(floorFolder, 'app.json'), 'utf8')) as { id: string };

	const sandbox = await startSandbox({ port: 0, logLevel: 'error' });
	const anonymous = new RocketChatClient(sandbox.url);
	const credentials = await anonymous.login(sandbox.adminUsername, sandbox.adminPassword);
	const admin = anonymous.as(credentials);
	const seed = await seedDemo(admin, {
		zip,
		appId,
		withVisitorRoom: false,
		botSettings: (bot) => JSON.parse(settings.replace(/\{bot\}/g, bot)) as Record<string, unknown>,
	});
	await admin.uploadApp(floorZip);
	const ready: ComparedSandbox = {
		url: sandbox.url,
		appId,
		floorAppId,
		admin: credentials,
		botHeaders: admin.authHeaders(seed.bot),
		seed: { botUsername: seed.botUsername, botsDepartment: seed.botsDepartment, salesDepartment: seed.salesDepartment },
	};
	process.stdout.write(`${JSON.stringify(ready)}\n`);
	process.on('SIGTERM', () => {
		void sandbox.stop().then(() => process.exit(0));
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`compared app: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
