import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import { BOT, testConversation } from './support/testConversation';
import { servedBy } from '../../src/conversation/engine/servedBy';
import { closeIdleChats } from '../../src/conversation/lifecycle/idleChats';
import { chatClosed, chatLeftBot } from '../../src/conversation/lifecycle/lifecycleIntents';
import { closedChatOf } from '../../src/omnichannel/appEvents';
import type { Assistant } from '../../src/settings/assistants';

describe('who closed a chat, as each Rocket.Chat version tells it', () => {
	it('reads closer and closedBy where the converter maps them, and the unmapped fields of older ones', () => {
		const newer = { id: 'r1', closer: 'user', closedBy: { username: 'rasa.bot', type: 'app' } };
		const older = { id: 'r2', _unmappedProperties_: { closer: 'visitor', closedBy: { username: 'guest-1' } } };

		expect(closedChatOf(newer as unknown as ILivechatRoom)).toEqual({
			roomId: 'r1',
			closer: 'user',
			closedByUsername: 'rasa.bot',
			closedByIsApp: true,
		});
		expect(closedChatOf(older as unknown as ILivechatRoom)).toEqual({
			roomId: 'r2',
			closer: 'visitor',
			closedByUsername: 'guest-1',
		});
	});
});

describe('lifecycle intents', () => {
	const settings = { close_intent: 'chat_closed', takeover_intent: 'human_took_over' };

	it.each([
		[{ closer: 'visitor' }, 'visitor'],
		[{ closer: 'user', closedByUsername: BOT.username, closedByIsApp: false }, 'bot'],
		[{ closer: 'user', closedByUsername: 'alice', closedByIsApp: false }, 'agent'],
		[{ closer: 'user', closedByUsername: 'rasa.bot' }, 'app'],
		[{}, 'unknown'],
	])('tells Rasa once who closed a chat the bot served (%o → %s)', async (closed, closedBy) => {
		const test = testConversation({ settings });
		await test.memory.claimOnce('room1', servedBy({ botUsername: BOT.username } as Assistant));

		await chatClosed(test.conversation, { roomId: 'room1', ...closed });
		await chatClosed(test.conversation, { roomId: 'room1', ...closed });

		expect(test.rasa.turns.map((turn) => turn.message)).toEqual([`/chat_closed{"closed_by":"${closedBy}"}`]);
		expect(test.rasa.turns[0].metadata).toMatchObject({ event: { type: 'closed', closedBy } });
	});

	it('says nothing of a chat the bot never served, nor when the intent is off', async () => {
		const served = testConversation({ settings: {} });
		await served.memory.claimOnce('room1', servedBy({ botUsername: BOT.username } as Assistant));
		const neverServed = testConversation({ settings });

		await chatClosed(served.conversation, { roomId: 'room1', closer: 'visitor' });
		await chatClosed(neverServed.conversation, { roomId: 'room1', closer: 'visitor' });

		expect([served.rasa.turns, neverServed.rasa.turns]).toEqual([[], []]);
	});

	it('tells Rasa a human took over when the bot is unassigned from an open chat, and drops what Rasa answers', async () => {
		const test = testConversation({ settings });
		test.omnichannel.rooms.get('room1')!.servedByUsername = 'alice';

		await chatLeftBot(test.conversation, { roomId: 'room1', agentUsername: BOT.username });
		await chatLeftBot(test.conversation, { roomId: 'room1', agentUsername: 'alice' });

		expect(test.rasa.turns.map((turn) => turn.message)).toEqual(['/human_took_over']);
		expect(test.omnichannel.messages).toEqual([]);
	});
});

describe('the takeover intent while the bot still serves the chat', () => {
	it('is not sent when Rocket.Chat reports the bot left a chat that it still serves', async () => {
		const test = testConversation({ settings: { takeover_intent: 'human_took_over' } });

		await chatLeftBot(test.conversation, { roomId: 'room1', agentUsername: BOT.username });

		expect(test.omnichannel.rooms.get('room1')?.servedByUsername).toBe(BOT.username);
		expect(test.rasa.turns).toEqual([]);
	});
});

describe('idle chats', () => {
	const settings = { idle_close_minutes: 10, idle_warning_minutes: 5 };
	const MINUTE = 60000;

	function idleTest() {
		let now = 1_000_000;
		const test = testConversation({ settings });
		test.conversation.now = () => now;
		const advance = (ms: number) => {
			now += ms;
		};
		return { ...test, advance, at: () => now };
	}

	it('warns once per silence, then closes the chat as the app with the close message', async () => {
		const test = idleTest();
		await test.memory.noteActivity('room1', test.at());

		test.advance(6 * MINUTE);
		expect(await closeIdleChats(test.conversation)).toEqual({ warned: 1, closed: 0 });
		expect(await closeIdleChats(test.conversation)).toEqual({ warned: 0, closed: 0 });
		test.advance(5 * MINUTE);
		expect(await closeIdleChats(test.conversation)).toEqual({ warned: 0, closed: 1 });

		expect(test.omnichannel.messages.map((message) => message.text)).toEqual([
			'Are you still there? This chat closes soon if there is no reply.',
			'This chat was closed because there was no reply. Write again any time.',
		]);
		expect(test.omnichannel.closes).toEqual([
			{
				roomId: 'room1',
				comment: 'This chat was closed because there was no reply. Write again any time.',
				closer: { id: 'app-user', username: 'rasa.bot' },
			},
		]);
		expect(test.memory.activity.size).toBe(0);
	});

	it('restarts the clock at a visitor message, and warns again after a new silence', async () => {
		const test = idleTest();
		await test.memory.noteActivity('room1', test.at());
		test.advance(6 * MINUTE);
		await closeIdleChats(test.conversation);

		await test.memory.noteActivity('room1', test.at());
		test.advance(6 * MINUTE);
		const run = await closeIdleChats(test.conversation);

		expect(run).toEqual({ warned: 1, closed: 0 });
		expect(test.omnichannel.closes).toEqual([]);
	});

	it('leaves alone, and stops timing, a chat a human serves now or that closed', async () => {
		const test = idleTest();
		test.omnichannel.addRoom({ id: 'room2', servedByUsername: 'alice' }).addRoom({ id: 'room3', isOpen: false });
		for (const room of ['room2', 'room3']) {
			await test.memory.noteActivity(room, test.at());
		}

		test.advance(11 * MINUTE);
		expect(await closeIdleChats(test.conversation)).toEqual({ warned: 0, closed: 0 });

		expect(test.omnichannel.messages).toEqual([]);
		expect(test.memory.activity.size).toBe(0);
	});

	it('does nothing while the idle close is off', async () => {
		const test = testConversation();
		await test.memory.noteActivity('room1', 0);

		expect(await closeIdleChats(test.conversation)).toEqual({ warned: 0, closed: 0 });
		expect(test.memory.activity.size).toBe(1);
	});
});
