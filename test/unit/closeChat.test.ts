import { BOT, testConversation } from './support/testConversation';
import { closeChat } from '../../src/conversation/actions/closeChat';
import { performAction } from '../../src/conversation/engine/performAction';

const bot = { ...BOT, roles: ['bot'] };
const manager = { id: 'm1', username: 'mia', roles: ['livechat-manager'] };
const admin = { id: 'a1', username: 'root', roles: ['admin'] };

function setup() {
	const test = testConversation({ settings: { close_chat_message: 'Closed by Rasa' } });
	test.omnichannel
		.addRoom({ id: 'human', servedByUsername: 'alice' })
		.addRoom({ id: 'queued' })
		.addRoom({ id: 'closed', isOpen: false, servedByUsername: 'rasabot' })
		.addRoom({ id: 'general', isLivechat: false });
	return test;
}

const close = (test: ReturnType<typeof setup>, sessionId: string, caller: typeof bot = bot) =>
	performAction(test.conversation, closeChat, sessionId, {}, caller);

describe('close-chat', () => {
	it('closes a room the bot serves, with the configured comment and the caller as closer', async () => {
		const test = setup();

		const outcome = await close(test, 'room1');

		expect(outcome).toEqual({ ok: true, body: { msg: ' Close chat request handled successfully' } });
		expect(test.omnichannel.closes).toEqual([
			{ roomId: 'room1', comment: 'Closed by Rasa', closer: { id: 'bot1', username: 'rasabot' } },
		]);
	});

	it.each([
		['served by a human', 'human'],
		['waiting in the queue', 'queued'],
	])('refuses a bot-role caller a room %s, and the chat stays open', async (_case, sessionId) => {
		const test = setup();

		const outcome = await close(test, sessionId);

		expect(outcome).toMatchObject({ ok: false, code: 'not-served-by-bot' });
		expect(outcome.ok || outcome.message).toMatch(/only an admin or a livechat-manager may close/);
		expect(test.omnichannel.rooms.get(sessionId)?.isOpen).toBe(true);
	});

	it.each([
		['a livechat-manager', manager],
		['an admin', admin],
	])('lets %s close a chat a human serves', async (_case, caller) => {
		const test = setup();

		const outcome = await close(test, 'human', caller);

		expect(outcome.ok).toBe(true);
		expect(test.omnichannel.closes).toEqual([
			{ roomId: 'human', comment: 'Closed by Rasa', closer: { id: caller.id, username: caller.username } },
		]);
	});

	it.each([
		['an unknown room', 'nope', 'session-not-found'],
		['a room that is not a livechat room', 'general', 'session-not-found'],
		['a closed room', 'closed', 'room-closed'],
	])('answers %s and changes nothing', async (_case, sessionId, code) => {
		const test = setup();
		const before = test.omnichannel.snapshot();

		const outcome = await close(test, sessionId, admin);

		expect(outcome).toMatchObject({ ok: false, code });
		expect(test.omnichannel.snapshot()).toBe(before);
	});

	it('answers room-closed when it lost a race Rocket.Chat reports as an unknown refusal', async () => {
		const test = setup();
		const closeSession = test.omnichannel.closeSession.bind(test.omnichannel);
		test.omnichannel.closeSession = async (session, comment, closer) => {
			// Another instance closed it between our read and our close.
			test.omnichannel.rooms.get(session.id)!.isOpen = false;
			return closeSession(session, comment, closer);
		};

		const outcome = await close(test, 'room1');

		expect(outcome).toMatchObject({ ok: false, code: 'room-closed' });
	});

	it('answers close-failed when Rocket.Chat refuses for a reason it does not name and the room is still open', async () => {
		const test = setup();
		test.omnichannel.nextClose = { ok: false, refusal: 'unknown' };

		const outcome = await close(test, 'room1');

		expect(outcome).toMatchObject({ ok: false, code: 'close-failed' });
	});

	it.each([
		['comment-required', /"Close chat message"/],
		['tags-required', /requires tags/],
	] as const)('explains a %s refusal', async (refusal, message) => {
		const test = setup();
		test.omnichannel.nextClose = { ok: false, refusal };

		const outcome = await close(test, 'room1');

		expect(outcome).toMatchObject({ ok: false, code: 'close-failed' });
		expect(outcome.ok || outcome.message).toMatch(message);
	});
});
