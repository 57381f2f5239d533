import { RocketChatClient, type Credentials } from './client/RocketChatClient';
import { readInstances } from './cluster/readInstances';
import { connectEchoBot } from './demo/connectEchoBot';
import { addGermanAssistant, type SecondAssistant } from './demo/secondAssistant';
import { openBotRoom, seedDemo, type DemoWorkspaceSeed } from './demo/seedDemo';
import { createLogger, type LogLevel } from './logger';
import { APP_ID, ensurePackagedApp, packagedAppZip } from './packagedApp';
import type { FakeRasa } from './rasa/FakeRasa';
import { startSandbox, type RunningSandbox } from './startSandbox';

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

function readPort(): number {
	const port = Number(process.env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
	}
	return port;
}

/** SANDBOX_SCHEDULER_SPEEDUP: scheduled jobs run this many times as often as in Rocket.Chat (default 1). */
function readSchedulerSpeedup(): number {
	const value = process.env.SANDBOX_SCHEDULER_SPEEDUP;
	const speedup = Number(value ?? 1);
	if (!Number.isFinite(speedup) || speedup < 1 || speedup > 10000) {
		throw new Error(`SANDBOX_SCHEDULER_SPEEDUP must be a number from 1 to 10000, not "${value}"`);
	}
	return speedup;
}

type Demo = {
	sandbox: RunningSandbox;
	seed: DemoWorkspaceSeed;
	admin: Credentials;
	rasaUrl: string;
	echo: boolean;
	german?: SecondAssistant;
};

function banner({ sandbox, seed, admin, rasaUrl, echo, german }: Demo): string {
	const incoming = `${sandbox.url}/api/apps/public/${APP_ID}/incoming`;
	const auth = `-H 'X-User-Id: ${seed.bot.userId}' -H 'X-Auth-Token: ${seed.bot.authToken}'`;
	const adminAuth = `-H 'X-User-Id: ${admin.userId}' -H 'X-Auth-Token: ${admin.authToken}'`;
	const room = seed.visitorRoom?.id ?? '<room id>';
	const token = seed.visitorRoom?.visitorToken ?? '';
	return `
Rasa app sandbox
  Livechat widget  ${sandbox.url}/livechat?mode=popout   (Rocket.Chat's own visitor widget: chat with the bot as your visitors will)
  Console          ${sandbox.url}/   (log in as ${sandbox.adminUsername} / ${sandbox.adminPassword}; chat as a visitor, click buttons, act as an agent)
  API reference    ${sandbox.url}/docs
  Workspace        ${sandbox.url}   (Rocket.Chat REST API subset; see sandbox/README.md)${
		sandbox.instanceUrls.length > 1
			? `\n  Instances        ${sandbox.instanceUrls.join(' · ')}   (each with its own app runtime; the address above takes turns among them)`
			: ''
	}
  Admin            ${sandbox.adminUsername} / ${sandbox.adminPassword}
  Bot user         ${seed.botUsername} / ${seed.password}   (roles bot, livechat-agent; the app's bot)
  Human agent      ${seed.agentUsername} / ${seed.password}   (department ${seed.salesDepartment.name}, available; log in as the agent in the console)
  Departments      ${seed.botsDepartment.name} (the bot) · ${seed.salesDepartment.name} (an agent online) · ${seed.emptyDepartment.name} (nobody)
  Visitor room     ${room}   (served by the bot)
  Incoming URL     ${incoming}
  Rasa server      ${rasaUrl}   ${echo ? '(the built-in echo bot; set RASA_URL to use your own Rasa)' : '(RASA_URL)'}${
		german
			? `\n  Second assistant ${german.botUsername} in ${german.department} → ${german.rasa.url}   (the echo bot in German: pick "${german.department}" in the widget)`
			: ''
	}

Talk to the bot as the visitor:
  curl -s -X POST '${sandbox.url}/api/v1/livechat/message' -H 'Content-Type: application/json' \\
    -d '{"token":"${token}","rid":"${room}","msg":"hello"}'
  curl -s '${sandbox.url}/api/v1/livechat/messages.history/${room}?token=${token}'

Try the incoming API (the login tokens below are throwaways made for this run):
  # a department with nobody online: 409 no-agents-online, the bot keeps the visitor
  curl -s -X POST '${incoming}' ${auth} -H 'Content-Type: application/json' \\
    -d '{"action":"handover","sessionId":"${room}","actionData":{"targetDepartment":"${seed.emptyDepartment.name}"}}'
  # hand the visitor over to Sales
  curl -s -X POST '${incoming}' ${auth} -H 'Content-Type: application/json' \\
    -d '{"action":"handover","sessionId":"${room}","actionData":{"targetDepartment":"${seed.salesDepartment.name}"}}'
  # who serves the room now
  curl -s '${sandbox.url}/api/v1/rooms.info?roomId=${room}' ${auth}
  # close the chat: a human serves it now, so only an admin or a livechat-manager may (the bot may not)
  curl -s -X POST '${incoming}' ${adminAuth} -d 'action=close-chat&sessionId=${room}'

Press Ctrl-C to stop.
Sandbox ready at ${sandbox.url}`;
}

/**
 * npm start: package the app if needed, start the sandbox, install the app, seed a demo workspace, start the echo
 * bot unless RASA_URL names a Rasa server, print how to use it all.
 */
async function main(): Promise<void> {
	const level = (process.env.SANDBOX_LOG_LEVEL ?? 'info') as LogLevel;
	const log = createLogger(LOG_LEVELS.includes(level) ? level : 'info');
	const instances = readInstances(process.argv.slice(2));
	const schedulerSpeedup = readSchedulerSpeedup();
	log('info', 'packaging the app with rc-apps (skipped when dist/ is up to date)');
	ensurePackagedApp();
	const sandbox = await startSandbox({
		port: readPort(),
		host: process.env.HOST ?? '127.0.0.1',
		adminPassword: process.env.SANDBOX_ADMIN_PASSWORD ?? 'admin',
		instances,
		schedulerSpeedup,
		log,
	});
	let rasa: FakeRasa | undefined;
	let german: SecondAssistant | undefined;
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) {
			return;
		}
		stopping = true;
		log('info', `${signal}: stopping the sandbox`);
		Promise.all([sandbox.stop(), rasa?.stop(), german?.rasa.stop()]).then(
			() => process.exit(0),
			(error: unknown) => {
				log('error', `stopping failed: ${String(error)}`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
	try {
		const anonymous = new RocketChatClient(sandbox.url);
		const adminLogin = await anonymous.login(sandbox.adminUsername, sandbox.adminPassword);
		const admin = anonymous.as(adminLogin);
		log('info', 'installing the app and seeding the demo workspace');
		const seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		const echo = !process.env.RASA_URL;
		if (echo) {
			rasa = await connectEchoBot(admin, seed, APP_ID, sandbox.url);
			german = await addGermanAssistant(admin, seed, APP_ID, sandbox.url);
		} else {
			await admin.setAppSettings(APP_ID, { rasa_server_url: process.env.RASA_URL });
		}
		const rasaUrl = process.env.RASA_URL ?? rasa?.url ?? '';
		seed.visitorRoom = await openBotRoom(admin, seed);
		process.stdout.write(`${banner({ sandbox, seed, admin: adminLogin, rasaUrl, echo, german })}\n`);
	} catch (error) {
		await Promise.all([sandbox.stop(), rasa?.stop(), german?.rasa.stop()]);
		throw error;
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
