import { BOT, replies, ScriptedRasa, testConversation } from './support/testConversation';
import { closeChat } from '../../src/conversation/actions/closeChat';
import { handover } from '../../src/conversation/actions/handover';
import { RoomBusy, RoomSteps } from '../../src/conversation/engine/RoomSteps';
import { performAction } from '../../src/conversation/engine/performAction';
import { takeTurn } from '../../src/conversation/turns/takeTurn';

const bot = { ...BOT, roles: ['bot'] };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RoomSteps', () => {
	it('runs the steps of one room one after another, in arrival order', async () => {
		const rooms = new RoomSteps();
		const events: string[] = [];
		const step = (name: string) =>
			rooms.step('r1', async () => {
				events.push(`${name} start`);
				await tick();
				events.push(`${name} end`);
			});

		await Promise.all([step('a'), step('b'), step('c')]);

		expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
		expect(rooms.busyRooms).toBe(0);
	});

	it('lets different rooms run side by side', async () => {
		const rooms = new RoomSteps();
		const events: string[] = [];
		const step = (room: string) =>
			rooms.step(room, async () => {
				events.push(`${room} start`);
				await tick();
				events.push(`${room} end`);
			});

		await Promise.all([step('r1'), step('r2')]);

		expect(events).toEqual(['r1 start', 'r2 start', 'r1 end', 'r2 end']);
	});

	it('lets steps run while a turn of the same room waits, but keeps turns in order', async () => {
		const rooms = new RoomSteps();
		const events: string[] = [];
		let answerRasa: () => void = () => undefined;
		const rasaAnswered = new Promise<void>((resolve) => {
			answerRasa = resolve;
		});
		const first = rooms.turn('r1', async () => {
			events.push('turn 1 waits for Rasa');
			await rasaAnswered;
			events.push('turn 1 done');
		});
		const second = rooms.turn('r1', async () => {
			events.push('turn 2');
		});
		await tick();
		await rooms.step('r1', async () => {
			events.push('a step (e.g. a custom action calling the incoming API)');
		});
		answerRasa();
		await Promise.all([first, second]);

		expect(events).toEqual([
			'turn 1 waits for Rasa',
			'a step (e.g. a custom action calling the incoming API)',
			'turn 1 done',
			'turn 2',
		]);
	});

	it('gives up waiting after the given time, and the room goes on', async () => {
		const rooms = new RoomSteps();
		let release: () => void = () => undefined;
		const held = rooms.step(
			'r1',
			() =>
				new Promise<void>((resolve) => {
					release = resolve;
				}),
		);

		await expect(rooms.step('r1', async () => 'never', 20)).rejects.toBeInstanceOf(RoomBusy);
		release();
		await held;
		await expect(rooms.step('r1', async () => 'next')).resolves.toBe('next');
		expect(rooms.busyRooms).toBe(0);
	});
});

describe('one room, many requests at once', () => {
	it('20 concurrent handovers: one transfer, one "Transferring" message, 19 × not-served-by-bot', async () => {
		const test = testConversation({ settings: { handover_message: 'Transferring' } });
		test.omnichannel.onlineDepartments.add('dep-sales');

		const outcomes = await Promise.all(
			Array.from({ length: 20 }, () =>
				performAction(test.conversation, handover, 'room1', { targetDepartment: 'Sales' }, bot),
			),
		);

		expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
		expect(outcomes.filter((outcome) => !outcome.ok && outcome.code === 'not-served-by-bot')).toHaveLength(19);
		expect(test.omnichannel.transfers).toHaveLength(1);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Transferring']);
	});

	it('handovers to two departments racing: one transfer, never a bounce', async () => {
		const test = testConversation();
		test.omnichannel.addDepartment({ id: 'dep-support', name: 'Support' });
		test.omnichannel.onlineDepartments.add('dep-sales').add('dep-support');

		const outcomes = await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				performAction(test.conversation, handover, 'room1', { targetDepartment: index % 2 ? 'Sales' : 'Support' }, bot),
			),
		);

		expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
		expect(test.omnichannel.transfers).toHaveLength(1);
	});

	it('handovers racing closes: the first wins, the rest tell the truth, nothing is posted after the close', async () => {
		const test = testConversation({ settings: { handover_message: 'Transferring' } });
		test.omnichannel.onlineDepartments.add('dep-sales');

		const outcomes = await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				index % 2
					? performAction(test.conversation, closeChat, 'room1', {}, bot)
					: performAction(test.conversation, handover, 'room1', { targetDepartment: 'Sales' }, bot),
			),
		);

		// The first request is a handover: it wins; every close then meets a room the bot no longer serves.
		expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
		expect(test.omnichannel.transfers).toHaveLength(1);
		expect(test.omnichannel.closes).toHaveLength(0);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Transferring']);
	});

	it('a handover that loses to a close answers room-closed', async () => {
		const test = testConversation({ settings: { handover_message: 'Transferring' } });
		test.omnichannel.onlineDepartments.add('dep-sales');

		const [closed, handedOver] = await Promise.all([
			performAction(test.conversation, closeChat, 'room1', {}, bot),
			performAction(test.conversation, handover, 'room1', { targetDepartment: 'Sales' }, bot),
		]);

		expect(closed.ok).toBe(true);
		expect(handedOver).toMatchObject({ ok: false, code: 'room-closed' });
		expect(test.omnichannel.messages).toEqual([]);
	});

	it('five overlapping turns answered [text, handover, text]: one handover, nothing after it, one turn reaches Rasa', async () => {
		const rasa = new ScriptedRasa(() =>
			replies(
				{ text: 'Let me check.' },
				{ custom: { action: 'handover', targetDepartment: 'Sales' } },
				{ text: 'Still me' },
			),
		);
		const test = testConversation({ rasa, settings: { handover_message: 'Transferring' } });
		test.omnichannel.onlineDepartments.add('dep-sales');

		const results = await Promise.all(
			['a', 'b', 'c', 'd', 'e'].map((text) => takeTurn(test.conversation, 'room1', () => text)),
		);

		expect(rasa.turns.map((turn) => turn.message)).toEqual(['a']);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Let me check.', 'Transferring']);
		expect(test.omnichannel.transfers).toHaveLength(1);
		expect(results.slice(1).every((result) => !result.ok && result.code === 'not-served-by-bot')).toBe(true);
	});

	it("drops Rasa's answer when the chat was handed over while Rasa was thinking (a custom action called the API)", async () => {
		const test = testConversation({ settings: { handover_message: 'Transferring' } });
		test.omnichannel.onlineDepartments.add('dep-sales');
		test.rasa.answer = async () => {
			// The custom action's call runs as a step while the turn waits: no deadlock.
			const outcome = await performAction(test.conversation, handover, 'room1', { targetDepartment: 'Sales' }, bot);
			expect(outcome.ok).toBe(true);
			return replies({ text: 'You are now with a human.' });
		};

		const result = await takeTurn(test.conversation, 'room1', () => 'human please');

		expect(result).toMatchObject({ ok: false, code: 'not-served-by-bot' });
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Transferring']);
	});
});
