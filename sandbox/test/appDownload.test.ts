import http from 'http';
import type { AddressInfo } from 'net';

import { downloadAppPackage, MAX_APP_DOWNLOAD_BYTES } from '../src/http/appDownload';

/** POST /api/apps {url}: what the sandbox accepts as a package, and where it stops. */
describe('downloading an app package', () => {
	let server: http.Server;
	let base = '';

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			switch (req.url) {
				case '/app.zip':
					res.writeHead(200, { 'Content-Type': 'application/zip' });
					res.end(Buffer.from('PK zip'));
					return;
				case '/moved':
					res.writeHead(302, { Location: '/app.zip' });
					res.end();
					return;
				case '/loop':
					res.writeHead(302, { Location: '/loop' });
					res.end();
					return;
				case '/text':
					res.writeHead(200, { 'Content-Type': 'text/plain' });
					res.end('not a zip');
					return;
				case '/zip-with-charset':
					res.writeHead(200, { 'Content-Type': 'application/zip; charset=binary' });
					res.end('PK');
					return;
				case '/huge': {
					res.writeHead(200, { 'Content-Type': 'application/zip' });
					const chunk = Buffer.alloc(1024 * 1024);
					let sent = 0;
					const pump = () => {
						while (sent <= MAX_APP_DOWNLOAD_BYTES && res.write(chunk)) {
							sent += chunk.length;
						}
						if (sent <= MAX_APP_DOWNLOAD_BYTES) {
							res.once('drain', pump);
						} else {
							res.end();
						}
					};
					pump();
					res.on('error', () => undefined);
					return;
				}
				default:
					res.writeHead(404, { 'Content-Type': 'application/zip' });
					res.end();
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		(server as http.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
		await new Promise((resolve) => server.close(resolve));
	});

	it('takes a 200 answer of type application/zip, following redirects', async () => {
		await expect(downloadAppPackage(`${base}/app.zip`)).resolves.toEqual({ zip: Buffer.from('PK zip') });
		await expect(downloadAppPackage(`${base}/moved`)).resolves.toEqual({ zip: Buffer.from('PK zip') });
	});

	it('calls anything else not a zip, as Rocket.Chat compares the status and the exact Content-Type', async () => {
		await expect(downloadAppPackage(`${base}/text`)).resolves.toEqual({ notAZip: true });
		await expect(downloadAppPackage(`${base}/zip-with-charset`)).resolves.toEqual({ notAZip: true });
		await expect(downloadAppPackage(`${base}/missing`)).resolves.toEqual({ notAZip: true });
	});

	it('fetches only http(s), follows a bounded number of redirects and stops at the size limit', async () => {
		await expect(downloadAppPackage('file:///etc/passwd')).rejects.toThrow('Only http and https');
		await expect(downloadAppPackage('not a url')).rejects.toThrow('Not a URL');
		await expect(downloadAppPackage(`${base}/loop`)).rejects.toThrow('Too many redirects');
		await expect(downloadAppPackage(`${base}/huge`)).rejects.toThrow('larger than');
	});
});
