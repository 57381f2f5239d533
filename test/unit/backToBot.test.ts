import { BOT, testConversation } from './support/testConversation';
import { backToBot } from '../../src/conversation/actions/backToBot';
import { performAction } from '../../src/conversation/engine/performAction';
import { servedBy } from '../../src/conversation/engine/servedBy';

const alice = { id: 'alice-id', username: 'alice', roles: ['livechat-agent'] };
const bob = { id: 'bob-id', username: 'bob', roles: ['livechat-agent'] };
const manager = { id: 'm1', username: 'mia', roles: ['livechat-manager'] };

function setup(settings: Record<string, unknown> = {}) {
	const test = testConversation({
		settings: {
			assistants: '[{"botUsername":"rasabot-de","rasaServerUrl":"http://rasa-de:5005"}]',
			...settings,
		},
	});
	test.omnichannel
		.addRoom({ id: 'human', servedByUsername: 'alice', servedById: 'alice-id', departmentId: 'dep-sales' })
		.addAgent({ id: BOT.id, username: BOT.username, isAgent: true })
		.addAgent({ id: 'bot-de', username: 'rasabot-de', isAgent: true });
	return test;
}

const back = (test: ReturnType<typeof setup>, sessionId: string, caller: typeof alice) =>
	performAction(test.conversation, backToBot, sessionId, {}, caller);

describe('back-to-bot', () => {
	it('lets the serving agent send the chat back to the assistant whose bot served it before', async () => {
		const test = setup();
		await test.memory.note('human', servedBy({ botUsername: 'rasabot-de' } as never));

		const outcome = await back(test, 'human', alice);

		expect(outcome).toEqual({ ok: true, body: { msg: ' Back to the bot request handled successfully' } });
		expect(test.omnichannel.transfers).toEqual([{ roomId: 'human', agentId: 'bot-de' }]);
	});

	it('sends a chat no assistant served before to the first assistant', async () => {
		const test = setup();

		await back(test, 'human', manager);

		expect(test.omnichannel.transfers).toEqual([{ roomId: 'human', agentId: BOT.id }]);
	});

	it('refuses an agent who does not serve the chat, and nothing moves', async () => {
		const test = setup();

		const outcome = await back(test, 'human', bob);

		expect(outcome).toMatchObject({ ok: false, code: 'not-allowed' });
		expect(outcome.ok || outcome.message).toContain('"bob" neither serves the livechat room "human"');
		expect(test.omnichannel.transfers).toEqual([]);
	});

	it('answers already-with-bot for a chat a bot serves', async () => {
		const test = setup();

		const outcome = await back(test, 'room1', manager);

		expect(outcome).toMatchObject({ ok: false, code: 'already-with-bot' });
		expect(test.omnichannel.transfers).toEqual([]);
	});

	it('explains a bot that is not a livechat agent', async () => {
		const test = setup();
		test.omnichannel.addAgent({ id: BOT.id, username: BOT.username, isAgent: false });

		const outcome = await back(test, 'human', alice);

		expect(outcome).toMatchObject({ ok: false, code: 'not-an-agent' });
		expect(outcome.ok || outcome.message).toContain('Omnichannel → Agents');
		expect(test.omnichannel.transfers).toEqual([]);
	});

	it('tells the caller the bot is offline when Rocket.Chat refuses the transfer for it', async () => {
		const test = setup();
		test.omnichannel.nextTransfer = { ok: false, refusal: 'agent-offline' };

		const outcome = await back(test, 'human', alice);

		expect(outcome).toMatchObject({ ok: false, code: 'agent-not-available' });
	});

	it('transfers once when two agents ask at once', async () => {
		const test = setup();

		const outcomes = await Promise.all([back(test, 'human', alice), back(test, 'human', manager)]);

		expect(test.omnichannel.transfers).toHaveLength(1);
		expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
		expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ code: 'already-with-bot' });
	});
});
