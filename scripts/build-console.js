#!/usr/bin/env node
/**
 * Builds the sandbox's console into build/console: compiles its TypeScript (tsc, its own tsconfig), copies its HTML and
 * CSS, and writes docs/openapi.yaml as JSON (validated, dereferenced) for the /docs page. Run by `npm start` and by
 * the test run's global setup; nothing is fetched.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.join(root, 'sandbox', 'console', 'src');
const target = path.join(root, 'build', 'console');

function build() {
	fs.mkdirSync(target, { recursive: true });
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'sandbox', 'console')], {
		stdio: 'inherit',
	});
	for (const file of fs.readdirSync(source)) {
		if (/\.(html|css|svg)$/.test(file)) {
			fs.copyFileSync(path.join(source, file), path.join(target, file));
		}
	}
	const reference = execFileSync(process.execPath, [path.join(root, 'scripts', 'validate-openapi.mjs')], {
		encoding: 'utf8',
	});
	fs.writeFileSync(path.join(target, 'openapi.json'), reference);
}

if (require.main === module) {
	try {
		build();
		process.stdout.write(`build-console: ${path.relative(root, target)} ready\n`);
	} catch (error) {
		process.stderr.write(`build-console: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
}

module.exports = { build, target };
