import http from 'http';
import https from 'https';

/** The largest app package the sandbox downloads (Rocket.Chat sets no limit of its own; an app zip is a few MB). */
export const MAX_APP_DOWNLOAD_BYTES = 50 * 1024 * 1024;

/** How long a download may take, from the request to its last byte. */
export const APP_DOWNLOAD_TIMEOUT_MS = 30_000;

const MAX_REDIRECTS = 5;

/** What POST /api/apps {url} got: the zip, or the answer Rocket.Chat's route gives for a URL that is not one. */
export type AppDownload = { zip: Buffer } | { notAZip: true };

/**
 * Downloads an app package as Rocket.Chat's POST /api/apps {url} does (ee/server/apps/communication/rest.ts: a GET
 * that follows redirects, then only a 200 answer with Content-Type exactly application/zip is a package). The
 * sandbox fetches only http(s) URLs, follows at most 5 redirects, and stops at 50 MB or 30 s; those refusals and any
 * network error reject, which the route answers as Rocket.Chat answers a failed fetch.
 */
export function downloadAppPackage(
	url: string,
	redirectsLeft = MAX_REDIRECTS,
	deadlineAt = Date.now() + APP_DOWNLOAD_TIMEOUT_MS,
): Promise<AppDownload> {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return Promise.reject(new Error(`Not a URL: ${url}`));
	}
	if (target.protocol !== 'http:' && target.protocol !== 'https:') {
		return Promise.reject(new Error(`Only http and https URLs are downloaded, not ${target.protocol}`));
	}
	const client = target.protocol === 'https:' ? https : http;
	return new Promise<AppDownload>((resolveDownload, rejectDownload) => {
		const deadline = setTimeout(
			() => {
				reject(new Error(`The download took longer than ${APP_DOWNLOAD_TIMEOUT_MS} ms`));
				request.destroy();
			},
			Math.max(0, deadlineAt - Date.now()),
		);
		const resolve = (download: AppDownload) => {
			clearTimeout(deadline);
			resolveDownload(download);
		};
		const reject = (error: Error) => {
			clearTimeout(deadline);
			rejectDownload(error);
		};
		const request = client.get(target, { timeout: APP_DOWNLOAD_TIMEOUT_MS }, (response) => {
			const status = response.statusCode ?? 0;
			const { location } = response.headers;
			if (status >= 300 && status < 400 && location) {
				response.resume();
				if (redirectsLeft <= 0) {
					reject(new Error('Too many redirects'));
					return;
				}
				downloadAppPackage(new URL(location, target).toString(), redirectsLeft - 1, deadlineAt).then(resolve, reject);
				return;
			}
			if (status !== 200 || response.headers['content-type'] !== 'application/zip') {
				response.resume();
				resolve({ notAZip: true });
				return;
			}
			const chunks: Buffer[] = [];
			let size = 0;
			let ended = false;
			response.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MAX_APP_DOWNLOAD_BYTES) {
					reject(new Error(`The package is larger than ${MAX_APP_DOWNLOAD_BYTES} bytes`));
					request.destroy();
					return;
				}
				chunks.push(chunk);
			});
			response.on('end', () => {
				ended = true;
				resolve({ zip: Buffer.concat(chunks) });
			});
			response.on('close', () => {
				if (!ended) {
					reject(new Error('The download was cut off'));
				}
			});
		});
		request.on('timeout', () => {
			reject(new Error('The server stopped answering'));
			request.destroy();
		});
		request.on('error', reject);
	});
}
