import { randomBytes, createHash } from 'crypto';

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

/** A 17-character id like Rocket.Chat's Random.id(). */
export function newId(length = 17): string {
	const bytes = randomBytes(length);
	let id = '';
	for (const byte of bytes) {
		id += ALPHABET[byte % ALPHABET.length];
	}
	return id;
}

/** How Rocket.Chat stores login tokens: sha256, base64. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('base64');
}

export function hashPassword(password: string, salt = randomBytes(8).toString('hex')): string {
	return `${salt}:${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`;
}

export function passwordMatches(password: string, stored: string | undefined): boolean {
	if (!stored) {
		return false;
	}
	const [salt] = stored.split(':');
	return hashPassword(password, salt) === stored;
}
