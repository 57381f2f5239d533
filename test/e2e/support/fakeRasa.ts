import http from 'http';
import type { AddressInfo } from 'net';

import { httpCall } from '../../../sandbox/src/client/http';

export type RasaReply = Record<string, unknown>;
export type FakeRasaMode = 'normal' | 'down' | 'slow' | 'invalid-json' | 'not-a-list';
export type ReceivedTurn = {
	channel: 'rest' | 'callback';
	sender: string;
	message: string;
	metadata?: Record<string, unknown>;
	/** When the request arrived, and the time this fake spent on it until it answered (benchmarks subtract it). */
	arrived?: bigint;
	handledMs?: number;
};

/**
 * A scripted stand-in for a Rasa server, behaving like Rasa's REST and callback channels: REST answers 200 with the
 * list of bot messages; callback POSTs each message, one per call, to the callback URL and then answers "success".
 * `reply` decides the bot messages for a text; `mode` simulates outages.
 */
export class FakeRasa {
	public readonly turns: ReceivedTurn[] = [];

	public mode: FakeRasaMode = 'normal';

	public slowMs = 3000;

	/** Where callback mode posts replies, e.g. http://127.0.0.1:3000/api/apps/public/<id>/callback?token=... */
	public callbackUrl = '';

	public callbackAnswers: number[] = [];

	private constructor(
		private readonly server: http.Server,
		public readonly url: string,
		public reply: (text: string, sender: string) => RasaReply[],
	) {}

	public static async start(reply: (text: string, sender: string) => RasaReply[]): Promise<FakeRasa> {
		let fake: FakeRasa | undefined;
		const server = http.createServer((req, res) => {
			void fake?.handle(req, res);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		fake = new FakeRasa(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, reply);
		return fake;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const arrived = process.hrtime.bigint();
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
		let body: { sender?: string; message?: string; metadata?: Record<string, unknown> } = {};
		try {
			body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
		} catch {
			// Rasa answers 400 to a body it cannot read.
			res.writeHead(400).end();
			return;
		}
		const channel = req.url?.startsWith('/webhooks/callback/') ? 'callback' : 'rest';
		if (req.method !== 'POST' || !/^\/webhooks\/(rest|callback)\/webhook/.test(req.url ?? '')) {
			res.writeHead(404).end();
			return;
		}
		this.turns.push({
			channel,
			sender: body.sender ?? '',
			message: body.message ?? '',
			metadata: body.metadata,
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
				const answer = await httpCall(this.callbackUrl, { body: { recipient_id: body.sender, ...reply } });
				this.callbackAnswers.push(answer.status);
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
