import fs from 'fs';
import path from 'path';

import { measure, type Latencies } from './stats';
import { RocketChatClient } from '../sandbox/src/client/RocketChatClient';
import { httpCall, type HttpAnswer } from '../sandbox/src/client/http';
import { openBotRoom, seedDemo } from '../sandbox/src/demo/seedDemo';
import { APP_ID, ensurePackagedApp, packagedAppZip, projectRoot } from '../sandbox/src/packagedApp';
import { startSandbox } from '../sandbox/src/startSandbox';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 300);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 640);
const CLIENTS = 32;

type Row = { name: string; mode: string; latency: Latencies };

function expectStatus(answer: HttpAnswer, status: number, what: string): void {
	if (answer.status !== status) {
		throw new Error(`${what}: expected ${status}, got ${answer.status} ${answer.text}`);
	}
}

/**
 * Through HTTP, in one run: the incoming API's close-chat and handover next to the floor (a fixture app's endpoint
 * that answers at once), sequential and with 32 concurrent clients, plus the bridge calls each action makes.
 */
async function main(): Promise<void> {
	ensurePackagedApp();
	const floorDir = path.join(projectRoot, 'test', 'fixtures', 'floor-app');
	const floorZip = ensurePackagedApp(floorDir);
	const floorId = (JSON.parse(fs.readFileSync(path.join(floorDir, 'app.json'), 'utf8')) as { id: string }).id;

	const sandbox = await startSandbox({ port: 0, logLevel: 'error' });
	try {
		const anonymous = new RocketChatClient(sandbox.url);
		const admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		const seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		await admin.uploadApp(fs.readFileSync(floorZip));
		const headers = admin.authHeaders(seed.bot);
		const incoming = `${sandbox.url}/api/apps/public/${APP_ID}/incoming`;
		const floor = `${sandbox.url}/api/apps/public/${floorId}/ping`;

		const rooms = async (count: number) => {
			const made: string[] = [];
			for (let i = 0; i < count; i++) {
				made.push((await openBotRoom(admin, seed)).id);
			}
			return made;
		};
		const cases: Array<{
			name: string;
			prepare: (count: number) => Promise<string[]>;
			call: (room: string) => Promise<void>;
		}> = [
			{
				name: 'floor (fixture ping)',
				prepare: async (count) => Array.from({ length: count }, () => ''),
				call: async () => expectStatus(await httpCall(floor, { body: {}, headers }), 200, 'ping'),
			},
			{
				name: 'close-chat',
				prepare: rooms,
				call: async (room) =>
					expectStatus(
						await httpCall(incoming, { body: { action: 'close-chat', sessionId: room }, headers }),
						200,
						'close-chat',
					),
			},
			{
				name: 'handover',
				prepare: rooms,
				call: async (room) =>
					expectStatus(
						await httpCall(incoming, {
							body: {
								action: 'handover',
								sessionId: room,
								actionData: { targetDepartment: seed.salesDepartment.name },
							},
							headers,
						}),
						200,
						'handover',
					),
			},
		];

		const rows: Row[] = [];
		const bridgeCalls: Record<string, Record<string, number>> = {};
		for (const benchCase of cases) {
			// Warm-up, and the bridge calls one request makes.
			const [warm] = await benchCase.prepare(1);
			sandbox.engine.bridges.calls.take();
			await benchCase.call(warm);
			bridgeCalls[benchCase.name] = sandbox.engine.bridges.calls.take();
			for (const [mode, count, clients] of [
				['sequential', SEQUENTIAL, 1],
				[`${CLIENTS} clients`, CONCURRENT, CLIENTS],
			] as const) {
				const targets = await benchCase.prepare(count);
				const latency = await measure(count, clients, (i) => benchCase.call(targets[i]));
				rows.push({ name: benchCase.name, mode, latency });
			}
		}
		report(rows, bridgeCalls);
	} finally {
		await sandbox.stop();
	}
}

function report(rows: Row[], bridgeCalls: Record<string, Record<string, number>>): void {
	const floorOf = (mode: string) => rows.find((row) => row.name.startsWith('floor') && row.mode === mode)?.latency;
	const lines = [
		'',
		`${'case'.padEnd(22)}${'mode'.padEnd(13)}${'p50 ms'.padStart(8)}${'p90 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'req/s'.padStart(8)}${'p50/floor'.padStart(11)}${'req/s/floor'.padStart(13)}`,
	];
	for (const row of rows) {
		const base = floorOf(row.mode);
		const l = row.latency;
		lines.push(
			`${row.name.padEnd(22)}${row.mode.padEnd(13)}${l.p50.toFixed(2).padStart(8)}${l.p90.toFixed(2).padStart(8)}${l.p99.toFixed(2).padStart(8)}${l.throughput.toFixed(0).padStart(8)}` +
				`${base ? `${(l.p50 / base.p50).toFixed(2)}x`.padStart(11) : ''}${base ? `${(l.throughput / base.throughput).toFixed(2)}x`.padStart(13) : ''}`,
		);
	}
	lines.push('', 'bridge calls per request (Rocket.Chat side of the accessors):');
	for (const [name, calls] of Object.entries(bridgeCalls)) {
		const total = Object.values(calls).reduce((sum, value) => sum + value, 0);
		lines.push(
			`  ${name.padEnd(22)}${String(total).padStart(3)}  ${Object.entries(calls)
				.map(([call, n]) => `${call}×${n}`)
				.join(', ')}`,
		);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
	const file = path.join(
		projectRoot,
		'bench',
		'results',
		`incoming-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
	);
	fs.writeFileSync(
		file,
		`${JSON.stringify({ node: process.version, cpus: require('os').cpus().length, rows, bridgeCalls }, null, 2)}\n`,
	);
	process.stdout.write(`\nwritten to ${path.relative(projectRoot, file)}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
