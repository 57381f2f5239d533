import { ensurePackagedApp } from '../../../sandbox/src/packagedApp';

/** Packages the app once for the whole run, so parallel workers never build the zip at the same time. */
export default function globalSetup(): void {
	ensurePackagedApp();
}
