import { BOT, replies, ScriptedRasa, testConversation } from './support/testConversation';
import { forgetClosedRooms } from '../../src/conversation/lifecycle/housekeeping';
import { welcomeVisitor } from '../../src/conversation/lifecycle/welcome';
import { deliverReplies } from '../../src/conversation/turns/deliverReplies';
import { answerQuickReply } from '../../src/conversation/turns/quickReplies';
import { takeTurn } from '../../src/conversation/turns/takeTurn';
import { relayVisitorMessage } from '../../src/conversation/turns/visitorTurns';

const failure = { ok: false as const, problem: 'Rasa at http://rasa:5005 could not be reached: ECONNREFUSED' };

describe('a turn with Rasa', () => {
	it('sends the room id as sender with metadata, shows typing while Rasa takes its time, and posts the replies', async () => {
		const rasa = new ScriptedRasa(async () => {
			await new Promise((resolve) => setTimeout(resolve, 500));
			return replies({ text: 'Hi' }, { text: 'There' });
		});
		const test = testConversation({ rasa });

		const result = await takeTurn(test.conversation, 'room1', () => 'hello');

		expect(result).toEqual({ ok: true, sent: true });
		expect(rasa.turns).toEqual([
			{
				sender: 'room1',
				message: 'hello',
				metadata: { roomId: 'room1', department: { id: 'dep-bots' }, visitor: {}, agent: { username: 'rasabot' } },
			},
		]);
		expect(JSON.stringify(rasa.turns)).not.toContain('vt');
		expect(test.omnichannel.typing).toEqual(['start room1', 'stop room1']);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Hi', 'There']);
	});

	it('shows no typing indicator when Rasa answers within a moment: the reply is there before it would show', async () => {
		const test = testConversation({ rasa: new ScriptedRasa(() => replies({ text: 'Hi' })) });

		await takeTurn(test.conversation, 'room1', () => 'hello');

		expect(test.omnichannel.typing).toEqual([]);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Hi']);
	});

	it('shows no typing indicator when it is switched off', async () => {
		const test = testConversation({
			settings: { typing_indicator: false },
			rasa: new ScriptedRasa(async () => {
				await new Promise((resolve) => setTimeout(resolve, 500));
				return replies({ text: 'Hi' });
			}),
		});

		await takeTurn(test.conversation, 'room1', () => 'hello');

		expect(test.omnichannel.typing).toEqual([]);
	});

	it('sends nothing to a room the bot does not serve', async () => {
		const test = testConversation();
		test.omnichannel.addRoom({ id: 'human', servedByUsername: 'alice' });

		const result = await takeTurn(test.conversation, 'human', () => 'hello');

		expect(result).toMatchObject({ ok: false, code: 'not-served-by-bot' });
		expect(test.rasa.turns).toEqual([]);
	});

	it('tells the visitor once when Rasa fails, and logs the problem', async () => {
		const test = testConversation({
			rasa: new ScriptedRasa(() => failure),
			settings: { service_unavailable_message: 'Bot unavailable' },
		});

		const result = await takeTurn(test.conversation, 'room1', () => 'hello');

		expect(result).toMatchObject({ ok: false, code: 'rasa-unavailable' });
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Bot unavailable']);
		expect(test.logs.some((line) => line.includes('ECONNREFUSED'))).toBe(true);
		expect(test.omnichannel.transfers).toEqual([]);
	});

	it('hands over to the default department after a failure when configured', async () => {
		const test = testConversation({
			rasa: new ScriptedRasa(() => failure),
			settings: { handover_on_failure: true, default_handover_department: 'Sales' },
		});
		test.omnichannel.onlineDepartments.add('dep-sales');

		await takeTurn(test.conversation, 'room1', () => 'hello');

		expect(test.omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: 'dep-sales' }]);
	});

	it('waits for Rasa no longer than the endpoint call has left', async () => {
		const test = testConversation({ deadline: Date.now() + 5000, settings: { rasa_timeout_seconds: 25 } });

		await takeTurn(test.conversation, 'room1', () => 'hello');

		expect(test.rasa.timeouts[0]).toBeLessThanOrEqual(5000);
		expect(test.rasa.timeouts[0]).toBeGreaterThan(3000);
	});

	it('caps the wait for Rasa at 25 s whatever the setting says', async () => {
		const test = testConversation({ settings: { rasa_timeout_seconds: 120 } });

		await takeTurn(test.conversation, 'room1', () => 'hello');

		expect(test.rasa.timeouts).toEqual([25000]);
	});
});

describe("delivering Rasa's replies", () => {
	it("performs custom-payload actions through the registry and stops after the first that ends the bot's part", async () => {
		const test = testConversation({ settings: { handover_message: 'Transferring' } });
		test.omnichannel.onlineDepartments.add('dep-sales');
		const session = (await test.omnichannel.findSession('room1'))!;

		const delivery = await deliverReplies(test.conversation, session, [
			{ text: 'One moment' },
			{ custom: { action: 'handover', actionData: { targetDepartment: 'Sales' } } },
			{ text: 'never shown' },
			{ custom: { action: 'close-chat' } },
		]);

		expect(delivery).toEqual({ delivered: 2, endedBy: 'handover' });
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['One moment', 'Transferring']);
		expect(test.omnichannel.closes).toEqual([]);
	});

	it('accepts the department as a key of the payload itself, and goes on when a handover is refused', async () => {
		const test = testConversation({ settings: { handover_failed_message: 'Nobody' } });
		test.omnichannel.onlineDepartments.delete('dep-sales');
		const session = (await test.omnichannel.findSession('room1'))!;

		const delivery = await deliverReplies(test.conversation, session, [
			{ custom: { action: 'handover', targetDepartment: 'Sales' } },
			{ text: 'I am still here' },
		]);

		expect(delivery).toEqual({ delivered: 2 });
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['Nobody', 'I am still here']);
	});

	it('refuses actions a custom payload may not ask for, and unknown ones, and logs them', async () => {
		const test = testConversation();
		const session = (await test.omnichannel.findSession('room1'))!;

		await deliverReplies(test.conversation, session, [
			{ custom: { action: 'trigger-intent', actionData: { intent: 'loop' } } },
			{ custom: { action: 'self-destruct' } },
			{ custom: { map: { lat: 1 } } },
		]);

		expect(test.rasa.turns).toEqual([]);
		expect(test.logs.filter((line) => line.includes('asked by the bot: invalid-request'))).toHaveLength(2);
		expect(test.logs.some((line) => line.includes('skipped a custom payload with keys map'))).toBe(true);
	});

	it('posts at most 100 messages of one answer', async () => {
		const test = testConversation();
		const session = (await test.omnichannel.findSession('room1'))!;

		const delivery = await deliverReplies(
			test.conversation,
			session,
			Array.from({ length: 150 }, (_, index) => ({ text: `m${index}` })),
		);

		expect(delivery.delivered).toBe(100);
		expect(test.omnichannel.messages).toHaveLength(100);
	});

	it('posts a text longer than the workspace allows in parts, in order, the buttons on the last part', async () => {
		const test = testConversation();
		test.omnichannel.maxLength = 5000;
		const session = (await test.omnichannel.findSession('room1'))!;
		const long = Array.from({ length: 1300 }, (_, index) => `word${String(index).padStart(5, '0')}`).join(' ');

		await deliverReplies(test.conversation, session, [
			{ text: long, buttons: [{ title: 'OK', payload: '/ok' }] },
			{ text: 'after' },
		]);

		const posted = test.omnichannel.botMessages.map(({ message }) => message);
		expect(long.length).toBeGreaterThan(12000);
		expect(posted.map((message) => message.text?.length ?? 0).every((length) => length <= 5000)).toBe(true);
		expect(
			posted
				.slice(0, -1)
				.map((message) => message.text)
				.join(''),
		).toBe(long);
		expect(posted.map((message) => message.quickReplies?.length ?? 0)).toEqual([0, 0, 1, 0]);
		expect(posted.at(-1)).toEqual({ text: 'after' });
	});

	it('goes on with the next replies when Rocket.Chat refuses one, and logs the refusal', async () => {
		const test = testConversation();
		const session = (await test.omnichannel.findSession('room1'))!;
		test.omnichannel.refusals.push('error-message-size-exceeded');

		await deliverReplies(test.conversation, session, [{ text: 'refused' }, { text: 'second' }, { text: 'third' }]);

		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['second', 'third']);
		expect(test.logs.join('\n')).toContain('Rocket.Chat refused a bot message: error-message-size-exceeded');
	});
});

describe('visitor messages, quick replies and the welcome', () => {
	const visitorMessage = (id: string, text: string) => ({ id, roomId: 'room1', text, servedByUsername: BOT.username });

	it("relays a visitor's message as a turn", async () => {
		const test = testConversation();

		await relayVisitorMessage(test.conversation, visitorMessage('m1', 'hello'));

		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['hello']);
	});

	it("a click shows the title as the visitor's message, hides the buttons, and Rasa gets the payload once", async () => {
		const test = testConversation();
		const click = {
			roomId: 'room1',
			botMessageId: 'question',
			botMessageRoomId: 'room1',
			visitorToken: 'vt',
			choice: { title: 'Sales team', payload: '/inform{"dept":"sales"}' },
		};

		const taken = await answerQuickReply(test.conversation, click);
		const posted = test.omnichannel.visitorMessages[0];
		await relayVisitorMessage(test.conversation, visitorMessage(posted.id, posted.text));

		expect(taken).toBe(true);
		expect(test.omnichannel.visitorMessages.map((message) => message.text)).toEqual(['Sales team']);
		expect(test.omnichannel.removedQuickReplies).toEqual(['question']);
		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['/inform{"dept":"sales"}']);
		expect(test.instance.clicks.size).toBe(0);
	});

	it('a second click on the same message does nothing', async () => {
		const test = testConversation({ settings: { hide_quick_replies: false } });
		const click = {
			roomId: 'room1',
			botMessageId: 'question',
			botMessageRoomId: 'room1',
			visitorToken: 'vt',
			choice: { title: 'Yes', payload: '/affirm' },
		};

		const both = await Promise.all([
			answerQuickReply(test.conversation, click),
			answerQuickReply(test.conversation, click),
		]);

		expect(both).toEqual([true, true]);
		expect(test.omnichannel.visitorMessages).toHaveLength(1);
		expect(test.omnichannel.removedQuickReplies).toEqual([]);
	});

	it("refuses a click from someone who is not the room's visitor, and one in a closed room", async () => {
		const test = testConversation();
		test.omnichannel.addRoom({ id: 'closed', isOpen: false, servedByUsername: 'rasabot', visitorToken: 'vt' });
		const choice = { title: 'Yes', payload: '/affirm' };

		const stranger = await answerQuickReply(test.conversation, {
			roomId: 'room1',
			botMessageId: 'q1',
			botMessageRoomId: 'room1',
			visitorToken: 'other',
			choice,
		});
		const closed = await answerQuickReply(test.conversation, {
			roomId: 'closed',
			botMessageId: 'q2',
			botMessageRoomId: 'closed',
			visitorToken: 'vt',
			choice,
		});

		expect([stranger, closed]).toEqual([false, false]);
		expect(test.omnichannel.visitorMessages).toEqual([]);
	});

	it("ignores a click that names another room's message: nothing claimed, posted or hidden", async () => {
		const test = testConversation();
		test.omnichannel.addRoom({ id: 'other-room', servedByUsername: BOT.username, visitorToken: 'vt2' });
		const choice = { title: 'Yes', payload: '/affirm' };

		const taken = await answerQuickReply(test.conversation, {
			roomId: 'room1',
			botMessageId: 'question-of-other-room',
			botMessageRoomId: 'other-room',
			visitorToken: 'vt',
			choice,
		});

		expect(taken).toBe(false);
		expect(test.memory.answered.size).toBe(0);
		expect(test.omnichannel.visitorMessages).toEqual([]);
		expect(test.omnichannel.removedQuickReplies).toEqual([]);
	});

	it('closes the new chat Rocket.Chat opens when the room closed while the choice was posted', async () => {
		const test = testConversation();
		// The room closes between the click's read and its write: Rocket.Chat puts the message into a new chat.
		const postVisitorMessage = test.omnichannel.postVisitorMessage.bind(test.omnichannel);
		test.omnichannel.strayRoom = {
			id: 'stray',
			isLivechat: true,
			isOpen: true,
			servedByUsername: BOT.username,
			servedById: BOT.id,
		};
		test.omnichannel.postVisitorMessage = async (session, text) => {
			test.omnichannel.rooms.get('room1')!.isOpen = false;
			return postVisitorMessage(session, text);
		};

		const taken = await answerQuickReply(test.conversation, {
			roomId: 'room1',
			botMessageId: 'question',
			botMessageRoomId: 'room1',
			visitorToken: 'vt',
			choice: { title: 'Yes', payload: '/affirm' },
		});

		expect(taken).toBe(false);
		expect(test.omnichannel.rooms.get('stray')?.isOpen).toBe(false);
		expect(test.omnichannel.closes.map((close) => close.roomId)).toEqual(['stray']);
		expect(test.instance.clicks.size).toBe(0);
		expect(test.logs.join('\n')).toContain('Rocket.Chat put it into a new chat stray, which was closed');
	});

	it('sends the welcome intent before the first text when the text arrives before the assignment', async () => {
		const test = testConversation({ settings: { welcome_intent: 'greet' } });

		await relayVisitorMessage(test.conversation, visitorMessage('m1', 'hello'));
		await welcomeVisitor(test.conversation, { roomId: 'room1', agentUsername: BOT.username });
		await relayVisitorMessage(test.conversation, visitorMessage('m2', 'again'));

		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['/greet', 'hello', 'again']);
	});

	it('sends the welcome first also when the assignment and the first text arrive together', async () => {
		const test = testConversation({ settings: { welcome_intent: 'greet' } });

		await Promise.all([
			relayVisitorMessage(test.conversation, visitorMessage('m1', 'hello')),
			welcomeVisitor(test.conversation, { roomId: 'room1', agentUsername: BOT.username }),
		]);

		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['/greet', 'hello']);
	});

	it('holds a text until the welcome another instance claimed has gone to Rasa', async () => {
		const test = testConversation({ settings: { welcome_intent: 'greet' } });
		// Claimed elsewhere, not sent yet.
		test.memory.welcomed.add('room1');

		const relayed = relayVisitorMessage(test.conversation, visitorMessage('m1', 'hello'));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(test.rasa.turns).toEqual([]);
		await test.memory.welcomeDone('room1');
		await relayed;

		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['hello']);
	});

	it("holds a text no longer than Rasa's timeout for a welcome that never goes, and the next text does not wait", async () => {
		const test = testConversation({ settings: { welcome_intent: 'greet', rasa_timeout_seconds: '1' } });
		test.memory.welcomed.add('room1');

		const started = Date.now();
		await relayVisitorMessage(test.conversation, visitorMessage('m1', 'hello'));
		const waited = Date.now() - started;
		await relayVisitorMessage(test.conversation, visitorMessage('m2', 'again'));

		expect(waited).toBeGreaterThanOrEqual(1000);
		expect(waited).toBeLessThan(3500);
		expect(Date.now() - started - waited).toBeLessThan(500);
		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['hello', 'again']);
		expect(test.logs.join('\n')).toContain('the welcome was not sent within 3 s; the text goes now');
	});

	it('welcomes a room the bot was assigned, once, even when the chat comes back to the bot later', async () => {
		const test = testConversation({ settings: { welcome_intent: 'greet' } });

		await welcomeVisitor(test.conversation, { roomId: 'room1', agentUsername: BOT.username });
		await welcomeVisitor(test.conversation, { roomId: 'room1', agentUsername: BOT.username });

		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['/greet']);
	});

	it('does not welcome when a human was assigned, or when no welcome intent is set', async () => {
		const withIntent = testConversation({ settings: { welcome_intent: '/greet' } });
		const without = testConversation();

		await welcomeVisitor(withIntent.conversation, { roomId: 'room1', agentUsername: 'alice' });
		await welcomeVisitor(without.conversation, { roomId: 'room1', agentUsername: BOT.username });

		expect([withIntent.rasa.turns, without.rasa.turns]).toEqual([[], []]);
	});

	it('forgets closed rooms when housekeeping runs, and keeps open ones', async () => {
		const test = testConversation({ settings: { welcome_intent: 'greet' } });
		test.omnichannel.addRoom({ id: 'room2', servedByUsername: BOT.username, servedById: BOT.id });
		await welcomeVisitor(test.conversation, { roomId: 'room1', agentUsername: BOT.username });
		await welcomeVisitor(test.conversation, { roomId: 'room2', agentUsername: BOT.username });
		test.omnichannel.rooms.get('room1')!.isOpen = false;

		const forgotten = await forgetClosedRooms(test.conversation);

		expect(forgotten).toBe(1);
		expect([...test.memory.welcomed]).toEqual(['room2']);
	});
});
