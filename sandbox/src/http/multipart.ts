import type { UploadForm } from '../workspace/uploadRules';

/** One part of a multipart/form-data body: its headers (lower-case names) and its bytes. */
type Part = { headers: Record<string, string>; bytes: Buffer };

function boundaryOf(contentType: string | undefined): string | undefined {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	return boundary ? (boundary[1] ?? boundary[2]).trim() : undefined;
}

function partsOf(body: Buffer, boundary: string): Part[] {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: Part[] = [];
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const next = body.indexOf(delimiter, start + delimiter.length);
		if (next === -1) {
			break;
		}
		const part = body.subarray(start + delimiter.length, next);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = Object.fromEntries(
				part
					.subarray(0, headerEnd)
					.toString('utf8')
					.split('\r\n')
					.filter((line) => line.includes(':'))
					.map((line) => {
						const colon = line.indexOf(':');
						return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
					}),
			);
			// The part ends with the CRLF that precedes the next delimiter.
			parts.push({ headers, bytes: part.subarray(headerEnd + 4, part.length - 2) });
		}
		start = next;
	}
	return parts;
}

/** A Content-Disposition parameter, `filename*=UTF-8''…` (RFC 5987) before the plain one, as busboy reads them. */
function dispositionParameter(disposition: string, name: string): string | undefined {
	const extended = new RegExp(`;\\s*${name}\\*=([^']*)'[^']*'([^;]*)`, 'i').exec(disposition);
	if (extended) {
		return decodeURIComponent(extended[2]);
	}
	const plain = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(disposition);
	return plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2].trim()) : undefined;
}

/**
 * A multipart/form-data body read as busboy reads it for Rocket.Chat's upload routes: a part with a filename is a file
 * (its Content-Type, text/plain when it has none, as busboy's default), any other part a field (UTF-8). Busboy's own
 * refusals come first: no Content-Type, a type that is not multipart, no boundary.
 */
export function readForm(body: Buffer, contentType: string | undefined): UploadForm {
	if (!contentType) {
		throw new Error('Missing Content-Type');
	}
	if (!/^multipart\/form-data/i.test(contentType.trim())) {
		throw new Error(`Unsupported content type: ${contentType}`);
	}
	const boundary = boundaryOf(contentType);
	if (!boundary) {
		throw new Error('Multipart: Boundary not found');
	}
	const form: UploadForm = { files: [], fields: {} };
	for (const part of partsOf(body, boundary)) {
		const disposition = part.headers['content-disposition'] ?? '';
		const field = dispositionParameter(disposition, 'name') ?? '';
		const filename = dispositionParameter(disposition, 'filename');
		if (filename !== undefined) {
			const type = (part.headers['content-type'] ?? 'text/plain').split(';')[0].trim();
			form.files.push({ field, filename, type, bytes: Buffer.from(part.bytes) });
		} else {
			form.fields[field] = part.bytes.toString('utf8');
		}
	}
	return form;
}

/** One field's bytes of a multipart/form-data body (how rc-apps and the admin UI upload an app). */
export function multipartField(body: Buffer, contentType: string | undefined, field: string): Buffer | undefined {
	const boundary = boundaryOf(contentType);
	if (!boundary) {
		return undefined;
	}
	const part = partsOf(body, boundary).find(
		(candidate) => dispositionParameter(candidate.headers['content-disposition'] ?? '', 'name') === field,
	);
	return part?.bytes;
}
