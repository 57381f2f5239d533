import { RocketChatClient, type Credentials } from './client/RocketChatClient';
import { seedDemo, type DemoWorkspaceSeed } from './demo/seedDemo';
import { createLogger, type LogLevel } from './logger';
import { APP_ID, ensurePackagedApp, packagedAppZip } from './packagedApp';
import { startSandbox, type RunningSandbox } from './startSandbox';

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

function readPort(): number {
	const port = Number(process.env.PORT ?? 3000);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
	}
	return port;
}

function banner(sandbox: RunningSandbox, seed: DemoWorkspaceSeed, rasaUrl: string, admin: Credentials): string {
	const incoming = `${sandbox.url}/api/apps/public/${APP_ID}/incoming`;
	const auth = `-H 'X-User-Id: ${seed.bot.userId}' -H 'X-Auth-Token: ${seed.bot.authToken}'`;
	const adminAuth = `-H 'X-User-Id: ${admin.userId}' -H 'X-Auth-Token: ${admin.authToken}'`;
	const room = seed.visitorRoom?.id ?? '<room id>';
	return `
Rasa app sandbox
  Workspace        ${sandbox.url}   (Rocket.Chat REST API subset; see sandbox/README.md)
  Admin            ${sandbox.adminUsername} / ${sandbox.adminPassword}
  Bot user         ${seed.botUsername} / ${seed.password}   (roles bot, livechat-agent; the app's bot)
  Human agent      ${seed.agentUsername} / ${seed.password}   (department ${seed.salesDepartment.name}, available)
  Departments      ${seed.botsDepartment.name} (the bot) · ${seed.salesDepartment.name} (an agent online) · ${seed.emptyDepartment.name} (nobody)
  Visitor room     ${room}   (served by the bot)
  Incoming URL     ${incoming}
  Rasa server      ${rasaUrl}   (RASA_URL changes it; the relay sends visitor messages there)

Talk to the bot as the visitor (needs a Rasa server with the REST channel at that URL):
  curl -s -X POST '${sandbox.url}/api/v1/livechat/message' -H 'Content-Type: application/json' \\
    -d '{"token":"${seed.visitorRoom?.visitorToken ?? ''}","rid":"${room}","msg":"hello"}'
  curl -s '${sandbox.url}/api/v1/livechat/messages.history/${room}?token=${seed.visitorRoom?.visitorToken ?? ''}'

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

/** npm start: package the app if needed, start the sandbox, install the app, seed a demo workspace, print how to use it. */
async function main(): Promise<void> {
	const level = (process.env.SANDBOX_LOG_LEVEL ?? 'info') as LogLevel;
	const log = createLogger(LOG_LEVELS.includes(level) ? level : 'info');
	log('info', 'packaging the app with rc-apps (skipped when dist/ is up to date)');
	ensurePackagedApp();
	const sandbox = await startSandbox({
		port: readPort(),
		host: process.env.HOST ?? '127.0.0.1',
		adminPassword: process.env.SANDBOX_ADMIN_PASSWORD ?? 'admin',
		log,
	});
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) {
			return;
		}
		stopping = true;
		log('info', `${signal}: stopping the sandbox`);
		sandbox.stop().then(
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
		const rasaUrl = process.env.RASA_URL ?? 'http://localhost:5005';
		const seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID });
		await admin.setAppSettings(APP_ID, { rasa_server_url: rasaUrl });
		process.stdout.write(`${banner(sandbox, seed, rasaUrl, adminLogin)}\n`);
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
