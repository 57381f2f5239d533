import { fakeSettings, InMemoryOmnichannel } from './support/InMemoryOmnichannel';
import { handover } from '../../src/actions/handover';

const SALES = { id: 'dep-sales', name: 'Sales' };
const BOTS = { id: 'dep-bots', name: 'Bots' };

function workspace() {
	return new InMemoryOmnichannel()
		.addRoom({ id: 'room1', servedByUsername: 'rasabot', departmentId: BOTS.id })
		.addDepartment(SALES)
		.addDepartment(BOTS);
}

describe('handover', () => {
	it('tells the visitor, then transfers the room to the department named by the caller', async () => {
		const omnichannel = workspace();
		const settings = fakeSettings({ handoverMessage: 'A human is coming' });

		const outcome = await handover(omnichannel, settings, { sessionId: 'room1', targetDepartment: 'Sales' });

		expect(outcome).toEqual({ ok: true, done: 'handed-over' });
		expect(omnichannel.messages).toEqual([{ roomId: 'room1', sender: 'rasabot', text: 'A human is coming' }]);
		expect(omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: SALES.id }]);
	});

	it('accepts a department id as well as a name', async () => {
		const omnichannel = workspace();

		const outcome = await handover(omnichannel, fakeSettings(), { sessionId: 'room1', targetDepartment: 'dep-sales' });

		expect(outcome.ok).toBe(true);
		expect(omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: SALES.id }]);
	});

	it('falls back to the default handover department', async () => {
		const omnichannel = workspace();

		const outcome = await handover(omnichannel, fakeSettings({ defaultHandoverDepartment: 'Sales' }), {
			sessionId: 'room1',
		});

		expect(outcome.ok).toBe(true);
		expect(omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: SALES.id }]);
	});

	it('does not read the default department when the caller names one', async () => {
		const settings = fakeSettings({ defaultHandoverDepartment: 'Bots' });

		await handover(workspace(), settings, { sessionId: 'room1', targetDepartment: 'Sales' });

		expect(settings.reads).not.toContain('defaultHandoverDepartment');
	});

	it('asks for a department when neither the caller nor the settings give one, before any read', async () => {
		const omnichannel = workspace();

		const outcome = await handover(omnichannel, fakeSettings(), { sessionId: 'room1' });

		expect(outcome).toMatchObject({ ok: false, code: 'invalid-request' });
		expect(outcome.ok || outcome.message).toContain('actionData.targetDepartment');
		expect(omnichannel.readCount).toBe(0);
	});

	it('answers not-configured when no bot username is set', async () => {
		const omnichannel = workspace();
		const before = omnichannel.snapshot();

		const outcome = await handover(omnichannel, fakeSettings({ botUsername: '' }), {
			sessionId: 'room1',
			targetDepartment: 'Sales',
		});

		expect(outcome).toMatchObject({ ok: false, code: 'not-configured' });
		expect(omnichannel.snapshot()).toBe(before);
	});

	it.each([
		['an unknown room', { sessionId: 'nope' }, 'session-not-found'],
		['a closed room', { sessionId: 'closed' }, 'room-closed'],
		['a room served by a human', { sessionId: 'human' }, 'not-served-by-bot'],
		['a room served by nobody', { sessionId: 'queued' }, 'not-served-by-bot'],
		['an unknown department', { sessionId: 'room1', targetDepartment: 'Nowhere' }, 'department-not-found'],
		['the department the chat is in', { sessionId: 'room1', targetDepartment: 'Bots' }, 'already-in-department'],
	])('refuses %s and changes nothing', async (_case, request, code) => {
		const omnichannel = workspace()
			.addRoom({ id: 'closed', isOpen: false, servedByUsername: 'rasabot' })
			.addRoom({ id: 'human', servedByUsername: 'alice' })
			.addRoom({ id: 'queued' });
		const before = omnichannel.snapshot();

		const outcome = await handover(omnichannel, fakeSettings(), { targetDepartment: 'Sales', ...request });

		expect(outcome).toMatchObject({ ok: false, code });
		expect(omnichannel.snapshot()).toBe(before);
	});

	it('explains why a chat cannot be forwarded to its own department', async () => {
		const outcome = await handover(workspace(), fakeSettings(), { sessionId: 'room1', targetDepartment: 'Bots' });

		expect(outcome.ok || outcome.message).toMatch(/cannot forward a chat to its own department/);
	});

	it('tells the visitor and keeps the chat with the bot when no agent is online', async () => {
		const omnichannel = workspace();
		omnichannel.onlineDepartments.delete(SALES.id);

		const outcome = await handover(omnichannel, fakeSettings({ handoverFailedMessage: 'Nobody here' }), {
			sessionId: 'room1',
			targetDepartment: 'Sales',
		});

		expect(outcome).toMatchObject({ ok: false, code: 'no-agents-online' });
		expect(omnichannel.messages).toEqual([{ roomId: 'room1', sender: 'rasabot', text: 'Nobody here' }]);
		expect(omnichannel.transfers).toEqual([]);
	});

	it('tells the visitor when agents went offline between the check and the transfer', async () => {
		const omnichannel = workspace();
		omnichannel.nextTransfer = { ok: false, refusal: 'no-agents-online' };

		const outcome = await handover(omnichannel, fakeSettings({ handoverFailedMessage: 'Nobody here' }), {
			sessionId: 'room1',
			targetDepartment: 'Sales',
		});

		expect(outcome).toMatchObject({ ok: false, code: 'no-agents-online' });
		expect(omnichannel.messages.map((message) => message.text)).toEqual([
			'Transferring you to a human.',
			'Nobody here',
		]);
	});

	it.each([
		['same-department', 'already-in-department'],
		['department-not-found', 'department-not-found'],
		['room-closed', 'room-closed'],
		['room-on-hold', 'transfer-failed'],
		['not-transferred', 'transfer-failed'],
		['unknown', 'transfer-failed'],
	] as const)('never reports success when the transfer is refused (%s → %s)', async (refusal, code) => {
		const omnichannel = workspace();
		omnichannel.nextTransfer = { ok: false, refusal };

		const outcome = await handover(omnichannel, fakeSettings(), { sessionId: 'room1', targetDepartment: 'Sales' });

		expect(outcome).toMatchObject({ ok: false, code });
	});
});
