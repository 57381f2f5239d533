/**
 * How a stored setting value becomes the one the app works with. Rocket.Chat hands back whatever was saved (a blank
 * text, a number typed as text, nothing at all): every reader here answers a usable value and never throws.
 */

/** A blank or missing value falls back, so a cleared setting never yields an empty message. */
export const readText =
	(fallback: string) =>
	(value: unknown): string =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;

export const readFlag =
	(fallback: boolean) =>
	(value: unknown): boolean =>
		typeof value === 'boolean' ? value : fallback;

/** One of `choices`; anything else reads as the fallback. */
export const readChoice =
	<T extends string>(choices: ReadonlyArray<T>, fallback: T) =>
	(value: unknown): T => {
		const chosen = readText(fallback)(value);
		return choices.includes(chosen as T) ? (chosen as T) : fallback;
	};

/** An intent as Rasa takes it in a message ("/name"); empty: off. */
export const readIntent = (value: unknown): string => {
	const name = readText('')(value);
	return name && !name.startsWith('/') ? `/${name}` : name;
};

/** Minutes, as a number of milliseconds; 0 (off) for anything not positive. Decimals allowed (0.5 = 30 s). */
export const readMinutes = (value: unknown): number => {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? Math.round(number * 60000) : 0;
};

/** Seconds, as a number of milliseconds between `min` and `max` seconds; the fallback for anything not positive. */
export const readSeconds =
	(fallback: number, min: number, max: number) =>
	(value: unknown): number => {
		const seconds = Number(value);
		const valid = Number.isFinite(seconds) && seconds > 0 ? seconds : fallback;
		return Math.round(Math.min(Math.max(valid, min), max) * 1000);
	};

/** "admin, livechat-manager,bot" → ["admin", "livechat-manager", "bot"]. */
export const readList =
	(fallback: string) =>
	(value: unknown): ReadonlyArray<string> =>
		readText(fallback)(value)
			.split(/[\s,]+/)
			.map((item) => item.trim())
			.filter((item) => item !== '');

/** An address without its trailing slashes, so paths can be appended to it. */
export const readBaseUrl =
	(fallback: string) =>
	(value: unknown): string =>
		readText(fallback)(value).replace(/\/+$/, '');

/** Megabytes, as a number of bytes up to `max` MB; 0 (off) for 0, the fallback for anything unreadable. */
export const readMegabytes =
	(fallback: number, max: number) =>
	(value: unknown): number => {
		const megabytes = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
		const valid = Number.isFinite(megabytes) && megabytes >= 0 ? megabytes : fallback;
		return Math.round(Math.min(valid, max) * 1024 * 1024);
	};
