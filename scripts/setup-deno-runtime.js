#!/usr/bin/env node
/**
 * Makes the Apps-Engine Deno runtime (node_modules/@rocket.chat/apps-engine/deno-runtime) run offline.
 * Runs as the project's postinstall; idempotent and loud.
 *
 * The runtime's deno.jsonc imports jsr:@std/* (jsr is not reachable from here) and maps
 * @rocket.chat/apps-engine/ to a src/ folder the npm tarball lacks. Apps-Engine starts Deno with --cached-only,
 * so everything it imports must already be in its cache. This script:
 *   1. writes small local modules for the three @std functions the runtime uses and for the one value it imports
 *      from the missing src/ folder, and points the import map at them;
 *   2. deletes deno.lock, which pins the jsr entries (deno cache writes a new one holding only the npm entries);
 *   3. fills the Deno cache the engine reads (<apps-engine>/.deno-cache unless DENO_DIR is set) through a symlink
 *      outside node_modules, because Deno 2 silently skips modules inside node_modules ("0 unique").
 */

'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const engineDir = path.join(root, 'node_modules', '@rocket.chat', 'apps-engine');
const runtimeDir = path.join(engineDir, 'deno-runtime');
const configPath = path.join(runtimeDir, 'deno.jsonc');
const shimDir = path.join(runtimeDir, 'offline-shims');
const denoDir = process.env.DENO_DIR || path.join(engineDir, '.deno-cache');
const MARKER = path.join(denoDir, '.rasa-app-offline-ready');

const SHIMS = {
	'std-cli.ts': `// Local stand-in for jsr:@std/cli parseArgs: "--name value" and "--name=value", numbers as numbers.
export function parseArgs(args: string[]): Record<string, unknown> {
	const parsed: Record<string, unknown> = { _: [] as string[] };
	const value = (raw: string): unknown => (raw !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw);
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (!arg.startsWith('--')) {
			(parsed._ as string[]).push(arg);
			continue;
		}
		const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
		if (inline !== undefined) {
			parsed[name] = value(inline);
		} else if (i + 1 < args.length && !args[i + 1].startsWith('--')) {
			parsed[name] = value(args[++i]);
		} else {
			parsed[name] = true;
		}
	}
	return parsed;
}
`,
	'std-io.ts': `// Local stand-in for jsr:@std/io writeAll.
export async function writeAll(writer: { write(p: Uint8Array): Promise<number> }, data: Uint8Array): Promise<void> {
	let written = 0;
	while (written < data.length) {
		written += await writer.write(data.subarray(written));
	}
}
`,
	'std-streams.ts': `// Local stand-in for jsr:@std/streams toArrayBuffer.
export async function toArrayBuffer(readable: ReadableStream<Uint8Array>): Promise<ArrayBuffer> {
	const chunks: Uint8Array[] = [];
	let length = 0;
	for await (const chunk of readable) {
		chunks.push(chunk);
		length += chunk.length;
	}
	const all = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		all.set(chunk, offset);
		offset += chunk.length;
	}
	return all.buffer;
}
`,
	'AppsEngineException.ts': `// The npm tarball ships this class compiled only; the runtime imports its TypeScript source.
export class AppsEngineException extends Error {
	public static JSONRPC_ERROR_CODE = -32070;
	public name = 'AppsEngineException';
	constructor(message?: string) {
		super(message);
		this.message = message ?? '';
	}
	public getErrorInfo() {
		return { name: this.name, message: this.message };
	}
}
`,
};

const IMPORT_OVERRIDES = {
	'@std/cli': './offline-shims/std-cli.ts',
	'@std/cli/parse-args': './offline-shims/std-cli.ts',
	'@std/io': './offline-shims/std-io.ts',
	'@std/streams': './offline-shims/std-streams.ts',
	'@rocket.chat/apps-engine/definition/exceptions/AppsEngineException.ts': './offline-shims/AppsEngineException.ts',
};

function fail(message) {
	console.error(`setup-deno-runtime: ${message}`);
	console.error('setup-deno-runtime: the sandbox and the end-to-end tests cannot run the app until this is fixed.');
	console.error('setup-deno-runtime: fix the cause above, then run `node scripts/setup-deno-runtime.js` again.');
	process.exit(1);
}

function log(message) {
	console.log(`setup-deno-runtime: ${message}`);
}

/** deno.jsonc is JSON with comments; this one has none, but strip line comments to be safe. */
function readConfig() {
	const textContent = fs.readFileSync(configPath, 'utf8').replace(/^\s*\/\/.*$/gm, '');
	return JSON.parse(textContent);
}

function writeShimsAndImportMap() {
	fs.mkdirSync(shimDir, { recursive: true });
	for (const [name, content] of Object.entries(SHIMS)) {
		fs.writeFileSync(path.join(shimDir, name), content);
	}
	const config = readConfig();
	config.imports = { ...config.imports, ...IMPORT_OVERRIDES };
	fs.writeFileSync(configPath, `${JSON.stringify(config, null, '\t')}\n`);
	fs.rmSync(path.join(runtimeDir, 'deno.lock'), { force: true });
}

async function denoBinary() {
	try {
		// npm may not run the deno package's own install script (it asks for approval): ensure the binary here.
		const binary = await require('deno/install_api.cjs').runInstall();
		if (binary && fs.existsSync(binary)) {
			return binary;
		}
	} catch (error) {
		fail(`the deno binary from the npm package "deno" is missing (${error.message}); run npm ci again.`);
	}
	fail('the npm package "deno" did not provide a binary for this platform.');
	return '';
}

function fillCache(deno) {
	// Deno 2 skips modules under node_modules when caching: go through a symlink, as Apps-Engine itself does.
	const linkParent = fs.mkdtempSync(path.join(os.tmpdir(), 'rasa-deno-cache-'));
	const link = path.join(linkParent, 'deno-runtime');
	try {
		fs.symlinkSync(runtimeDir, link, 'dir');
		const result = spawnSync(deno, ['cache', `--config=${configPath}`, path.join(link, 'main.ts')], {
			env: { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
			encoding: 'utf8',
		});
		const output = `${result.stdout || ''}${result.stderr || ''}`.trim();
		if (result.status !== 0) {
			fail(
				`deno cache failed (it downloads the runtime's npm packages from registry.npmjs.org into ${denoDir}; ` +
					`check that registry is reachable and the folder writable):\n${output}`,
			);
		}
		return output;
	} finally {
		fs.rmSync(linkParent, { recursive: true, force: true });
	}
}

/**
 * Starts the runtime exactly as the engine does (--cached-only, same read permissions) with stdin closed: a complete
 * cache makes it announce "ready" and exit; a missing module makes it fail at once.
 */
function checkCached(deno) {
	const linkParent = fs.mkdtempSync(path.join(os.tmpdir(), 'rasa-deno-check-'));
	const link = path.join(linkParent, 'deno-runtime');
	try {
		fs.symlinkSync(runtimeDir, link, 'dir');
		const allowRead = [engineDir, path.dirname(path.dirname(engineDir)), linkParent].join(',');
		const result = spawnSync(
			deno,
			[
				'run',
				'--cached-only',
				`--config=${configPath}`,
				`--allow-read=${allowRead}`,
				path.join(link, 'main.ts'),
				'--subprocess',
				'setup-check',
				'--spawnId',
				'0',
			],
			{
				env: { PATH: process.env.PATH, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
				input: '',
				timeout: 30000,
			},
		);
		const ready = result.status === 0 && String(result.stdout).includes('ready');
		return { ready, output: `${result.stdout || ''}${result.stderr || ''}`.trim() };
	} finally {
		fs.rmSync(linkParent, { recursive: true, force: true });
	}
}

async function main() {
	if (!fs.existsSync(configPath)) {
		fail(`${path.relative(root, configPath)} is missing: is @rocket.chat/apps-engine 1.62.0 installed?`);
	}
	const deno = await denoBinary();
	const version = readConfig().imports || {};
	const alreadyPatched = Object.entries(IMPORT_OVERRIDES).every(([key, value]) => version[key] === value);
	if (alreadyPatched && fs.existsSync(MARKER) && checkCached(deno).ready) {
		log('already set up');
		return;
	}
	writeShimsAndImportMap();
	const started = Date.now();
	fillCache(deno);
	const check = checkCached(deno);
	if (!check.ready) {
		fail(`the runtime does not start from the cache after deno cache:\n${check.output}`);
	}
	fs.writeFileSync(MARKER, `${new Date().toISOString()}\n`);
	log(`Deno runtime ready for offline use (cache in ${path.relative(root, denoDir)}, ${Date.now() - started} ms)`);
}

main().catch((error) => fail(error.stack || String(error)));
