import zlib from 'zlib';

import { Router, type Request, type Response } from 'express';

import type { SandboxServices } from './SandboxServices';
import { readForm } from './multipart';
import { Forbidden, rcHandle } from './rcRoute';
import { text } from './restAnswers';
import { restMessage } from './restShapes';
import { extensionOfType, lookupType } from '../workspace/mimeTypes';
import type { UploadRecord } from '../workspace/types';
import { UploadRefused } from '../workspace/uploadRules';

/** Past this the sandbox stops reading an upload's body (Rocket.Chat streams it to a temporary file instead). */
const BODY_CAP = 1024 * 1024 * 1024;

/**
 * Files, as Rocket.Chat serves them: a livechat visitor's upload (POST /api/v1/livechat/upload/:rid, as the widget
 * posts it: multipart, field `file`, header x-visitor-token, optional `description`) and every upload's bytes at
 * /file-upload/:id/:name (app/file-upload/server/lib/requests.ts with the GridFS store's `get`,
 * config/GridFS.ts). The rules are the workspace's (uploadRules.ts, fileAccess.ts).
 */
export function fileUploadRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.post(
		'/api/v1/livechat/upload/:rid',
		rcHandle(async (req, res) => {
			const token = text(req.get('x-visitor-token'));
			const rid = String(req.params.rid);
			try {
				workspace.admitVisitorUpload(token, rid);
				const form = readForm(await readBody(req), req.get('content-type'));
				const message = workspace.receiveVisitorUpload(token ?? '', rid, form);
				// sendMessageLivechat answers the stored message with the routing's connecting hint (RoutingManager config).
				const showConnecting = workspace.settings.Livechat_Routing_Method === 'Manual_Selection';
				res.status(200).json({ ...restMessage(message), newRoom: false, showConnecting, success: true });
			} catch (error) {
				if (error instanceof UploadRefused && error.kind === 'forbidden') {
					throw new Forbidden();
				}
				if (error instanceof UploadRefused) {
					res.status(400).json({ ...error.details, success: false });
					return;
				}
				throw error;
			}
		}),
	);

	// Every method, as Meteor's connect handler answers them; the id is the first segment, the name is not checked.
	router.use('/file-upload', (req, res) => {
		const match = /^\/([^/]+)\/(.*)/.exec(req.url);
		const upload = match ? workspace.uploads.find(match[1]) : undefined;
		if (!upload) {
			res.writeHead(404);
			res.end();
			return;
		}
		if (!workspace.canReadFile(fileRequest(req), upload)) {
			res.writeHead(403);
			res.end();
			return;
		}
		serveFile(req, res, upload, workspace.uploads.bytesOf(upload._id) ?? Buffer.alloc(0));
	});

	return router;
}

/** The request's query, cookies and login headers, for FileUpload.requestCanAccessFiles. */
function fileRequest(req: Request) {
	const query = Object.fromEntries(new URL(req.originalUrl, 'http://sandbox').searchParams.entries());
	const cookies = Object.fromEntries(
		(req.headers.cookie ?? '')
			.split(';')
			.map((pair) => pair.trim())
			.filter((pair) => pair.includes('='))
			.map((pair) => {
				const at = pair.indexOf('=');
				return [pair.slice(0, at), safeDecode(pair.slice(at + 1))];
			}),
	);
	return { query, cookies, headers: { userId: req.get('x-user-id'), authToken: req.get('x-auth-token') } };
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/**
 * The GridFS store's answer: its security and caching headers (requests.ts), the file's name with its type's extension
 * (FileUpload.addExtensionTo), `attachment` unless `?contentDisposition=inline` (config/helper.ts), its date, type and
 * length, then the bytes, gzip- or deflate-encoded when the client accepts it (readFromGridFS). Range requests are not
 * modelled: the whole file is answered.
 */
function serveFile(req: Request, res: Response, upload: UploadRecord, bytes: Buffer): void {
	const disposition = new URL(req.originalUrl, 'http://sandbox').searchParams.get('contentDisposition');
	const headers: Record<string, string> = {
		'Content-Security-Policy': "default-src 'none'",
		'Cache-Control': 'max-age=31536000',
		'Content-Disposition': `${disposition === 'inline' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(
			nameWithExtension(upload),
		)}`,
		'Last-Modified': upload.uploadedAt.toUTCString(),
		'Content-Type': upload.type || 'application/octet-stream',
	};
	const accepted = String(req.headers['accept-encoding'] ?? '');
	if (/\bgzip\b/.test(accepted)) {
		res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip' });
		res.end(zlib.gzipSync(bytes));
		return;
	}
	if (/\bdeflate\b/.test(accepted)) {
		res.writeHead(200, { ...headers, 'Content-Encoding': 'deflate' });
		res.end(zlib.deflateSync(bytes));
		return;
	}
	res.writeHead(200, { ...headers, 'Content-Length': String(upload.size) });
	res.end(bytes);
}

/** FileUpload.addExtensionTo: a name whose extension is not its type's gets the type's (not for octet-stream). */
function nameWithExtension(upload: UploadRecord): string {
	if (lookupType(upload.name) === upload.type || upload.type === 'application/octet-stream') {
		return upload.name;
	}
	const extension = extensionOfType(upload.type);
	return extension && !new RegExp(`\\.${extension}$`, 'i').test(upload.name)
		? `${upload.name}.${extension}`
		: upload.name;
}

/** The raw request body (the REST API's parsers leave multipart bodies alone). */
function readBody(req: Request): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let length = 0;
		req.on('data', (chunk: Buffer) => {
			length += chunk.length;
			if (length > BODY_CAP) {
				req.destroy(new Error('The upload is larger than the sandbox reads'));
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}
