#!/usr/bin/env node
// Runs every benchmark in turn (each in its own process, so one's sandbox cannot slow the next) and fails if any
// missed a target, after all of them ran.
const { spawnSync } = require('child_process');
const path = require('path');

const benches = ['incoming.bench.js', 'relay.bench.js'];
let failed = 0;
for (const bench of benches) {
	const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'build', 'bench', 'bench', bench)], {
		stdio: 'inherit',
	});
	if (run.status !== 0) {
		failed++;
	}
}
process.exit(failed ? 1 : 0);
