import { ensurePackagedApp } from '../../../sandbox/src/packagedApp';

/**
 * Once for the whole run, before any worker starts: packages the app (parallel workers never build the zip at the same
 * time) and builds the sandbox's console (the browser test opens it).
 */
export default function globalSetup(): void {
	ensurePackagedApp();
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script shared with npm start
	(require('../../../scripts/build-console.js') as { build(): void }).build();
}
