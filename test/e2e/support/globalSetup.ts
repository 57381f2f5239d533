import { execFileSync } from 'child_process';
import path from 'path';

import { ensurePackagedApp, projectRoot } from '../../../sandbox/src/packagedApp';

/**
 * Once for the whole run, before any worker starts: packages the app and the fixture app of Rocket.Chat's ported tests
 * (parallel workers never build a zip at the same time), compiles the sandbox as npm start does (the suites that run npm start's main.js share that build) and builds
 * the sandbox's console (the browser test opens it).
 */
export default function globalSetup(): void {
	ensurePackagedApp();
	// The app the ports of Rocket.Chat's own API tests install (test/rocketchat/support/apps.ts).
	ensurePackagedApp(path.join(projectRoot, 'test', 'fixtures', 'tester-app'));
	execFileSync(path.join(projectRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'sandbox'], { cwd: projectRoot });
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script shared with npm start
	(require('../../../scripts/build-console.js') as { build(): void }).build();
}
