/**
 * Media types as Rocket.Chat decides them for uploads (app/utils/lib/mimeTypes.ts, on the `mime-type` package and
 * its mime-db): a file's type from its name's extension, a type's usual extension, and what Rocket.Chat does when the
 * two disagree. The table is the part of mime-db a chat's files meet; an extension it lacks counts as unknown, as an
 * extension mime-db lacks does in Rocket.Chat.
 */

/** Extension → type (mime-db's, with Rocket.Chat's own overrides: wav, lst, ico, aac). */
const TYPE_OF_EXTENSION: Readonly<Record<string, string>> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	jpe: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	svg: 'image/svg+xml',
	bmp: 'image/bmp',
	ico: 'image/x-icon',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	pdf: 'application/pdf',
	txt: 'text/plain',
	text: 'text/plain',
	log: 'text/plain',
	lst: 'text/plain',
	csv: 'text/csv',
	html: 'text/html',
	htm: 'text/html',
	json: 'application/json',
	xml: 'application/xml',
	zip: 'application/zip',
	gz: 'application/gzip',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	mp3: 'audio/mpeg',
	mpga: 'audio/mpeg',
	wav: 'audio/wav',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	aac: 'audio/aac',
	mp4: 'video/mp4',
	webm: 'video/webm',
	mov: 'video/quicktime',
	bin: 'application/octet-stream',
};

/** Type → its first extension in mime-db (`mime.extension`): jpeg for image/jpeg, mpga for audio/mpeg. */
const EXTENSION_OF_TYPE: Readonly<Record<string, string>> = {
	// The first extension this table lists for a type, unless mime-db lists another one first (below).
	...Object.fromEntries(
		Object.entries(TYPE_OF_EXTENSION)
			.reverse()
			.map(([extension, type]) => [type, extension]),
	),
	'audio/mpeg': 'mpga',
	'audio/ogg': 'oga',
};

/** The extension after a name's last dot, lower-cased ('' without one). */
export function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > -1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** `mime.lookup(name)`: the type of the name's extension, or undefined. */
export function lookupType(name: string): string | undefined {
	return TYPE_OF_EXTENSION[extensionOf(name)];
}

/** `mime.extension(type)`: the type's usual extension, or undefined. */
export function extensionOfType(type: string): string | undefined {
	return EXTENSION_OF_TYPE[type.toLowerCase()];
}

/**
 * getMimeType (app/utils/lib/mimeTypes.ts), as the newest multipart parser types an uploaded file: the type the client
 * declared wins when it is known and its usual extension is not the file's (the name may be wrong); otherwise the
 * type of the name's extension, else application/octet-stream.
 */
export function typeOfUpload(declared: string, fileName: string): string {
	const extension = extensionOfType(declared);
	if (declared !== 'application/octet-stream' && extension && extension !== fileName.split('.').pop()) {
		return declared;
	}
	return lookupType(fileName) ?? 'application/octet-stream';
}

/** The signatures the sandbox recognises in a file's first bytes (a subset of what the `file-type` package knows). */
const SIGNATURES: ReadonlyArray<{ type: string; format: string; matches: (bytes: Buffer) => boolean }> = [
	{ type: 'image/png', format: 'png', matches: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')) },
	{
		type: 'image/jpeg',
		format: 'jpeg',
		matches: (b) => b.length > 2 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
	},
	{ type: 'image/gif', format: 'gif', matches: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
	{
		type: 'image/webp',
		format: 'webp',
		matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
	},
	{ type: 'application/pdf', format: 'pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** The type a file's bytes show (a magic number), or undefined. */
export function sniffType(bytes: Buffer): string | undefined {
	return SIGNATURES.find((signature) => signature.matches(bytes))?.type;
}

/**
 * determineFileType (ee/lib/misc/determineFileType.js), how Rocket.Chat types a file an app uploads: by the name's
 * extension first, then by the bytes' magic number, else application/octet-stream. The app cannot pass a type.
 */
export function determineFileType(bytes: Buffer, name: string): string {
	return lookupType(name) ?? sniffType(bytes) ?? 'application/octet-stream';
}

export type ImageIdentity = { format: string; size?: { width: number; height: number } };

/**
 * What FileUpload.uploadsOnValidate learns of an image with sharp's metadata (its format and pixel size), for the types
 * it looks at: png, jpeg, gif, webp (bmp too in Rocket.Chat; not here). Read from the headers; EXIF orientation is not
 * applied.
 */
export function identifyImage(bytes: Buffer, type: string): ImageIdentity | undefined {
	if (!/^image\/(p?jpeg|png|gif|webp)$/.test(type)) {
		return undefined;
	}
	const signature = SIGNATURES.find((candidate) => candidate.matches(bytes));
	if (!signature?.type.startsWith('image/')) {
		return undefined;
	}
	const size = pixelSize(bytes, signature.format);
	return { format: signature.format, ...(size ? { size } : {}) };
}

function pixelSize(bytes: Buffer, format: string): { width: number; height: number } | undefined {
	try {
		switch (format) {
			case 'png':
				return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
			case 'gif':
				return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
			case 'webp':
				return webpSize(bytes);
			case 'jpeg':
				return jpegSize(bytes);
			default:
				return undefined;
		}
	} catch {
		return undefined;
	}
}

function webpSize(bytes: Buffer): { width: number; height: number } | undefined {
	const chunk = bytes.subarray(12, 16).toString('latin1');
	if (chunk === 'VP8X') {
		return { width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
	}
	if (chunk === 'VP8L') {
		const bits = bytes.readUInt32LE(21);
		return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
	}
	if (chunk === 'VP8 ') {
		return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
	}
	return undefined;
}

/** The first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC) carries the height and width. */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) {
			return undefined;
		}
		const marker = bytes[offset + 1];
		const length = bytes.readUInt16BE(offset + 2);
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
		}
		offset += 2 + length;
	}
	return undefined;
}
