import fs from 'fs';
import http from 'http';
import net from 'net';
import os from 'os';
import path from 'path';

import { denoBinary } from '../../sandbox/src/engine/SandboxEngine';

/** Node 20's WebSocket client (the soak runs node with --experimental-websocket): no dependency for one socket. */
type Socket = {
	addEventListener(type: 'open' | 'error' | 'message', listener: (event: { data?: unknown }) => void): void;
	removeEventListener(type: 'message', listener: (event: { data?: unknown }) => void): void;
	send(data: string): void;
	close(): void;
};
/** A V8 CPU profile, as the inspector's Profiler.stop answers it (the .cpuprofile format of Chrome's DevTools). */
export type CpuProfile = {
	nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
	samples: number[];
};

const { WebSocket } = globalThis as unknown as { WebSocket?: new (url: string) => Socket };

/**
 * Lets the soak see the app's Deno heap from outside: RSS alone cannot tell a leak from V8 keeping memory it has
 * freed. The engine spawns plain `deno` from PATH with a fixed environment, so a `deno` placed first on PATH that
 * adds `--inspect` to the real one is the only way in; through the inspector, a forced garbage collection and the
 * heap size that is still in use.
 */
export class DenoInspector {
	private socket?: Promise<Socket>;

	private lastId = 0;

	private constructor(private readonly port: number) {}

	/** Puts the wrapper first on PATH; apps started after this run with an inspector on the returned port. */
	public static async install(): Promise<DenoInspector> {
		const realDeno = denoBinary();
		const port = await freePort();
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deno-inspect-'));
		const wrapper = path.join(folder, 'deno');
		fs.writeFileSync(
			wrapper,
			`#!/bin/sh\ncommand=$1\nshift\nexec '${realDeno}' "$command" --inspect=127.0.0.1:${port} "$@"\n`,
		);
		fs.chmodSync(wrapper, 0o755);
		process.env.PATH = `${folder}${path.delimiter}${process.env.PATH ?? ''}`;
		return new DenoInspector(port);
	}

	/** Collects garbage in the Deno process, then answers the heap still in use, in MB. */
	public async heapAfterGcMb(): Promise<number> {
		await this.call('HeapProfiler.collectGarbage');
		const { usedSize } = (await this.call('Runtime.getHeapUsage')) as { usedSize: number };
		return usedSize / 2 ** 20;
	}

	/** Starts sampling the Deno process's CPU (every 100 µs). */
	public async startProfiling(): Promise<void> {
		await this.call('Profiler.enable');
		await this.call('Profiler.setSamplingInterval', { interval: 100 });
		await this.call('Profiler.start');
	}

	/** Stops sampling and answers the profile. */
	public async stopProfiling(): Promise<CpuProfile> {
		const { profile } = (await this.call('Profiler.stop')) as { profile: CpuProfile };
		return profile;
	}

	/** Writes a heap snapshot (after a garbage collection) that Chrome's DevTools can open, to compare two points. */
	public async heapSnapshot(file: string): Promise<void> {
		const socket = await (this.socket ??= this.connect());
		const chunks: string[] = [];
		const onChunk = (event: { data?: unknown }) => {
			const message = JSON.parse(String(event.data)) as { method?: string; params?: { chunk: string } };
			if (message.method === 'HeapProfiler.addHeapSnapshotChunk' && message.params) {
				chunks.push(message.params.chunk);
			}
		};
		socket.addEventListener('message', onChunk);
		try {
			await this.call('HeapProfiler.collectGarbage');
			await this.call('HeapProfiler.takeHeapSnapshot');
		} finally {
			socket.removeEventListener('message', onChunk);
		}
		fs.writeFileSync(file, chunks.join(''));
	}

	public async close(): Promise<void> {
		(await this.socket)?.close();
	}

	private async call(method: string, params?: Record<string, unknown>): Promise<Record<string, unknown>> {
		const socket = await (this.socket ??= this.connect());
		const id = ++this.lastId;
		return new Promise((resolve) => {
			const onMessage = (event: { data?: unknown }) => {
				const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
				if (message.id === id) {
					socket.removeEventListener('message', onMessage);
					resolve(message.result ?? {});
				}
			};
			socket.addEventListener('message', onMessage);
			socket.send(JSON.stringify({ id, method, ...(params ? { params } : {}) }));
		});
	}

	/** One session for the whole run (the engine prints a line for every session the runtime starts). */
	private async connect(): Promise<Socket> {
		if (!WebSocket) {
			throw new Error('no WebSocket client: run node with --experimental-websocket');
		}
		const targets = JSON.parse(await httpGet(`http://127.0.0.1:${this.port}/json/list`)) as Array<{
			webSocketDebuggerUrl: string;
		}>;
		const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
		await new Promise((resolve, reject) => {
			socket.addEventListener('open', resolve);
			socket.addEventListener('error', reject);
		});
		return socket;
	}
}

function httpGet(url: string): Promise<string> {
	return new Promise((resolve, reject) => {
		http
			.get(url, (response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
			})
			.on('error', reject);
	});
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject).listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
