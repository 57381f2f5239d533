import type { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

/**
 * The token Rasa sends with a callback: credentials.yml's `token` goes in the query (`?token=`), or a header
 * (`X-Rasa-Token`, or `Authorization: Bearer ...`) set through `headers`.
 */
export function callbackTokenOf(request: IApiRequest): string | undefined {
	const query = request.query?.token;
	if (typeof query === 'string' && query !== '') {
		return query;
	}
	const headers = Object.fromEntries(
		Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const header = headers['x-rasa-token'];
	if (typeof header === 'string' && header !== '') {
		return header;
	}
	const bearer = /^Bearer\s+(.+)$/i.exec(String(headers.authorization ?? ''));
	return bearer ? bearer[1].trim() : undefined;
}

/** Compares in time that depends only on the lengths, so a caller cannot guess the token a character at a time. */
export function tokensMatch(given: string, expected: string): boolean {
	let difference = given.length ^ expected.length;
	for (let i = 0; i < expected.length; i++) {
		difference |= (given.charCodeAt(i % Math.max(given.length, 1)) || 0) ^ expected.charCodeAt(i);
	}
	return difference === 0;
}
