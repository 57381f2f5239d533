import type { BridgeContext } from '../src/engine/bridges/BridgeContext';
import { SandboxLivechatBridge } from '../src/engine/bridges/SandboxLivechatBridge';
import { SandboxMessageBridge } from '../src/engine/bridges/SandboxMessageBridge';
import { Converters } from '../src/engine/converters';
import { Workspace } from '../src/workspace/Workspace';
import { WorkspaceError } from '../src/workspace/WorkspaceError';
import { hashToken } from '../src/workspace/ids';
import type { UserRecord } from '../src/workspace/types';

/** A workspace like the demo one: a bot alone in "Bots", alice available in "Sales", nobody in "Empty". */
function demoWorkspace() {
	const workspace = new Workspace();
	const agent = (username: string, roles: string[]): UserRecord => {
		const user = workspace.createUser({ username, password: 'pw', roles: ['user', 'livechat-agent', ...roles] });
		workspace.setUserStatus(user._id, 'online');
		workspace.setAgentStatus(user._id, 'available');
		return user;
	};
	const bot = agent('rasabot', ['bot']);
	const alice = agent('alice', []);
	const bots = workspace.createDepartment(
		{ name: 'Bots', enabled: true, showOnRegistration: false, showOnOfflineForm: false },
		[bot._id],
	);
	const sales = workspace.createDepartment(
		{ name: 'Sales', enabled: true, showOnRegistration: true, showOnOfflineForm: true },
		[alice._id],
	);
	const empty = workspace.createDepartment(
		{ name: 'Empty', enabled: true, showOnRegistration: true, showOnOfflineForm: true },
		[],
	);
	workspace.settings.Livechat_assign_new_conversation_to_bot = true;
	let visitors = 0;
	const openRoom = (department?: string) => {
		const token = `visitor-token-${++visitors}`;
		workspace.registerVisitor({ token, name: `Visitor ${visitors}`, department });
		return workspace.openRoom(token).room;
	};
	return { workspace, bot, alice, bots, sales, empty, openRoom };
}

const errorCode = (run: () => unknown): string | undefined => {
	try {
		run();
	} catch (error) {
		return error instanceof WorkspaceError ? error.code : `not a WorkspaceError: ${String(error)}`;
	}
	return undefined;
};

describe('users', () => {
	it('keeps only the sha256/base64 hash of login tokens, as Rocket.Chat does', () => {
		const { workspace, alice } = demoWorkspace();
		const login = workspace.login('alice', 'pw');
		expect(login).toBeDefined();
		const stored = workspace.findUser(alice._id)?.loginTokens ?? [];
		expect(stored.map((token) => token.hashedToken)).toEqual([hashToken(login?.authToken ?? '')]);
		expect(JSON.stringify(stored)).not.toContain(login?.authToken);
		expect(workspace.userByToken(alice._id, login?.authToken ?? '')?.username).toBe('alice');
		expect(workspace.login('alice', 'wrong')).toBeUndefined();
	});

	it('names visitors guest-N', () => {
		const { workspace } = demoWorkspace();
		expect(workspace.registerVisitor({ token: 'a' }).username).toBe('guest-1');
		expect(workspace.registerVisitor({ token: 'b' }).username).toBe('guest-2');
		expect(workspace.registerVisitor({ token: 'a' }).username).toBe('guest-1');
	});
});

describe('routing of new rooms', () => {
	it('gives a new room to the bot agent when the workspace assigns new conversations to bots', () => {
		const { openRoom, bot } = demoWorkspace();
		expect(openRoom().servedBy?.username).toBe(bot.username);
	});

	it('gives it to an available human agent of the department otherwise', () => {
		const { workspace, openRoom, sales } = demoWorkspace();
		workspace.settings.Livechat_assign_new_conversation_to_bot = false;
		const room = openRoom(sales._id);
		expect(room.servedBy?.username).toBe('alice');
		expect(room.departmentId).toBe(sales._id);
	});

	it('refuses a chat nobody can serve, unless the workspace accepts chats with no agents (then it waits)', () => {
		const { workspace, openRoom, empty } = demoWorkspace();
		workspace.settings.Livechat_assign_new_conversation_to_bot = false;
		expect(errorCode(() => openRoom(empty._id))).toBe('no-agent-online');

		workspace.settings.Livechat_accept_chats_with_no_agents = true;
		const room = openRoom(empty._id);
		expect(room.servedBy).toBeUndefined();
		expect(workspace.waitingInquiries().map((inquiry) => inquiry.rid)).toEqual([room._id]);
	});

	it('queues a chat with manual routing, and an agent takes it', () => {
		const { workspace, openRoom, sales, alice } = demoWorkspace();
		workspace.settings.Livechat_assign_new_conversation_to_bot = false;
		workspace.settings.Livechat_Routing_Method = 'Manual_Selection';
		const room = openRoom(sales._id);
		const [inquiry] = workspace.waitingInquiries();
		expect([room.servedBy, inquiry.status]).toEqual([undefined, 'queued']);

		workspace.takeInquiry(inquiry._id, alice._id);
		expect(room.servedBy?.username).toBe('alice');
		expect(workspace.waitingInquiries()).toEqual([]);
	});

	it("lists an agent's queue as Rocket.Chat does: their departments' chats and those with no department", () => {
		const { workspace, openRoom, sales, empty, alice, bot } = demoWorkspace();
		workspace.settings.Livechat_assign_new_conversation_to_bot = false;
		workspace.settings.Livechat_Routing_Method = 'Manual_Selection';
		workspace.settings.Livechat_accept_chats_with_no_agents = true;
		const inSales = openRoom(sales._id);
		const inEmpty = openRoom(empty._id);
		const nowhere = openRoom();
		const rids = (agentId: string, department?: string) =>
			workspace.queuedInquiriesFor(agentId, department).map((inquiry) => inquiry.rid);

		expect(rids(alice._id)).toEqual([inSales._id, nowhere._id]);
		expect(rids(alice._id, sales._id)).toEqual([inSales._id, nowhere._id]);
		expect(errorCode(() => rids(alice._id, empty._id))).toBe('error-not-authorized');
		// The bot is in Bots only: Sales and Empty chats are not its to see.
		expect(rids(bot._id)).toEqual([nowhere._id]);
		expect(inEmpty.servedBy).toBeUndefined();
	});

	it('refuses to let an unknown inquiry, a taken one, or an agent who is not available be taken', () => {
		const { workspace, openRoom, sales, alice } = demoWorkspace();
		workspace.settings.Livechat_assign_new_conversation_to_bot = false;
		workspace.settings.Livechat_Routing_Method = 'Manual_Selection';
		openRoom(sales._id);
		const [inquiry] = workspace.waitingInquiries();

		expect(errorCode(() => workspace.takeInquiry('no-such-inquiry', alice._id))).toBe('error-not-found');
		workspace.setAgentStatus(alice._id, 'not-available');
		expect(errorCode(() => workspace.takeInquiry(inquiry._id, alice._id))).toBe('error-agent-status-service-offline');
		workspace.setAgentStatus(alice._id, 'available');
		workspace.takeInquiry(inquiry._id, alice._id);
		expect(errorCode(() => workspace.takeInquiry(inquiry._id, alice._id))).toBe('error-inquiry-taken');
	});

	it('gives a chat to the bot even while the bot is offline, and even with manual routing', () => {
		const { workspace, openRoom, bot } = demoWorkspace();
		workspace.setUserStatus(bot._id, 'offline');
		workspace.setAgentStatus(bot._id, 'not-available');
		workspace.settings.Livechat_Routing_Method = 'Manual_Selection';
		expect(openRoom().servedBy?.username).toBe(bot.username);
	});

	it('announces the room before routing it, then the assigned agent, as Rocket.Chat does', () => {
		const { workspace, openRoom, bot } = demoWorkspace();
		const events: string[] = [];
		workspace.onEvent((event) => {
			if (event.type === 'room-started') {
				events.push(`room-started servedBy=${event.room.servedBy?.username ?? 'nobody'}`);
			} else if (event.type === 'agent-assigned') {
				events.push(`agent-assigned ${event.agent.username} servedBy=${event.room.servedBy?.username}`);
			}
		});

		openRoom();

		expect(events).toEqual(['room-started servedBy=nobody', `agent-assigned ${bot.username} servedBy=${bot.username}`]);
	});

	it('keeps the last message on the room', () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		const message = workspace.addMessage(room, { msg: 'hello', u: { _id: room.v._id, username: room.v.username } });
		expect(room.lastMessage).toMatchObject({ _id: message._id, msg: 'hello' });
	});
});

describe('isOnline, as Rocket.Chat online()', () => {
	it('is true for a department with an available agent and false for one with none', () => {
		const { workspace, sales, empty } = demoWorkspace();
		expect(workspace.isOnline(sales._id)).toBe(true);
		expect(workspace.isOnline(empty._id)).toBe(false);
	});

	it('is false once the agent is not available', () => {
		const { workspace, sales, alice } = demoWorkspace();
		workspace.setAgentStatus(alice._id, 'not-available');
		expect(workspace.isOnline(sales._id)).toBe(false);
	});

	it('counts bot agents only when bots take new conversations', () => {
		const { workspace, bots, bot } = demoWorkspace();
		workspace.setAgentStatus(bot._id, 'not-available');
		expect(workspace.isOnline(bots._id)).toBe(true);
		workspace.settings.Livechat_assign_new_conversation_to_bot = false;
		expect(workspace.isOnline(bots._id)).toBe(false);
	});

	it('is true anywhere when the workspace accepts chats with no agents', () => {
		const { workspace, empty } = demoWorkspace();
		workspace.settings.Livechat_accept_chats_with_no_agents = true;
		expect(workspace.isOnline(empty._id)).toBe(true);
	});
});

describe('transferToDepartment', () => {
	const by = { _id: 'app-user', username: 'rasa.bot', type: 'app' };

	it('assigns an available agent of the department and records the transfer', () => {
		const { workspace, openRoom, sales } = demoWorkspace();
		const room = openRoom();
		expect(workspace.transferToDepartment(room._id, sales._id, by)).toBe(true);
		expect(room.servedBy?.username).toBe('alice');
		expect(room.departmentId).toBe(sales._id);
		// Rocket.Chat 6.x and later leave the visitor's own department as it was.
		expect(workspace.visitors.get(room.v._id)?.department).toBeUndefined();
		const history = workspace.history(room._id).filter((message) => message.t === 'livechat_transfer_history');
		expect(history).toHaveLength(1);
		expect(history[0].transferData).toMatchObject({
			scope: 'department',
			transferredBy: by,
			nextDepartment: { _id: sales._id, name: 'Sales' },
		});
		expect(history[0].transferData?.previousDepartment).toBeUndefined();
	});

	it('records the previous department', () => {
		const { workspace, openRoom, sales, bots } = demoWorkspace();
		const room = openRoom(bots._id);
		workspace.transferToDepartment(room._id, sales._id, by);
		expect(workspace.history(room._id).at(-1)?.transferData?.previousDepartment).toBe(bots._id);
	});

	it('refuses unknown departments (ids only, as Rocket.Chat) and the current one', () => {
		const { workspace, openRoom, bots } = demoWorkspace();
		const room = openRoom(bots._id);
		expect(errorCode(() => workspace.transferToDepartment(room._id, 'Sales', by))).toBe('error-invalid-department');
		expect(errorCode(() => workspace.transferToDepartment(room._id, bots._id, by))).toBe(
			'error-forwarding-chat-same-department',
		);
	});

	it('answers false for a closed room', () => {
		const { workspace, openRoom, sales } = demoWorkspace();
		const room = openRoom();
		workspace.closeRoom(room._id, 'bye', {});
		expect(workspace.transferToDepartment(room._id, sales._id, by)).toBe(false);
	});

	it('fails with no agents online, leaving the room with the bot', () => {
		const { workspace, openRoom, empty, bot } = demoWorkspace();
		const room = openRoom();
		expect(errorCode(() => workspace.transferToDepartment(room._id, empty._id, by))).toBe(
			'error-no-agents-online-in-department',
		);
		expect(room.servedBy?._id).toBe(bot._id);
		expect(room.departmentId).toBeUndefined();
	});

	it('gives the chat back to a bot agent of the department: bots are agents', () => {
		const { workspace, openRoom, bots, sales, bot } = demoWorkspace();
		const room = openRoom();
		workspace.transferToDepartment(room._id, sales._id, by);

		expect(workspace.transferToDepartment(room._id, bots._id, by)).toBe(true);
		expect(room.servedBy?._id).toBe(bot._id);
	});

	it("makes the department the visitor's own in Rocket.Chat 5.3 only", () => {
		const old = new Workspace('5.3');
		const [alice, carol] = ['alice', 'carol'].map((username) => {
			const user = old.createUser({ username, password: 'pw', roles: ['user', 'livechat-agent'] });
			old.setUserStatus(user._id, 'online');
			old.setAgentStatus(user._id, 'available');
			return user;
		});
		const sales = old.createDepartment(
			{ name: 'Sales', enabled: true, showOnRegistration: true, showOnOfflineForm: true },
			[carol._id],
		);
		old.setAgentStatus(carol._id, 'not-available');
		old.registerVisitor({ token: 'v1', name: 'V' });
		const { room } = old.openRoom('v1');
		expect(room.servedBy?._id).toBe(alice._id);
		old.setAgentStatus(carol._id, 'available');

		old.transferToDepartment(room._id, sales._id, by);

		expect(old.findVisitorByToken('v1')?.department).toBe(sales._id);
	});

	it('routes round robin on the count of chats each agent ever got, not on who is least busy', () => {
		const { workspace, openRoom, sales } = demoWorkspace();
		workspace.settings.Livechat_assign_new_conversation_to_bot = false;
		const names = ['carol', 'dave'];
		const agents = names.map((username) => {
			const user = workspace.createUser({ username, password: 'pw', roles: ['user', 'livechat-agent'] });
			workspace.setUserStatus(user._id, 'online');
			workspace.setAgentStatus(user._id, 'available');
			return user;
		});
		workspace.updateDepartmentAgents(
			sales._id,
			agents.map((agent) => agent._id),
			[],
		);

		const first = openRoom(sales._id);
		workspace.closeRoom(first._id, 'bye', {});
		const served = [first, openRoom(sales._id), openRoom(sales._id), openRoom(sales._id)].map(
			(room) => room.servedBy?.username,
		);

		// A closed chat still counts: "least busy" would have given the second chat to alice again.
		expect(served).toEqual(['alice', 'carol', 'dave', 'alice']);
	});

	it('queues the room in the department with manual routing', () => {
		const { workspace, openRoom, empty } = demoWorkspace();
		const room = openRoom();
		workspace.settings.Livechat_Routing_Method = 'Manual_Selection';
		expect(workspace.transferToDepartment(room._id, empty._id, by)).toBe(true);
		expect(room.servedBy).toBeUndefined();
		expect(room.departmentId).toBe(empty._id);
		expect(workspace.inquiries.get(room._id)).toMatchObject({ status: 'queued', department: empty._id });
	});

	it('lets exactly one of 20 concurrent transfers through', async () => {
		const { workspace, openRoom, sales } = demoWorkspace();
		const room = openRoom();
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, async () => workspace.transferToDepartment(room._id, sales._id, by)),
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(workspace.history(room._id).filter((message) => message.t === 'livechat_transfer_history')).toHaveLength(1);
	});
});

describe('transferToAgent (forwardRoomToAgent)', () => {
	const by = { _id: 'app-user', username: 'rasa.bot', type: 'app' };

	it('gives the chat to the agent and records who it went to', () => {
		const { workspace, openRoom, alice } = demoWorkspace();
		const room = openRoom();

		expect(workspace.transferToAgent(room._id, true, alice._id, by)).toBe(true);

		expect(room.servedBy?._id).toBe(alice._id);
		expect(workspace.history(room._id).at(-1)?.transferData).toMatchObject({
			scope: 'agent',
			transferredTo: { _id: alice._id, username: 'alice' },
		});
	});

	it("refuses an agent who is offline or not available, the room's own agent, and answers false for a closed room", () => {
		const { workspace, openRoom, alice, bot } = demoWorkspace();
		const room = openRoom();

		expect(errorCode(() => workspace.transferToAgent(room._id, true, bot._id, by))).toBe(
			'error-selected-agent-room-agent-are-same',
		);
		workspace.setAgentStatus(alice._id, 'not-available');
		expect(errorCode(() => workspace.transferToAgent(room._id, true, alice._id, by))).toBe('error-user-is-offline');
		workspace.setAgentStatus(alice._id, 'available');
		workspace.setUserStatus(alice._id, 'offline');
		expect(errorCode(() => workspace.transferToAgent(room._id, true, alice._id, by))).toBe('error-user-is-offline');
		expect(workspace.transferToAgent(room._id, false, alice._id, by)).toBe(false);
	});

	it('takes a bot back whatever its presence, once it is available', () => {
		const { workspace, openRoom, alice, bot } = demoWorkspace();
		const room = openRoom();
		workspace.setUserStatus(bot._id, 'offline');
		workspace.transferToAgent(room._id, true, alice._id, by);

		expect(workspace.transferToAgent(room._id, true, bot._id, by)).toBe(true);
		expect(room.servedBy?._id).toBe(bot._id);
	});
});

describe('what apps hear of a transfer', () => {
	const by = { _id: 'app-user', username: 'rasa.bot', type: 'app' };
	const heard = (workspace: Workspace) => {
		const events: string[] = [];
		workspace.onEvent((event) => {
			if (event.type !== 'message-sent' && event.type !== 'message-updated') {
				events.push(event.type);
			}
		});
		return events;
	};

	it('the new agent assigned, the transfer, then the old agent unassigned (5.3: unassigned before the transfer)', () => {
		const { workspace, openRoom, sales } = demoWorkspace();
		const room = openRoom();
		const events = heard(workspace);
		workspace.transferToDepartment(room._id, sales._id, by);
		expect(events).toEqual(['agent-assigned', 'room-transferred', 'agent-unassigned']);

		const old = new Workspace('5.3');
		const alice = old.createUser({ username: 'alice', password: 'pw', roles: ['user', 'livechat-agent'] });
		const carol = old.createUser({ username: 'carol', password: 'pw', roles: ['user', 'livechat-agent'] });
		for (const user of [alice, carol]) {
			old.setUserStatus(user._id, 'online');
			old.setAgentStatus(user._id, 'available');
		}
		old.registerVisitor({ token: 'v1', name: 'V' });
		const oldRoom = old.openRoom('v1').room;
		const oldEvents = heard(old);
		old.transferToAgent(oldRoom._id, true, oldRoom.servedBy?._id === alice._id ? carol._id : alice._id, by);
		expect(oldEvents).toEqual(['agent-assigned', 'agent-unassigned', 'room-transferred']);
	});
});

describe("a visitor's message written by an app (LivechatBridge.createMessage)", () => {
	it("goes into a new chat, routed to the bot, when the visitor's room closed meanwhile", () => {
		const { workspace, openRoom, bot } = demoWorkspace();
		const room = openRoom();
		workspace.closeRoom(room._id, 'bye', {});

		const message = workspace.sendVisitorMessageFromApp(room.v.token, room._id, 'Sales team');

		expect(message.rid).not.toBe(room._id);
		const stray = workspace.findRoom(message.rid);
		expect(stray?.open).toBe(true);
		expect(stray?.servedBy?._id).toBe(bot._id);
	});

	it.each([
		['latest', 'refuses', true],
		['6.7', 'stores', false],
		['5.3', 'stores', false],
	] as const)(
		'with custom fields: Rocket.Chat %s %s it (sendMessage checks them from 6.9 on)',
		async (version, _what, refused) => {
			const workspace = new Workspace(version);
			workspace.settings.Livechat_accept_chats_with_no_agents = true;
			workspace.registerVisitor({ token: 'vt', name: 'Visitor' });
			const { room } = workspace.openRoom('vt');
			const bridge = new (SandboxLivechatBridge as unknown as new (context: BridgeContext) => {
				createMessage(message: object): Promise<string>;
			})({ workspace, convert: new Converters(workspace), log: () => undefined });

			const written = bridge.createMessage({
				room: { id: room._id },
				visitor: { token: 'vt' },
				text: 'Sales team',
				customFields: { rasaPayload: '/sales' },
			});

			if (refused) {
				await expect(written).rejects.toThrow('Custom fields not enabled');
				expect(workspace.history(room._id).filter((message) => message.msg === 'Sales team')).toEqual([]);
			} else {
				const id = await written;
				expect(workspace.findMessage(id)?.customFields).toEqual({ rasaPayload: '/sales' });
			}
		},
	);

	it("refuses another visitor's room (cannot-access-room) and an unknown one", () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		const other = openRoom();

		expect(errorCode(() => workspace.sendVisitorMessageFromApp(other.v.token, room._id, 'hi'))).toBe(
			'cannot-access-room',
		);
		expect(() => workspace.sendVisitorMessageFromApp(room.v.token, 'nope', 'hi')).toThrow(
			'Invalid room provided on the message.',
		);
	});
});

describe('closeRoom', () => {
	it('fails the loser of a race inside the close, as Rocket.Chat does: "Error removing inquiry"', () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		workspace.closeRoom(room._id, 'first', {}, true);

		// The second closer read the room while it was still open.
		expect(() => workspace.closeRoom(room._id, 'second', {}, true)).toThrow('Error removing inquiry');
		expect(errorCode(() => workspace.closeRoom(room._id, 'third', {}))).toBe('error-room-closed');
	});

	it('records a user closer', () => {
		const { workspace, openRoom, bot } = demoWorkspace();
		const room = openRoom();
		workspace.closeRoom(room._id, 'done', { user: bot });
		expect(room.open).toBeUndefined();
		expect(room).toMatchObject({ closer: 'user', closedBy: { _id: bot._id, username: bot.username } });
		expect(room.closedAt).toBeInstanceOf(Date);
		expect(workspace.history(room._id).at(-1)).toMatchObject({ t: 'livechat-close', msg: 'done' });
	});

	it('records the visitor as closer when no user closes it', () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		workspace.closeRoom(room._id, 'bye', {});
		expect(room).toMatchObject({ closer: 'visitor', closedBy: { _id: room.v._id } });
	});

	it('refuses a closed room and, when the workspace asks for one, an empty comment', () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		workspace.settings.Livechat_request_comment_when_closing_conversation = true;
		expect(errorCode(() => workspace.closeRoom(room._id, '  ', {}))).toBe('error-comment-is-required');
		workspace.closeRoom(room._id, 'resolved', {});
		expect(errorCode(() => workspace.closeRoom(room._id, 'again', {}))).toBe('error-room-closed');
		expect(errorCode(() => workspace.closeRoom('no-such-room', 'x', {}))).toBe('error-room-closed');
	});

	it('lets exactly one of 50 concurrent closes succeed', async () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		const results = await Promise.allSettled(
			Array.from({ length: 50 }, async () => {
				await Promise.resolve();
				workspace.closeRoom(room._id, 'bye', {});
			}),
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		expect(workspace.history(room._id).filter((message) => message.t === 'livechat-close')).toHaveLength(1);
	});
});

describe('removeClosedRooms (livechat/rooms.removeAllClosedRooms)', () => {
	it('deletes closed chats with their messages, keeps open ones, and can keep to some departments', () => {
		const { workspace, openRoom, sales } = demoWorkspace();
		const closedBot = openRoom();
		const closedSales = openRoom(sales._id);
		const open = openRoom();
		const hello = workspace.addMessage(closedBot, { msg: 'hello', u: { _id: 'x', username: 'x' } });
		workspace.closeRoom(closedBot._id, 'bye', {});
		workspace.closeRoom(closedSales._id, 'bye', {});
		const messagesBefore = workspace.messageCount;

		expect(workspace.removeClosedRooms([sales._id])).toBe(1);
		expect(workspace.findRoom(closedSales._id)).toBeUndefined();
		expect(workspace.findRoom(closedBot._id)).toBeDefined();

		expect(workspace.removeClosedRooms()).toBe(1);
		expect(workspace.findRoom(closedBot._id)).toBeUndefined();
		expect(workspace.history(closedBot._id)).toEqual([]);
		expect(workspace.findMessage(hello._id)).toBeUndefined();
		expect(workspace.findRoom(open._id)?.open).toBe(true);
		expect(workspace.messageCount).toBeLessThan(messagesBefore);
		// Only the open chat's messages are left.
		expect(workspace.history(open._id).length).toBe(workspace.messageCount);
	});
});

describe('messages', () => {
	it('refuses custom fields unless the workspace enables them, then checks them against its schema', () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		const send = (customFields: Record<string, unknown>) => () =>
			workspace.addMessage(room, { msg: 'hi', u: { _id: 'x', username: 'x' }, customFields });

		expect(send({ rasaPayload: '/affirm' })).toThrow('Custom fields not enabled');

		workspace.settings.Message_CustomFields_Enabled = true;
		expect(send({ rasaPayload: '/affirm' })).toThrow('Invalid custom fields');
		expect(send({ priority: 'urgent' })).toThrow('Invalid custom fields');
		expect(send({ priority: 'high' })).not.toThrow();
	});

	it("applies the widget's visitor-message rule, with Rocket.Chat's codes", () => {
		const { workspace, openRoom } = demoWorkspace();
		const room = openRoom();
		const other = openRoom();

		expect(errorCode(() => workspace.sendVisitorMessage('nobody', room._id, 'hi'))).toBe('invalid-token');
		expect(errorCode(() => workspace.sendVisitorMessage(other.v.token, room._id, 'hi'))).toBe('invalid-room');
		workspace.closeRoom(room._id, 'bye', {});
		expect(errorCode(() => workspace.sendVisitorMessage(room.v.token, room._id, 'hi'))).toBe('room-closed');
	});

	it("refuses an agent's message over Message_MaxAllowedSize (5000) and one in a chat the agent does not serve", () => {
		const { workspace, openRoom, alice, bot, sales } = demoWorkspace();
		const room = openRoom(sales._id);
		const botsRoom = openRoom();

		expect(errorCode(() => workspace.sendAgentMessage(alice._id, room._id, 'x'.repeat(5001)))).toBe(
			'error-message-size-exceeded',
		);
		expect(workspace.sendAgentMessage(alice._id, room._id, 'x'.repeat(5000)).msg).toHaveLength(5000);
		expect(errorCode(() => workspace.sendAgentMessage(alice._id, botsRoom._id, 'hi'))).toBe('error-not-allowed');
		expect(botsRoom.servedBy?._id).toBe(bot._id);
	});

	it("refuses an app's bot message in a chat the bot no longer serves, and lets the app's own user post anywhere", async () => {
		const { workspace, openRoom, bot, sales } = demoWorkspace();
		const room = openRoom();
		const app = workspace.createUser({ username: 'rasa.bot', password: 'pw', roles: ['bot'], type: 'app' });
		const bridge = new (SandboxMessageBridge as unknown as new (context: BridgeContext) => {
			create(message: object): Promise<string>;
		})({ workspace, convert: new Converters(workspace), log: () => undefined });
		const post = (senderId: string) => bridge.create({ room: { id: room._id }, sender: { id: senderId }, text: 'hi' });

		await expect(post(bot._id)).resolves.toEqual(expect.any(String));
		workspace.transferToDepartment(room._id, sales._id, { _id: app._id, username: app.username, type: 'app' });

		await expect(post(bot._id)).rejects.toThrow('error-not-allowed');
		await expect(post(app._id)).resolves.toEqual(expect.any(String));
	});

	it('merges an update into the message: what it does not name stays', () => {
		const { workspace, openRoom, bot } = demoWorkspace();
		const room = openRoom();
		const question = workspace.addMessage(room, {
			msg: 'Which team?',
			u: { _id: bot._id, username: bot.username },
			attachments: [{ image_url: 'https://example.com/a.png' }],
			blocks: [{ type: 'actions', elements: [] }],
		});

		workspace.updateMessage(question._id, { blocks: [] }, { _id: bot._id, username: bot.username });

		expect(workspace.findMessage(question._id)).toMatchObject({
			msg: 'Which team?',
			attachments: [{ image_url: 'https://example.com/a.png' }],
			blocks: [],
			editedBy: { username: bot.username },
		});
	});
});
