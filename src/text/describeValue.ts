import { oneLine } from './oneLine';

const LONG = 256;

/** Names what a caller sent, for an error message, without echoing more than a short, one-line excerpt of it. */
export function describeValue(value: unknown): string {
	if (value === undefined) {
		return 'missing';
	}
	if (typeof value === 'string') {
		if (value.trim() === '') {
			return 'empty';
		}
		return `"${oneLine(value, 60)}"${value.length > LONG ? ' (too long)' : ''}`;
	}
	if (Array.isArray(value)) {
		return 'a list (was the field sent more than once?)';
	}
	return value === null ? 'null' : `a ${typeof value}`;
}
