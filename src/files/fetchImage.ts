import type { IHttp } from '@rocket.chat/apps-engine/definition/accessors';

import type { BotFile } from '../omnichannel/IOmnichannel';
import { withoutSecrets } from '../rasa/rasaUrl';
import { errorMessage } from '../text/errorMessage';
import { oneLine } from '../text/oneLine';

export type ImageLimits = { readonly maxBytes: number; readonly timeoutMs: number };

/** The image's bytes with a file name, or why not (a sentence for the log, without secrets). */
export type FetchedImage =
	| { readonly ok: true; readonly file: BotFile }
	| { readonly ok: false; readonly problem: string };

/** What a fetched image is called when its address names no file: its type's usual extension. */
const EXTENSIONS: Readonly<Record<string, string>> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/svg+xml': 'svg',
	'image/bmp': 'bmp',
	'image/avif': 'avif',
};

/**
 * Fetches a bot's image once, so that the workspace can store and serve it: http(s) only, an image by its
 * Content-Type, within the size and time limits. Rocket.Chat's HTTP bridge returns the body as bytes when asked
 * with `encoding: null` (every version since 5.0), and reads the whole body: the size is checked on the header
 * first, then on what came. Never throws.
 */
export async function fetchImage(http: IHttp, url: string, limits: ImageLimits): Promise<FetchedImage> {
	let address: URL;
	try {
		address = new URL(url);
	} catch {
		return { ok: false, problem: 'the image address is not a URL' };
	}
	if (address.protocol !== 'http:' && address.protocol !== 'https:') {
		return { ok: false, problem: `the image address is ${address.protocol}, not http(s)` };
	}
	const where = withoutSecrets(`${address.origin}${address.pathname}`);
	let response;
	try {
		response = await http.get(url, { encoding: null, timeout: limits.timeoutMs });
	} catch (error) {
		return {
			ok: false,
			problem: `the image at ${where} could not be fetched: ${oneLine(withoutSecrets(errorMessage(error)), 200)}`,
		};
	}
	if (response?.statusCode !== 200) {
		return { ok: false, problem: `the image at ${where} answered ${response?.statusCode ?? 'nothing'}` };
	}
	const type = headerOf(response.headers, 'content-type').split(';')[0].trim().toLowerCase();
	if (!type.startsWith('image/')) {
		return { ok: false, problem: `${where} is not an image (Content-Type ${type || 'missing'})` };
	}
	const declared = Number(headerOf(response.headers, 'content-length'));
	const content = response.content as unknown;
	// Not instanceof: engines before the Deno runtime hand the app the host's Buffer, from another realm.
	const bytes = ArrayBuffer.isView(content) ? (content as Uint8Array) : undefined;
	if (!bytes) {
		return {
			ok: false,
			problem: `the image at ${where} came back as text: this Rocket.Chat cannot fetch files for apps`,
		};
	}
	const size = Math.max(bytes.length, Number.isFinite(declared) ? declared : 0);
	if (size > limits.maxBytes || bytes.length === 0) {
		return {
			ok: false,
			problem: `the image at ${where} has ${size} bytes; the limit is ${limits.maxBytes} ("Bot images up to (MB)")`,
		};
	}
	return { ok: true, file: { name: fileNameOf(address, type), bytes } };
}

function headerOf(headers: Record<string, string> | undefined, name: string): string {
	const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
	return found ? String(found[1]) : '';
}

/** The address's last segment, kept to safe characters, with the type's extension when it has none. */
function fileNameOf(address: URL, type: string): string {
	const last = decodeURIComponentSafe(address.pathname.split('/').pop() ?? '');
	const safe = last
		.replace(/[^\w.-]+/g, '_')
		.replace(/^[._]+/, '')
		.slice(0, 100);
	const extension = EXTENSIONS[type] ?? 'img';
	if (!safe) {
		return `image.${extension}`;
	}
	return /\.[a-z0-9]{2,5}$/i.test(safe) ? safe : `${safe}.${extension}`;
}

function decodeURIComponentSafe(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
