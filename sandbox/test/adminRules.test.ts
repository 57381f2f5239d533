import { Workspace } from '../src/workspace/Workspace';
import { WorkspaceError } from '../src/workspace/WorkspaceError';
import { Match, check } from '../src/workspace/meteorCheck';
import { hasPermission } from '../src/workspace/permissions';

const codeOf = async (run: () => unknown): Promise<string | undefined> => {
	try {
		await run();
	} catch (error) {
		return error instanceof WorkspaceError ? error.code : (error as Error).message;
	}
	return undefined;
};

function workspaceWithAgent() {
	const workspace = new Workspace();
	const admin = workspace.createUser({ username: 'admin', password: 'pw', roles: ['admin'] });
	const alice = workspace.createUser({ username: 'alice', password: 'pw', roles: ['user', 'livechat-agent'] });
	workspace.setUserStatus(alice._id, 'online');
	workspace.setAgentStatus(alice._id, 'available');
	let visitors = 0;
	const openRoom = () => {
		const token = `token-${++visitors}`;
		workspace.registerVisitor({ token, name: `Visitor ${visitors}` });
		return workspace.openRoom(token).room;
	};
	return { workspace, admin, alice, openRoom };
}

describe("Meteor's check, as Rocket.Chat's routes report it", () => {
	it('names the missing key and its path', () => {
		const agents = Match.objectIncluding({ agentId: String, username: Match.maybe(String) });
		expect(() => check({}, Match.objectIncluding({ upsert: Array, remove: Array }))).toThrow(
			"Match error: Missing key 'upsert'",
		);
		expect(() => check({ upsert: [{}] }, { upsert: Match.maybe([agents]), remove: Match.maybe([agents]) })).toThrow(
			"Match error: Missing key 'agentId' in field upsert[0]",
		);
		expect(() => check({ agentId: 1 }, agents)).toThrow('Match error: Expected string, got number in field agentId');
		expect(() => check({ upsert: null }, { upsert: Match.maybe([agents]) })).not.toThrow();
		expect(() => check({ extra: 1 }, {})).toThrow('Match error: Unknown key in field extra');
	});
});

describe("Rocket.Chat's default permissions", () => {
	it('lets managers and admins forward chats, not agents (transfer-livechat-guest)', () => {
		expect(hasPermission({ roles: ['livechat-agent'] }, 'transfer-livechat-guest')).toBe(false);
		expect(hasPermission({ roles: ['livechat-manager'] }, 'transfer-livechat-guest')).toBe(true);
		expect(hasPermission({ roles: ['livechat-agent'] }, 'view-l-room')).toBe(true);
	});
});

describe('departments (departmentsLib)', () => {
	it('checks the data as saveDepartment does, and keeps the other fields it is given', () => {
		const { workspace } = workspaceWithAgent();
		expect(() => workspace.saveDepartment(null, {})).toThrow("Match error: Missing key 'enabled'");
		const department = workspace.saveDepartment(null, {
			enabled: true,
			name: 'Sales',
			email: 'a@b.c',
			showOnRegistration: true,
			showOnOfflineForm: false,
			description: 'from a test',
		});
		expect(department.extra).toEqual({ description: 'from a test' });
		const data = { enabled: true, name: 'X', email: 'x@y.z', showOnRegistration: true, showOnOfflineForm: true };
		expect(() => workspace.saveDepartment('nope', data)).toThrow('Department not found [error-department-not-found]');
	});

	it('links any existing user as an agent, skips unknown ones, and lists the links by username', () => {
		const { workspace, admin, alice } = workspaceWithAgent();
		const department = workspace.createDepartment(
			{ name: 'Sales', enabled: true, showOnRegistration: true, showOnOfflineForm: false },
			[],
		);
		workspace.saveDepartmentAgents(department._id, {
			upsert: [{ agentId: alice._id }, { agentId: admin._id }, { agentId: 'nobody' }],
			remove: [],
		});
		expect(workspace.departmentAgents(department._id).map((link) => link.username)).toEqual(['admin', 'alice']);
		expect(workspace.departmentAgents(department._id)[0]).toMatchObject({
			departmentId: department._id,
			departmentEnabled: true,
		});
	});

	it('removes a department and takes it off every room, open or closed', () => {
		const { workspace, openRoom } = workspaceWithAgent();
		const department = workspace.createDepartment(
			{ name: 'Sales', enabled: true, showOnRegistration: true, showOnOfflineForm: false },
			[],
		);
		const room = openRoom();
		room.departmentId = department._id;
		workspace.removeDepartment(department._id);
		expect(room.departmentId).toBeUndefined();
		expect(() => workspace.removeDepartment(department._id)).toThrow(/^error-department-not-found$/);
	});
});

describe('livechat/room.closeByUser (closeLivechatRoom)', () => {
	it('lets one of two overlapping closes win; the other fails inside the close with "Error removing inquiry"', async () => {
		const { workspace, admin, openRoom } = workspaceWithAgent();
		const room = openRoom();
		const results = await Promise.allSettled([
			workspace.closeRoomByUser(admin, room._id, { comment: 'one' }),
			workspace.closeRoomByUser(admin, room._id, { comment: 'two' }),
		]);
		expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
		const loser = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
		expect((loser.reason as Error).message).toBe('Error removing inquiry');
		expect(room.open).toBeUndefined();
		expect(workspace.history(room._id).filter((message) => message.t === 'livechat-close')).toHaveLength(1);
	});

	it('refuses a closed room unless forced, and an agent who does not serve the chat', async () => {
		const { workspace, admin, alice, openRoom } = workspaceWithAgent();
		const room = openRoom();
		const other = workspace.createUser({ username: 'bob', password: 'pw', roles: ['livechat-agent'] });
		expect(await codeOf(() => workspace.closeRoomByUser(other, room._id, { comment: 'x' }))).toBe(
			'error-not-authorized',
		);
		expect(await codeOf(() => workspace.closeRoomByUser(alice, room._id, {}))).toBe('error-comment-is-required');
		await workspace.closeRoomByUser(alice, room._id, { comment: 'done' });
		expect(await codeOf(() => workspace.closeRoomByUser(admin, room._id, { comment: 'again' }))).toBe(
			'error-room-already-closed',
		);
		await workspace.closeRoomByUser(admin, room._id, { comment: 'forced', forceClose: true });
		expect(workspace.history(room._id).filter((message) => message.t === 'livechat-close')).toHaveLength(2);
		expect(room.closedBy?.username).toBe('admin');
	});
});

describe("a chat's inquiry and its last message", () => {
	it('keeps the last visitor message on the inquiry while a queue shows it (manual selection)', () => {
		const { workspace, openRoom } = workspaceWithAgent();
		workspace.setSetting('Livechat_Routing_Method', 'Manual_Selection');
		const room = openRoom();
		workspace.sendVisitorMessage(room.v.token, room._id, 'hello');
		expect(workspace.inquiryOfRoom(room._id)?.lastMessage?.msg).toBe('hello');
	});

	it('quotes a linked message of the workspace the sender may see (jumpToMessage)', () => {
		const { workspace, openRoom } = workspaceWithAgent();
		const room = openRoom();
		const first = workspace.sendVisitorMessage(room.v.token, room._id, 'the first one');
		const link = `${workspace.settings.Site_Url}/live/${room._id}?msg=${first._id}`;
		const quoting = workspace.sendVisitorMessage(room.v.token, room._id, `see ${link}`);
		expect(quoting.attachments).toEqual([expect.objectContaining({ message_link: link, text: 'the first one' })]);
	});
});

describe('subscriptions', () => {
	it('has the serving agent subscribed while the chat is open, nobody after it closed', async () => {
		const { workspace, alice, openRoom } = workspaceWithAgent();
		const room = openRoom();
		expect(workspace.livechatSubscription(room._id, alice._id)?.u.username).toBe('alice');
		await workspace.closeRoomByUser(alice, room._id, { comment: 'done' });
		expect(workspace.livechatSubscription(room._id, alice._id)).toBeUndefined();
	});
});

describe('livechat custom field definitions (livechat:saveCustomField)', () => {
	it("checks a definition, names it by its field, and tells a visitor's registration which keys it may keep", () => {
		const { workspace } = workspaceWithAgent();
		const data = { label: 'Address', visibility: 'visible', regexp: '', searchable: true };
		expect(() => workspace.customFieldDefinitions.save(null, { field: 'x' })).toThrow(
			"Match error: Missing key 'label'",
		);
		workspace.customFieldDefinitions.save(null, { ...data, field: 'address', scope: 'visitor' });
		workspace.customFieldDefinitions.save(null, { ...data, field: 'ticket', scope: 'room' });
		expect(() => workspace.customFieldDefinitions.save(null, { ...data, field: 'address', scope: 'visitor' })).toThrow(
			'Custom field name already exists [error-custom-field-name-already-exists]',
		);
		expect(workspace.customFieldDefinitions.visitorFieldKeys()).toEqual(['address']);
	});
});
