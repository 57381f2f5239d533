/**
 * Meteor's `check(value, pattern)` for the patterns the visitor's routes use (String, Boolean, Match.Maybe,
 * Match.ObjectIncluding, a plain object pattern that allows no other key, [pattern]), throwing its `Match error: ...`
 * messages; Rocket.Chat's router answers them with a 400 (app/api/server/api.ts).
 */
export type Pattern =
	| 'string'
	| 'boolean'
	| { maybe: Pattern }
	| { objectIncluding: Record<string, Pattern> }
	| { object: Record<string, Pattern> }
	| { arrayOf: Pattern };

/** Match.Maybe(pattern) */
export const maybe = (pattern: Pattern): Pattern => ({ maybe: pattern });

/** Match.ObjectIncluding(shape) */
export const objectIncluding = (shape: Record<string, Pattern>): Pattern => ({ objectIncluding: shape });

class MatchError extends Error {
	constructor(
		reason: string,
		public path = '',
	) {
		super(reason);
	}
}

function typeName(value: unknown): string {
	if (value === null) {
		return 'null';
	}
	return Array.isArray(value) ? 'array' : typeof value;
}

function test(value: unknown, pattern: Pattern): void {
	if (pattern === 'string' || pattern === 'boolean') {
		if (typeName(value) !== pattern) {
			throw new MatchError(`Expected ${pattern}, got ${typeName(value)}`);
		}
		return;
	}
	if ('maybe' in pattern) {
		if (value !== undefined && value !== null) {
			test(value, pattern.maybe);
		}
		return;
	}
	if ('arrayOf' in pattern) {
		if (!Array.isArray(value)) {
			throw new MatchError(`Expected array, got ${typeName(value)}`);
		}
		value.forEach((item, index) => within(`[${index}]`, () => test(item, pattern.arrayOf)));
		return;
	}
	const shape = 'object' in pattern ? pattern.object : pattern.objectIncluding;
	if (typeName(value) !== 'object') {
		throw new MatchError(`Expected object, got ${typeName(value)}`);
	}
	const record = value as Record<string, unknown>;
	if ('object' in pattern) {
		const unknown = Object.keys(record).find((key) => !(key in shape));
		if (unknown) {
			within(unknown, () => {
				throw new MatchError('Unknown key');
			});
		}
	}
	for (const [key, keyPattern] of Object.entries(shape)) {
		if (!(key in record) && !(typeof keyPattern === 'object' && 'maybe' in keyPattern)) {
			throw new MatchError(`Missing key '${key}'`);
		}
		within(key, () => test(record[key], keyPattern));
	}
}

function within(key: string, check: () => void): void {
	try {
		check();
	} catch (error) {
		if (error instanceof MatchError) {
			error.path = error.path ? `${key}${error.path.startsWith('[') ? '' : '.'}${error.path}` : key;
		}
		throw error;
	}
}

/** check(value, pattern): throws `Match error: <reason>[ in field <path>]`. */
export function check(value: unknown, pattern: Pattern): void {
	try {
		test(value, pattern);
	} catch (error) {
		if (error instanceof MatchError) {
			throw new Error(`Match error: ${error.message}${error.path ? ` in field ${error.path}` : ''}`);
		}
		throw error;
	}
}
