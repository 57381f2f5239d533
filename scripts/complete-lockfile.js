#!/usr/bin/env node
/**
 * Adds lockfile entries for other platforms' optional packages (darwin, win32, arm64 builds of deno, esbuild, ...).
 *
 * Where the npm registry a machine reaches serves only its own platform's builds, `npm install` leaves those
 * entries out, and `npm ci` then refuses the lockfile ("Missing: @deno/darwin-arm64@ from lock file"). An entry with
 * just the version and `optional: true` satisfies npm ci everywhere: the machine that can use the package fetches it
 * by version, the others skip it. Run `npm run lock:complete` after any `npm install` that changed the lockfile.
 */

'use strict';

const fs = require('fs');
const path = require('path');

const lockPath = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const { packages } = lock;

/** Where Node would find `name` from the package at `parentKey`: its own node_modules, then each ancestor's. */
function resolves(parentKey, name) {
	let base = parentKey;
	for (;;) {
		const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
		if (packages[candidate]) {
			return true;
		}
		if (!base) {
			return false;
		}
		const cut = base.lastIndexOf('/node_modules/');
		base = cut === -1 ? '' : base.slice(0, cut);
	}
}

let added = 0;
for (const [key, entry] of Object.entries(packages)) {
	for (const [name, version] of Object.entries(entry.optionalDependencies || {})) {
		if (resolves(key, name)) {
			continue;
		}
		// Hoist like npm does, unless another version already holds the top-level place.
		const topLevel = `node_modules/${name}`;
		const target = packages[topLevel] ? `${key}/node_modules/${name}` : topLevel;
		packages[target] = { version, dev: entry.dev || undefined, optional: true };
		added++;
	}
}

fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, '\t')}\n`);
console.log(`lock:complete: added ${added} optional platform entr${added === 1 ? 'y' : 'ies'}`);
