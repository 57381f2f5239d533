#!/usr/bin/env node
/**
 * Packages the app with rc-apps into dist/rasa_<version>.zip and checks what the zip holds;
 * with `deploy <rc-apps deploy options>`, deploys it to a workspace instead. `--app <folder>` packages another app
 * folder the same way (the benchmark's fixture app).
 *
 * rc-apps is run in a staging folder that holds only the app's own files, for two reasons:
 * - it compiles every .ts file it finds, so the sandbox, tests and benchmarks must stay out of its sight;
 * - it rewrites app.json's requiredApiVersion to the @rocket.chat/apps-engine version in package.json, and ours
 *   is pinned to 1.62.0 for the sandbox runtime, while the app needs only an older engine (see README).
 */

'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const AdmZip = require('adm-zip');

const root = path.resolve(__dirname, '..');

/** The app's own files: the manifest, its class and icon, and its src/ and i18n/ folders when it has them. */
function appFiles(appDir, manifest) {
	return ['app.json', manifest.classFile, manifest.iconFile, 'src', 'i18n'].filter((entry) =>
		fs.existsSync(path.join(appDir, entry)),
	);
}

function fail(message) {
	console.error(`package: ${message}`);
	process.exit(1);
}

function stage(appDir, stagingDir, manifest) {
	fs.rmSync(stagingDir, { recursive: true, force: true });
	fs.mkdirSync(stagingDir, { recursive: true });
	for (const entry of appFiles(appDir, manifest)) {
		fs.cpSync(path.join(appDir, entry), path.join(stagingDir, entry), { recursive: true });
	}
	// rc-apps compares this version with app.json and rewrites app.json when they differ.
	const stagedPackage = {
		name: manifest.nameSlug,
		version: manifest.version,
		private: true,
		devDependencies: { '@rocket.chat/apps-engine': manifest.requiredApiVersion },
	};
	fs.writeFileSync(path.join(stagingDir, 'package.json'), `${JSON.stringify(stagedPackage, null, 2)}\n`);
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(stagingDir, 'node_modules'), 'dir');
}

function rcAppsBinary() {
	const rcApps = path.join(root, 'node_modules', '.bin', 'rc-apps');
	if (!fs.existsSync(rcApps)) {
		fail('rc-apps is not installed; run `npm ci` first.');
	}
	return rcApps;
}

function runRcAppsPackage(stagingDir) {
	const result = spawnSync(rcAppsBinary(), ['package'], { cwd: stagingDir, encoding: 'utf8' });
	const output = `${result.stdout || ''}${result.stderr || ''}`.trim();
	if (result.status !== 0 || /Error/.test(output)) {
		fail(`rc-apps package failed:\n${output}`);
	}
}

/** rc-apps deploy compiles and uploads the folder it runs in: the staged one holds only the app. */
function runRcAppsDeploy(stagingDir, options) {
	if (!options.includes('--url') && !options.some((option) => option.startsWith('--url='))) {
		fail('usage: npm run deploy -- --url https://chat.example.com --username admin --password <password> [--update]');
	}
	const result = spawnSync(rcAppsBinary(), ['deploy', ...options], { cwd: stagingDir, stdio: 'inherit' });
	process.exit(result.status === null ? 1 : result.status);
}

function checkZip(appDir, zipPath, manifest) {
	const zip = new AdmZip(zipPath);
	const names = zip.getEntries().map((entry) => entry.entryName);
	const classJs = manifest.classFile.replace(/\.ts$/, '.js');
	const expected = ['app.json', classJs, manifest.iconFile];
	if (fs.existsSync(path.join(appDir, 'i18n'))) {
		expected.push('i18n/en.json');
	}
	const missing = expected.filter((name) => !names.includes(name));
	if (missing.length > 0) {
		fail(`${path.relative(root, zipPath)} lacks ${missing.join(', ')}`);
	}
	const packed = JSON.parse(zip.readAsText('app.json'));
	if (packed.requiredApiVersion !== manifest.requiredApiVersion) {
		fail(
			`the packed app.json says requiredApiVersion ${packed.requiredApiVersion}, not ${manifest.requiredApiVersion}`,
		);
	}
	const stray = names.filter((name) => /^(test|sandbox|bench|scripts|node_modules)\//.test(name));
	if (stray.length > 0) {
		fail(`the zip holds files that are not the app's: ${stray.slice(0, 5).join(', ')}`);
	}
	return names;
}

function main() {
	const args = process.argv.slice(2);
	const appOption = args.indexOf('--app');
	const appDir = appOption === -1 ? root : path.resolve(args.splice(appOption, 2)[1] || fail('--app needs a folder'));
	const manifest = JSON.parse(fs.readFileSync(path.join(appDir, 'app.json'), 'utf8'));
	const stagingDir = path.join(root, 'build', `package-${manifest.nameSlug}`);
	stage(appDir, stagingDir, manifest);
	const [command, ...options] = args;
	if (command === 'deploy') {
		runRcAppsDeploy(stagingDir, options);
		return;
	}
	runRcAppsPackage(stagingDir);

	const zipName = `${manifest.nameSlug}_${manifest.version}.zip`;
	const built = path.join(stagingDir, 'dist', zipName);
	if (!fs.existsSync(built)) {
		fail(`rc-apps reported success but ${path.relative(root, built)} is missing`);
	}
	const target = path.join(appDir, 'dist', zipName);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.copyFileSync(built, target);
	const names = checkZip(appDir, target, manifest);
	console.log(
		`package: ${path.relative(root, target)} (${names.length} files, requiredApiVersion ${manifest.requiredApiVersion})`,
	);
}

main();
