import { openDemoWorkspace, type BotRoom, type DemoWorkspace } from './support/demoWorkspace';
import { visitorSees } from './support/visitorSees';
import { httpCall, type HttpAnswer } from '../../sandbox/src/client/http';

/**
 * A handover to a named agent (actionData.targetAgent), end to end: the chat goes to that agent, once under
 * concurrent calls, with Rocket.Chat's transfer message and no promise from the bot before it (only the transfer can
 * tell whether the agent is available), and each refusal Rocket.Chat or the app makes has its code.
 */
describe('incoming handover to a named agent, end to end', () => {
	let ws: DemoWorkspace;

	beforeAll(async () => {
		ws = await openDemoWorkspace();
	}, 180000);

	afterAll(async () => {
		await ws?.close();
	});

	const handover = (room: BotRoom, actionData: Record<string, unknown>): Promise<HttpAnswer> =>
		httpCall(ws.incomingUrl, { body: { action: 'handover', sessionId: room.id, actionData }, headers: ws.botHeaders });
	const seenSince = async (room: BotRoom): Promise<string[]> =>
		(await visitorSees(ws.admin, room)).slice(room.historyLength);

	it("hands the chat to the agent: 200 with the published bytes, the visitor told once by Rocket.Chat's transfer message", async () => {
		const room = await ws.newBotRoom();

		const answer = await handover(room, { targetAgent: ws.agentUsername });

		expect(answer.text).toBe('{"msg":" Perform Handover request handled successfully"}');
		expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(ws.agentUsername);
		// Whether the agent is available only the transfer can tell: the bot promises nothing before it.
		expect(await seenSince(room)).toEqual(['[livechat_transfer_history]']);
	});

	it('hands the chat to the agent of the named department', async () => {
		const room = await ws.newBotRoom();

		const answer = await handover(room, { targetDepartment: ws.salesName, targetAgent: ws.agentUsername });

		expect(answer.status).toBe(200);
		const info = await ws.admin.roomInfo(room.id);
		expect([info.servedBy?.username, info.departmentId]).toEqual([ws.agentUsername, ws.salesId]);
	});

	it('transfers once under 20 concurrent calls, and the visitor reads of the transfer once', async () => {
		const room = await ws.newBotRoom();

		const answers = await Promise.all(
			Array.from({ length: 20 }, () => handover(room, { targetAgent: ws.agentUsername })),
		);

		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
		expect(new Set(answers.filter((answer) => answer.status !== 200).map((answer) => answer.json.error))).toEqual(
			new Set(['not-served-by-bot']),
		);
		expect(await seenSince(room)).toEqual(['[livechat_transfer_history]']);
	});

	it.each([
		['an unknown user', 404, 'agent-not-found', () => ({ targetAgent: 'no.such.user' })],
		['a user who is not an agent', 409, 'not-an-agent', () => ({ targetAgent: ws.plainUsername })],
		['the bot itself', 400, 'invalid-request', () => ({ targetAgent: ws.botUsername })],
		[
			'an agent outside the named department',
			409,
			'agent-not-in-department',
			() => ({ targetDepartment: ws.emptyName, targetAgent: ws.agentUsername }),
		],
	])('refuses %s with %i %s and the bot keeps the chat', async (_case, status, code, data) => {
		const room = await ws.newBotRoom();

		const answer = await handover(room, data());

		expect([answer.status, answer.json.error]).toEqual([status, code]);
		expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(ws.botUsername);
	});

	it('refuses an agent who is online but not available with 409 agent-not-available, and tells the visitor only that', async () => {
		const room = await ws.newBotRoom();
		const agentId = (await ws.agent.call('/api/v1/me')).json._id as string;
		await ws.admin.setAgentStatus(agentId, 'not-available');
		try {
			const answer = await handover(room, { targetAgent: ws.agentUsername });

			expect([answer.status, answer.json.error]).toEqual([409, 'agent-not-available']);
			expect((await ws.admin.roomInfo(room.id)).servedBy?.username).toBe(ws.botUsername);
			expect(await seenSince(room)).toEqual([
				`${ws.botUsername}: Sorry, no human agent is available right now. You can keep chatting with me, or try again later.`,
			]);
		} finally {
			await ws.admin.setAgentStatus(agentId, 'available');
		}
	});
});
