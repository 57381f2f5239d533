import { BOT, testConversation } from './support/testConversation';
import { handover } from '../../src/conversation/actions/handover';
import { performAction } from '../../src/conversation/engine/performAction';

const caller = { ...BOT, roles: ['bot'] };
const SALES = 'dep-sales';

function setup(settings: Record<string, unknown> = {}) {
	const test = testConversation({
		settings: { handover_message: 'Transferring you to a human.', handover_failed_message: 'Nobody here', ...settings },
	});
	test.omnichannel.onlineDepartments.add(SALES);
	return test;
}

const run = (test: ReturnType<typeof setup>, data: Record<string, unknown>, sessionId = 'room1') => {
	const read = handover.readData(data);
	return performAction(test.conversation, handover, sessionId, read.ok ? read.value : {}, caller);
};

describe('handover', () => {
	it('tells the visitor, then transfers the room to the department named by the caller', async () => {
		const test = setup();

		const outcome = await run(test, { targetDepartment: 'Sales' });

		expect(outcome).toEqual({ ok: true, body: { msg: ' Perform Handover request handled successfully' } });
		expect(test.omnichannel.messages).toEqual([
			{ roomId: 'room1', sender: 'rasabot', text: 'Transferring you to a human.' },
		]);
		expect(test.omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: SALES }]);
	});

	it('accepts a department id as well as a name', async () => {
		const test = setup();

		await run(test, { targetDepartment: SALES });

		expect(test.omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: SALES }]);
	});

	it('falls back to the default handover department', async () => {
		const test = setup({ default_handover_department: 'Sales' });

		const outcome = await run(test, {});

		expect(outcome.ok).toBe(true);
		expect(test.omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: SALES }]);
	});

	it('asks for a department when neither the caller nor the settings give one, and changes nothing', async () => {
		const test = setup();
		const before = test.omnichannel.snapshot();

		const outcome = await run(test, {});

		expect(outcome).toMatchObject({ ok: false, code: 'invalid-request' });
		expect(outcome.ok || outcome.message).toContain('actionData.targetDepartment');
		expect(test.omnichannel.snapshot()).toBe(before);
	});

	it('answers not-configured when no bot username is set', async () => {
		const test = setup({ bot_username: '' });
		const before = test.omnichannel.snapshot();

		const outcome = await run(test, { targetDepartment: 'Sales' });

		expect(outcome).toMatchObject({ ok: false, code: 'not-configured' });
		expect(test.omnichannel.snapshot()).toBe(before);
	});

	it.each([
		['an unknown room', 'nope', 'Sales', 'session-not-found'],
		['a closed room', 'closed', 'Sales', 'room-closed'],
		['a room served by a human', 'human', 'Sales', 'not-served-by-bot'],
		['a room served by nobody', 'queued', 'Sales', 'not-served-by-bot'],
		['a room that is not a livechat room', 'general', 'Sales', 'session-not-found'],
		['an unknown department', 'room1', 'Nowhere', 'department-not-found'],
		['the department the chat is in', 'room1', 'Bots', 'already-in-department'],
	])('refuses %s and changes nothing', async (_case, sessionId, targetDepartment, code) => {
		const test = setup();
		test.omnichannel
			.addRoom({ id: 'closed', isOpen: false, servedByUsername: 'rasabot' })
			.addRoom({ id: 'human', servedByUsername: 'alice' })
			.addRoom({ id: 'queued' })
			.addRoom({ id: 'general', isLivechat: false });
		const before = test.omnichannel.snapshot();

		const outcome = await run(test, { targetDepartment }, sessionId);

		expect(outcome).toMatchObject({ ok: false, code });
		expect(test.omnichannel.snapshot()).toBe(before);
	});

	it('explains why a chat cannot be forwarded to its own department', async () => {
		const outcome = await run(setup(), { targetDepartment: 'Bots' });

		expect(outcome.ok || outcome.message).toMatch(/cannot forward a chat to its own department/);
	});

	it('tells the visitor and keeps the chat with the bot when no agent is online', async () => {
		const test = setup();
		test.omnichannel.onlineDepartments.delete(SALES);

		const outcome = await run(test, { targetDepartment: 'Sales' });

		expect(outcome).toMatchObject({ ok: false, code: 'no-agents-online' });
		expect(test.omnichannel.messages).toEqual([{ roomId: 'room1', sender: 'rasabot', text: 'Nobody here' }]);
		expect(test.omnichannel.transfers).toEqual([]);
	});

	it('tells the visitor when agents went offline between the check and the transfer', async () => {
		const test = setup();
		test.omnichannel.nextTransfer = { ok: false, refusal: 'no-agents-online' };

		const outcome = await run(test, { targetDepartment: 'Sales' });

		expect(outcome).toMatchObject({ ok: false, code: 'no-agents-online' });
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual([
			'Transferring you to a human.',
			'Nobody here',
		]);
	});

	it.each([
		['same-department', 'already-in-department'],
		['department-not-found', 'department-not-found'],
		['room-on-hold', 'transfer-failed'],
		['not-transferred', 'transfer-failed'],
		['unknown', 'transfer-failed'],
	] as const)('never reports success when the transfer is refused (%s → %s)', async (refusal, code) => {
		const test = setup();
		test.omnichannel.nextTransfer = { ok: false, refusal };

		const outcome = await run(test, { targetDepartment: 'Sales' });

		expect(outcome).toMatchObject({ ok: false, code });
	});

	it('answers room-closed when Rocket.Chat refused because the room closed meanwhile', async () => {
		const test = setup();
		test.omnichannel.nextTransfer = { ok: false, refusal: 'not-transferred' };
		const transfer = test.omnichannel.transferSession.bind(test.omnichannel);
		test.omnichannel.transferSession = async (session, department) => {
			test.omnichannel.rooms.get('room1')!.isOpen = false;
			return transfer(session, department);
		};

		const outcome = await run(test, { targetDepartment: 'Sales' });

		expect(outcome).toMatchObject({ ok: false, code: 'room-closed' });
	});

	it('reads the room and asks who is online together once the department is known, and refuses before acting', async () => {
		const test = setup();
		await run(test, { targetDepartment: 'Sales' });
		test.omnichannel.calls.length = 0;
		test.settingReads.length = 0;

		await run(test, { targetDepartment: 'Sales' }, 'room1');

		// The room is now served by a human: refused after the first two reads, made together (the department was
		// found by the first handover a moment ago).
		expect(test.omnichannel.calls).toEqual(['findSession room1', 'isDepartmentOnline dep-sales']);
		expect(test.settingReads).toEqual([]);
	});
});

describe('handover to a named agent', () => {
	function withAgents(settings: Record<string, unknown> = {}) {
		const test = setup(settings);
		test.omnichannel
			.addAgent({ username: 'alice' })
			.addAgent({ username: 'carol', isOnline: false })
			.addAgent({ username: 'bob', isAgent: false })
			.addAgent({ username: BOT.username, id: BOT.id });
		return test;
	}

	it('hands the chat to that agent alone, not to the default department, promising nothing before', async () => {
		const test = withAgents({ default_handover_department: 'Sales' });

		const outcome = await run(test, { targetAgent: '@alice' });

		expect(outcome).toEqual({ ok: true, body: { msg: ' Perform Handover request handled successfully' } });
		// Rocket.Chat's transfer message tells the visitor; the bot announced nothing it could not know.
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual([]);
		expect(test.omnichannel.transfers).toEqual([{ roomId: 'room1', agentId: 'id-alice' }]);
	});

	it('hands the chat to the agent in the department when both are named', async () => {
		const test = withAgents();

		await run(test, { targetDepartment: 'Sales', targetAgent: 'alice' });

		expect(test.omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: SALES, agentId: 'id-alice' }]);
	});

	it.each([
		['an unknown user', 'nobody', 'agent-not-found', []],
		['a user who is not an agent', 'bob', 'not-an-agent', []],
		['an agent who is offline', 'carol', 'agent-not-available', ['Nobody here']],
		['the bot itself', BOT.username, 'invalid-request', []],
	])('refuses %s with %s, transferring nothing', async (_case, targetAgent, code, told) => {
		const test = withAgents();

		const outcome = await run(test, { targetAgent });

		expect(outcome).toMatchObject({ ok: false, code });
		expect(test.omnichannel.transfers).toEqual([]);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(told);
	});

	it.each([
		// Online but not available for livechat: only the transfer can tell, and the visitor hears only the truth.
		['agent-offline', 'agent-not-available', ['Nobody here']],
		['agent-not-in-department', 'agent-not-in-department', []],
		['not-an-agent', 'not-an-agent', []],
	] as const)('explains Rocket.Chat refusing with %s as %s', async (refusal, code, told) => {
		const test = withAgents();
		test.omnichannel.nextTransfer = { ok: false, refusal };

		const outcome = await run(test, { targetDepartment: 'Sales', targetAgent: 'alice' });

		expect(outcome).toMatchObject({ ok: false, code });
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(told);
	});

	it('refuses a targetAgent that is not a username', () => {
		expect(handover.readData({ targetAgent: 42 })).toMatchObject({ ok: false, code: 'invalid-request' });
		expect(handover.readData({ targetAgent: 'x'.repeat(121) })).toMatchObject({ ok: false, code: 'invalid-request' });
	});
});
