import { execFileSync } from 'child_process';
import path from 'path';

import { ensurePackagedApp, projectRoot } from '../../../sandbox/src/packagedApp';

/**
 * Once for the whole run, before any worker starts: packages the app (parallel workers never build the zip at the same
 * time), compiles the sandbox as npm start does (the suites that run npm start's main.js share that build) and builds
 * the sandbox's console (the browser test opens it).
 */
export default function globalSetup(): void {
	ensurePackagedApp();
	execFileSync(path.join(projectRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'sandbox'], { cwd: projectRoot });
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script shared with npm start
	(require('../../../scripts/build-console.js') as { build(): void }).build();
}
