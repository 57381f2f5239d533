import fs from 'fs';
import path from 'path';

import { startOldEngine, type OldEngineName } from './oldEngine';
import type { SandboxEngine } from '../../sandbox/src/engine/SandboxEngine';
import { AppEvents } from '../../sandbox/src/engine/appEvents';
import { Converters } from '../../sandbox/src/engine/converters';
import { createLogger } from '../../sandbox/src/logger';
import { APP_ID, packagedAppZip, projectRoot } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';
import { Workspace } from '../../sandbox/src/workspace/Workspace';
import type { Answer, ContractDriver } from '../contract';

const waitFor = async (done: () => boolean, timeoutMs = 5000) => {
	const deadline = Date.now() + timeoutMs;
	while (!done() && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
};

/**
 * The contract's driver for an old engine: the sandbox's workspace, seeded as the demo is, the packaged app installed
 * in that engine's own AppManager, calls through the engine's API dispatch (as Rocket.Chat's router makes them,
 * after it parsed the body and authenticated the caller), events through its listener manager.
 */
export async function openOldEngineDriver(engine: OldEngineName): Promise<ContractDriver> {
	// Each engine meets the Rocket.Chat it shipped with, where their bridges differ.
	const workspace = new Workspace(engine === 'apps-engine-1.33' ? '5.3' : '6.7');
	const convert = new Converters(workspace);
	const log = createLogger((process.env.SANDBOX_LOG_LEVEL as 'debug' | undefined) ?? 'error');
	const person = (username: string, roles: string[]) => {
		const user = workspace.createUser({ username, password: 'pw', roles });
		workspace.setUserStatus(user._id, 'online');
		if (roles.includes('livechat-agent')) {
			workspace.setAgentStatus(user._id, 'available');
		}
		return user;
	};
	const admin = person('admin', ['admin', 'user']);
	const bot = person('rasabot', ['bot', 'livechat-agent']);
	const alice = person('alice', ['user', 'livechat-agent']);
	const bob = person('bob', ['user']);
	const department = (name: string, agentIds: string[]) =>
		workspace.createDepartment({ name, enabled: true, showOnRegistration: true, showOnOfflineForm: false }, agentIds);
	const bots = department('Bots', [bot._id]);
	const sales = department('Sales', [alice._id]);
	department('Empty', []);
	workspace.settings.Livechat_assign_new_conversation_to_bot = true;

	const rasa = await FakeRasa.start((text) => [{ text: `You said: ${text}` }]);
	const manager = await startOldEngine(engine, { workspace, convert, log });
	// Workspace events reach the old engine's listener manager, converted as for the sandbox.
	const listener = {
		livechatEvent: (int: string, data: unknown) => manager.getListenerManager().executeListener(int, data),
	};
	const events = new AppEvents(
		workspace,
		{ bridges: { getListenerBridge: () => listener } } as unknown as SandboxEngine,
		convert,
		log,
	);

	const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'app.json'), 'utf8')) as {
		permissions: unknown[];
	};
	const installed = await manager.add(packagedAppZip(), {
		enable: true,
		user: convert.user(admin),
		permissionsGranted: manifest.permissions,
	});
	if (!installed.getApp()) {
		throw new Error(`${engine} did not install the app: ${JSON.stringify(installed)}`);
	}
	const setSetting = async (id: string, value: unknown) => {
		const current = manager.getSettingsManager().getAppSettings(APP_ID)[id];
		await manager.getSettingsManager().updateAppSetting(APP_ID, { ...current, value });
	};
	await setSetting('bot_username', bot.username);
	await setSetting('rasa_server_url', rasa.url);

	let visitors = 0;
	const callers = { bot, plain: bob };
	return {
		salesName: sales.name,
		agentUsername: alice.username,
		botUsername: bot.username,
		async incoming(body, as = 'bot'): Promise<Answer> {
			const answer = await manager.getApiManager().executeApi(APP_ID, 'incoming', {
				method: 'post',
				headers: { 'content-type': 'application/json' },
				query: {},
				params: {},
				content: body,
				user: as === 'anonymous' ? undefined : convert.user(callers[as]),
			});
			const text = typeof answer.content === 'string' ? answer.content : JSON.stringify(answer.content);
			let json: Answer['json'];
			try {
				json = JSON.parse(text) as Answer['json'];
			} catch {
				json = undefined;
			}
			return { status: answer.status, text, json };
		},
		async newBotRoom() {
			const token = `compat-visitor-${++visitors}`;
			workspace.registerVisitor({ token, name: `Visitor ${visitors}`, department: bots._id });
			const { room } = workspace.openRoom(token);
			return { id: room._id };
		},
		async room(id) {
			const room = workspace.findRoom(id);
			return { open: room?.open, servedBy: room?.servedBy };
		},
		async visitorSays(roomId, text) {
			const room = workspace.findRoom(roomId);
			workspace.sendVisitorMessage(room?.v.token ?? '', roomId, text);
			await waitFor(() =>
				workspace.history(roomId).some((message) => message.u._id === bot._id && message.msg.includes(text)),
			);
		},
		async botTexts(roomId) {
			return workspace
				.history(roomId)
				.filter((message) => message.u._id === bot._id && !message.t)
				.map((message) => message.msg);
		},
		rasaTurns: () => rasa.turns,
		setAppSetting: setSetting,
		async click(roomId, questionText, index, times = 1) {
			const room = workspace.findRoom(roomId);
			const question = workspace.history(roomId).find((message) => message.msg === questionText);
			const [block] = (question?.blocks ?? []) as Array<{ elements: Array<{ actionId: string; value: string }> }>;
			const button = block?.elements[index];
			for (let click = 0; click < times; click++) {
				await events.livechatBlockAction(
					APP_ID,
					room?.v.token ?? '',
					{
						actionId: button?.actionId ?? '',
						mid: question?._id ?? '',
						rid: roomId,
						payload: { value: button?.value },
					},
					async () => true,
				);
			}
		},
		async visitorTexts(roomId) {
			const room = workspace.findRoom(roomId);
			return workspace
				.history(roomId)
				.filter((message) => message.u._id === room?.v._id && !message.t)
				.map((message) => message.msg);
		},
		async close() {
			await rasa.stop();
		},
	};
}
