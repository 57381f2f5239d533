import fs from 'fs';
import { createRequire } from 'module';
import os from 'os';
import path from 'path';
import { pipeline } from 'stream/promises';
import zlib from 'zlib';

import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, used when it is installed. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/**
 * playwright-core adds --headless, --no-sandbox, --no-first-run and the no-background-networking flags itself; these
 * two keep Chromium from looking for a GPU or a QUIC route this closed network does not have.
 */
const ARGS = ['--disable-gpu', '--disable-quic'];

export type ChromiumLaunch = { executablePath: string; args: string[]; env?: Record<string, string> };

let found: Promise<ChromiumLaunch> | undefined;

/**
 * A Chromium for playwright-core without downloading anything: $CHROMIUM_PATH when set, else Debian's chromium when
 * installed, else the build the @sparticuz/chromium package ships inside its npm tarball (a devDependency), unpacked
 * once per version into the temporary folder. That package's own helper unpacks its libraries and font settings only
 * on AWS, so the sandbox does it: NSS libraries on LD_LIBRARY_PATH, and the bundled fonts where the machine has no
 * font configuration (without one, every text renders invisible).
 */
export function findChromium(): Promise<ChromiumLaunch> {
	found ??= locate();
	return found;
}

/** Launches a headless Chromium (see findChromium). */
export async function launchChromium(): Promise<Browser> {
	const { executablePath, args, env } = await findChromium();
	return chromium.launch({ executablePath, args, headless: true, ...(env ? { env } : {}) });
}

async function locate(): Promise<ChromiumLaunch> {
	const forced = process.env.CHROMIUM_PATH;
	if (forced) {
		return { executablePath: forced, args: ARGS };
	}
	if (fs.existsSync(DEBIAN_CHROMIUM) && process.env.CHROMIUM_FROM_NPM !== '1') {
		return { executablePath: DEBIAN_CHROMIUM, args: ARGS };
	}
	const packageDir = sparticuzPackage();
	const { version } = readJson(path.join(packageDir, 'package.json')) as { version: string };
	const dir = path.join(os.tmpdir(), `sparticuz-chromium-${version}`);
	if (!fs.existsSync(path.join(dir, '.complete'))) {
		await unpack(packageDir, dir);
	}
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined) {
			env[key] = value;
		}
	}
	env.LD_LIBRARY_PATH = [path.join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
	if (!fs.existsSync('/etc/fonts/fonts.conf')) {
		env.FONTCONFIG_FILE = path.join(dir, 'fonts.conf');
	}
	return { executablePath: path.join(dir, 'chromium'), args: ARGS, env };
}

/** The package's folder: its package.json is not exported, and its build folders hold package.json files of their own. */
function sparticuzPackage(): string {
	let dir = path.dirname(require.resolve('@sparticuz/chromium'));
	while ((readJson(path.join(dir, 'package.json')) as { name?: string }).name !== '@sparticuz/chromium') {
		const parent = path.dirname(dir);
		if (parent === dir) {
			throw new Error('@sparticuz/chromium is not installed: run `npm ci`');
		}
		dir = parent;
	}
	return dir;
}

function readJson(file: string): unknown {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
	} catch {
		return {};
	}
}

/**
 * Unpacks into a folder of this process's own, then renames it into place: parallel test workers never see a
 * half-written browser, and the first to finish wins.
 */
async function unpack(packageDir: string, dir: string): Promise<void> {
	const staging = fs.mkdtempSync(`${dir}.tmp-`);
	const bin = path.join(packageDir, 'bin');
	// The package's own tar reader, as a dependency of it.
	const tar = createRequire(path.join(packageDir, 'package.json'))('tar-fs') as {
		extract(to: string): NodeJS.WritableStream;
	};
	const brotli = () => zlib.createBrotliDecompress({ chunkSize: 2 ** 21 });
	const untar = (file: string, to: string) =>
		pipeline(fs.createReadStream(path.join(bin, file)), brotli(), tar.extract(to));
	try {
		await Promise.all([
			pipeline(
				fs.createReadStream(path.join(bin, 'chromium.br')),
				brotli(),
				fs.createWriteStream(path.join(staging, 'chromium'), { mode: 0o755 }),
			),
			untar('swiftshader.tar.br', staging),
			untar('fonts.tar.br', staging),
			untar('al2023.tar.br', path.join(staging, 'al2023')),
		]);
		fs.writeFileSync(
			path.join(staging, 'fonts.conf'),
			[
				'<?xml version="1.0"?>',
				'<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
				'<fontconfig>',
				`  <dir>${dir}/fonts</dir>`,
				'  <dir>/usr/share/fonts</dir>',
				`  <cachedir>${dir}/fonts-cache</cachedir>`,
				'</fontconfig>',
				'',
			].join('\n'),
		);
		fs.writeFileSync(path.join(staging, '.complete'), '');
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		throw error;
	}
	try {
		fs.renameSync(staging, dir);
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		if (!fs.existsSync(path.join(dir, '.complete'))) {
			throw error;
		}
	}
}
