import type { IHttp } from '@rocket.chat/apps-engine/definition/accessors';

import { BOT, testConversation } from './support/testConversation';
import { humanPartOf, TRANSCRIPT_MAX_LINES, TRANSCRIPT_MAX_TEXT } from '../../src/conversation/lifecycle/humanPart';
import { deliverReplies } from '../../src/conversation/turns/deliverReplies';
import { relayVisitorMessage } from '../../src/conversation/turns/visitorTurns';
import { fetchImage } from '../../src/files/fetchImage';
import type { RoomMessage, Session } from '../../src/omnichannel/IOmnichannel';
import type { Assistant } from '../../src/settings/assistants';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const receipt = { id: 'f1', name: 'receipt.pdf', type: 'application/pdf', size: 2048 };

describe("a visitor's files reach Rasa as metadata, never as bytes", () => {
	const fileMessage = (text: string) => ({
		id: 'm1',
		roomId: 'room1',
		text,
		servedByUsername: BOT.username,
		files: [receipt],
	});

	it('sends the text with each file described by the workspace: type, name, size and an absolute URL', async () => {
		const test = testConversation();
		test.omnichannel.uploads.set('f1', { size: 2050, type: 'application/pdf' });

		await relayVisitorMessage(test.conversation, fileMessage('my receipt'));

		expect(test.rasa.turns).toHaveLength(1);
		expect(test.rasa.turns[0].message).toBe('my receipt');
		expect(test.rasa.turns[0].metadata?.files).toEqual([
			{
				name: 'receipt.pdf',
				type: 'application/pdf',
				size: 2050,
				url: 'https://chat.example.com/file-upload/f1/receipt.pdf',
			},
		]);
	});

	it('sends the file intent for a file without text when the admin set one, else the file names', async () => {
		const withIntent = testConversation({ settings: { file_intent: '/file_received' } });
		const withoutIntent = testConversation();

		await relayVisitorMessage(withIntent.conversation, fileMessage(''));
		await relayVisitorMessage(withoutIntent.conversation, fileMessage(''));

		expect(withIntent.rasa.turns[0].message).toBe('/file_received');
		expect(withoutIntent.rasa.turns[0].message).toBe('receipt.pdf');
	});

	it("still relays the message with what it said of its files when the workspace's upload read fails", async () => {
		const test = testConversation();
		test.omnichannel.describeFiles = async () => {
			throw new Error('upload bridge down');
		};

		await relayVisitorMessage(test.conversation, fileMessage('here'));

		expect(test.rasa.turns[0].metadata?.files).toEqual([{ name: 'receipt.pdf', type: 'application/pdf', size: 2048 }]);
		expect(test.logs.join('\n')).toContain('could not be described: upload bridge down');
	});
});

describe("a bot's image from another host", () => {
	const session = (test: ReturnType<typeof testConversation>): Session =>
		test.omnichannel.rooms.get('room1')! as Session;

	it('is fetched once and posted as a file, after the text of the same message', async () => {
		const test = testConversation({
			images: { 'https://cdn.example.org/cat.png': { ok: true, file: { name: 'cat.png', bytes: PNG } } },
		});

		await deliverReplies(test.conversation, session(test), [
			{ text: 'A cat:', image: 'https://cdn.example.org/cat.png' },
		]);

		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['A cat:']);
		expect(test.omnichannel.botFiles).toEqual([{ roomId: 'room1', sender: BOT.username, name: 'cat.png', bytes: 8 }]);
		expect(test.fetchedImages).toEqual([
			{ url: 'https://cdn.example.org/cat.png', limits: { maxBytes: 5 * 1024 * 1024, timeoutMs: 5000 } },
		]);
	});

	it('goes as its plain link when it cannot be fetched, and the log says why', async () => {
		const test = testConversation();

		await deliverReplies(test.conversation, session(test), [{ image: 'https://cdn.example.org/gone.png' }]);

		expect(test.omnichannel.botFiles).toEqual([]);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['https://cdn.example.org/gone.png']);
	});

	it('goes as its link without a fetch when "Bot images up to (MB)" is 0', async () => {
		const test = testConversation({ settings: { bot_image_max_mb: 0 } });

		await deliverReplies(test.conversation, session(test), [{ image: 'https://cdn.example.org/cat.png' }]);

		expect(test.fetchedImages).toEqual([]);
		expect(test.omnichannel.messages.map((message) => message.text)).toEqual(['https://cdn.example.org/cat.png']);
	});

	it('stays an image attachment when the workspace serves it itself, fetched by nobody', async () => {
		const test = testConversation();

		await deliverReplies(test.conversation, session(test), [
			{ image: 'https://chat.example.com/file-upload/x/cat.png' },
		]);

		expect(test.fetchedImages).toEqual([]);
		expect(test.omnichannel.botMessages[0].message).toMatchObject({
			imageUrl: 'https://chat.example.com/file-upload/x/cat.png',
		});
	});
});

describe('fetchImage', () => {
	const limits = { maxBytes: 100, timeoutMs: 1000 };
	const answering = (response: unknown) => {
		const calls: Array<{ url: string; options: unknown }> = [];
		const http = {
			get: async (url: string, options: unknown) => {
				calls.push({ url, options });
				return response;
			},
		} as unknown as IHttp;
		return { http, calls };
	};

	it('asks for the bytes within the time limit and names the file after the address', async () => {
		const { http, calls } = answering({ statusCode: 200, headers: { 'Content-Type': 'image/png' }, content: PNG });

		const fetched = await fetchImage(http, 'https://cdn.example.org/pics/Cat%20photo', limits);

		expect(fetched).toEqual({ ok: true, file: { name: 'Cat_photo.png', bytes: PNG } });
		expect(calls).toEqual([
			{ url: 'https://cdn.example.org/pics/Cat%20photo', options: { encoding: null, timeout: 1000 } },
		]);
	});

	it.each([
		['a non-image', { statusCode: 200, headers: { 'content-type': 'text/html' }, content: PNG }, /not an image/],
		['a 404', { statusCode: 404, headers: {}, content: PNG }, /answered 404/],
		['a text body', { statusCode: 200, headers: { 'content-type': 'image/png' }, content: 'abc' }, /came back as text/],
		[
			'too many bytes',
			{ statusCode: 200, headers: { 'content-type': 'image/png', 'content-length': '5000' }, content: PNG },
			/has 5000 bytes; the limit is 100/,
		],
	])('refuses %s', async (_case, response, problem) => {
		const fetched = await fetchImage(answering(response).http, 'https://cdn.example.org/a.png', limits);

		expect(fetched.ok).toBe(false);
		expect(fetched.ok || fetched.problem).toMatch(problem);
	});

	it('fetches nothing but http(s), and never puts credentials of the address in its reason', async () => {
		const { http, calls } = answering({ statusCode: 500 });

		const file = await fetchImage(http, 'file:///etc/passwd', limits);
		const secret = await fetchImage(http, 'https://user:hunter2@cdn.example.org/a.png?token=abc', limits);

		expect(file).toEqual({ ok: false, problem: 'the image address is file:, not http(s)' });
		expect(calls).toHaveLength(1);
		expect(JSON.stringify(secret)).not.toMatch(/hunter2|token=abc/);
	});
});

describe('the human part Rasa hears when a chat comes back to the bot', () => {
	const assistant = { botUsername: 'rasabot' } as Assistant;
	const session = { id: 'r', context: { visitorUsername: 'guest-1' } } as Session;
	let clock = 0;
	const said = (senderUsername: string, text: string): RoomMessage => ({
		id: `m${++clock}`,
		senderUsername,
		text,
		at: new Date(Date.UTC(2026, 0, 1, 0, 0, clock)),
	});

	it("is what the visitor and the agents said since the bot's last message, oldest first", () => {
		const newestFirst = [
			said('alice', 'Done, sending you back'),
			said('guest-1', 'thanks'),
			said('rasabot', 'hi'),
			said('guest-1', 'before the bot'),
		];

		const transcript = humanPartOf(newestFirst, session, assistant);

		expect(transcript.complete).toBe(true);
		expect(transcript.lines.map(({ from, username, text }) => ({ from, username, text }))).toEqual([
			{ from: 'visitor', username: undefined, text: 'thanks' },
			{ from: 'agent', username: 'alice', text: 'Done, sending you back' },
		]);
	});

	it('keeps the newest lines within the bounds, each cut to its limit, and says it is not complete', () => {
		const many = Array.from({ length: 40 }, (_, i) => said('alice', `${i} ${'x'.repeat(TRANSCRIPT_MAX_TEXT * 2)}`));

		const transcript = humanPartOf(many, session, assistant);

		expect(transcript.complete).toBe(false);
		expect(transcript.lines.length).toBeLessThanOrEqual(TRANSCRIPT_MAX_LINES);
		expect(transcript.lines.every((line) => line.text.length <= TRANSCRIPT_MAX_TEXT)).toBe(true);
		expect(transcript.lines.map((line) => line.text).join('').length).toBeLessThanOrEqual(4000);
		expect(transcript.lines[transcript.lines.length - 1].text.startsWith('0 ')).toBe(true);
	});

	it('says it is not available where Rocket.Chat cannot give apps a room’s messages', () => {
		expect(humanPartOf(undefined, session, assistant)).toEqual({ lines: [], complete: false, available: false });
	});
});
