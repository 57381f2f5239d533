import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

const root = path.resolve(__dirname, '../../..');

export type NpmStartProcess = {
	/** Where the sandbox listens, as its "Sandbox ready at" line says. */
	readonly url: string;
	/** Everything it printed so far (stdout and stderr). */
	output(): string;
	stop(): void;
};

/**
 * The sandbox as `npm start` runs it (sandbox/src/main.ts, built), on a free port, with the admin password and
 * environment given; resolves once it prints "Sandbox ready at". The clock tests run Rocket.Chat's scheduler faster
 * through SANDBOX_SCHEDULER_SPEEDUP, and nothing else.
 */
export function startNpmStart(options: {
	adminPassword: string;
	args?: string[];
	env?: Record<string, string>;
	readyWithinMs?: number;
}): Promise<NpmStartProcess> {
	const child: ChildProcess = spawn(
		process.execPath,
		[path.join(root, 'build/sandbox/sandbox/src/main.js'), ...(options.args ?? [])],
		{
			cwd: root,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: '0',
				SANDBOX_ADMIN_PASSWORD: options.adminPassword,
				...options.env,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let output = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		output += chunk.toString();
	});
	const stop = () => {
		if (child.exitCode === null) {
			child.kill('SIGKILL');
		}
	};
	const within = options.readyWithinMs ?? 60000;
	return new Promise<NpmStartProcess>((resolve, reject) => {
		const timer = setTimeout(() => {
			stop();
			reject(new Error(`npm start was not ready within ${within / 1000} s:\n${output}`));
		}, within);
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const ready = /Sandbox ready at (http:\/\/\S+)/.exec(output);
			if (ready) {
				clearTimeout(timer);
				resolve({ url: ready[1], output: () => output, stop });
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`npm start exited with ${code}:\n${output}`));
		});
	});
}
