import { restChannel } from '../../src/rasa/channels/rest';
import { base64, readRasaAddress, withoutSecrets } from '../../src/rasa/rasaUrl';
import { readReplies } from '../../src/rasa/readReplies';

describe('readReplies: Rasa replies → what the bot shows or does', () => {
	it('maps text, buttons, image and attachment, in order', () => {
		expect(
			readReplies([
				{ text: 'Hello' },
				{ text: 'Pick one', buttons: [{ title: 'Sales', payload: '/inform{"dept":"sales"}' }, { title: 'Help' }] },
				{ image: 'https://example.com/cat.png' },
				{ attachment: { type: 'file', payload: { src: 'https://example.com/a.pdf', title: 'Brochure' } } },
			]),
		).toEqual([
			{ kind: 'message', message: { text: 'Hello' } },
			{
				kind: 'message',
				message: {
					text: 'Pick one',
					quickReplies: [
						{ title: 'Sales', payload: '/inform{"dept":"sales"}' },
						{ title: 'Help', payload: 'Help' },
					],
				},
			},
			{ kind: 'message', message: { imageUrl: 'https://example.com/cat.png' } },
			{ kind: 'message', message: { attachment: { link: 'https://example.com/a.pdf', title: 'Brochure' } } },
		]);
	});

	it('turns custom payloads that name an action into action requests, and skips the others', () => {
		expect(
			readReplies([
				{ custom: { action: 'handover', targetDepartment: 'Sales' } },
				{ custom: { action: 'handover', actionData: { targetDepartment: 'Support' } } },
				{ custom: { action: 'close-chat' } },
				{ custom: { map: { lat: 1 } } },
				{ custom: 'handover' },
			]),
		).toEqual([
			{ kind: 'action', name: 'handover', data: { targetDepartment: 'Sales' } },
			{ kind: 'action', name: 'handover', data: { targetDepartment: 'Support' } },
			{ kind: 'action', name: 'close-chat', data: {} },
			{ kind: 'ignored', reason: 'custom payload with keys map' },
			{ kind: 'ignored', reason: 'custom payload with keys (none)' },
		]);
	});

	it('keeps at most 25 buttons, and only titles and payloads a person can read', () => {
		const buttons = Array.from({ length: 30 }, (_, index) => ({ title: `b${index}`, payload: `/p${index}` }));
		buttons.push({ title: 'x'.repeat(600), payload: '/long' });
		const [output] = readReplies([{ text: 'Pick', buttons }]);
		expect(output.kind === 'message' && output.message.quickReplies).toHaveLength(25);
	});

	it('never breaks on unknown keys, wrong types or empty values', () => {
		expect(
			readReplies([
				{ text: 42, buttons: 'nope', image: 'javascript:alert(1)', unknown: true } as never,
				{ text: '   ' },
				{ buttons: [null, 'x', { title: 3 }] },
				{},
			]),
		).toEqual([]);
	});

	it('puts what the livechat widget would not show into the text: an attachment without a link, after the text', () => {
		const outputs = readReplies([
			{ attachment: { weird: 'x'.repeat(5000) } },
			{ text: 'Our opening hours:', attachment: { title: 'Mon-Fri 9-17' } },
			{ attachment: 'Just a note' },
		]);
		expect(outputs).toEqual([
			{ kind: 'message', message: { text: expect.stringContaining('weird') } },
			{ kind: 'message', message: { text: 'Our opening hours:\n\nMon-Fri 9-17' } },
			{ kind: 'message', message: { text: 'Just a note' } },
		]);
		expect(JSON.stringify(outputs[0]).length).toBeLessThan(1200);
	});

	it('makes a file card of an attachment with a link, titled with the link when it has no title', () => {
		expect(readReplies([{ attachment: { payload: { src: 'https://example.com/a.pdf' } } }])).toEqual([
			{
				kind: 'message',
				message: { attachment: { link: 'https://example.com/a.pdf', title: 'https://example.com/a.pdf' } },
			},
		]);
	});
});

describe("the REST channel's answer", () => {
	it('accepts a list, keeping only message objects', () => {
		expect(restChannel.readAnswer('[{"text":"a"}, 3, null, {"image":"https://x.y/z.png"}]')).toEqual({
			ok: true,
			replies: [{ text: 'a' }, { image: 'https://x.y/z.png' }],
			dropped: 0,
		});
	});

	it('treats [] as a silent bot', () => {
		expect(restChannel.readAnswer('[]')).toEqual({ ok: true, replies: [], dropped: 0 });
	});

	it('keeps the first 100 messages of a longer answer and counts the rest', () => {
		const answer = restChannel.readAnswer(JSON.stringify(Array.from({ length: 1000 }, () => ({ text: 'x' }))));
		expect(answer).toMatchObject({ ok: true, dropped: 900 });
		expect(answer.ok && answer.replies).toHaveLength(100);
	});

	it.each(['', '[{"text": "cut', '{"text":"a"}', 'null'])('refuses %p', (content) => {
		expect(restChannel.readAnswer(content)).toMatchObject({ ok: false });
	});
});

describe('the Rasa address', () => {
	it('sends credentials in the URL as Basic auth, and keeps them and the query out of what is logged', () => {
		const address = readRasaAddress('http://bot:s3cr%40t@rasa:5005/base/?token=abc');
		expect(address?.safe).toBe('http://rasa:5005/base');
		expect(address?.urlFor('/webhooks/rest/webhook')).toBe('http://rasa:5005/base/webhooks/rest/webhook?token=abc');
		expect(address?.authorization).toBe(`Basic ${Buffer.from('bot:s3cr@t').toString('base64')}`);
	});

	it('takes the last @ before the host, as URL parsers do', () => {
		expect(readRasaAddress('http://user:p@ss@rasa:5005')?.authorization).toBe(
			`Basic ${Buffer.from('user:p@ss').toString('base64')}`,
		);
	});

	it('has no authorization without credentials, and refuses what is not http(s)', () => {
		expect(readRasaAddress('https://rasa.example.com')?.authorization).toBeUndefined();
		expect(readRasaAddress('ftp://rasa')).toBeUndefined();
		expect(readRasaAddress('rasa:5005')).toBeUndefined();
	});

	it('encodes UTF-8 in base64 as Buffer does', () => {
		for (const text of ['', 'a', 'ab', 'abc', 'bot:pässwörd', 'emoji 😀 ok']) {
			expect(base64(text)).toBe(Buffer.from(text).toString('base64'));
		}
	});

	it('drops credentials and query strings from URLs in log lines', () => {
		expect(withoutSecrets('Rasa at http://bot:s3cret@rasa:5005 failed (https://a:b@x.y/z?token=1)')).toBe(
			'Rasa at http://rasa:5005 failed (https://x.y/z)',
		);
	});
});
