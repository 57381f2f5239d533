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
const APP_SOURCES = ['app.json', 'RasaApp.ts', 'icon.png', 'src', 'i18n'];

function newestChange(entry: string): number {
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) {
		return stat.mtimeMs;
	}
	return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function zipPath(): string {
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as {
		nameSlug: string;
		version: string;
	};
	return path.join(root, 'dist', `${manifest.nameSlug}_${manifest.version}.zip`);
}

/** Builds the zip with rc-apps (npm run package) when it is missing or older than a source: tests run current code. */
export function ensurePackagedApp(): string {
	const zip = zipPath();
	const sourcesChanged = Math.max(...APP_SOURCES.map((entry) => newestChange(path.join(root, entry))));
	if (!fs.existsSync(zip) || fs.statSync(zip).mtimeMs < sourcesChanged) {
		execFileSync(process.execPath, [path.join(root, 'scripts', 'package-app.js')], { stdio: 'pipe' });
	}
	return zip;
}

/** The zip built by ensurePackagedApp (jest's global setup runs it once, before any worker starts). */
export function packagedAppZip(): Buffer {
	return fs.readFileSync(zipPath());
}

export const APP_ID = (JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { id: string }).id;
