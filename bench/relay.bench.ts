import { summarize } from './stats';
import { median, sleep, startBenchWorkspace, writeResults } from './support/benchWorkspace';
import { echoTurns } from './support/echoTurns';
import { now, RoundTripRecorder, sequentialDepth } from './support/roundTrips';
import type { RocketChatClient } from '../sandbox/src/client/RocketChatClient';
import { openBotRoom } from '../sandbox/src/demo/seedDemo';
import { APP_ID } from '../sandbox/src/packagedApp';
import { FakeRasa } from '../sandbox/src/rasa/FakeRasa';
import type { Workspace } from '../sandbox/src/workspace/Workspace';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const PER_ROUND = Number(process.env.BENCH_RELAY_PER_ROUND ?? 25);
const ROOMS = 32;
const TURN_TIMEOUT_MS = 10_000;
const DEPTH_DELAY_MS = 25;
const OVERHEAD_TARGET_MS = 2.5;
const ROUND_TRIPS_TARGET = 4;
const DEPTH_TARGET = 3;
/** Visitors bursting at once, each sending this many messages without waiting for a reply. */
const BURST_VISITORS = 64;
const BURST_MESSAGES = 10;
/** Turns per second in bursts, against the floor echo's in the same run. */
const BURST_TARGET = 0.9;
/** The typing indicator (on by default) adds two round trips that run beside the turn's own. */
const TYPING = process.env.BENCH_TYPING !== 'off';

type Room = { id: string; visitorToken: string };

/**
 * The relay's own cost, with the app's default settings (typing indicator on), beside a floor in one run. A turn is
 * timed from a visitor's message (livechat REST API) to the reply stored in the room; ours minus the time the
 * scripted Rasa spent on it. The floor is the floor-echo fixture: the same visitor message and event, answered at
 * once with one round trip (a chat served by the demo's human agent, which our app leaves alone). Rounds after a
 * warm-up round, the two cases alternating; the overhead is our p50 minus the floor's p50 of the same round, median
 * of the rounds. Then the round trips of one turn and their depth, and 32 rooms at once with the turns that got no
 * reply counted.
 */
async function main(): Promise<void> {
	const recorder = new RoundTripRecorder();
	const rasa = await FakeRasa.start((text) => [{ text: `echo ${text}` }]);
	const { sandbox, admin, seed } = await startBenchWorkspace({ floors: ['floor-echo-app'] });
	try {
		await admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url, typing_indicator: TYPING });

		const echo = echoTurns(sandbox.workspace, admin, TURN_TIMEOUT_MS);
		const turn = async (room: Room): Promise<{ overheadMs: number; sentMs: number; repliedMs: number }> => {
			const { text, sentMs, repliedMs, answered } = await echo(room);
			if (!answered) {
				throw new Error(`no reply in room ${room.id} within ${TURN_TIMEOUT_MS} ms`);
			}
			const rasaMs =
				rasa.turns.find((candidate) => candidate.sender === room.id && candidate.message === text)?.handledMs ?? 0;
			return { overheadMs: repliedMs - sentMs - rasaMs, sentMs, repliedMs };
		};

		progress(`warm-up and ${ROUNDS} rounds of ${PER_ROUND} sequential turns, ours and the floor's`);
		const room = await openBotRoom(admin, seed);
		const floorToken = `floor-${Date.now()}`;
		await admin.registerVisitor(floorToken, 'Floor visitor', seed.salesDepartment.id);
		const floorRoom = { id: await admin.openRoom(floorToken), visitorToken: floorToken };
		const ours: number[] = [];
		const floor: number[] = [];
		const share: number[] = [];
		for (let round = 0; round <= ROUNDS; round++) {
			const p50 = async (target: Room) => {
				const samples: number[] = [];
				for (let i = 0; i < PER_ROUND; i++) {
					samples.push((await turn(target)).overheadMs);
				}
				return summarize(samples, 1).p50;
			};
			const [oursP50, floorP50] =
				round % 2 ? [await p50(room), await p50(floorRoom)] : [await p50(floorRoom), await p50(room)].reverse();
			if (round > 0) {
				ours.push(oursP50);
				floor.push(floorP50);
				share.push(oursP50 - floorP50);
			}
		}

		progress('round trips of one turn');
		const counts: number[] = [];
		const methods: Record<string, number> = {};
		for (let i = 0; i < 5; i++) {
			recorder.start();
			const { sentMs, repliedMs } = await turn(room);
			await sleep(50);
			const during = recorder
				.stop()
				.filter((t) => t.appId === APP_ID && t.startedMs >= sentMs && t.startedMs <= repliedMs);
			counts.push(during.length);
			if (i === 0) {
				for (const t of during) {
					methods[t.method] = (methods[t.method] ?? 0) + 1;
				}
			}
		}
		recorder.start(DEPTH_DELAY_MS);
		const delayed = await turn(room);
		await sleep(4 * DEPTH_DELAY_MS);
		const depth = sequentialDepth(
			recorder
				.stop()
				.filter((t) => t.appId === APP_ID && t.startedMs >= delayed.sentMs && t.startedMs <= delayed.repliedMs)
				// message.create ends after the reply is stored (the event fires inside it), but the turn waits for it.
				.filter((t) => t.endedMs <= delayed.repliedMs || t.method === 'message.create'),
		);

		progress(`${BURST_VISITORS} visitors sending ${BURST_MESSAGES} messages each at once, ours and the floor's, twice`);
		const bursts = { ours: [] as BurstResult[], floor: [] as BurstResult[] };
		for (let round = 0; round < 2; round++) {
			const ourRooms = await Promise.all(Array.from({ length: BURST_VISITORS }, () => openBotRoom(admin, seed)));
			const floorRooms = await Promise.all(
				Array.from({ length: BURST_VISITORS }, async (_, index) => {
					const token = `floor-burst-${round}-${index}-${Date.now()}`;
					await admin.registerVisitor(token, 'Floor visitor', seed.salesDepartment.id);
					return { id: await admin.openRoom(token), visitorToken: token };
				}),
			);
			const order = round % 2 ? (['floor', 'ours'] as const) : (['ours', 'floor'] as const);
			for (const which of order) {
				bursts[which].push(await burst(sandbox.workspace, admin, which === 'ours' ? ourRooms : floorRooms));
			}
		}

		progress(`${ROOMS} rooms at once`);
		const rooms = await Promise.all(Array.from({ length: ROOMS }, () => openBotRoom(admin, seed)));
		const concurrent: number[] = [];
		let failed = 0;
		const started = now();
		await Promise.all(
			rooms.map(async (each) => {
				for (let i = 0; i < PER_ROUND; i++) {
					try {
						concurrent.push((await turn(each)).overheadMs);
					} catch {
						failed += 1;
					}
				}
			}),
		);
		const concurrentStats = summarize(concurrent, now() - started);

		const overhead = median(share);
		const oursRate = median(bursts.ours.map((result) => result.turnsPerSecond));
		const floorRate = median(bursts.floor.map((result) => result.turnsPerSecond));
		const burstLost = [...bursts.ours, ...bursts.floor].reduce(
			(sum, result) => sum + result.lost + result.reordered,
			0,
		);
		const perTurn = median(counts);
		const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;
		const methodList = Object.entries(methods).map(([method, n]) => (n > 1 ? `${method}×${n}` : method));
		const lines = [
			'',
			`relayed turn, visitor message → reply stored (ms, median of ${ROUNDS} rounds' p50; typing indicator ${TYPING ? 'on' : 'off'})`,
			`  ours, minus Rasa's own time   ${median(ours).toFixed(2)}   (range ${range(ours)})`,
			`  floor (echo, 1 round trip)    ${median(floor).toFixed(2)}   (range ${range(floor)})`,
			`  relay overhead (ours − floor) ${overhead.toFixed(2)}   (range ${range(share)})`,
			`  round trips per turn          ${median(counts)}, ${depth} sequential: ${methodList.join(', ')}`,
			`  ${ROOMS} rooms at once: p50 ${concurrentStats.p50.toFixed(2)} ms, p99 ${concurrentStats.p99.toFixed(2)} ms, ${concurrentStats.throughput.toFixed(0)} turns/s, ${failed} without a reply`,
			`  ${BURST_VISITORS} visitors × ${BURST_MESSAGES}-message bursts: ours ${oursRate.toFixed(0)} turns/s, floor echo ${floorRate.toFixed(0)} turns/s (${(oursRate / floorRate).toFixed(2)}×), ${burstLost} lost or out of order`,
			'',
			'targets',
			...[
				[overhead <= OVERHEAD_TARGET_MS, `relay overhead p50 ${overhead.toFixed(2)} ms`, `≤ ${OVERHEAD_TARGET_MS} ms`],
				[perTurn <= ROUND_TRIPS_TARGET, `round trips per turn ${perTurn}`, `≤ ${ROUND_TRIPS_TARGET}`],
				[depth <= DEPTH_TARGET, `sequential round trips ${depth}`, `≤ ${DEPTH_TARGET}`],
				[
					oursRate >= BURST_TARGET * floorRate,
					`bursts ${(oursRate / floorRate).toFixed(2)}× the floor echo`,
					`≥ ${BURST_TARGET}×`,
				],
				[burstLost === 0, `bursts: ${burstLost} lost or out of order`, '0'],
				[failed === 0, `${ROOMS} rooms at once: ${failed} turns without a reply`, '0'],
			].map(([met, what, target]) => `  ${met ? 'met    ' : 'NOT MET'}  ${String(what).padEnd(44)} ${String(target)}`),
		];
		const allMet =
			overhead <= OVERHEAD_TARGET_MS &&
			perTurn <= ROUND_TRIPS_TARGET &&
			depth <= DEPTH_TARGET &&
			oursRate >= BURST_TARGET * floorRate &&
			burstLost === 0 &&
			failed === 0;
		process.stdout.write(`${lines.join('\n')}\n`);
		const file = writeResults('relay', {
			typingIndicator: TYPING,
			oursP50PerRound: ours,
			floorP50PerRound: floor,
			overheadPerRound: share,
			roundTrips: { perTurn: median(counts), depth, methods },
			concurrent: { ...concurrentStats, failed },
			bursts,
		});
		process.stdout.write(`\nwritten to ${file}\n`);
		process.exitCode = allMet ? 0 : 1;
	} finally {
		await sandbox.stop();
		await rasa.stop();
	}
}

function progress(what: string): void {
	process.stderr.write(`bench: ${what}...\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});

type BurstResult = { turnsPerSecond: number; lost: number; reordered: number };

/**
 * Every visitor sends BURST_MESSAGES messages one after another without waiting for replies, all visitors at once;
 * done when every message has its echo. Turns per second over the whole burst; a message without its echo within
 * the timeout is lost; a room whose echoes came in another order than its messages was reordered.
 */
async function burst(workspace: Workspace, admin: RocketChatClient, rooms: Room[]): Promise<BurstResult> {
	const echoes = new Map<string, string[]>(rooms.map((room) => [room.id, []]));
	const expected = rooms.length * BURST_MESSAGES;
	let seen = 0;
	let finish: () => void = () => undefined;
	const allEchoed = new Promise<void>((resolve) => {
		finish = resolve;
	});
	workspace.onEvent((event) => {
		if (event.type !== 'message-sent') {
			return;
		}
		const list = echoes.get(event.message.rid);
		if (list && event.message.msg.startsWith('echo b')) {
			list.push(event.message.msg.slice('echo '.length));
			seen += 1;
			if (seen === expected) {
				finish();
			}
		}
	});
	const started = now();
	await Promise.all(
		rooms.map(async (room) => {
			for (let i = 0; i < BURST_MESSAGES; i++) {
				await admin.sendVisitorMessage(room.visitorToken, room.id, `b${i}`);
			}
		}),
	);
	await Promise.race([allEchoed, sleep(TURN_TIMEOUT_MS * 3)]);
	const elapsedMs = now() - started;
	const inOrder = Array.from({ length: BURST_MESSAGES }, (_, i) => `b${i}`).join(' ');
	const lists = [...echoes.values()];
	return {
		turnsPerSecond: (seen / elapsedMs) * 1000,
		lost: expected - seen,
		reordered: lists.filter((list) => list.length === BURST_MESSAGES && list.join(' ') !== inOrder).length,
	};
}
