import fc from 'fast-check';

import { openDemoWorkspace, type BotRoom, type DemoWorkspace } from './support/demoWorkspace';
import { httpCall, pythonForm } from '../../sandbox/src/client/http';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);

/** Values a careless or hostile caller might put anywhere. */
const anyValue = fc.oneof(
	fc.jsonValue({ maxDepth: 3 }),
	fc.constantFrom('close-chat', 'handover', '', ' ', '__proto__', 'constructor', 'null', '{"targetDepartment":1}'),
	fc.string({ unit: 'binary', maxLength: 300 }),
);

/**
 * Bodies shaped like requests but never valid for a room that exists: they must all be refused. Only objects and
 * arrays: Rocket.Chat's JSON body parser (strict) refuses bare primitives itself, before the app sees them.
 */
const randomBody = fc
	.oneof(
		fc.jsonValue({ maxDepth: 4 }),
		fc.dictionary(
			fc.constantFrom('action', 'sessionId', 'actionData', 'actionData[targetDepartment]', 'extra'),
			anyValue,
		),
		fc.record(
			{
				action: fc.oneof(fc.constantFrom('close-chat', 'handover'), anyValue),
				// Never a real room id: at most "session not found".
				sessionId: fc.oneof(
					fc.string({ maxLength: 40 }).map((id) => `nope-${id}`),
					anyValue,
				),
				actionData: fc.oneof(fc.record({ targetDepartment: anyValue }), anyValue),
			},
			{ requiredKeys: [] },
		),
	)
	.filter((body) => typeof body === 'object' && body !== null)
	// A "__proto__" key anywhere stalls the app's runtime inside the Apps-Engine before the app runs (a host hazard,
	// docs/security.md; hostAnswers.test.ts covers it). fast-check generates such keys on purpose now and then.
	.filter((body) => !JSON.stringify(body).includes('"__proto__":'));

/** What a form field can carry: text as is, anything else as its JSON text. */
const formValue = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

describe('incoming API under random input (property)', () => {
	let ws: DemoWorkspace;
	let room: BotRoom;

	beforeAll(async () => {
		ws = await openDemoWorkspace();
		room = await ws.newBotRoom();
	}, 180000);

	afterAll(async () => {
		await ws?.close();
	});

	it(`answers ${RUNS} random bodies with 4xx JSON, changes nothing, and stays healthy`, async () => {
		const before = await ws.admin.roomInfo(room.id);
		const unexpected: string[] = [];

		await fc.assert(
			fc.asyncProperty(randomBody, fc.boolean(), async (body, asForm) => {
				const answer =
					asForm && typeof body === 'object' && body !== null && !Array.isArray(body)
						? await httpCall(ws.incomingUrl, {
								method: 'POST',
								body: pythonForm(
									Object.fromEntries(Object.entries(body).map(([key, value]) => [key, formValue(value)])),
								),
								headers: { ...ws.botHeaders, 'Content-Type': 'application/x-www-form-urlencoded' },
							})
						: await httpCall(ws.incomingUrl, {
								method: 'POST',
								body: JSON.stringify(body),
								headers: { ...ws.botHeaders, 'Content-Type': 'application/json' },
							});
				const wellFormed =
					answer.status >= 400 &&
					answer.status < 500 &&
					answer.json?.status === 'error' &&
					typeof answer.json?.message === 'string' &&
					typeof answer.json?.error === 'string';
				if (!wellFormed && unexpected.length < 5) {
					unexpected.push(`${JSON.stringify(body)} → ${answer.status} ${answer.text.slice(0, 200)}`);
				}
				return wellFormed;
			}),
			{ numRuns: RUNS, endOnFailure: true },
		);

		expect(unexpected).toEqual([]);
		expect(await ws.admin.roomInfo(room.id)).toEqual(before);
		expect(await ws.admin.visitorHistory(room.visitorToken, room.id)).toHaveLength(room.historyLength);
		const healthy = await httpCall(ws.incomingUrl, {
			method: 'POST',
			body: { action: 'close-chat', sessionId: room.id },
			headers: ws.botHeaders,
		});
		expect(healthy.status).toBe(200);
	}, 600000);
});
