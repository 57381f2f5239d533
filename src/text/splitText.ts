/**
 * Splits a text into parts of at most `maxLength` characters (as JavaScript counts them, like Rocket.Chat's size
 * check), in order, losing nothing: each part ends at the last paragraph break, else line break, else space in the
 * second half of its room, else it is cut, never inside a surrogate pair. Breaks stay at the end of their part.
 */
export function splitText(text: string, maxLength: number): string[] {
	const parts: string[] = [];
	let rest = text;
	while (rest.length > maxLength) {
		const cut = cutAt(rest, maxLength);
		parts.push(rest.slice(0, cut));
		rest = rest.slice(cut);
	}
	if (rest.length > 0 || parts.length === 0) {
		parts.push(rest);
	}
	return parts;
}

function cutAt(text: string, maxLength: number): number {
	const window = text.slice(0, maxLength);
	const floor = Math.floor(maxLength / 2);
	for (const separator of ['\n\n', '\n', ' ']) {
		const at = window.lastIndexOf(separator);
		if (at >= floor) {
			return at + separator.length;
		}
	}
	const code = text.charCodeAt(maxLength - 1);
	// A high surrogate at the end would be cut from its low half.
	return code >= 0xd800 && code <= 0xdbff && maxLength > 1 ? maxLength - 1 : maxLength;
}
