/**
 * The Rasa server's address as an admin typed it, which may carry credentials (http://user:secret@rasa:5005).
 * Credentials travel as a Basic Authorization header, as Rocket.Chat's own server fetch would send them; logs only
 * ever see the address without credentials, query or fragment.
 */
export type RasaAddress = {
	/** The URL to call for a path such as /webhooks/rest/webhook: no credentials, the admin's query kept. */
	urlFor(path: string): string;
	readonly authorization?: string;
	/** For logs and answers: scheme, host, port and path only. */
	readonly safe: string;
};

const URL_PARTS = /^(https?:\/\/)(?:([^/?#]*)@)?([^/?#]+)([^?#]*)(\?[^#]*)?(#.*)?$/i;

export function readRasaAddress(url: string): RasaAddress | undefined {
	const match = URL_PARTS.exec(url.trim());
	if (!match) {
		return undefined;
	}
	const [, scheme, credentials, host, path, query = ''] = match;
	const safe = `${scheme}${host}${path.replace(/\/+$/, '')}`;
	return {
		urlFor: (endpoint: string) => `${safe}${endpoint}${query}`,
		safe,
		...(credentials ? { authorization: `Basic ${base64(decodeCredentials(credentials))}` } : {}),
	};
}

/** Removes credentials and query strings from any URL inside a text (e.g. an error message that quotes one). */
export function withoutSecrets(text: string): string {
	return text.replace(/(\w+:\/\/)[^/\s]*@/g, '$1').replace(/(\w+:\/\/[^\s?#]*)[?#][^\s)'"]*/g, '$1');
}

function decodeCredentials(credentials: string): string {
	try {
		return decodeURIComponent(credentials);
	} catch {
		return credentials;
	}
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 then base64, written out: neither Buffer (Node) nor btoa (Deno, browsers) exists in every app runtime. */
export function base64(text: string): string {
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x80) {
			bytes.push(code);
		} else if (code < 0x800) {
			bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
		} else if (code < 0x10000) {
			bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
		} else {
			bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
		}
	}
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
		const chunk = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
		out += ALPHABET[(chunk >> 18) & 63] + ALPHABET[(chunk >> 12) & 63];
		out += b === undefined ? '=' : ALPHABET[(chunk >> 6) & 63];
		out += c === undefined ? '=' : ALPHABET[chunk & 63];
	}
	return out;
}
