import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { callbackTokenOf, tokensMatch } from '../../src/endpoints/callbackToken';
import { visitorTurnOf } from '../../src/handlers/relayVisitorMessage';

const room = {
	id: 'room1',
	type: RoomType.LIVE_CHAT,
	isOpen: true,
	visitor: { id: 'v1', token: 'vt', username: 'guest-1' },
	servedBy: { id: 'b1', username: 'rasabot' },
};

const message = (changes: Record<string, unknown> = {}) =>
	({ room, sender: { id: 'v1', username: 'guest-1' }, text: 'hello', ...changes }) as unknown as IMessage;

describe('visitorTurnOf: which messages go to Rasa', () => {
	it('relays a visitor text', () => {
		expect(visitorTurnOf(message())).toBe('hello');
	});

	it('recognises the visitor by token when the sender id differs', () => {
		expect(visitorTurnOf(message({ sender: { id: 'x', username: 'guest-1' }, token: 'vt' }))).toBe('hello');
	});

	it("sends a quick reply's payload, not its title", () => {
		expect(
			visitorTurnOf(message({ text: 'Sales team', customFields: { rasaPayload: '/inform{"dept":"sales"}' } })),
		).toBe('/inform{"dept":"sales"}');
	});

	it.each([
		['the bot', { sender: { id: 'b1', username: 'rasabot' } }],
		['an agent', { sender: { id: 'a1', username: 'alice' } }],
		['a system message', { type: 'livechat-close' }],
		['an edit', { editedAt: new Date() }],
		['empty text', { text: '   ' }],
		['a closed room', { room: { ...room, isOpen: false } }],
		['another room type', { room: { ...room, type: RoomType.CHANNEL } }],
	])('ignores %s', (_case, changes) => {
		expect(visitorTurnOf(message(changes))).toBeUndefined();
	});
});

describe('callback token', () => {
	const request = (query: Record<string, string>, headers: Record<string, string>) => ({ query, headers }) as never;

	it('is read from the query, X-Rasa-Token or a Bearer authorization, in that order', () => {
		expect(callbackTokenOf(request({ token: 'q' }, { 'x-rasa-token': 'h' }))).toBe('q');
		expect(callbackTokenOf(request({}, { 'X-Rasa-Token': 'h' }))).toBe('h');
		expect(callbackTokenOf(request({}, { authorization: 'Bearer  b ' }))).toBe('b');
		expect(callbackTokenOf(request({}, { authorization: 'Basic abc' }))).toBeUndefined();
	});

	it('matches only the exact token', () => {
		expect(tokensMatch('secret', 'secret')).toBe(true);
		expect(tokensMatch('secreT', 'secret')).toBe(false);
		expect(tokensMatch('secret-', 'secret')).toBe(false);
		expect(tokensMatch('', 'secret')).toBe(false);
	});
});
