import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

/** The project folder, found from here whether this runs from sandbox/src (ts-jest) or build/ (npm start). */
function findRoot(): string {
	for (let folder = __dirname; folder !== path.dirname(folder); folder = path.dirname(folder)) {
		if (fs.existsSync(path.join(folder, 'app.json')) && fs.existsSync(path.join(folder, 'scripts', 'package-app.js'))) {
			return folder;
		}
	}
	throw new Error(`No app project (app.json) found above ${__dirname}`);
}

const root = findRoot();
function newestChange(entry: string): number {
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) {
		return stat.mtimeMs;
	}
	return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** Exported for scripts that need project paths (the benchmark writes its results under bench/). */
export const projectRoot = root;

type Manifest = { nameSlug: string; version: string; classFile: string; iconFile: string; id: string };

const manifestOf = (appDir: string) => JSON.parse(fs.readFileSync(path.join(appDir, 'app.json'), 'utf8')) as Manifest;

function zipPath(appDir = root): string {
	const manifest = manifestOf(appDir);
	return path.join(appDir, 'dist', `${manifest.nameSlug}_${manifest.version}.zip`);
}

/**
 * Builds an app's zip with rc-apps (scripts/package-app.js) when it is missing or older than one of the app's files,
 * so tests, npm start and benchmarks always run the current code. Returns the zip's path.
 */
export function ensurePackagedApp(appDir = root): string {
	const zip = zipPath(appDir);
	const manifest = manifestOf(appDir);
	const sources = ['app.json', manifest.classFile, manifest.iconFile, 'src', 'i18n']
		.map((entry) => path.join(appDir, entry))
		.filter((entry) => fs.existsSync(entry));
	const sourcesChanged = Math.max(...sources.map((entry) => newestChange(entry)));
	if (!fs.existsSync(zip) || fs.statSync(zip).mtimeMs < sourcesChanged) {
		execFileSync(process.execPath, [path.join(root, 'scripts', 'package-app.js'), '--app', appDir], { stdio: 'pipe' });
	}
	return zip;
}

/** The app's zip built by ensurePackagedApp (jest's global setup runs it once, before any worker starts). */
export function packagedAppZip(): Buffer {
	return fs.readFileSync(zipPath());
}

export const APP_ID = manifestOf(root).id;
