#!/usr/bin/env node
// Prints the version profile (sandbox/src/workspace/versionProfile.ts) as the table sandbox/FIDELITY.md shows between
// its version-profile markers; run after `tsc -p sandbox` (npm run fidelity:table does both).
const path = require('path');

const built = path.join(__dirname, '..', 'build', 'sandbox', 'sandbox', 'src', 'workspace', 'versionProfile.js');
process.stdout.write(`${require(built).versionTable()}\n`);
