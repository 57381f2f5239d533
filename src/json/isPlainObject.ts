/** A JSON object (not null, not a list): what callers send as bodies and what Rasa puts in custom payloads. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
