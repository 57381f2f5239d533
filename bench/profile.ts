import fs from 'fs';
import path from 'path';

import { startBenchWorkspace } from './support/benchWorkspace';
import { DenoInspector, type CpuProfile } from './support/denoInspector';
import { httpCall } from '../sandbox/src/client/http';
import { openBotRoom } from '../sandbox/src/demo/seedDemo';
import { APP_ID, projectRoot } from '../sandbox/src/packagedApp';

const CALLS = Number(process.env.PROFILE_CALLS ?? 600);
const CLIENTS = 32;
const CASES = (process.env.PROFILE_CASES ?? 'close-chat,handover').split(',');

/**
 * Where the app's Deno process spends its time under load: a CPU profile of that process (through its inspector)
 * while 32 clients call one incoming action on fresh rooms, for each case in PROFILE_CASES. Prints the functions with
 * the most self time and the share of each source (the app, the engine's Deno runtime, Deno itself), and writes the
 * profile under bench/results for Chrome's DevTools.
 */
async function main(): Promise<void> {
	let installed: DenoInspector | undefined;
	const { sandbox, admin, seed } = await startBenchWorkspace({
		floors: [],
		// After the sandbox put its Deno first on PATH: the wrapper goes before it.
		beforeInstall: async () => {
			installed = await DenoInspector.install();
		},
	});
	const inspector = installed as DenoInspector;
	try {
		const headers = admin.authHeaders(seed.bot);
		const url = `${sandbox.url}/api/apps/public/${APP_ID}/incoming`;
		for (const name of CASES) {
			const rooms = await Promise.all(Array.from({ length: CALLS }, async () => (await openBotRoom(admin, seed)).id));
			const body = (room: string) =>
				name === 'handover'
					? { action: 'handover', sessionId: room, actionData: { targetDepartment: seed.salesDepartment.name } }
					: { action: name, sessionId: room };
			await inspector.startProfiling();
			const started = Date.now();
			let next = 0;
			let failed = 0;
			await Promise.all(
				Array.from({ length: CLIENTS }, async () => {
					while (next < rooms.length) {
						const room = rooms[next++];
						const answer = await httpCall(url, { body: body(room), headers });
						failed += answer.status === 200 ? 0 : 1;
					}
				}),
			);
			const elapsed = Date.now() - started;
			const profile = await inspector.stopProfiling();
			const file = path.join(projectRoot, 'bench', 'results', `deno-${name}-${Date.now()}.cpuprofile`);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, JSON.stringify(profile));
			process.stdout.write(
				`\n${name}: ${CALLS} calls by ${CLIENTS} clients in ${elapsed} ms (${Math.round((CALLS * 1000) / elapsed)}/s), ${failed} failed\n` +
					`profile: ${path.relative(projectRoot, file)}\n${summarize(profile)}\n`,
			);
		}
	} finally {
		await inspector.close();
		await sandbox.stop();
	}
}

/** Self time per function (top 25) and per source, from a V8 CPU profile's samples. */
function summarize(profile: CpuProfile): string {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const ticks = new Map<number, number>();
	for (const id of profile.samples) {
		ticks.set(id, (ticks.get(id) ?? 0) + 1);
	}
	const total = profile.samples.length || 1;
	const perFunction = new Map<string, number>();
	const perSource = new Map<string, number>();
	for (const [id, count] of ticks) {
		const frame = byId.get(id)?.callFrame;
		const url = frame?.url ?? '';
		const where = url ? `${path.basename(url)}:${(frame?.lineNumber ?? 0) + 1}` : '(native)';
		const key = `${frame?.functionName || '(anonymous)'} ${where}`;
		perFunction.set(key, (perFunction.get(key) ?? 0) + count);
		const source = sourceOf(url, frame?.functionName ?? '');
		perSource.set(source, (perSource.get(source) ?? 0) + count);
	}
	const share = (count: number) => `${((count * 100) / total).toFixed(1).padStart(5)}%`;
	const top = [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, 25);
	const sources = [...perSource].sort((a, b) => b[1] - a[1]);
	return [
		'self time by source:',
		...sources.map(([source, count]) => `  ${share(count)}  ${source}`),
		'self time by function (top 25):',
		...top.map(([key, count]) => `  ${share(count)}  ${key}`),
	].join('\n');
}

function sourceOf(url: string, functionName: string): string {
	if (!url) {
		const special: Record<string, string> = { '(idle)': 'idle', '(garbage collector)': 'garbage collector' };
		return special[functionName] ?? 'native';
	}
	if (url.includes('deno-runtime')) {
		return 'engine Deno runtime';
	}
	if (url.startsWith('ext:') || url.startsWith('node:')) {
		return 'Deno built-ins';
	}
	return url.includes('npm') || url.includes('node_modules') ? 'npm packages (Deno cache)' : `app or other: ${url}`;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
