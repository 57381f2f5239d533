import { httpCall } from '../../sandbox/src/client/http';
import { APP_ID } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';
import { openDemoWorkspace } from '../../test/e2e/support/demoWorkspace';
import { clickQuickReply } from '../../test/e2e/support/quickReplyClick';
import type { Answer, ContractDriver } from '../contract';

/** The contract's driver for Apps-Engine 1.62: the sandbox (its Deno runtime), over Rocket.Chat's REST API. */
export async function openSandboxDriver(): Promise<ContractDriver> {
	const rasa = await FakeRasa.start((text) => [{ text: `You said: ${text}` }]);
	const ws = await openDemoWorkspace();
	await ws.admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url });
	const tokens = new Map<string, string>();
	const headers = { bot: ws.botHeaders, plain: ws.plainUserHeaders, anonymous: {} };
	const botTexts = async (roomId: string) =>
		(await ws.admin.visitorHistory(tokens.get(roomId) ?? '', roomId))
			.filter((message) => message.u.username === ws.botUsername && !message.t)
			.map((message) => message.msg);
	return {
		salesName: ws.salesName,
		agentUsername: ws.agentUsername,
		botUsername: ws.botUsername,
		async incoming(body, as = 'bot'): Promise<Answer> {
			const answer = await httpCall(ws.incomingUrl, { body: body as object, headers: headers[as] });
			return { status: answer.status, text: answer.text, json: answer.json as Answer['json'] };
		},
		async newBotRoom() {
			const room = await ws.newBotRoom();
			tokens.set(room.id, room.visitorToken);
			return { id: room.id };
		},
		room: (id) => ws.admin.roomInfo(id),
		async visitorSays(roomId, text) {
			await ws.admin.sendVisitorMessage(tokens.get(roomId) ?? '', roomId, text);
			const deadline = Date.now() + 5000;
			while (!(await botTexts(roomId)).some((reply) => reply.includes(text)) && Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
		},
		botTexts,
		rasaTurns: () => rasa.turns,
		setAppSetting: (id, value) => ws.admin.setAppSettings(APP_ID, { [id]: value }),
		async click(roomId, questionText, index, times = 1) {
			const room = { id: roomId, visitorToken: tokens.get(roomId) ?? '' };
			const question = (await ws.admin.visitorHistory(room.visitorToken, roomId)).find(
				(message) => message.msg === questionText,
			);
			for (let click = 0; click < times; click++) {
				await clickQuickReply(ws.url, room, question as unknown as { _id: string; blocks: unknown }, index);
			}
		},
		async visitorTexts(roomId) {
			const history = await ws.admin.visitorHistory(tokens.get(roomId) ?? '', roomId);
			return history
				.filter((message) => (message as { token?: string }).token !== undefined && !message.t)
				.map((message) => message.msg);
		},
		async close() {
			await ws.close();
			await rasa.stop();
		},
	};
}
