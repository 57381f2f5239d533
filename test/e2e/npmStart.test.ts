import { execFileSync, spawn, type ChildProcess } from 'child_process';
import path from 'path';

import { httpCall } from '../../sandbox/src/client/http';

const root = path.resolve(__dirname, '../..');

/** Reads the child's stdout until the banner's last line, then returns everything it printed. */
function waitForBanner(child: ChildProcess, timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(
			() => reject(new Error(`no "Sandbox ready" line within ${timeoutMs} ms:\n${output}`)),
			timeoutMs,
		);
		child.stdout?.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (/Sandbox ready at http:\/\/\S+/.test(output)) {
				clearTimeout(timer);
				resolve(output);
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`));
		});
	});
}

const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

/** What a newcomer does: npm start, paste the printed commands, Ctrl-C. */
describeSandbox('npm start (the sandbox demo)', () => {
	let child: ChildProcess;
	let banner: string;
	let stderr = '';

	beforeAll(async () => {
		child = spawn(process.execPath, [path.join(root, 'build/sandbox/sandbox/src/main.js')], {
			cwd: root,
			env: { ...process.env, NODE_ENV: 'production', PORT: '0', SANDBOX_ADMIN_PASSWORD: 'start-test' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		banner = await waitForBanner(child, 60000);
	}, 90000);

	afterAll(() => {
		if (child && child.exitCode === null) {
			child.kill('SIGKILL');
		}
	});

	const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(banner)?.[1] ?? '';
	/** The credentials of the printed command that follows `comment` (the first command when none is given). */
	const auth = (comment = '') => {
		const command = banner.slice(banner.indexOf(comment));
		const userId = /X-User-Id: (\w+)/.exec(command)?.[1] ?? '';
		const authToken = /X-Auth-Token: ([\w-]+)/.exec(command)?.[1] ?? '';
		return { 'X-User-Id': userId, 'X-Auth-Token': authToken };
	};

	it('prints the admin credentials, the incoming URL and ends with "Sandbox ready at"', () => {
		expect(banner).toMatch(/Admin\s+admin \/ start-test/);
		expect(field('Incoming URL')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/apps\/public\/[\w-]+\/incoming$/);
		// The echo bot also plays a second, German assistant.
		expect(field('Second assistant')).toBe('rasabot-de');
		expect(banner.trim().split('\n').pop()).toMatch(/^Sandbox ready at http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('serves the console, the livechat widget and the API reference at the printed URLs', async () => {
		const consolePage = await httpCall(field('Console'));
		const widget = await httpCall(field('Livechat widget'));
		const reference = await httpCall(`${field('API reference')}/openapi.json`);

		expect(consolePage.text).toContain('<title>Rasa app sandbox console</title>');
		expect(widget.text).toContain('<title>Rocket.Chat.Livechat</title>');
		// The widget learns its server from the page, as Rocket.Chat serves it.
		expect(widget.text).toContain(`SERVER_URL = '${field('Workspace')}'`);
		expect(reference.json?.paths?.['/incoming']).toBeDefined();
	});

	it('answers the printed visitor command with the built-in echo bot, which greeted the visitor first', async () => {
		const commands = banner.slice(banner.indexOf('Talk to the bot'));
		const token = /"token":"([^"]+)"/.exec(commands)?.[1] ?? '';
		const room = field('Visitor room');
		const history = async () =>
			((await httpCall(`${field('Workspace')}/api/v1/livechat/messages.history/${room}?token=${token}`)).json
				?.messages ?? []) as Array<{ msg: string }>;

		await httpCall(`${field('Workspace')}/api/v1/livechat/message`, { body: { token, rid: room, msg: 'hello' } });

		const deadline = Date.now() + 8000;
		let texts = (await history()).map((message) => message.msg);
		while (!texts.includes('You said: hello') && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			texts = (await history()).map((message) => message.msg);
		}
		expect(texts).toContain("Hi! I'm the sandbox's *echo bot*, standing in for your Rasa server.");
		expect(texts).toContain('You said: hello');
	});

	it('serves the printed commands: no agents in Empty, handover to Sales, then close', async () => {
		const incoming = field('Incoming URL');
		const room = field('Visitor room');

		const empty = await httpCall(incoming, {
			body: { action: 'handover', sessionId: room, actionData: { targetDepartment: 'Empty' } },
			headers: auth(),
		});
		const sales = await httpCall(incoming, {
			body: { action: 'handover', sessionId: room, actionData: { targetDepartment: 'Sales' } },
			headers: auth(),
		});
		const close = await httpCall(incoming, {
			body: `action=close-chat&sessionId=${room}`,
			headers: { ...auth('# close the chat'), 'Content-Type': 'application/x-www-form-urlencoded' },
		});

		expect([empty.status, empty.json?.error]).toEqual([409, 'no-agents-online']);
		expect(sales.text).toBe('{"msg":" Perform Handover request handled successfully"}');
		expect(close.text).toBe('{"msg":" Close chat request handled successfully"}');
	});

	it('accepts rc-apps deploy as a workspace does: it updates the installed app', () => {
		const url = /Sandbox ready at (\S+)/.exec(banner)?.[1] ?? '';
		const output = execFileSync(
			process.execPath,
			[
				path.join(root, 'scripts', 'package-app.js'),
				'deploy',
				'--url',
				url,
				'--username',
				'admin',
				'--password',
				'start-test',
			],
			{ cwd: root, encoding: 'utf8' },
		);

		expect(output).toContain('App already exists - updating it');
	}, 60000);

	it('still serves the incoming API after the update', async () => {
		const answer = await httpCall(field('Incoming URL'), {
			body: { action: 'close-chat', sessionId: 'nope' },
			headers: auth(),
		});

		expect([answer.status, answer.json?.error]).toEqual([404, 'session-not-found']);
	});

	it('never prints tokens in its log', () => {
		const authToken = auth()['X-Auth-Token'];
		expect(authToken.length).toBeGreaterThan(20);
		expect(stderr).not.toContain(authToken);
	});

	it('stops cleanly on Ctrl-C, leaving no Deno process behind', async () => {
		const denoPids = execFileSync('ps', ['-eo', 'pid=,ppid=,comm='])
			.toString()
			.split('\n')
			.map((line) => line.trim().split(/\s+/))
			.filter(([, ppid, command]) => ppid === String(child.pid) && command === 'deno')
			.map(([pid]) => Number(pid));
		expect(denoPids.length).toBeGreaterThan(0);
		const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

		child.kill('SIGINT');

		expect(await exited).toBe(0);
		const alive = denoPids.filter((pid) => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		});
		expect(alive).toEqual([]);
	}, 30000);
});
