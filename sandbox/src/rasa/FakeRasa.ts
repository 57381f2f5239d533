import http from 'http';
import type { AddressInfo } from 'net';

import { httpCall } from '../client/http';

export type RasaReply = Record<string, unknown>;
export type FakeRasaMode = 'normal' | 'down' | 'slow' | 'invalid-json' | 'not-a-list';
export type ReceivedTurn = {
	channel: 'rest' | 'callback';
	sender: string;
	message: string;
	metadata?: Record<string, unknown>;
	/** The Authorization header the turn came with (an app sends URL credentials as Basic auth). */
	authorization?: string;
	/** When the request arrived, and the time this fake spent on it until it answered (benchmarks subtract it). */
	arrived?: bigint;
	handledMs?: number;
};

/** What Rasa's callback channel is configured with in credentials.yml: where to POST, and with which headers. */
export type CallbackTarget = { url: string; headers?: Record<string, string> };

/** The most recent turns (and callback answers) kept: `npm start`'s echo bot runs for days. */
export const REMEMBERED_TURNS = 1000;

function remember<T>(list: T[], item: T): void {
	list.push(item);
	if (list.length > REMEMBERED_TURNS) {
		list.splice(0, list.length - REMEMBERED_TURNS);
	}
}

/** Stands for rasa --version in what GET / answers. */
export const FAKE_RASA_VERSION = '3.6.20';

/**
 * A scripted stand-in for a Rasa server, answering as Rasa's server and channels do (rasa/server.py,
 * rasa/core/channels/rest.py, callback.py): GET / greets with the version; GET /webhooks/<channel>/ answers
 * {"status":"ok"}; REST answers 200 with the list of bot messages; callback POSTs each message, one per call, to the
 * callback URL and then answers "success". `reply` decides the bot messages for a text; `mode` simulates outages.
 * Used by the tests, the benchmarks and `npm start`'s built-in echo bot.
 */
/** A 1×1 PNG, what the stand-in image host serves. */
const PICTURE = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

export class FakeRasa {
	public readonly turns: ReceivedTurn[] = [];

	public mode: FakeRasaMode = 'normal';

	public slowMs = 3000;

	/** Where callback mode posts replies, e.g. http://127.0.0.1:3000/api/apps/public/<id>/callback?token=... */
	public callback: CallbackTarget = { url: '' };

	/** The status of each callback POST: what Rasa would log. */
	public callbackAnswers: number[] = [];

	private constructor(
		private readonly server: http.Server,
		public readonly url: string,
		public reply: (text: string, sender: string) => RasaReply[],
	) {}

	/** Starts on a free port of the loopback interface, or on `port`. */
	public static async start(
		reply: (text: string, sender: string) => RasaReply[],
		options: { port?: number; host?: string } = {},
	): Promise<FakeRasa> {
		let fake: FakeRasa | undefined;
		const server = http.createServer((req, res) => {
			void fake?.handle(req, res).catch(() => {
				if (!res.headersSent) {
					res.writeHead(500).end();
				}
			});
		});
		const host = options.host ?? '127.0.0.1';
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, host, resolve);
		});
		fake = new FakeRasa(server, `http://${host}:${(server.address() as AddressInfo).port}`, reply);
		return fake;
	}

	/** Kept for the tests written against the URL-only form. */
	public set callbackUrl(url: string) {
		this.callback = { ...this.callback, url };
	}

	public get callbackUrl(): string {
		return this.callback.url;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const arrived = process.hrtime.bigint();
		const path = (req.url ?? '').split('?')[0];
		if (req.method === 'GET') {
			this.answerGet(path, res);
			return;
		}
		res.once('finish', () => {
			const turn = this.turns.find((candidate) => candidate.handledMs === undefined && candidate.arrived === arrived);
			if (turn) {
				turn.handledMs = Number(process.hrtime.bigint() - arrived) / 1e6;
			}
		});
		const chunks: Buffer[] = [];
		for await (const chunk of req) {
			chunks.push(chunk as Buffer);
		}
		const channel = path.startsWith('/webhooks/callback/') ? 'callback' : 'rest';
		if (req.method !== 'POST' || !/^\/webhooks\/(rest|callback)\/webhook\/?$/.test(path)) {
			res.writeHead(404).end();
			return;
		}
		let body: { sender?: string; message?: string; metadata?: Record<string, unknown> } = {};
		try {
			body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
		} catch {
			// Rasa answers 400 to a body it cannot read.
			res.writeHead(400).end();
			return;
		}
		remember(this.turns, {
			channel,
			sender: body.sender ?? '',
			message: body.message ?? '',
			metadata: body.metadata,
			...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
			arrived,
		});
		if (this.mode === 'down') {
			res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"status":"failure"}');
			return;
		}
		if (this.mode === 'slow') {
			await new Promise((resolve) => setTimeout(resolve, this.slowMs).unref());
		}
		const replies = this.reply(body.message ?? '', body.sender ?? '');
		if (channel === 'callback') {
			for (const reply of replies) {
				const answer = await httpCall(this.callback.url, {
					body: { recipient_id: body.sender, ...reply },
					headers: this.callback.headers,
				}).catch(() => ({ status: 0 }));
				remember(this.callbackAnswers, answer.status);
			}
			res.writeHead(200, { 'Content-Type': 'text/plain' }).end('success');
			return;
		}
		if (this.mode === 'invalid-json') {
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('[{"text": "cut off');
			return;
		}
		if (this.mode === 'not-a-list') {
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"text":"not a list"}');
			return;
		}
		res
			.writeHead(200, { 'Content-Type': 'application/json' })
			.end(JSON.stringify(replies.map((reply) => ({ recipient_id: body.sender, ...reply }))));
	}

	/** Rasa's own GET answers: its greeting, and each enabled channel's health. */
	private answerGet(path: string, res: http.ServerResponse): void {
		if (/^\/images\/[\w-]+\.png$/.test(path)) {
			// A stand-in for the site a bot's images are on (a CDN, Rasa's static files): any name, the same picture.
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': PICTURE.length }).end(PICTURE);
		} else if (path === '/') {
			res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`Hello from Rasa: ${FAKE_RASA_VERSION}`);
		} else if (path === '/webhooks/rest/' || path === '/webhooks/callback/') {
			res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
		} else {
			res.writeHead(404).end();
		}
	}

	public turnsOf(sender: string): ReceivedTurn[] {
		return this.turns.filter((turn) => turn.sender === sender);
	}

	public stop(): Promise<void> {
		return new Promise((resolve) => {
			(this.server as http.Server & { closeAllConnections?: () => void }).closeAllConnections?.();
			this.server.close(() => resolve());
		});
	}
}
