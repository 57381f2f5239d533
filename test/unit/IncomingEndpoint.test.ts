import type { IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { FakeWorkspace } from './support/fakeAccessors';
import { InstanceState } from '../../src/context/InstanceState';
import { IncomingEndpoint } from '../../src/endpoints/IncomingEndpoint';

const BOT = { id: 'bot1', username: 'rasabot' };
const SALES = { id: 'dep-sales', name: 'Sales' };
const BOTS = { id: 'dep-bots', name: 'Bots' };
const SECRET_TOKEN = 'tok-3f9a-very-secret';

const caller = (roles: string[] = ['bot', 'livechat-agent']) =>
	({ id: BOT.id, username: BOT.username, roles }) as unknown as IUser;

function workspace(): FakeWorkspace {
	const ws = new FakeWorkspace()
		.addRoom({ id: 'room1', servedBy: BOT, department: BOTS, visitor: { id: 'v1', token: 'vt', username: 'guest-1' } })
		.addRoom({ id: 'closed', isOpen: false, servedBy: BOT })
		.addRoom({ id: 'human', servedBy: { id: 'a1', username: 'alice' } })
		.addRoom({ id: 'general', type: RoomType.CHANNEL });
	ws.departments.push(SALES, BOTS);
	ws.online.add(SALES.id);
	ws.settings.set('bot_username', 'rasabot');
	return ws;
}

async function call(
	ws: FakeWorkspace,
	content: unknown,
	options: { user?: IUser | null; method?: string; instance?: InstanceState } = {},
): Promise<IApiResponse> {
	const endpoint = new IncomingEndpoint(ws.app(), options.instance ?? new InstanceState());
	const request = {
		method: options.method ?? 'post',
		headers: { 'x-auth-token': SECRET_TOKEN, 'x-user-id': BOT.id, 'content-type': 'application/json' },
		query: {},
		params: {},
		content,
		user: options.user === null ? undefined : (options.user ?? caller()),
	} as IApiRequest;
	type Handler = (this: IncomingEndpoint, ...args: unknown[]) => Promise<IApiResponse>;
	const handler = (endpoint as unknown as Record<string, Handler>)[request.method];
	return handler.call(endpoint, request, {}, ws.read(), ws.modify(), {}, ws.persistence());
}

/** Exactly what Rocket.Chat puts on the wire: express res.send(object) is JSON.stringify. */
const wire = (response: IApiResponse) => JSON.stringify(response.content);

describe('POST incoming: the published contract', () => {
	it('closes a chat: 200 with the documented body, the caller recorded as closer', async () => {
		const ws = workspace();
		ws.settings.set('close_chat_message', 'Closed by Rasa');

		const response = await call(ws, { action: 'close-chat', sessionId: 'room1' });

		expect(response.status).toBe(200);
		expect(wire(response)).toBe('{"msg":" Close chat request handled successfully"}');
		expect(response.headers).toMatchObject({ 'Content-Type': 'application/json' });
		expect(ws.closes).toEqual([{ roomId: 'room1', comment: 'Closed by Rasa', closer: 'rasabot' }]);
	});

	it('closes with the default comment when the setting is blank', async () => {
		const ws = workspace();
		ws.settings.set('close_chat_message', '   ');

		await call(ws, { action: 'close-chat', sessionId: 'room1' });

		expect(ws.closes[0].comment).toBe('Chat closed by the Rasa bot.');
	});

	it('hands over: 200 with the documented body, after telling the visitor', async () => {
		const ws = workspace();
		ws.settings.set('handover_message', 'Let me get a human');

		const response = await call(ws, {
			action: 'handover',
			sessionId: 'room1',
			actionData: { targetDepartment: 'Sales' },
		});

		expect(response.status).toBe(200);
		expect(wire(response)).toBe('{"msg":" Perform Handover request handled successfully"}');
		expect(ws.messages).toEqual([{ roomId: 'room1', sender: 'rasabot', text: 'Let me get a human' }]);
		expect(ws.transfers).toEqual([{ roomId: 'room1', departmentId: SALES.id }]);
	});

	it('answers 401 with the documented JSON body when the caller is not logged in', async () => {
		const ws = workspace();

		const response = await call(ws, { action: 'close-chat', sessionId: 'room1' }, { user: null });

		expect(response.status).toBe(401);
		expect(wire(response)).toBe('{"status":"error","message":"You must be logged in to do this."}');
		expect(ws.calls).toEqual([]);
	});

	it('answers 403 not-allowed to a caller without an allowed role, and changes nothing', async () => {
		const ws = workspace();
		const before = ws.snapshot();

		const response = await call(ws, { action: 'close-chat', sessionId: 'room1' }, { user: caller(['user']) });

		expect(response.status).toBe(403);
		expect(response.content).toMatchObject({ status: 'error', error: 'not-allowed' });
		expect(ws.snapshot()).toBe(before);
	});

	it('lets the admin choose the allowed roles', async () => {
		const ws = workspace();
		ws.settings.set('allowed_roles', 'rasa-caller');

		expect((await call(ws, { action: 'close-chat', sessionId: 'room1' })).status).toBe(403);
		const allowed = await call(ws, { action: 'close-chat', sessionId: 'room1' }, { user: caller(['rasa-caller']) });
		expect(allowed.status).toBe(200);
	});

	it.each([
		['a missing action', { sessionId: 'room1' }],
		['an unknown action', { action: 'archive', sessionId: 'room1' }],
		['a missing sessionId', { action: 'close-chat' }],
		['an unknown field', { action: 'close-chat', sessionId: 'room1', force: true }],
		// Python: requests.post(url, data={"action": "handover", "sessionId": "room1", "actionData": {"targetDepartment": "Sales"}})
		['a Python form with a flattened dict', { action: 'handover', sessionId: 'room1', actionData: 'targetDepartment' }],
		['a body that is not an object', 'action=close-chat&sessionId=room1'],
	])('answers 400 invalid-request for %s, and changes nothing', async (_case, content) => {
		const ws = workspace();
		const before = ws.snapshot();

		const response = await call(ws, content);

		expect(response.status).toBe(400);
		expect(response.content).toEqual({ status: 'error', message: expect.any(String), error: 'invalid-request' });
		expect(ws.snapshot()).toBe(before);
		expect(ws.calls.filter((name) => !name.startsWith('setting.'))).toEqual([]);
	});

	it('accepts Python form bodies with bracketed keys, as requests sends them', async () => {
		// requests.post(url, data={"action": "handover", "sessionId": "room1", "actionData[targetDepartment]": "Sales"})
		const flat = await call(workspace(), {
			'action': 'handover',
			'sessionId': 'room1',
			'actionData[targetDepartment]': 'Sales',
		});
		const nested = await call(workspace(), {
			action: 'handover',
			sessionId: 'room1',
			actionData: { targetDepartment: 'Sales' },
		});

		expect(flat.status).toBe(200);
		expect(nested.status).toBe(200);
	});

	it('asks for a department when none is given and no default is set', async () => {
		const response = await call(workspace(), { action: 'handover', sessionId: 'room1' });

		expect(response.status).toBe(400);
		expect(response.content.message).toContain('actionData.targetDepartment');
	});

	it.each([
		['close-chat of an unknown room', { action: 'close-chat', sessionId: 'nope' }, 404, 'session-not-found'],
		['close-chat of a channel', { action: 'close-chat', sessionId: 'general' }, 404, 'session-not-found'],
		['close-chat of a closed room', { action: 'close-chat', sessionId: 'closed' }, 409, 'room-closed'],
		['handover of an unknown room', { action: 'handover', sessionId: 'nope' }, 404, 'session-not-found'],
		['handover of a closed room', { action: 'handover', sessionId: 'closed' }, 409, 'room-closed'],
		['handover of a room a human serves', { action: 'handover', sessionId: 'human' }, 409, 'not-served-by-bot'],
		[
			'handover to an unknown department',
			{ action: 'handover', sessionId: 'room1', actionData: { targetDepartment: 'Nowhere' } },
			404,
			'department-not-found',
		],
		[
			'handover to the current department',
			{ action: 'handover', sessionId: 'room1', actionData: { targetDepartment: 'Bots' } },
			409,
			'already-in-department',
		],
	])('answers %s with %i %s, and changes nothing', async (_case, content, status, code) => {
		const ws = workspace();
		ws.settings.set('default_handover_department', 'Sales');
		const before = ws.snapshot();

		const response = await call(ws, content);

		expect(response.status).toBe(status);
		expect(response.content).toEqual({ status: 'error', message: expect.any(String), error: code });
		expect(ws.snapshot()).toBe(before);
	});

	it('answers 409 no-agents-online and tells the visitor, without transferring', async () => {
		const ws = workspace();
		ws.online.clear();
		ws.settings.set('handover_failed_message', 'Nobody is there');

		const response = await call(ws, {
			action: 'handover',
			sessionId: 'room1',
			actionData: { targetDepartment: 'Sales' },
		});

		expect(response.status).toBe(409);
		expect(response.content.error).toBe('no-agents-online');
		expect(ws.messages).toEqual([{ roomId: 'room1', sender: 'rasabot', text: 'Nobody is there' }]);
		expect(ws.transfers).toEqual([]);
	});

	it.each([
		['Error [error-forwarding-chat-same-department]', 409, 'already-in-department'],
		['No agents [error-no-agents-online-in-department]', 409, 'no-agents-online'],
		['[error-invalid-department]', 404, 'department-not-found'],
		['[error-room-onHold]', 409, 'transfer-failed'],
		['[error-transferring-inquiry]', 409, 'transfer-failed'],
	])('maps the transfer error "%s" to %i %s', async (thrown, status, code) => {
		const ws = workspace();
		ws.transferError = thrown;

		const response = await call(ws, {
			action: 'handover',
			sessionId: 'room1',
			actionData: { targetDepartment: 'Sales' },
		});

		expect(response.status).toBe(status);
		expect(response.content.error).toBe(code);
	});

	it('answers 409 transfer-failed when Rocket.Chat returns false instead of transferring', async () => {
		const ws = workspace();
		ws.transferReturns = false;

		const response = await call(ws, {
			action: 'handover',
			sessionId: 'room1',
			actionData: { targetDepartment: 'Sales' },
		});

		expect(response.status).toBe(409);
		expect(response.content.error).toBe('transfer-failed');
	});

	it.each([
		['Room closed [error-room-closed]', 'room-closed'],
		['[error-tags-must-be-assigned-before-closing-chat]', 'close-failed'],
	])('maps the close error "%s" to 409 %s', async (thrown, code) => {
		const ws = workspace();
		ws.closeError = thrown;

		const response = await call(ws, { action: 'close-chat', sessionId: 'room1' });

		expect(response.status).toBe(409);
		expect(response.content.error).toBe(code);
	});

	it('answers 503 not-configured to a handover when no bot username is set', async () => {
		const ws = workspace();
		ws.settings.delete('bot_username');

		const response = await call(ws, {
			action: 'handover',
			sessionId: 'room1',
			actionData: { targetDepartment: 'Sales' },
		});

		expect(response.status).toBe(503);
		expect(response.content.error).toBe('not-configured');
	});

	it.each(['get', 'put', 'delete', 'patch', 'head', 'options'])(
		'answers %s with 405 JSON and Allow: POST',
		async (method) => {
			const response = await call(workspace(), undefined, { method });

			expect(response.status).toBe(405);
			expect(response.content).toMatchObject({ status: 'error', error: 'method-not-allowed' });
			expect(response.headers).toMatchObject({ Allow: 'POST' });
		},
	);

	it('answers 500 internal-error without details when an accessor fails unexpectedly', async () => {
		const ws = workspace();
		const read = ws.read();
		read.getRoomReader = () => {
			throw new Error('Mongo exploded at /srv/secret/path');
		};
		const endpoint = new IncomingEndpoint(ws.app(), new InstanceState());
		const request = { method: 'post', headers: {}, query: {}, params: {}, user: caller() } as unknown as IApiRequest;

		const response = await endpoint.post(
			{ ...request, content: { action: 'close-chat', sessionId: 'room1' } },
			{} as never,
			read,
			ws.modify(),
			{} as never,
			{} as never,
		);

		expect(response.status).toBe(500);
		expect(response.content).toEqual({
			status: 'error',
			message: 'The Rasa app failed unexpectedly; see the app logs.',
			error: 'internal-error',
		});
		expect(ws.logs.join('\n')).toContain('Mongo exploded');
	});

	it('never logs request headers or tokens', async () => {
		const ws = workspace();
		await call(ws, { action: 'close-chat', sessionId: 'room1' });
		await call(ws, { action: 'bogus', sessionId: 'room1' });
		await call(ws, { action: 'close-chat', sessionId: 'room1' }, { user: caller(['user']) });

		expect(ws.logs.length).toBeGreaterThan(0);
		expect(ws.logs.join('\n')).not.toContain(SECRET_TOKEN);
	});
});

describe('round trips per action', () => {
	it('a first call reads the settings it needs, once each; later calls read none', async () => {
		const ws = workspace();
		const instance = new InstanceState();
		await call(ws, { action: 'close-chat', sessionId: 'room1' }, { instance });

		// The assistants (the single-bot settings and the Assistants list) are read together, once.
		expect(ws.calls.filter((name) => name.startsWith('setting.')).sort()).toEqual([
			'setting.allowed_roles',
			'setting.assistants',
			'setting.bot_username',
			'setting.close_chat_message',
			'setting.handover_failed_message',
			'setting.handover_message',
			'setting.rasa_callback_token',
			'setting.rasa_mode',
			'setting.rasa_server_url',
			'setting.service_unavailable_message',
			'setting.welcome_intent',
		]);
		ws.calls.length = 0;
		await call(ws, { action: 'close-chat', sessionId: 'room1' }, { instance });
		expect(ws.calls.filter((name) => name.startsWith('setting.'))).toEqual([]);
	});

	it('close-chat reads the room, then closes', async () => {
		const ws = workspace();
		const instance = new InstanceState();
		await call(ws, { action: 'close-chat', sessionId: 'closed' }, { instance });
		ws.calls.length = 0;

		await call(ws, { action: 'close-chat', sessionId: 'room1' }, { instance });

		// The instance's first count ("closed by the bot") is written at once, not awaited; the next within 10 s is not.
		expect(ws.calls).toEqual(['room.getById', 'livechat.closeRoom', 'persistence.updateByAssociations']);
	});

	it("handover asks for the room's lease while it reads the room and asks who is online (the department was found a moment ago), reads the lease right before it acts, then tells the visitor and transfers", async () => {
		const ws = workspace();
		const instance = new InstanceState();
		await call(
			ws,
			{ action: 'handover', sessionId: 'closed', actionData: { targetDepartment: 'Sales' } },
			{ instance },
		);
		ws.calls.length = 0;

		await call(ws, { action: 'handover', sessionId: 'room1', actionData: { targetDepartment: 'Sales' } }, { instance });

		// The room's handover lease, shared by every instance, is asked for beside the room's read and who is online,
		// read right before the bot acts (as late as it can be: a taker whose record was still committing may have come
		// first), and given back after (a record saying so). Nobody held it lately, so the room is not read again.
		expect(ws.calls).toEqual([
			'persistence.createWithAssociations',
			'room.getById',
			'livechat.isOnlineAsync',
			'persistence.readByAssociations',
			'message.create',
			'livechat.transferVisitor',
			// "handed over", the instance's first count: written at once, not awaited; the next within 10 s is not.
			'persistence.updateByAssociations',
			'persistence.createWithAssociations',
		]);
		ws.calls.length = 0;
		await call(ws, { action: 'handover', sessionId: 'room1', actionData: { targetDepartment: 'Sales' } }, { instance });
		expect(ws.calls).not.toContain('persistence.updateByAssociations');
	});
});
