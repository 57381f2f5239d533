import fc from 'fast-check';

import { splitText } from '../../src/text/splitText';

describe('splitting a text the workspace would refuse', () => {
	it('keeps a text that fits as it is', () => {
		expect(splitText('short', 10)).toEqual(['short']);
		expect(splitText('', 10)).toEqual(['']);
	});

	it('cuts after a paragraph, else a line, else a space, and loses nothing', () => {
		expect(splitText('aaaa\n\nbbbb cc', 8)).toEqual(['aaaa\n\n', 'bbbb cc']);
		expect(splitText('aaaa\nbbb ccc', 8)).toEqual(['aaaa\n', 'bbb ccc']);
		expect(splitText('aaaaa bbbbb', 8)).toEqual(['aaaaa ', 'bbbbb']);
	});

	it('cuts a text with no break where it must, never between the halves of a surrogate pair', () => {
		expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
		const emoji = 'abc😀def';
		const parts = splitText(emoji, 4);
		expect(parts).toEqual(['abc', '😀de', 'f']);
		expect(parts.join('')).toBe(emoji);
	});

	it('never makes a part longer than allowed, whatever the text', () => {
		const text = Array.from({ length: 3000 }, (_, index) => (index % 7 === 0 ? 'x\n' : 'word ')).join('');
		const parts = splitText(text, 100);
		expect(parts.every((part) => part.length <= 100 && part.length > 0)).toBe(true);
		expect(parts.join('')).toBe(text);
	});
});

describe('splitText, as a property of any text', () => {
	const word = fc.string({ unit: fc.constantFrom(...'abcdefghij'), minLength: 1, maxLength: 9 });
	const piece = fc.oneof(word, word, fc.constantFrom(' ', '  ', '\n', '\n\n', '😀', '𝄞x', 'é'));
	const text = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));
	const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;

	it('makes parts no longer than allowed, which join back to the text, none ending inside a surrogate pair', () => {
		fc.assert(
			fc.property(text, fc.integer({ min: 2, max: 40 }), (input, maxLength) => {
				const parts = splitText(input, maxLength);
				expect(parts.join('')).toBe(input);
				for (const part of parts) {
					expect(part.length).toBeLessThanOrEqual(maxLength);
					expect(part.length > 0 || input === '').toBe(true);
					expect(isHigh(part.charCodeAt(part.length - 1))).toBe(false);
				}
			}),
			{ numRuns: 2000 },
		);
	});
});
