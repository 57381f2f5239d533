import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { denoBinary } from '../../sandbox/src/engine/SandboxEngine';

const PAIRS = 200_000;

/**
 * The Apps-Engine's Deno runtime waits for each answer from Rocket.Chat with a listener on an EventTarget under a
 * new event type per request (`response:<id>`, deno-runtime/lib/messenger.ts), and removes the listener afterwards.
 * Deno's EventTarget keeps an empty entry for every type it has seen, so every round trip leaves a little memory
 * behind. This measures how much, with the `deno` binary the sandbox gives the engine: the heap that stays in use,
 * per add-and-remove of such a listener, after a garbage collection.
 */
export function engineListenerLeakBytesPerRoundTrip(): number {
	const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'listener-leak-')), 'leak.ts');
	fs.writeFileSync(
		script,
		`const target = new EventTarget();
const gc = (globalThis as { gc?: () => void }).gc!;
gc();
const before = Deno.memoryUsage().heapUsed;
for (let i = 0; i < ${PAIRS}; i++) {
	const type = \`response:\${Math.random().toString(36).slice(2)}\`;
	const handler = () => target.removeEventListener(type, handler);
	target.addEventListener(type, handler);
	target.dispatchEvent(new CustomEvent(type));
}
gc();
console.log((Deno.memoryUsage().heapUsed - before) / ${PAIRS});
`,
	);
	const output = execFileSync(denoBinary(), ['run', '--v8-flags=--expose-gc', script], { encoding: 'utf8' });
	return Number(output.trim());
}
