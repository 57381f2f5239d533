import { openDemoWorkspace, type DemoWorkspace } from './support/demoWorkspace';
import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';

const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

/**
 * What Rocket.Chat answers before or instead of the app (docs/openapi.yaml lists them): the body parser's refusals,
 * unknown paths, and the engine's crash path when a request cannot cross into the app's Deno process.
 */
describe('answers that come from Rocket.Chat, not the app', () => {
	let ws: DemoWorkspace;

	beforeAll(async () => {
		ws = await openDemoWorkspace();
	}, 180000);

	afterAll(async () => {
		await ws?.close();
	});

	it("refuses malformed JSON with the host's 400 page, before the app runs", async () => {
		const answer = await httpCall(ws.incomingUrl, {
			body: '{"action": "close-chat",',
			headers: { ...ws.botHeaders, 'Content-Type': 'application/json' },
		});

		expect(answer.status).toBe(400);
		expect(answer.headers['content-type']).toMatch(/^text\/html/);
		expect(answer.text).toContain('<pre>Bad Request</pre>');
	});

	it("refuses a body over 100 kB with the host's 413 page", async () => {
		const answer = await httpCall(ws.incomingUrl, {
			body: { action: 'close-chat', sessionId: 'x', padding: 'x'.repeat(150 * 1024) },
			headers: ws.botHeaders,
		});

		expect(answer.status).toBe(413);
		expect(answer.text).toContain('<pre>Payload Too Large</pre>');
	});

	it('passes form keys to the app flat, as express.urlencoded({extended: false}) leaves them', async () => {
		const room = await ws.newBotRoom();

		const answer = await httpCall(ws.incomingUrl, {
			body: `action=handover&sessionId=${room.id}&actionData%5BtargetDepartment%5D=${encodeURIComponent(ws.salesName)}`,
			headers: { ...ws.botHeaders, 'Content-Type': 'application/x-www-form-urlencoded' },
		});

		expect(answer.text).toBe('{"msg":" Perform Handover request handled successfully"}');
	});

	it('answers an unknown path with a plain 404', async () => {
		const answer = await httpCall(`${ws.url}/api/apps/public/${APP_ID}/nope`, { body: {} });

		expect([answer.status, answer.json]).toEqual([404, undefined]);
	});
});

describeSandbox(
	'the engine crash path: a "__proto__" key deafens the app\'s runtime until the engine restarts it',
	() => {
		let ws: DemoWorkspace;

		beforeAll(async () => {
			ws = await openDemoWorkspace();
		}, 180000);

		// A scheduled job sent while the app's runtime was stalled ends with the engine's 30-second timeout first.
		afterAll(async () => {
			await ws?.close();
		}, 45000);

		const answers = async () =>
			(await httpCall(ws.incomingUrl, { body: {}, timeoutMs: 5000 })).json?.message ===
			'You must be logged in to do this.';
		/** Waits for the engine's restart in the app's log, without calling the deaf app (each call would hang 30 s). */
		const restarted = async () => {
			const deadline = Date.now() + 75000;
			while (Date.now() < deadline) {
				const logs = JSON.stringify((await ws.admin.call(`/api/apps/${APP_ID}/logs?count=500`)).json?.logs ?? []);
				if (logs.includes('Successfully restarted app subprocess')) {
					return true;
				}
				await new Promise((resolve) => setTimeout(resolve, 2000));
			}
			return false;
		};

		it("answers the host's 500 after 30 s; the workspace stays up; the app answers again by itself within a minute", async () => {
			expect(await answers()).toBe(true);

			const poisoned = await httpCall(ws.incomingUrl, {
				body: '{"__proto__": {}}',
				headers: { 'Content-Type': 'application/json' },
				timeoutMs: 45000,
			});
			expect(poisoned.status).toBe(500);
			expect(poisoned.text).toMatch(/timed out after 30000ms/);

			// The workspace goes on meanwhile: a new chat, whose events reach a deaf runtime, does not take it down.
			await ws.newBotRoom().catch(() => undefined);
			expect((await httpCall(`${ws.url}/api/info`)).status).toBe(200);

			// The engine's liveness manager restarts the runtime after four unanswered pings (10 s apart).
			expect(await restarted()).toBe(true);
			expect(await answers()).toBe(true);
		}, 150000);
	},
);
