import { renderMarkdown } from '../console/src/markdown';

describe("the console's message rendering", () => {
	it('renders Rocket.Chat markdown: bold, italic, strike, code, links, quotes, line breaks', () => {
		expect(renderMarkdown('*bold* _italic_ ~gone~ `x < y`')).toBe(
			'<strong>bold</strong> <em>italic</em> <del>gone</del> <code>x &#60; y</code>',
		);
		expect(renderMarkdown('see [docs](https://rasa.com/docs) or https://rocket.chat.')).toBe(
			'see <a href="https://rasa.com/docs" target="_blank" rel="noopener noreferrer">docs</a> or ' +
				'<a href="https://rocket.chat" target="_blank" rel="noopener noreferrer">https://rocket.chat</a>.',
		);
		expect(renderMarkdown('> quoted\nplain')).toBe('<blockquote>quoted</blockquote><br>plain');
		expect(renderMarkdown('```\nconst a = 1;\n```')).toBe('<pre><code>const a = 1;\n</code></pre>');
	});

	it('never lets message text become markup', () => {
		const html = renderMarkdown('<img src=x onerror=alert(1)> [x](javascript:alert(1)) *<b>*');
		expect(html).not.toMatch(/<img|<b>|href="javascript/);
		expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
	});

	it('leaves formatting inside code alone', () => {
		expect(renderMarkdown('`*not bold*`')).toBe('<code>*not bold*</code>');
	});
});
