/** Header and query names whose values are credentials. */
const SECRET_NAMES = /^(x-auth-token|authorization|cookie|x-rasa-token|x-user-id|token|access_token|x-api-key)$/i;
const REDACTED = '[redacted by the Rasa app]';
const OMITTED = '[body omitted by the Rasa app]';

type LogEntry = { args?: unknown[] };

/**
 * The engine logs every endpoint call's request, headers and query included, at debug level into the app's log
 * (deno-runtime/handlers/api-handler.ts), which Rocket.Chat stores and shows admins: the caller's X-Auth-Token and
 * the callback token among them. The logger of the call is the app's, before it is shipped to Rocket.Chat with the
 * answer, so the app blanks those values, and drops the body, in the entries already written. Best effort: engines
 * that keep their entries elsewhere are left as they are (docs/security.md says what an admin can do).
 */
export function scrubRequestLog(logger: unknown): void {
	const entries = (logger as { entries?: unknown } | undefined)?.entries;
	if (!Array.isArray(entries)) {
		return;
	}
	for (const entry of entries as LogEntry[]) {
		if (Array.isArray(entry?.args)) {
			entry.args = entry.args.map(scrub);
		}
	}
}

function scrub(value: unknown): unknown {
	if (typeof value !== 'object' || value === null) {
		return value;
	}
	const request = value as Record<string, unknown>;
	if (!('headers' in request) && !('query' in request)) {
		return value;
	}
	// The body goes too: the app logs what it needs, and a deeply nested body would make the whole answer
	// unencodable on its way back to Rocket.Chat (the engine's msgpack codec stops at 100 levels).
	return {
		...request,
		headers: blank(request.headers),
		query: blank(request.query),
		...('content' in request ? { content: OMITTED } : {}),
	};
}

function blank(values: unknown): unknown {
	if (typeof values !== 'object' || values === null) {
		return values;
	}
	return Object.fromEntries(
		Object.entries(values as Record<string, unknown>).map(([name, value]) => [
			name,
			SECRET_NAMES.test(name) ? REDACTED : value,
		]),
	);
}
