/**
 * Message text as Rocket.Chat shows it (its message parser): *bold*, _italic_, ~strike~, `code`, ```code blocks```,
 * [links](https://...), bare links, > quotes and line breaks. Everything is escaped first: message text can never
 * become markup of its own.
 */
/** "> " as escapeHtml writes it. */
const QUOTE = '&#62; ';

export function renderMarkdown(text: string): string {
	const codes: string[] = [];
	// Finished pieces wait behind a private-use character, so later patterns cannot touch them.
	const keep = (html: string) => `\uE000${codes.push(html) - 1}\uE000`;
	let html = escapeHtml(text.replace(/\uE000/g, ''));
	html = html.replace(/```(?:[\w-]*\n)?([\s\S]*?)```/g, (_match, code: string) =>
		keep(`<pre><code>${code}</code></pre>`),
	);
	html = html.replace(/`([^`\n]+)`/g, (_match, code: string) => keep(`<code>${code}</code>`));
	html = html.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_match, label: string, url: string) =>
		keep(link(url, label)),
	);
	html = html.replace(
		/(^|[\s(])(https?:\/\/[^\s<]+[^\s<.,;:!?)])/g,
		(_match, before: string, url: string) => `${before}${keep(link(url, url))}`,
	);
	html = html.replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,;:!?])/g, '$1<strong>$2</strong>');
	html = html.replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');
	html = html.replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,;:!?])/g, '$1<del>$2</del>');
	html = html
		.split('\n')
		.map((line) => (line.startsWith(QUOTE) ? `<blockquote>${line.slice(QUOTE.length)}</blockquote>` : line))
		.join('<br>')
		.replace(/<\/blockquote><br><blockquote>/g, '<br>');
	return html.replace(/\uE000(\d+)\uE000/g, (_match, index: string) => codes[Number(index)]);
}

function link(url: string, label: string): string {
	return `<a href="${url}" target="_blank" rel="noopener noreferrer">${label}</a>`;
}

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
