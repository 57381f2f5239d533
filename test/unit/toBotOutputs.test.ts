import { parseReplies, withoutCredentials } from '../../src/rasa/RasaClient';
import { readControlPayload } from '../../src/rasa/controlPayload';
import { toBotOutputs } from '../../src/rasa/toBotOutputs';

describe('toBotOutputs: Rasa replies → what the bot shows or does', () => {
	it('maps text, buttons, image and attachment, in order', () => {
		expect(
			toBotOutputs([
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

	it('turns control payloads into controls and other custom payloads into skips', () => {
		expect(
			toBotOutputs([
				{ custom: { action: 'handover', targetDepartment: 'Sales' } },
				{ custom: { action: 'close-chat' } },
				{ custom: { map: { lat: 1 } } },
			]),
		).toEqual([
			{ kind: 'control', control: { action: 'handover', targetDepartment: 'Sales' } },
			{ kind: 'control', control: { action: 'close-chat' } },
			{ kind: 'ignored', reason: 'custom payload with keys map' },
		]);
	});

	it('never breaks on unknown keys, wrong types or empty values', () => {
		expect(
			toBotOutputs([
				{ text: 42, buttons: 'nope', image: 'javascript:alert(1)', unknown: true } as never,
				{ text: '   ' },
				{ buttons: [null, 'x', { title: 3 }] },
				{},
			]),
		).toEqual([]);
	});

	it('shows an attachment it cannot read as a short JSON excerpt', () => {
		const [output] = toBotOutputs([{ attachment: { weird: 'x'.repeat(5000) } }]);
		expect(output).toMatchObject({
			kind: 'message',
			message: { attachment: { text: expect.stringContaining('weird') } },
		});
		expect(JSON.stringify(output).length).toBeLessThan(1200);
	});
});

describe('readControlPayload', () => {
	it.each([
		[{ action: 'handover' }, { action: 'handover' }],
		[
			{ action: 'handover', targetDepartment: ' Sales ' },
			{ action: 'handover', targetDepartment: 'Sales' },
		],
		[
			{ action: 'handover', actionData: { targetDepartment: 'Support' } },
			{ action: 'handover', targetDepartment: 'Support' },
		],
		[{ action: 'close-chat', targetDepartment: 'x' }, { action: 'close-chat' }],
	])('reads %p', (custom, expected) => {
		expect(readControlPayload(custom)).toEqual(expected);
	});

	it.each([null, 'handover', [], { action: 'transfer' }, { Action: 'close-chat' }])('ignores %p', (custom) => {
		expect(readControlPayload(custom)).toBeUndefined();
	});
});

describe('parseReplies (REST answers)', () => {
	it('accepts a list, keeping only message objects', () => {
		expect(parseReplies('[{"text":"a"}, 3, null, {"image":"https://x.y/z.png"}]')).toEqual({
			ok: true,
			replies: [{ text: 'a' }, { image: 'https://x.y/z.png' }],
		});
	});

	it('treats [] as a silent bot', () => {
		expect(parseReplies('[]')).toEqual({ ok: true, replies: [] });
	});

	it.each(['', '[{"text": "cut', '{"text":"a"}', 'null'])('refuses %p', (content) => {
		expect(parseReplies(content)).toMatchObject({ ok: false });
	});
});

describe('withoutCredentials', () => {
	it('drops user and password from URLs in log lines', () => {
		expect(withoutCredentials('Rasa at http://bot:s3cret@rasa:5005 failed (https://a:b@x.y/z)')).toBe(
			'Rasa at http://rasa:5005 failed (https://x.y/z)',
		);
	});
});
