#!/usr/bin/env node
// Prints the version profile (sandbox/src/workspace/versionProfile.ts) as the table sandbox/FIDELITY.md shows between
// its version-profile markers; run after `tsc -p sandbox` (npm run fidelity:table does both).
const path = require('path');

// eslint-disable-next-line import/no-dynamic-require -- the compiled file, found from this script's own folder
const { versionTable } = require(
	path.join(__dirname, '..', 'build', 'sandbox', 'sandbox', 'src', 'workspace', 'versionProfile.js'),
);

process.stdout.write(`${versionTable()}\n`);
