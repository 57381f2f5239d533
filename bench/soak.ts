import path from 'path';

import { sleep, startBenchWorkspace, writeResults } from './support/benchWorkspace';
import { DenoInspector } from './support/denoInspector';
import { echoTurns } from './support/echoTurns';
import { engineListenerLeakBytesPerRoundTrip } from './support/engineListenerLeak';
import { denoDescendants, rssMb } from './support/processMemory';
import { RoundTripRecorder } from './support/roundTrips';
import { httpCall } from '../sandbox/src/client/http';
import { APP_ID } from '../sandbox/src/packagedApp';
import { FakeRasa } from '../sandbox/src/rasa/FakeRasa';

const TURNS = Number(process.env.SOAK_TURNS ?? 20_000);
const CALLS = Number(process.env.SOAK_CALLS ?? 20_000);
const BLOCK = 1000;
/** Rooms a block runs in at once; each block opens them, talks, hands over or closes them, and removes them. */
const ROOMS = 20;
const GROWTH_LIMIT_MB = 20;
/** The Deno heap growth the app itself may cause over the run, beyond what the engine's own leak explains. */
const OWN_GROWTH_LIMIT_MB = 2;
const TURN_TIMEOUT_MS = 10_000;
/** A folder for heap snapshots of the app's Deno process at turn 5,000 and at the end (open them in DevTools). */
const SNAPSHOTS = process.env.SOAK_HEAP_SNAPSHOTS;

type Sample = {
	turns: number;
	roundTrips: number;
	calls: number;
	nodeMb: number;
	nodeHeapMb: number;
	denoMb: number;
	denoHeapMb: number;
	seconds: number;
};

/**
 * A long run against the packaged app: TURNS relayed turns and CALLS incoming calls, in blocks of 1,000 of each.
 * Every block opens ROOMS chats (for the same visitors), relays turns in all of them at once, sends messages
 * through the incoming API, hands half of the chats over and closes the other half, closes the handed-over ones as
 * the agent would, and removes the closed chats as an admin does ("remove all closed chats"). After each block it
 * samples the resident memory of this Node process (the engine and the sandbox) and of the app's Deno process, and
 * the heap each still uses after a forced garbage collection (Deno's through its inspector): RSS alone cannot tell a
 * leak from memory V8 keeps after freeing it. At the end it compares turn 5,000 with the last.
 */
async function main(): Promise<void> {
	const rasa = await FakeRasa.start((text) =>
		text.endsWith('7')
			? [{ text: `echo ${text}`, buttons: [{ title: 'Yes', payload: '/affirm' }] }]
			: [{ text: `echo ${text}` }],
	);
	const leakPerTrip = engineListenerLeakBytesPerRoundTrip();
	const recorder = new RoundTripRecorder();
	let inspector: DenoInspector | undefined;
	const { sandbox, admin, seed } = await startBenchWorkspace({
		floors: [],
		beforeInstall: async () => {
			inspector = await DenoInspector.install();
		},
	});
	const { gc } = globalThis as { gc?: () => void };
	try {
		await admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url });
		const [deno] = denoDescendants();
		if (!deno) {
			throw new Error("no Deno process found under this one: is the app's runtime running?");
		}
		const headers = admin.authHeaders(seed.bot);
		const incoming = `${sandbox.url}/api/apps/public/${APP_ID}/incoming`;
		const visitorTokens = Array.from({ length: ROOMS }, (_, i) => `soak-visitor-${i}`);

		const echo = echoTurns(sandbox.workspace, admin, TURN_TIMEOUT_MS);
		let turnCount = 0;
		let callCount = 0;
		let failedTurns = 0;
		let failedCalls = 0;
		const turn = async (room: { id: string; visitorToken: string }) => {
			turnCount++;
			failedTurns += (await echo(room)).answered ? 0 : 1;
		};
		const call = async (body: object) => {
			callCount++;
			failedCalls += (await httpCall(incoming, { body, headers })).status === 200 ? 0 : 1;
		};

		const samples: Sample[] = [];
		const started = Date.now();
		let maxRecords = 0;
		const sample = async () => {
			gc?.();
			const denoHeapMb = (await inspector?.heapAfterGcMb()) ?? NaN;
			await sleep(100);
			samples.push({
				turns: turnCount,
				roundTrips: recorder.total,
				calls: callCount,
				nodeMb: rssMb(process.pid),
				nodeHeapMb: process.memoryUsage().heapUsed / 2 ** 20,
				denoMb: rssMb(deno),
				denoHeapMb,
				seconds: (Date.now() - started) / 1000,
			});
			const last = samples[samples.length - 1];
			if (SNAPSHOTS && (last.turns === 5000 || last.turns === TURNS)) {
				await inspector?.heapSnapshot(path.join(SNAPSHOTS, `deno-${last.turns}.heapsnapshot`));
			}
			const mb = (value: number) => value.toFixed(1).padStart(10);
			process.stdout.write(
				`${String(last.turns).padStart(7)}${String(last.calls).padStart(8)}${mb(last.nodeMb)}${mb(last.nodeHeapMb)}${mb(last.denoMb)}${mb(last.denoHeapMb)}${last.seconds.toFixed(0).padStart(8)}\n`,
			);
		};

		process.stdout.write(
			`soak: ${TURNS} turns and ${CALLS} incoming calls in blocks of ${BLOCK}${gc ? '' : ' (run with --expose-gc for steadier Node numbers)'}\n` +
				`${'turns'.padStart(7)}${'calls'.padStart(8)}${'node MB'.padStart(10)}${'heap MB'.padStart(10)}${'deno MB'.padStart(10)}${'heap MB'.padStart(10)}${'s'.padStart(8)}\n` +
				`${''.padStart(15)}${'(RSS, and heap in use after a GC)'.padStart(20)}\n`,
		);
		await sample();
		await admin.setAppSettings(APP_ID, { welcome_intent: '/greet' });
		const blocks = Math.max(Math.ceil(TURNS / BLOCK), Math.ceil(CALLS / BLOCK));
		for (let block = 0; block < blocks; block++) {
			const rooms: Array<{ id: string; visitorToken: string }> = [];
			for (const token of visitorTokens) {
				await admin.registerVisitor(token, 'Soak visitor', seed.botsDepartment.id);
				const id = await admin.openRoom(token);
				rooms.push({ id, visitorToken: token });
			}
			const turnsHere = Math.min(BLOCK, TURNS - block * BLOCK);
			const callsHere = Math.min(BLOCK, CALLS - block * BLOCK);
			await Promise.all(
				rooms.map(async (room, r) => {
					for (let i = r; i < turnsHere; i += ROOMS) {
						await turn(room);
					}
				}),
			);
			// Each room's last call hands it over or closes it, so the messages come first.
			const messagesHere = Math.max(0, callsHere - ROOMS);
			await Promise.all(
				rooms.map(async (room, r) => {
					for (let i = r; i < messagesHere; i += ROOMS) {
						await call({ action: 'send-message', sessionId: room.id, actionData: { messages: [{ text: `m${i}` }] } });
					}
					if (callsHere > messagesHere + r) {
						await call(
							r % 2
								? { action: 'close-chat', sessionId: room.id }
								: {
										action: 'handover',
										sessionId: room.id,
										actionData: { targetDepartment: seed.salesDepartment.name },
									},
						);
					}
				}),
			);
			for (const room of rooms) {
				const info = await admin.roomInfo(room.id);
				if (info.open) {
					await admin.call('/api/v1/livechat/room.closeByUser', { body: { rid: room.id, comment: 'soak' } });
				}
			}
			await admin.call('/api/v1/livechat/rooms.removeAllClosedRooms', { body: {} });
			// The app's housekeeping job, as its 10-minute schedule would run it between blocks.
			maxRecords = Math.max(maxRecords, sandbox.workspace.appPersistence.count(APP_ID));
			await sandbox.engine.bridges.scheduler.runDue({ all: true });
			rasa.turns.splice(0);
			await sample();
		}

		// Whatever the app stored about chats that are gone once its job ran: nothing, whatever ran before.
		await sandbox.engine.bridges.scheduler.runDue({ all: true });
		const openRooms = new Set(
			[...sandbox.workspace.rooms.values()].filter((room) => room.open).map((room) => room._id),
		);
		const stored = sandbox.workspace.appPersistence.readByAssociations(APP_ID, []) as Array<{ roomId?: string }>;
		const ofClosedChats = stored.filter((record) => !openRooms.has(record.roomId ?? '')).length;
		const at5k = samples.find((s) => s.turns >= 5000) ?? samples[0];
		const end = samples[samples.length - 1];
		const nodeGrowth = end.nodeMb - at5k.nodeMb;
		const denoGrowth = end.denoMb - at5k.denoMb;
		const denoHeapGrowth = end.denoHeapMb - at5k.denoHeapMb;
		const trips = end.roundTrips - at5k.roundTrips;
		const engineShare = (trips * leakPerTrip) / 2 ** 20;
		const ours = denoHeapGrowth - engineShare;
		const mark = (met: boolean) => (met ? 'met    ' : 'NOT MET');
		const lines = [
			'',
			`from turn ${at5k.turns} to turn ${end.turns} (${trips} round trips to Rocket.Chat):`,
			`  Node  RSS ${signed(nodeGrowth)} MB, heap in use ${signed(end.nodeHeapMb - at5k.nodeHeapMb)} MB`,
			`  Deno  RSS ${signed(denoGrowth)} MB, heap in use ${signed(denoHeapGrowth)} MB`,
			`  the engine's response listeners keep ${leakPerTrip.toFixed(0)} bytes per round trip (measured on this deno):`,
			`  ${engineShare.toFixed(1)} MB of the Deno heap growth; the rest, ${signed(ours)} MB, is the app's and everything else's`,
			`  (docs/upstream/apps-engine-deno-response-listeners.md)`,
			`failures: ${failedTurns} turns without a reply, ${failedCalls} incoming calls not answered 200`,
			`workspace at the end: ${sandbox.workspace.rooms.size} rooms, ${sandbox.workspace.messageCount} messages`,
			`app persistence: at most ${maxRecords} records before a housekeeping run; at the end ${stored.length}, ${ofClosedChats} of chats no longer open`,
			'',
			'targets',
			`  ${mark(nodeGrowth < GROWTH_LIMIT_MB)}  Node RSS growth ${nodeGrowth.toFixed(1)} MB   < ${GROWTH_LIMIT_MB} MB`,
			`  ${mark(denoGrowth < GROWTH_LIMIT_MB)}  Deno RSS growth ${denoGrowth.toFixed(1)} MB   < ${GROWTH_LIMIT_MB} MB`,
			`  ${mark(ours < OWN_GROWTH_LIMIT_MB)}  Deno heap growth beyond the engine's leak ${ours.toFixed(1)} MB   < ${OWN_GROWTH_LIMIT_MB} MB`,
			`  ${mark(failedTurns + failedCalls === 0)}  failures ${failedTurns + failedCalls}   0`,
			`  ${mark(ofClosedChats === 0)}  records of closed chats after housekeeping ${ofClosedChats}   0`,
		];
		process.stdout.write(`${lines.join('\n')}\n`);
		const file = writeResults('soak', {
			samples,
			failedTurns,
			failedCalls,
			nodeGrowth,
			denoGrowth,
			denoHeapGrowth,
			leakPerTrip,
			engineShare,
		});
		process.stdout.write(`\nwritten to ${file}\n`);
		// What is ours decides: the app's own growth and the sandbox's (Node), and no failures.
		process.exitCode =
			nodeGrowth < GROWTH_LIMIT_MB &&
			ours < OWN_GROWTH_LIMIT_MB &&
			failedTurns + failedCalls === 0 &&
			ofClosedChats === 0
				? 0
				: 1;
	} finally {
		await inspector?.close();
		await sandbox.stop();
		await rasa.stop();
	}
}

function signed(mb: number): string {
	return `${mb >= 0 ? '+' : ''}${mb.toFixed(1)}`;
}

main().catch((error: unknown) => {
	process.stderr.write(`soak: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
