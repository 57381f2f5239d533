import { openDemoWorkspace, type BotRoom, type DemoWorkspace } from './support/demoWorkspace';
import { visitorSees } from './support/visitorSees';
import { httpCall, pythonForm, type HttpAnswer } from '../../sandbox/src/client/http';

/**
 * The incoming API of the packaged app, installed through the REST API into the Apps-Engine runtime (the sandbox,
 * or the workspace at ROCKETCHAT_URL) and driven over HTTP as a Rasa custom action drives it.
 */
describe('incoming API, end to end', () => {
	let ws: DemoWorkspace;

	beforeAll(async () => {
		ws = await openDemoWorkspace();
	}, 180000);

	afterAll(async () => {
		await ws?.close();
	});

	const post = (body: unknown, headers: Record<string, string> = ws.botHeaders): Promise<HttpAnswer> =>
		httpCall(ws.incomingUrl, { method: 'POST', body: body as object, headers });

	/** What the visitor's history gained since the room was opened: "user: text", or "[type]" for system messages. */
	const seenSince = async (room: BotRoom): Promise<string[]> =>
		(await visitorSees(ws.admin, room)).slice(room.historyLength);

	it('closes a chat: 200 with the published bytes, recorded as closed by the caller', async () => {
		const room = await ws.newBotRoom();

		const answer = await post({ action: 'close-chat', sessionId: room.id });

		expect(answer.status).toBe(200);
		expect(answer.text).toBe('{"msg":" Close chat request handled successfully"}');
		expect(answer.headers['content-type']).toMatch(/^application\/json/);
		const info = await ws.admin.roomInfo(room.id);
		expect(info.open).toBeFalsy();
		expect(info.closedBy?.username).toBe(ws.botUsername);
		expect(info.closer).toBe('user');
	});

	it('answers 409 room-closed to a second close', async () => {
		const room = await ws.newBotRoom();
		await post({ action: 'close-chat', sessionId: room.id });

		const answer = await post({ action: 'close-chat', sessionId: room.id });

		expect(answer.status).toBe(409);
		expect(answer.json).toMatchObject({ status: 'error', error: 'room-closed' });
	});

	it('hands over: 200 with the published bytes, the visitor told, an agent of the department serving', async () => {
		const room = await ws.newBotRoom();

		const answer = await post({
			action: 'handover',
			sessionId: room.id,
			actionData: { targetDepartment: ws.salesName },
		});

		expect(answer.status).toBe(200);
		expect(answer.text).toBe('{"msg":" Perform Handover request handled successfully"}');
		const info = await ws.admin.roomInfo(room.id);
		expect(info.servedBy?.username).toBe(ws.agentUsername);
		expect(info.departmentId).toBe(ws.salesId);
		// Exactly what the visitor sees from the request on: the bot's message once, then the transfer.
		expect(await seenSince(room)).toEqual([
			`${ws.botUsername}: Transferring you to a human agent. Please wait a moment.`,
			'[livechat_transfer_history]',
		]);
	});

	it('answers 409 not-served-by-bot once a human serves the room: no double handover', async () => {
		const room = await ws.newBotRoom();
		await post({ action: 'handover', sessionId: room.id, actionData: { targetDepartment: ws.salesName } });

		const answer = await post({
			action: 'handover',
			sessionId: room.id,
			actionData: { targetDepartment: ws.salesName },
		});

		expect(answer.status).toBe(409);
		expect(answer.json.error).toBe('not-served-by-bot');
	});

	it('answers 409 no-agents-online and tells the visitor, keeping the chat with the bot', async () => {
		const room = await ws.newBotRoom();

		const answer = await post({
			action: 'handover',
			sessionId: room.id,
			actionData: { targetDepartment: ws.emptyName },
		});

		expect(answer.status).toBe(409);
		expect(answer.json.error).toBe('no-agents-online');
		expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(ws.botUsername);
		expect(await seenSince(room)).toEqual([
			`${ws.botUsername}: Sorry, no human agent is available right now. You can keep chatting with me, or try again later.`,
		]);
	});

	it('answers 409 already-in-department for the department the chat is in', async () => {
		const room = await ws.newBotRoom();

		const answer = await post({
			action: 'handover',
			sessionId: room.id,
			actionData: { targetDepartment: ws.botsName },
		});

		expect(answer.status).toBe(409);
		expect(answer.json.error).toBe('already-in-department');
		expect(answer.json.message).toMatch(/cannot forward a chat to its own department/);
	});

	it.each([
		['an unknown room', 404, 'session-not-found', () => ({ action: 'close-chat', sessionId: 'no-such-room' })],
		[
			'an unknown department',
			404,
			'department-not-found',
			(id: string) => ({ action: 'handover', sessionId: id, actionData: { targetDepartment: 'No Such Department' } }),
		],
		['an unknown action', 400, 'invalid-request', (id: string) => ({ action: 'archive', sessionId: id })],
		['a missing sessionId', 400, 'invalid-request', () => ({ action: 'close-chat' })],
		[
			'a handover without department or default',
			400,
			'invalid-request',
			(id: string) => ({ action: 'handover', sessionId: id }),
		],
	])('answers %s with %i %s and changes nothing', async (_case, status, code, body) => {
		const room = await ws.newBotRoom();
		const before = await ws.admin.roomInfo(room.id);

		const answer = await post(body(room.id));

		expect(answer.status).toBe(status);
		expect(answer.json).toEqual({ status: 'error', message: expect.any(String), error: code });
		expect(await ws.admin.roomInfo(room.id)).toEqual(before);
		expect(await ws.admin.visitorHistory(room.visitorToken, room.id)).toHaveLength(room.historyLength);
	});

	describe('authentication and roles', () => {
		it('answers 401 with the published JSON when no credentials are sent', async () => {
			const room = await ws.newBotRoom();

			const answer = await post({ action: 'close-chat', sessionId: room.id }, {});

			expect(answer.status).toBe(401);
			expect(answer.text).toBe('{"status":"error","message":"You must be logged in to do this."}');
			expect((await ws.admin.roomInfo(room.id)).open).toBe(true);
		});

		it('answers 401 to a wrong token', async () => {
			const answer = await post(
				{ action: 'close-chat', sessionId: 'x' },
				{ 'X-User-Id': ws.botHeaders['X-User-Id'], 'X-Auth-Token': 'not-a-token' },
			);

			expect(answer.status).toBe(401);
			expect(answer.json).toEqual({ status: 'error', message: 'You must be logged in to do this.' });
		});

		it('answers 403 not-allowed to a logged-in user without an allowed role, and changes nothing', async () => {
			const room = await ws.newBotRoom();

			const answer = await post({ action: 'close-chat', sessionId: room.id }, ws.plainUserHeaders);

			expect(answer.status).toBe(403);
			expect(answer.json.error).toBe('not-allowed');
			expect((await ws.admin.roomInfo(room.id)).open).toBe(true);
		});
	});

	describe('bodies as Python requests sends them', () => {
		const formHeaders = () => ({ ...ws.botHeaders, 'Content-Type': 'application/x-www-form-urlencoded' });

		it('hands over with data={"actionData[targetDepartment]": ...}', async () => {
			const room = await ws.newBotRoom();
			const body = pythonForm({
				'action': 'handover',
				'sessionId': room.id,
				'actionData[targetDepartment]': ws.salesName,
			});

			const answer = await httpCall(ws.incomingUrl, { method: 'POST', body, headers: formHeaders() });

			expect(answer.status).toBe(200);
			expect((await ws.admin.roomInfo(room.id)).departmentId).toBe(ws.salesId);
		});

		it('explains the flattened dict of data={"actionData": {...}} with a 400 naming actionData', async () => {
			const room = await ws.newBotRoom();
			const body = pythonForm({
				action: 'handover',
				sessionId: room.id,
				actionData: { targetDepartment: ws.salesName },
			});

			const answer = await httpCall(ws.incomingUrl, { method: 'POST', body, headers: formHeaders() });

			expect(answer.status).toBe(400);
			expect(answer.json.message).toContain('"actionData"');
			expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(ws.botUsername);
		});

		it('closes with a form body', async () => {
			const room = await ws.newBotRoom();
			const body = pythonForm({ action: 'close-chat', sessionId: room.id });

			const answer = await httpCall(ws.incomingUrl, { method: 'POST', body, headers: formHeaders() });

			expect(answer.status).toBe(200);
		});
	});

	it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('answers %s with 405 JSON', async (method) => {
		const answer = await httpCall(ws.incomingUrl, { method, headers: ws.botHeaders });

		expect(answer.status).toBe(405);
		expect(answer.json).toMatchObject({ status: 'error', error: 'method-not-allowed' });
	});

	describe('concurrency', () => {
		it('50 simultaneous close-chat on one room: exactly one 200, the rest 409, one close recorded', async () => {
			const room = await ws.newBotRoom();

			const answers = await Promise.all(
				Array.from({ length: 50 }, () => post({ action: 'close-chat', sessionId: room.id })),
			);

			const statuses = answers.map((answer) => answer.status);
			expect(statuses.filter((status) => status === 200)).toHaveLength(1);
			expect(statuses.filter((status) => status === 409)).toHaveLength(49);
			const closes = (await ws.admin.visitorHistory(room.visitorToken, room.id)).filter(
				(message) => message.t === 'livechat-close',
			);
			expect(closes).toHaveLength(1);
		}, 60000);

		it('20 simultaneous handovers of one room: exactly one transfer', async () => {
			const room = await ws.newBotRoom();

			const answers = await Promise.all(
				Array.from({ length: 20 }, () =>
					post({ action: 'handover', sessionId: room.id, actionData: { targetDepartment: ws.salesName } }),
				),
			);

			expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
			expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
			const transfers = (await ws.admin.visitorHistory(room.visitorToken, room.id)).filter(
				(message) => message.t === 'livechat_transfer_history',
			);
			expect(transfers).toHaveLength(1);
		}, 60000);
	});
});
