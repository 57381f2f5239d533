import http from 'http';
import https from 'https';

export type HttpAnswer = {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The body as received (a file's bytes). */
	bytes: Buffer;
	text: string;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	json: any;
};

export type HttpCall = {
	method?: string;
	headers?: Record<string, string>;
	/** Sent as is; objects are sent as JSON. */
	body?: string | Buffer | object;
	timeoutMs?: number;
};

/**
 * A tiny HTTP client on Node's http module: it sends bodies byte for byte (forms as Python requests encodes them,
 * multipart uploads) and returns the raw text beside the parsed JSON, so tests can assert exact bytes.
 */
export function httpCall(url: string, call: HttpCall = {}): Promise<HttpAnswer> {
	const target = new URL(url);
	const headers: Record<string, string> = { ...call.headers };
	let payload: Buffer | undefined;
	if (Buffer.isBuffer(call.body)) {
		payload = call.body;
	} else if (typeof call.body === 'string') {
		payload = Buffer.from(call.body);
	} else if (call.body !== undefined) {
		payload = Buffer.from(JSON.stringify(call.body));
		headers['Content-Type'] = headers['Content-Type'] ?? 'application/json';
	}
	if (payload) {
		headers['Content-Length'] = String(payload.length);
	}
	const transport = target.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = transport.request(
			target,
			{ method: call.method ?? (payload ? 'POST' : 'GET'), headers, agent: false },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const bytes = Buffer.concat(chunks);
					const text = bytes.toString('utf8');
					let json: unknown;
					try {
						json = JSON.parse(text);
					} catch {
						json = undefined;
					}
					resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes, text, json });
				});
				response.on('error', reject);
			},
		);
		request.setTimeout(call.timeoutMs ?? 30000, () => request.destroy(new Error(`${url} timed out`)));
		request.on('error', reject);
		request.end(payload);
	});
}

/** A form body exactly as Python's requests.post(url, data=dict) encodes it (quote_plus, nested dicts flattened to keys). */
export function pythonForm(fields: Record<string, string | Record<string, string>>): string {
	const quotePlus = (value: string) =>
		encodeURIComponent(value)
			.replace(/%20/g, '+')
			.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(fields)) {
		// requests iterates a dict value like a list: only its keys survive.
		const values = typeof value === 'string' ? [value] : Object.keys(value);
		for (const item of values) {
			pairs.push(`${quotePlus(key)}=${quotePlus(item)}`);
		}
	}
	return pairs.join('&');
}

/** A multipart/form-data body with one file field, as browsers and rc-apps upload an app. */
export function multipartFile(field: string, filename: string, content: Buffer): { body: Buffer; contentType: string } {
	return multipartForm([{ field, filename, type: 'application/zip', bytes: content }]);
}

/** A multipart/form-data body as a browser's FormData sends it: file parts (name, type, bytes) and text fields. */
export function multipartForm(
	parts: Array<{ field: string; filename: string; type: string; bytes: Buffer } | { field: string; value: string }>,
): { body: Buffer; contentType: string } {
	const boundary = `----rasa-e2e-${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const head =
			'value' in part
				? `--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"\r\n\r\n`
				: `--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.filename}"\r\n` +
					`Content-Type: ${part.type}\r\n\r\n`;
		chunks.push(Buffer.from(head), 'value' in part ? Buffer.from(part.value) : part.bytes, Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
