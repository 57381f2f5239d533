import { spawn } from 'child_process';
import path from 'path';

import { measure, summarize } from './stats';
import { median, sleep, startBenchWorkspace, writeResults, type BenchWorkspace } from './support/benchWorkspace';
import type { ComparedSandbox } from './support/comparedApp';
import { now, RoundTripRecorder, sequentialDepth, type RoundTrip } from './support/roundTrips';
import { RocketChatClient } from '../sandbox/src/client/RocketChatClient';
import { httpCall } from '../sandbox/src/client/http';
import { openBotRoom } from '../sandbox/src/demo/seedDemo';
import { APP_ID } from '../sandbox/src/packagedApp';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 40);
const CLIENTS = 32;
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 320);
/** How long each round trip is held in the depth pass: long against the host's own ~1 ms, short for the run. */
const DEPTH_DELAY_MS = 25;
/** Calls made before round trips are counted: one per instance of the largest cluster benched. */
const WARM_UP_CALLS = 3;

/** The targets against the floor measured in the same rounds (issue 26). */
const TARGETS: Record<string, { ratio: number; depth: number }> = {
	'close-chat': { ratio: 2.0, depth: 2 },
	'handover': { ratio: 3.5, depth: 4 },
};

/**
 * Against another build of the app with the same incoming API (BENCH_COMPARE_ZIP, e.g. the official Rasa app), each
 * in its own sandbox, called alternately in the same rounds: the p50 ratio (ours over theirs, per round) and the
 * concurrent throughput ratio (ours over theirs) each case must meet.
 */
const COMPARED_TARGETS: Record<string, { p50: number; throughput: number }> = {
	'close-chat': { p50: 1.0, throughput: 1.0 },
	'handover': { p50: 0.8, throughput: 1.25 },
};

/** The compared app's cases are named after ours with this prefix. */
const COMPARED = 'compared ';

type Case = {
	name: string;
	appId: string;
	/** What each call needs that a call may use up (a room to close or hand over). */
	target: () => Promise<string>;
	call: (room: string) => Promise<number>;
};

/**
 * The incoming API through HTTP, beside the floor (a fixture app's endpoint that answers at once, through the same
 * host and Deno runtime), in one run:
 *   1. sequential latency, the cases interleaved in rounds (order rotated each round) after a warm-up round, so that
 *      noise hits every case alike; each round's p50 over the floor's p50 of the same round, median of the rounds;
 *   2. every Deno→Node round trip a request makes (setting reads included), and its sequential depth;
 *   3. 32 concurrent clients, with the errors counted;
 *   4. the cost of one-step-at-a-time per room: 32 clients sending to 32 rooms, then all to one room;
 *   5. then, on a cluster of three instances, 1 and 2 again for the floor, close-chat and handover (benchCluster).
 */
async function main(): Promise<void> {
	const recorder = new RoundTripRecorder();
	const workspace = await startBenchWorkspace({ floors: ['floor-app'] });
	const { sandbox, admin } = workspace;
	const compared = process.env.BENCH_COMPARE_ZIP ? await startComparedApp() : undefined;
	let met: boolean;
	try {
		const { cases, freshRoom } = await incomingCases(workspace);
		const others = compared ? comparedCases(compared.sandbox) : [];
		const beside = compared ? `, beside the app in ${process.env.BENCH_COMPARE_ZIP ?? ''}` : '';
		progress(`warm-up and ${ROUNDS} rounds of ${PER_ROUND} sequential calls per case${beside}`);
		const perRound = await interleavedRounds([...cases, ...others]);
		const ratios = ratiosTo(perRound);

		progress('round trips per request (warm settings cache, then the first call after a settings change)');
		const trips = await roundTripsOf(recorder, cases, admin);

		progress(`${CLIENTS} concurrent clients, ${CONCURRENT} calls per case`);
		const concurrent: Record<string, { p50: number; throughput: number; errors: number }> = {};
		for (const benchCase of [...cases, ...others]) {
			const targets = await Promise.all(Array.from({ length: CONCURRENT }, benchCase.target));
			let errors = 0;
			const latency = await measure(CONCURRENT, CLIENTS, async (i) => {
				const status = await benchCase.call(targets[i]).catch(() => 0);
				errors += status === 200 ? 0 : 1;
			});
			concurrent[benchCase.name] = { p50: latency.p50, throughput: latency.throughput, errors };
		}

		progress('one step at a time per room: send-message from 32 clients, to 32 rooms and to one room');
		const serialisation = await measureSerialisation(cases[3], freshRoom);

		const report = printReport(perRound, ratios, trips, concurrent, serialisation);
		const file = writeResults('incoming', {
			rounds: ROUNDS,
			perRound: PER_ROUND,
			sequentialP50PerRound: perRound,
			roundTrips: trips,
			concurrent,
			serialisation,
			targets: report,
		});
		process.stdout.write(`\nwritten to ${file}\n`);
		met = report.every((line) => line.met);
	} finally {
		compared?.stop();
		await sandbox.stop();
	}
	await benchCluster(recorder);
	process.exitCode = met ? 0 : 1;
}

const CLUSTER_INSTANCES = 3;

/**
 * The same sequential rounds and round-trip counts for the floor, close-chat and handover on a cluster of three
 * instances, every call through the round-robin front (so consecutive calls land on different instances), and one
 * room handed over by 20 calls at once spread over the instances (the lease's cost under contention).
 */
async function benchCluster(recorder: RoundTripRecorder): Promise<void> {
	progress(`a cluster of ${CLUSTER_INSTANCES} instances: ${ROUNDS} rounds of floor, close-chat and handover`);
	const workspace = await startBenchWorkspace({ floors: ['floor-app'], instances: CLUSTER_INSTANCES });
	const { sandbox, admin, seed } = workspace;
	try {
		const { cases: all, freshRoom } = await incomingCases(workspace);
		const cases = all.filter((benchCase) => benchCase.name !== 'send-message');
		const perRound = await interleavedRounds(cases);
		const ratios = ratiosTo(perRound);
		const trips = await roundTripsOf(recorder, cases, admin);

		progress('one room, 20 handovers at once over the instances');
		const contended: number[] = [];
		for (let repeat = 0; repeat < 10; repeat++) {
			const room = await freshRoom();
			const started = now();
			const statuses = await Promise.all(
				Array.from({ length: 20 }, (_, index) =>
					httpCall(`${sandbox.instanceUrls[index % CLUSTER_INSTANCES]}/api/apps/public/${APP_ID}/incoming`, {
						body: handoverOf(room, seed),
						headers: admin.authHeaders(seed.bot),
					}).then((answer) => answer.status),
				),
			);
			contended.push(now() - started);
			if (statuses.filter((status) => status === 200).length !== 1) {
				throw new Error(`20 handovers of one room on the cluster: ${statuses.join(', ')}`);
			}
		}

		const out = [
			'',
			`on a cluster of ${CLUSTER_INSTANCES} instances (through the round-robin front), median of ${ROUNDS} rounds`,
			...sequentialTable(perRound, ratios, trips, { cold: false }),
			'round trips per request:',
			...roundTripLines(trips),
		];
		out.push(
			`one room, 20 handovers at once over ${CLUSTER_INSTANCES} instances: one transfer each time; all answered in ` +
				`${median(contended).toFixed(0)} ms (median of ${contended.length}; ${Math.min(...contended).toFixed(0)}–${Math.max(...contended).toFixed(0)})`,
		);
		process.stdout.write(`${out.join('\n')}\n`);
		const file = writeResults('incoming-cluster', {
			instances: CLUSTER_INSTANCES,
			rounds: ROUNDS,
			perRound: PER_ROUND,
			sequentialP50PerRound: perRound,
			roundTrips: trips,
			contendedHandoverMs: contended,
		});
		process.stdout.write(`\nwritten to ${file}\n`);
	} finally {
		await sandbox.stop();
	}
}

/** The floor and the incoming API's actions, each call through the workspace's address. */
async function incomingCases({ sandbox, admin, seed, floorAppIds }: BenchWorkspace) {
	const floorAppId = floorAppIds['floor-app'] ?? '';
	const headers = admin.authHeaders(seed.bot);
	const base = `${sandbox.url}/api/apps/public`;
	const post = async (url: string, body: object) => (await httpCall(url, { body, headers })).status;
	const freshRoom = async () => (await openBotRoom(admin, seed)).id;
	const sharedRoom = await freshRoom();
	const cases: Case[] = [
		{
			name: 'floor',
			appId: floorAppId,
			target: async () => '',
			call: () => post(`${base}/${floorAppId}/ping`, {}),
		},
		{
			name: 'close-chat',
			appId: APP_ID,
			target: freshRoom,
			call: (room) => post(`${base}/${APP_ID}/incoming`, { action: 'close-chat', sessionId: room }),
		},
		{
			name: 'handover',
			appId: APP_ID,
			target: freshRoom,
			call: (room) => post(`${base}/${APP_ID}/incoming`, handoverOf(room, seed)),
		},
		{
			name: 'send-message',
			appId: APP_ID,
			target: async () => sharedRoom,
			call: (room) =>
				post(`${base}/${APP_ID}/incoming`, {
					action: 'send-message',
					sessionId: room,
					actionData: { messages: [{ text: 'Still here.' }] },
				}),
		},
	];
	return { cases, freshRoom };
}

/** The handover every case asks for: the room to Sales, where an agent is online. */
const handoverOf = (room: string, seed: BenchWorkspace['seed']) => ({
	action: 'handover',
	sessionId: room,
	actionData: { targetDepartment: seed.salesDepartment.name },
});

async function expectOk(benchCase: Case, room: string): Promise<void> {
	const status = await benchCase.call(room);
	if (status !== 200) {
		throw new Error(`${benchCase.name}: expected 200, got ${status}`);
	}
}

/** Each case's p50 per round: a warm-up round, then ROUNDS rounds with the order of the cases rotated each round. */
async function interleavedRounds(cases: Case[]): Promise<Record<string, number[]>> {
	const perRound: Record<string, number[]> = Object.fromEntries(cases.map((c) => [c.name, []]));
	for (let round = 0; round <= ROUNDS; round++) {
		const order = cases.map((_, i) => cases[(i + round) % cases.length]);
		for (const benchCase of order) {
			const targets = await Promise.all(Array.from({ length: PER_ROUND }, benchCase.target));
			const latency = await measure(PER_ROUND, 1, (i) => expectOk(benchCase, targets[i]));
			if (round > 0) {
				perRound[benchCase.name].push(latency.p50);
			}
		}
	}
	return perRound;
}

/** Each case's p50 over its own sandbox's floor, round by round. */
const ratiosTo =
	(perRound: Record<string, number[]>) =>
	(name: string): number[] => {
		const floor = name.startsWith(COMPARED) ? perRound[`${COMPARED}floor`] : perRound.floor;
		return perRound[name].map((p50, round) => p50 / floor[round]);
	};

/** The compared app's sandbox, in a process of its own (bench/support/comparedApp.ts). */
async function startComparedApp(): Promise<{ sandbox: ComparedSandbox; stop(): void }> {
	const child = spawn(process.execPath, [path.join(__dirname, 'support', 'comparedApp.js')], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const sandbox = await new Promise<ComparedSandbox>((resolve, reject) => {
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
			if (line && output.includes('\n')) {
				resolve(JSON.parse(line) as ComparedSandbox);
			}
		});
		child.once('exit', (code) => reject(new Error(`the compared app's sandbox exited with ${code}`)));
	});
	return { sandbox, stop: () => child.kill('SIGTERM') };
}

/** The compared app's floor, close-chat and handover, through its sandbox's address. */
function comparedCases(compared: ComparedSandbox): Case[] {
	const client = new RocketChatClient(compared.url, compared.admin);
	const base = `${compared.url}/api/apps/public`;
	const post = async (url: string, body: object) =>
		(await httpCall(url, { body, headers: compared.botHeaders })).status;
	const freshRoom = async () => (await openBotRoom(client, compared.seed)).id;
	return [
		{
			name: `${COMPARED}floor`,
			appId: compared.floorAppId,
			target: async () => '',
			call: () => post(`${base}/${compared.floorAppId}/ping`, {}),
		},
		{
			name: `${COMPARED}close-chat`,
			appId: compared.appId,
			target: freshRoom,
			call: (room) => post(`${base}/${compared.appId}/incoming`, { action: 'close-chat', sessionId: room }),
		},
		{
			name: `${COMPARED}handover`,
			appId: compared.appId,
			target: freshRoom,
			call: (room) =>
				post(`${base}/${compared.appId}/incoming`, {
					action: 'handover',
					sessionId: room,
					actionData: { targetDepartment: compared.seed.salesDepartment.name },
				}),
		},
	];
}

async function roundTripsOf(
	recorder: RoundTripRecorder,
	cases: Case[],
	admin: BenchWorkspace['admin'],
): Promise<Record<string, TripReport>> {
	const trips: Record<string, TripReport> = {};
	for (const benchCase of cases) {
		trips[benchCase.name] = await countRoundTrips(recorder, benchCase, async () => {
			// Any change will do: onSettingUpdated clears the app's settings cache.
			await admin.setAppSettings(APP_ID, { typing_indicator: false });
			await admin.setAppSettings(APP_ID, { typing_indicator: true });
			await sleep(100);
		});
	}
	return trips;
}

type TripReport = {
	warm: number;
	warmMethods: Record<string, number>;
	afterAnswer: number;
	depth: number;
	cold: number;
	coldDepth: number;
};

/**
 * Counts, for one case, the round trips made while a request was in flight (the answer waits for them), the ones
 * made after the answer (app events the request caused, such as the room-closed event), and the sequential depth in
 * a pass where each round trip is held DEPTH_DELAY_MS.
 */
async function countRoundTrips(
	recorder: RoundTripRecorder,
	benchCase: Case,
	changeSettings: () => Promise<void>,
): Promise<TripReport> {
	const once = async (delayMs: number) => {
		const room = await benchCase.target();
		recorder.start(delayMs);
		const started = now();
		await benchCase.call(room);
		const answered = now();
		await sleep(delayMs > 0 ? 10 * delayMs : 50);
		const ours = recorder.stop().filter((trip) => trip.appId === benchCase.appId);
		const during = ours.filter((trip) => trip.startedMs >= started && trip.startedMs <= answered);
		// The answer waited for these: an event's work that started meanwhile but ended later did not delay it.
		const waited = during.filter((trip) => trip.endedMs <= answered);
		return { during, waited, after: ours.filter((trip) => trip.startedMs > answered) };
	};
	// Unrecorded calls first, so that every instance behind a cluster's front has its settings cached.
	for (let i = 0; i < WARM_UP_CALLS; i++) {
		await benchCase.call(await benchCase.target());
	}
	const warm: Array<{ during: RoundTrip[]; waited: RoundTrip[]; after: RoundTrip[] }> = [];
	for (let i = 0; i < 5; i++) {
		warm.push(await once(0));
	}
	const depths: number[] = [];
	for (let i = 0; i < 3; i++) {
		depths.push(sequentialDepth((await once(DEPTH_DELAY_MS)).waited));
	}
	await changeSettings();
	const cold = await once(0);
	await changeSettings();
	const coldDepth = sequentialDepth((await once(DEPTH_DELAY_MS)).waited);

	const typical = warm.sort((a, b) => a.during.length - b.during.length)[Math.floor(warm.length / 2)];
	const warmMethods: Record<string, number> = {};
	for (const trip of typical.during) {
		warmMethods[trip.method] = (warmMethods[trip.method] ?? 0) + 1;
	}
	return {
		warm: typical.during.length,
		warmMethods,
		afterAnswer: typical.after.length,
		depth: median(depths),
		cold: cold.during.length,
		coldDepth,
	};
}

/** send-message from 32 clients: each to a room of its own, then all to one room (whose steps run one by one). */
async function measureSerialisation(sendMessage: Case, freshRoom: () => Promise<string>) {
	const rooms = await Promise.all(Array.from({ length: CLIENTS }, freshRoom));
	const oneRoom = rooms[0];
	const spread = await measure(CONCURRENT, CLIENTS, async (i) => {
		await sendMessage.call(rooms[i % CLIENTS]);
	});
	const samples: number[] = [];
	let errors = 0;
	const started = now();
	await Promise.all(
		Array.from({ length: CLIENTS }, async () => {
			for (let i = 0; i < CONCURRENT / CLIENTS; i++) {
				const begin = now();
				const status = await sendMessage.call(oneRoom);
				samples.push(now() - begin);
				errors += status === 200 ? 0 : 1;
			}
		}),
	);
	const sameRoom = summarize(samples, now() - started);
	return {
		spread: { p50: spread.p50, throughput: spread.throughput },
		sameRoom: { p50: sameRoom.p50, throughput: sameRoom.throughput, refused: errors },
	};
}

type TargetLine = { what: string; measured: string; target: string; met: boolean };

function printReport(
	perRound: Record<string, number[]>,
	ratios: (name: string) => number[],
	trips: Record<string, TripReport>,
	concurrent: Record<string, { p50: number; throughput: number; errors: number }>,
	serialisation: Awaited<ReturnType<typeof measureSerialisation>>,
): TargetLine[] {
	const out: string[] = [''];
	out.push(
		`sequential, median of ${ROUNDS} rounds (each round's p50; ratio to the floor's p50 in the same round)`,
		...sequentialTable(perRound, ratios, trips, { cold: true }),
	);
	out.push(
		'  trips: Deno→Node round trips started while the request is in flight (settings cached); depth: how many the',
		'  answer waited for one after another; cold: the first request after a settings change; events: round trips',
		'  after the answer (app events the request caused).',
		'',
		'round trips per request:',
		...roundTripLines(trips),
	);
	out.push(
		'',
		`${CLIENTS} concurrent clients`,
		`${'case'.padEnd(20)}${cell('p50 ms', 9)}${cell('req/s', 8)}${cell('errors', 8)}`,
	);
	for (const [name, c] of Object.entries(concurrent)) {
		out.push(
			`${name.padEnd(20)}${cell(c.p50.toFixed(2), 9)}${cell(c.throughput.toFixed(0), 8)}${cell(String(c.errors), 8)}`,
		);
	}
	const s = serialisation;
	out.push(
		'',
		`one step at a time per room (send-message, ${CLIENTS} clients)`,
		`  32 rooms   p50 ${s.spread.p50.toFixed(2)} ms, ${s.spread.throughput.toFixed(0)} req/s`,
		`  one room   p50 ${s.sameRoom.p50.toFixed(2)} ms, ${s.sameRoom.throughput.toFixed(0)} req/s, ${s.sameRoom.refused} refused (room-busy)`,
	);

	const lines: TargetLine[] = [];
	for (const [name, target] of Object.entries(TARGETS)) {
		const ratio = median(ratios(name));
		lines.push({
			what: `${name} p50`,
			measured: `${ratio.toFixed(2)}× floor`,
			target: `≤ ${target.ratio.toFixed(1)}×`,
			met: ratio <= target.ratio,
		});
		lines.push({
			what: `${name} sequential waits`,
			measured: String(trips[name].depth),
			target: `≤ ${target.depth}`,
			met: trips[name].depth <= target.depth,
		});
	}
	for (const [name, target] of Object.entries(COMPARED_TARGETS)) {
		const theirs = perRound[`${COMPARED}${name}`];
		if (!theirs) {
			continue;
		}
		const ratio = median(perRound[name].map((p50, round) => p50 / theirs[round]));
		lines.push({
			what: `${name} p50 / compared`,
			measured: `${ratio.toFixed(2)}×`,
			target: `≤ ${target.p50.toFixed(2)}×`,
			met: ratio <= target.p50,
		});
		const rate = concurrent[name].throughput / concurrent[`${COMPARED}${name}`].throughput;
		lines.push({
			what: `${name} req/s / compared`,
			measured: `${rate.toFixed(2)}×`,
			target: `≥ ${target.throughput.toFixed(2)}×`,
			met: rate >= target.throughput,
		});
	}
	const errors = Object.values(concurrent).reduce((sum, c) => sum + c.errors, 0);
	lines.push({ what: `${CLIENTS} clients`, measured: `${errors} errors`, target: '0 errors', met: errors === 0 });
	out.push('', 'targets');
	for (const line of lines) {
		out.push(
			`  ${line.met ? 'met    ' : 'NOT MET'}  ${line.what.padEnd(28)}${line.measured.padStart(12)}   ${line.target}`,
		);
	}
	process.stdout.write(`${out.join('\n')}\n`);
	return lines;
}

const cell = (value: string, width: number) => value.padStart(width);

/** One row per case: p50, ratio to the floor (median and range of the rounds), round trips, depth, events after. */
function sequentialTable(
	perRound: Record<string, number[]>,
	ratios: (name: string) => number[],
	trips: Record<string, TripReport>,
	{ cold }: { cold: boolean },
): string[] {
	const rows = [
		`${'case'.padEnd(20)}${cell('p50 ms', 9)}${cell('× floor', 9)}${cell('range', 13)}${cell('trips', 7)}${cell('depth', 7)}` +
			`${cold ? `${cell('cold', 6)}${cell('depth', 7)}` : ''}${cell('events', 8)}`,
	];
	for (const name of Object.keys(perRound)) {
		const r = ratios(name);
		// The compared app runs in another process: its round trips are not counted.
		const t = trips[name] as TripReport | undefined;
		const count = (value: number | undefined, width: number) => cell(value === undefined ? '–' : String(value), width);
		rows.push(
			`${name.padEnd(20)}${cell(median(perRound[name]).toFixed(2), 9)}${cell(`${median(r).toFixed(2)}×`, 9)}` +
				`${cell(`${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)}`, 13)}` +
				`${count(t?.warm, 7)}${count(t?.depth, 7)}` +
				`${cold ? `${count(t?.cold, 6)}${count(t?.coldDepth, 7)}` : ''}${count(t?.afterAnswer, 8)}`,
		);
	}
	return rows;
}

/** Each case's round trips by method, as counted on a typical warm request. */
function roundTripLines(trips: Record<string, TripReport>): string[] {
	return Object.entries(trips).map(([name, t]) => {
		const methods = Object.entries(t.warmMethods).map(([method, n]) => (n > 1 ? `${method}×${n}` : method));
		return `  ${name.padEnd(13)}${methods.join(', ') || '(none)'}`;
	});
}

function progress(what: string): void {
	process.stderr.write(`bench: ${what}...\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
