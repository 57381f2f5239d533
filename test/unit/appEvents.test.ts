import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { visitorMessageOf } from '../../src/omnichannel/appEvents';
import { readQuickReplyClick } from '../../src/omnichannel/quickReplyButtons';
import { callbackTokenOf, tokensMatch } from '../../src/rasa/channels/callback';

const room = {
	id: 'room1',
	type: RoomType.LIVE_CHAT,
	isOpen: true,
	visitor: { id: 'v1', token: 'vt', username: 'guest-1' },
	servedBy: { id: 'b1', username: 'rasabot' },
};

const message = (changes: Record<string, unknown> = {}) =>
	({ id: 'm1', room, sender: { id: 'v1', username: 'guest-1' }, text: 'hello', ...changes }) as unknown as IMessage;

describe('visitorMessageOf: which messages are a visitor turn', () => {
	it("reads a visitor's text, with who served the room", () => {
		expect(visitorMessageOf(message())).toEqual({
			id: 'm1',
			roomId: 'room1',
			text: 'hello',
			servedByUsername: 'rasabot',
		});
	});

	it('recognises the visitor by token when the sender id differs', () => {
		expect(visitorMessageOf(message({ sender: { id: 'x', username: 'guest-1' }, token: 'vt' }))?.text).toBe('hello');
	});

	it("does not take a missing token for the visitor's", () => {
		const visitorWithoutToken = { ...room, visitor: { id: 'v1', username: 'guest-1' } };
		expect(
			visitorMessageOf(message({ room: visitorWithoutToken, sender: { id: 'b1', username: 'rasabot' } })),
		).toBeUndefined();
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
		expect(visitorMessageOf(message(changes))).toBeUndefined();
	});

	const upload = {
		file: { _id: 'f1', name: 'receipt.pdf', type: 'application/pdf' },
		attachments: [
			{ title: { value: 'receipt.pdf', link: '/file-upload/f1/receipt.pdf' }, description: 'my receipt', type: 'file' },
		],
	};

	it("reads a visitor's file (Rocket.Chat 5.x and later: `file`), its path, and the description as the text", () => {
		expect(visitorMessageOf(message({ ...upload, text: '' }))).toEqual({
			id: 'm1',
			roomId: 'room1',
			text: 'my receipt',
			files: [{ id: 'f1', name: 'receipt.pdf', type: 'application/pdf', path: '/file-upload/f1/receipt.pdf' }],
			servedByUsername: 'rasabot',
		});
	});

	it('reads `files` where the converter maps them or leaves them unmapped (6.8+), and skips thumbnails', () => {
		const files = [
			{ _id: 'f1', name: 'photo.png', type: 'image/png' },
			{ _id: 't1', name: 'thumb-photo.png', type: 'image/png', typeGroup: 'thumb' },
		];
		const mapped = visitorMessageOf(message({ text: '', files }));
		const unmapped = visitorMessageOf(message({ text: 'look', _unmappedProperties_: { files } }));

		expect(mapped?.files?.map((file) => file.name)).toEqual(['photo.png']);
		expect(mapped?.text).toBe('');
		expect(unmapped?.files?.map((file) => file.id)).toEqual(['f1']);
		expect(unmapped?.text).toBe('look');
	});
});

describe('readQuickReplyClick: which clicks are ours', () => {
	it('reads the title and payload of one of our buttons', () => {
		expect(readQuickReplyClick('rasa-quick-reply-0', '{"title":"Sales","payload":"/sales"}')).toEqual({
			title: 'Sales',
			payload: '/sales',
		});
	});

	it.each([
		["another app's button", 'other-0', '{"title":"a","payload":"b"}'],
		['a value that is not JSON', 'rasa-quick-reply-0', 'oops'],
		['a value without a payload', 'rasa-quick-reply-0', '{"title":"a"}'],
		['a value with a blank title', 'rasa-quick-reply-0', '{"title":" ","payload":"b"}'],
		['a huge value', 'rasa-quick-reply-0', JSON.stringify({ title: 'a', payload: 'x'.repeat(20000) })],
	])('ignores %s', (_case, actionId, value) => {
		expect(readQuickReplyClick(actionId, value)).toBeUndefined();
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
