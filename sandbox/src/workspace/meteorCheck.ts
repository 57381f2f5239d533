/**
 * The part of Meteor's `check`/`Match` (meteor/check, match.js) that Rocket.Chat's routes and methods the sandbox
 * models use, with Meteor's own messages: a failed check throws a `Match.Error` whose message is
 * "Match error: <what> [in field <path>]", e.g. "Match error: Missing key 'agentId' in field upsert[0]". Rocket.Chat's
 * REST API answers such an error with 400 and that message (it has no `error` code, so no errorType).
 */

class Optional {
	constructor(public readonly pattern: Pattern) {}
}

class Maybe {
	constructor(public readonly pattern: Pattern) {}
}

class OneOf {
	constructor(public readonly choices: Pattern[]) {}
}

class ObjectIncluding {
	constructor(public readonly pattern: Record<string, Pattern>) {}
}

const INTEGER = Symbol('Match.integer');

export type Pattern =
	| StringConstructor
	| NumberConstructor
	| BooleanConstructor
	| ObjectConstructor
	| ArrayConstructor
	| typeof INTEGER
	| Optional
	| Maybe
	| OneOf
	| ObjectIncluding
	| Pattern[]
	| { [key: string]: Pattern };

/** Meteor's Match.Integer, Match.Optional, Match.Maybe, Match.OneOf and Match.ObjectIncluding (named in lower case). */
export const Match = {
	integer: INTEGER,
	optional: (pattern: Pattern) => new Optional(pattern),
	maybe: (pattern: Pattern) => new Maybe(pattern),
	oneOf: (...choices: Pattern[]) => new OneOf(choices),
	objectIncluding: (pattern: Record<string, Pattern>) => new ObjectIncluding(pattern),
} as const;

/** Meteor's Match.Error, as thrown by check(). */
export class MatchError extends Error {
	public readonly errorType = 'Match.Error';

	public path = '';

	constructor(message: string) {
		super(`Match error: ${message}`);
		this.name = 'Match.Error';
	}
}

type Failure = { message: string; path: string };

/** stringForErrorMessage: EJSON of the value, or only its type. */
function describe(value: unknown, onlyShowType = false): string {
	if (value === null) {
		return 'null';
	}
	if (onlyShowType) {
		return typeof value;
	}
	if (value === undefined) {
		return 'undefined';
	}
	try {
		return JSON.stringify(value) ?? typeof value;
	} catch {
		return typeof value;
	}
}

/** _prependPath: array indexes in brackets, identifiers joined with dots. */
function prependPath(key: string | number, base: string): string {
	let step = String(key);
	if (typeof key === 'number' || /^[0-9]+$/.test(step)) {
		step = `[${step}]`;
	} else if (!/^[a-z_$][0-9a-z_$]*$/i.test(step)) {
		step = JSON.stringify([step]);
	}
	return base && base[0] !== '[' ? `${step}.${base}` : `${step}${base}`;
}

const TYPEOF_CHECKS: Array<[unknown, string, (value: unknown) => boolean]> = [
	[String, 'string', (value) => typeof value === 'string'],
	[Number, 'number', (value) => typeof value === 'number'],
	[Boolean, 'boolean', (value) => typeof value === 'boolean'],
];

function isPlainObject(value: object): boolean {
	const proto = Object.getPrototypeOf(value);
	return proto === null || proto === Object.prototype;
}

function testSubtree(value: unknown, pattern: Pattern): Failure | false {
	for (const [type, name, matches] of TYPEOF_CHECKS) {
		if (pattern === type) {
			return matches(value) ? false : { message: `Expected ${name}, got ${describe(value, true)}`, path: '' };
		}
	}
	if (pattern === INTEGER) {
		return typeof value === 'number' && Number.isInteger(value)
			? false
			: { message: `Expected Integer, got ${describe(value)}`, path: '' };
	}
	if (pattern === Object) {
		return testSubtree(value, new ObjectIncluding({}));
	}
	if (Array.isArray(pattern)) {
		if (!Array.isArray(value)) {
			return { message: `Expected array, got ${describe(value)}`, path: '' };
		}
		for (let index = 0; index < value.length; index++) {
			const result = testSubtree(value[index], pattern[0]);
			if (result) {
				return { message: result.message, path: prependPath(index, result.path) };
			}
		}
		return false;
	}
	if (pattern instanceof Maybe) {
		return testSubtree(value, new OneOf([undefined as never, null as never, pattern.pattern]));
	}
	if (pattern instanceof Optional) {
		return testSubtree(value, new OneOf([undefined as never, pattern.pattern]));
	}
	if (pattern instanceof OneOf) {
		const matches = pattern.choices.some((choice) =>
			choice === undefined || choice === null ? value === choice : !testSubtree(value, choice),
		);
		return matches ? false : { message: 'Failed Match.OneOf, Match.Maybe or Match.Optional validation', path: '' };
	}
	if (pattern === Array) {
		return Array.isArray(value) ? false : { message: 'Expected Array', path: '' };
	}
	return testObject(value, pattern as ObjectIncluding | Record<string, Pattern>);
}

function testObject(value: unknown, pattern: ObjectIncluding | Record<string, Pattern>): Failure | false {
	const unknownKeysAllowed = pattern instanceof ObjectIncluding;
	const keys = pattern instanceof ObjectIncluding ? pattern.pattern : pattern;
	if (typeof value !== 'object') {
		return { message: `Expected object, got ${typeof value}`, path: '' };
	}
	if (value === null) {
		return { message: 'Expected object, got null', path: '' };
	}
	if (!isPlainObject(value)) {
		return { message: 'Expected plain object', path: '' };
	}
	const required = new Map<string, Pattern>();
	const optional = new Map<string, Pattern>();
	for (const [key, subPattern] of Object.entries(keys)) {
		(subPattern instanceof Optional || subPattern instanceof Maybe ? optional : required).set(key, subPattern);
	}
	for (const [key, subValue] of Object.entries(value)) {
		const subPattern = required.get(key) ?? optional.get(key);
		if (subPattern === undefined) {
			if (!unknownKeysAllowed) {
				return { message: 'Unknown key', path: key };
			}
			continue;
		}
		// An optional key is tested against its inner pattern, so that its own failure is reported (Meteor unwraps it).
		const skip = subValue === undefined || (subValue === null && subPattern instanceof Maybe);
		const inner = subPattern instanceof Optional || subPattern instanceof Maybe ? subPattern.pattern : subPattern;
		const result = skip && inner !== subPattern ? false : testSubtree(subValue, inner);
		if (result) {
			return { message: result.message, path: prependPath(key, result.path) };
		}
		required.delete(key);
	}
	const [missing] = [...required.keys()];
	return missing === undefined ? false : { message: `Missing key '${missing}'`, path: '' };
}

/** Meteor's check(value, pattern): throws a MatchError when the value does not match. */
export function check(value: unknown, pattern: Pattern): void {
	const result = testSubtree(value, pattern);
	if (result) {
		const error = new MatchError(result.message);
		if (result.path) {
			error.message += ` in field ${result.path}`;
			error.path = result.path;
		}
		throw error;
	}
}
