/** Extracts one field's bytes from a multipart/form-data body (how rc-apps and the admin UI upload an app). */
export function multipartField(body: Buffer, contentType: string | undefined, field: string): Buffer | undefined {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!boundary) {
		return undefined;
	}
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next === -1) {
			return undefined;
		}
		const part = body.subarray(start + delimiter.length, next);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			if (new RegExp(`name="${field}"`).test(headers)) {
				// The part ends with the CRLF that precedes the next delimiter.
				return part.subarray(headerEnd + 4, part.length - 2);
			}
		}
		start = next;
	}
	return undefined;
}
