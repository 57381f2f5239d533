import { BOT, testConversation } from './support/testConversation';
import { requireServedByAssistant } from '../../src/conversation/engine/sessionGuards';
import { relayVisitorMessage } from '../../src/conversation/turns/visitorTurns';
import type { Session } from '../../src/omnichannel/IOmnichannel';
import { Assistants, readAssistantList, type Assistant } from '../../src/settings/assistants';

const first: Assistant = {
	botUsername: 'rasabot',
	rasaServerUrl: 'http://rasa-en:5005',
	rasaMode: 'rest',
	callbackToken: 'token-en',
	welcomeIntent: '/greet',
	handoverMessage: 'Transferring you.',
	handoverFailedMessage: 'Nobody is here.',
	serviceUnavailableMessage: 'Sorry.',
};

describe('the Assistants setting', () => {
	it('adds assistants that take what they do not set from the single-bot settings', () => {
		const list = readAssistantList(
			JSON.stringify([
				{ botUsername: 'rasabot-de', rasaServerUrl: 'https://user:pw@rasa-de:5005/', welcomeIntent: '/begruessen' },
				{ botUsername: 'rasabot-fr', rasaServerUrl: 'http://rasa-fr:5005', rasaMode: 'callback', callbackToken: 'fr' },
			]),
		);
		const assistants = Assistants.of(first, list);

		expect(assistants.problem).toBeUndefined();
		expect(assistants.botUsernames).toEqual(['rasabot', 'rasabot-de', 'rasabot-fr']);
		expect(assistants.servedBy('rasabot-de')).toEqual({
			...first,
			botUsername: 'rasabot-de',
			rasaServerUrl: 'https://user:pw@rasa-de:5005',
			welcomeIntent: '/begruessen',
		});
		expect(assistants.servedBy('rasabot-fr')).toMatchObject({ rasaMode: 'callback', callbackToken: 'fr' });
		expect(assistants.servedBy('alice')).toBeUndefined();
	});

	it.each([
		['not JSON', '[{', 'is not JSON'],
		['not a list', '{"botUsername":"x"}', 'must be a JSON list'],
		['an entry without a bot', '[{"rasaServerUrl":"http://r:5005"}]', 'assistant 1 has no botUsername'],
		[
			'a URL that is not http',
			'[{"botUsername":"b","rasaServerUrl":"ftp://r"}]',
			'rasaServerUrl must be an http(s) URL',
		],
		[
			'an unknown field',
			'[{"botUsername":"b","rasaServerUrl":"http://r","secret":"x"}]',
			'a field the app does not know',
		],
		['a wrong channel', '[{"botUsername":"b","rasaServerUrl":"http://r","rasaMode":"grpc"}]', 'rasaMode must be'],
		[
			'a repeated bot',
			'[{"botUsername":"b","rasaServerUrl":"http://r"},{"botUsername":"b","rasaServerUrl":"http://s"}]',
			'repeats the bot b',
		],
		[
			'the first bot again',
			'[{"botUsername":"rasabot","rasaServerUrl":"http://r"}]',
			'repeats the bot of "Bot username"',
		],
	])('takes none of a list with %s, keeps the first assistant, and says why', (_case, raw, problem) => {
		const assistants = Assistants.of(first, readAssistantList(raw));

		expect(assistants.botUsernames).toEqual(['rasabot']);
		expect(assistants.problem).toContain(problem);
	});

	it('never quotes a token or a password in what it says', () => {
		const raw = JSON.stringify([
			{ botUsername: 'b', rasaServerUrl: 'http://u:PASSWORD@r', callbackToken: 'TOKEN' },
			{ botUsername: 'b', rasaServerUrl: 'http://r' },
		]);
		expect(readAssistantList(raw).problem).not.toMatch(/PASSWORD|TOKEN/);
	});
});

describe('a bot acts only in its own chats', () => {
	const assistants = Assistants.of(
		first,
		readAssistantList('[{"botUsername":"rasabot-de","rasaServerUrl":"http://rasa-de:5005"}]'),
	);
	const chatOf = (servedByUsername: string): Session => ({
		id: 'r1',
		isLivechat: true,
		isOpen: true,
		servedByUsername,
	});

	it("answers the serving assistant, for a caller who is no bot or is that chat's bot", () => {
		expect(requireServedByAssistant(chatOf('rasabot-de'), assistants, 'x')).toMatchObject({
			botUsername: 'rasabot-de',
		});
		expect(requireServedByAssistant(chatOf('rasabot-de'), assistants, 'x', { username: 'rasabot-de' })).toMatchObject({
			botUsername: 'rasabot-de',
		});
		expect(requireServedByAssistant(chatOf('rasabot-de'), assistants, 'x', { username: 'admin' })).toMatchObject({
			botUsername: 'rasabot-de',
		});
	});

	it("refuses another assistant's bot with not-served-by-bot, as for a chat no bot serves", () => {
		expect(requireServedByAssistant(chatOf('rasabot-de'), assistants, 'so no', { username: 'rasabot' })).toEqual({
			ok: false,
			code: 'not-served-by-bot',
			message: 'The livechat room "r1" is served by "rasabot-de", not by the bot "rasabot"; so no.',
		});
		expect(requireServedByAssistant(chatOf('alice'), assistants, 'so no')).toMatchObject({
			code: 'not-served-by-bot',
			message: expect.stringContaining('not by any of the bots "rasabot", "rasabot-de"'),
		});
	});
});

describe('turns go to the serving assistant', () => {
	it("sends each chat's turns to its own assistant's Rasa", async () => {
		const test = testConversation({
			settings: { assistants: '[{"botUsername":"rasabot-de","rasaServerUrl":"http://rasa-de:5005"}]' },
		});
		test.omnichannel.addRoom({ id: 'room-de', servedByUsername: 'rasabot-de', servedById: 'bot-de' });

		await relayVisitorMessage(test.conversation, {
			id: 'm1',
			roomId: 'room1',
			text: 'hello',
			servedByUsername: BOT.username,
		});
		await relayVisitorMessage(test.conversation, {
			id: 'm2',
			roomId: 'room-de',
			text: 'hallo',
			servedByUsername: 'rasabot-de',
		});

		expect(test.rasa.assistants).toEqual([BOT.username, 'rasabot-de']);
	});
});
