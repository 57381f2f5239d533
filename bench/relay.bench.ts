import { summarize } from './stats';
import { RocketChatClient } from '../sandbox/src/client/RocketChatClient';
import { openBotRoom, seedDemo } from '../sandbox/src/demo/seedDemo';
import { APP_ID, ensurePackagedApp, packagedAppZip } from '../sandbox/src/packagedApp';
import { FakeRasa } from '../sandbox/src/rasa/FakeRasa';
import { startSandbox } from '../sandbox/src/startSandbox';

const TURNS = Number(process.env.BENCH_RELAY_TURNS ?? 200);
const ROOMS = 32;

/**
 * The relay's own cost: from a visitor's message (livechat REST API) to the bot's reply stored in the room, minus
 * the time the scripted Rasa spent on the turn. Sequential in one room, then 32 rooms at once.
 */
async function main(): Promise<void> {
	ensurePackagedApp();
	const rasa = await FakeRasa.start((text) => [{ text: `echo ${text}` }]);
	const sandbox = await startSandbox({ port: 0, logLevel: 'error' });
	try {
		const anonymous = new RocketChatClient(sandbox.url);
		const admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		const seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		await admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url, typing_indicator: false });

		// Resolves when the bot's reply to `text` is stored in the room.
		const waiting = new Map<string, () => void>();
		sandbox.workspace.onEvent((event) => {
			if (event.type === 'message-sent' && event.message.u.username === seed.botUsername) {
				waiting.get(`${event.message.rid} ${event.message.msg}`)?.();
			}
		});
		const turn = async (room: { id: string; visitorToken: string }, text: string): Promise<number> => {
			const replied = new Promise<void>((resolve) => waiting.set(`${room.id} echo ${text}`, resolve));
			const started = process.hrtime.bigint();
			await admin.sendVisitorMessage(room.visitorToken, room.id, text);
			await replied;
			const total = Number(process.hrtime.bigint() - started) / 1e6;
			const rasaTime =
				rasa.turns.find((candidate) => candidate.sender === room.id && candidate.message === text)?.handledMs ?? 0;
			return total - rasaTime;
		};

		const single = await openBotRoom(admin, seed);
		await turn(single, 'warm-up');
		const sequential: number[] = [];
		let started = process.hrtime.bigint();
		for (let i = 0; i < TURNS; i++) {
			sequential.push(await turn(single, `s${i}`));
		}
		const sequentialStats = summarize(sequential, Number(process.hrtime.bigint() - started) / 1e6);

		const rooms = await Promise.all(Array.from({ length: ROOMS }, () => openBotRoom(admin, seed)));
		const concurrent: number[] = [];
		started = process.hrtime.bigint();
		await Promise.all(
			rooms.map(async (room, r) => {
				for (let i = 0; i < Math.ceil(TURNS / ROOMS) * 2; i++) {
					concurrent.push(await turn(room, `c${r}-${i}`));
				}
			}),
		);
		const concurrentStats = summarize(concurrent, Number(process.hrtime.bigint() - started) / 1e6);

		const row = (mode: string, stats: ReturnType<typeof summarize>) =>
			`${mode.padEnd(24)}${stats.p50.toFixed(2).padStart(9)}${stats.p90.toFixed(2).padStart(9)}${stats.p99.toFixed(2).padStart(9)}${stats.throughput.toFixed(0).padStart(11)}${String(stats.count).padStart(8)}`;
		process.stdout.write(
			[
				'',
				"relay overhead: visitor message → bot reply stored, minus the fake Rasa's own time (ms)",
				`${'mode'.padEnd(24)}${'p50'.padStart(9)}${'p90'.padStart(9)}${'p99'.padStart(9)}${'turns/s'.padStart(11)}${'turns'.padStart(8)}`,
				row('sequential, 1 room', sequentialStats),
				row(`concurrent, ${ROOMS} rooms`, concurrentStats),
				'',
			].join('\n'),
		);
	} finally {
		await sandbox.stop();
		await rasa.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
