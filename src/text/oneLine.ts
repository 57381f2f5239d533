/**
 * Text safe to echo into a log line or an answer: control characters (newline, NUL...) and the Unicode controls that
 * reorder or hide text (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) become spaces, so a caller cannot forge log
 * lines or disguise what they sent; long text is clipped.
 */
export function oneLine(text: string, maxLength = 200): string {
	const clean = Array.from(text, (char) => (isUnsafe(char) ? ' ' : char)).join('');
	return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}

function isUnsafe(char: string): boolean {
	const code = char.codePointAt(0) ?? 0;
	return (
		code < 0x20 ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x061c ||
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x2028 && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}
