/**
 * apps/meteor/tests/data/livechat/rooms.ts, department.ts, users.ts, utils.ts: the same requests, in the same order.
 * Where a helper asserts (`.expect(200)`), so does this one (without the exact Content-Type, see api.ts setupCall).
 */
import { randomBytes, randomInt } from 'crypto';

import {
	adminUsername,
	api,
	credentials,
	getSettingValueById,
	methodCall,
	password,
	request,
	restorePermissionToRoles,
	sleep,
	updateSetting,
	type Credentials,
	type Response,
} from './api';
import { createUser, login, type TestUser } from './users';

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** faker.string.alphanumeric(length) */
function alphanumeric(length: number): string {
	return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

/** faker.lorem.sentence() */
export function loremSentence(): string {
	const words = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'adipiscing', 'elit', 'sed', 'do'];
	const sentence = Array.from({ length: 4 + randomInt(5) }, () => words[randomInt(words.length)]).join(' ');
	return `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
}

/** data/livechat/users.ts getRandomVisitorToken */
export const getRandomVisitorToken = (): string => alphanumeric(17);

function expectStatus(res: Response, status: number, label: string): Response {
	if (res.status !== status) {
		throw new Error(
			`${label}: ${res.request.method} ${res.request.url} → ${res.status} ${res.text} (Rocket.Chat's helper expects ${status})`,
		);
	}
	return res;
}

// ---- data/livechat/rooms.ts

export async function createLivechatRoom(visitorToken: string, extraRoomParams?: Record<string, string>): Promise<any> {
	const urlParams = new URLSearchParams();
	urlParams.append('token', visitorToken);
	if (extraRoomParams) {
		for (const [key, value] of Object.entries(extraRoomParams)) {
			urlParams.append(key, value);
		}
	}
	const res = await request.get(api('livechat/room')).query(urlParams.toString()).set(credentials);
	return expectStatus(res, 200, 'createLivechatRoom').body.room;
}

export async function createVisitor(
	department?: string,
	visitorName?: string,
	customEmail?: string,
	customPhone?: string,
): Promise<any> {
	const token = getRandomVisitorToken();
	const email = customEmail || `${token}@${token}.com`;
	const phone = customPhone || `${Math.floor(Math.random() * 10000000000)}`;
	const existing = await request.get(api(`livechat/visitor/${token}`));
	if (existing.body?.visitor) {
		return existing.body.visitor;
	}
	const res = await request
		.post(api('livechat/visitor'))
		.set(credentials)
		.send({
			visitor: {
				name: visitorName || `Visitor ${Date.now()}`,
				email,
				token,
				phone,
				customFields: [{ key: 'address', value: 'Rocket.Chat street', overwrite: true }],
				...(department ? { department } : {}),
			},
		});
	return res.body.visitor;
}

export async function deleteVisitor(token: string): Promise<void> {
	await request.delete(api(`livechat/visitor/${token}`));
}

export async function takeInquiry(inquiryId: string, agentCredentials?: Credentials): Promise<void> {
	const userId = agentCredentials ? agentCredentials['X-User-Id'] : credentials['X-User-Id'];
	const res = await request
		.post(api('livechat/inquiries.take'))
		.set(agentCredentials || credentials)
		.send({ userId, inquiryId });
	expectStatus(res, 200, 'takeInquiry');
}

export async function fetchInquiry(roomId: string): Promise<any> {
	const res = await request.get(api('livechat/inquiries.getOne')).query({ roomId }).set(credentials);
	return res.body.inquiry;
}

/** rooms.ts createDepartment (the REST one; department.ts has its own below). */
export async function createDepartment(
	agents?: Array<{ agentId: string; count?: number }>,
	name?: string,
	enabled = true,
	opts: Record<string, any> = {},
	departmentUnit?: { _id?: string },
	userCredentials: Credentials = credentials,
): Promise<any> {
	const res = await request
		.post(api('livechat/department'))
		.set(userCredentials)
		.send({
			department: {
				name: name || `Department ${Date.now()}`,
				enabled,
				showOnOfflineForm: true,
				showOnRegistration: true,
				email: 'a@b.com',
				...opts,
			},
			agents,
			departmentUnit,
		});
	return res.body.department;
}

export async function createAgent(overrideUsername?: string): Promise<any> {
	const res = await request
		.post(api('livechat/users/agent'))
		.set(credentials)
		.send({ username: overrideUsername || adminUsername });
	return res.body.user;
}

export async function createManager(overrideUsername?: string): Promise<any> {
	const res = await request
		.post(api('livechat/users/manager'))
		.set(credentials)
		.send({ username: overrideUsername || adminUsername });
	return res.body.user;
}

export async function switchLivechatStatus(status: 'available' | 'not-available', overrideCredentials?: Credentials) {
	const res = await request
		.post(api('livechat/agent.status'))
		.set(overrideCredentials || credentials)
		.send({ status });
	expectStatus(res, 200, 'switchLivechatStatus');
}

export async function makeAgentAvailable(overrideCredentials?: Credentials): Promise<Response> {
	await restorePermissionToRoles('view-l-room');
	await request
		.post(api('users.setStatus'))
		.set(overrideCredentials || credentials)
		.send({ message: '', status: 'online' });
	return request
		.post(api('livechat/agent.status'))
		.set(overrideCredentials || credentials)
		.send({ status: 'available' });
}

export async function makeAgentUnavailable(overrideCredentials?: Credentials): Promise<void> {
	expectStatus(
		await request
			.post(api('users.setStatus'))
			.set(overrideCredentials || credentials)
			.send({ message: '', status: 'offline' }),
		200,
		'makeAgentUnavailable (users.setStatus)',
	);
	expectStatus(
		await request
			.post(api('livechat/agent.status'))
			.set(overrideCredentials || credentials)
			.send({ status: 'not-available' }),
		200,
		'makeAgentUnavailable (livechat/agent.status)',
	);
}

/** rooms.ts getLivechatRoomInfo reads the room through channels.info (which serves `l` rooms too). */
export async function getLivechatRoomInfo(roomId: string): Promise<any> {
	const res = await request.get(api('channels.info')).set(credentials).query({ roomId });
	return res.body.channel;
}

/** Sends message as visitor */
export async function sendMessage(roomId: string, message: string, visitorToken: string): Promise<any> {
	const res = await request
		.post(api('livechat/message'))
		.set(credentials)
		.send({ rid: roomId, msg: message, token: visitorToken });
	return res.body.message;
}

/** Sends a message using sendMessage method from agent */
export async function sendAgentMessage(
	roomId: string,
	msg?: string,
	userCredentials: Credentials = credentials,
): Promise<any> {
	const res = await request
		.post(methodCall('sendMessage'))
		.set(userCredentials)
		.send({
			message: JSON.stringify({
				method: 'sendMessage',
				params: [{ rid: roomId, msg: msg || loremSentence() }],
				id: 'id',
				msg: 'method',
			}),
		});
	return JSON.parse(res.body.message).result;
}

export async function fetchMessages(roomId: string, visitorToken: string): Promise<any[]> {
	const res = await request
		.get(api(`livechat/messages.history/${roomId}`))
		.set(credentials)
		.query({ token: visitorToken });
	if (!res.body.success) {
		throw res.body;
	}
	return res.body.messages;
}

export async function closeOmnichannelRoom(roomId: string, tags?: string[]): Promise<void> {
	const res = await request
		.post(api('livechat/room.closeByUser'))
		.set(credentials)
		.send({ rid: roomId, ...(tags && { tags }), comment: loremSentence() });
	expectStatus(res, 200, 'closeOmnichannelRoom');
}

export async function startANewLivechatRoomAndTakeIt({
	departmentId,
	agent,
}: { departmentId?: string; agent?: Credentials } = {}): Promise<{ room: any; visitor: any }> {
	const currentRoutingMethod = await getSettingValueById('Livechat_Routing_Method');
	const routingMethodChanged = false;
	if (currentRoutingMethod !== 'Manual_Selection') {
		await updateSetting('Livechat_Routing_Method', 'Manual_Selection');

		// wait for routing algorithm to stop
		await sleep(1000);
	}

	const visitor = await createVisitor(departmentId);
	const room = await createLivechatRoom(visitor.token);
	const { _id: roomId } = room;
	const inq = await fetchInquiry(roomId);
	await takeInquiry(inq._id, agent);
	await sendMessage(roomId, 'test message', visitor.token);

	if (routingMethodChanged) {
		await updateSetting('Livechat_Routing_Method', currentRoutingMethod);
		await sleep(1000);
	}

	return { room, visitor };
}

// ---- data/livechat/users.ts

export async function createBotAgent(): Promise<{ credentials: Credentials; user: TestUser }> {
	const agent = await createUser({ roles: ['bot'] });
	const createdUserCredentials = await login(agent.username, password);
	await createAgent(agent.username);
	await makeAgentAvailable(createdUserCredentials);
	return { credentials: createdUserCredentials, user: agent };
}

export async function createAnOnlineAgent(): Promise<{ credentials: Credentials; user: TestUser }> {
	const username = `user.test.${Date.now()}`;
	const email = `${username}@rocket.chat`;
	const { body } = await request
		.post(api('users.create'))
		.set(credentials)
		.send({ email, name: username, username, password });
	const agent = body.user;
	const createdUserCredentials = await login(agent.username, password);
	await createAgent(agent.username);
	await makeAgentAvailable(createdUserCredentials);
	return { credentials: createdUserCredentials, user: agent };
}

export async function createAnOfflineAgent(): Promise<{ credentials: Credentials; user: TestUser }> {
	const username = `user.test.${Date.now()}.offline`;
	const email = `${username}.offline@rocket.chat`;
	const { body } = await request
		.post(api('users.create'))
		.set(credentials)
		.send({ email, name: username, username, password });
	const agent = body.user;
	const createdUserCredentials = await login(agent.username, password);
	await createAgent(agent.username);
	await makeAgentUnavailable(createdUserCredentials);
	return { credentials: createdUserCredentials, user: agent };
}

// ---- data/livechat/department.ts

/** department.ts creates departments through the livechat:saveDepartment method (method.call). */
export async function createDepartmentWithMethod({
	initialAgents = [],
	allowReceiveForwardOffline = false,
	fallbackForwardDepartment,
	departmentsAllowedToForward,
	name,
	departmentUnit,
	userCredentials = credentials,
	departmentId = '',
}: {
	initialAgents?: Array<{ agentId: string; username: string }>;
	allowReceiveForwardOffline?: boolean;
	fallbackForwardDepartment?: string;
	departmentsAllowedToForward?: string[];
	name?: string;
	departmentUnit?: { _id?: string };
	userCredentials?: Credentials;
	departmentId?: string;
} = {}): Promise<any> {
	const res = await request
		.post(methodCall('livechat:saveDepartment'))
		.set(userCredentials)
		.send({
			message: JSON.stringify({
				method: 'livechat:saveDepartment',
				params: [
					departmentId,
					{
						enabled: true,
						email: `${alphanumeric(8)}@example.com`,
						showOnRegistration: true,
						showOnOfflineForm: true,
						name: name || `new department ${Date.now()}`,
						description: 'created from api',
						allowReceiveForwardOffline,
						fallbackForwardDepartment,
						departmentsAllowedToForward,
					},
					initialAgents,
					departmentUnit,
				],
				id: 'id',
				msg: 'method',
			}),
		});
	return JSON.parse(res.body.message).result;
}

export async function addOrRemoveAgentFromDepartment(
	departmentId: string,
	agent: { agentId: string; username: string; count?: number; order?: number },
	add: boolean,
): Promise<void> {
	const response = await request
		.post(api(`livechat/department/${departmentId}/agents`))
		.set(credentials)
		.send({ ...(add ? { upsert: [agent], remove: [] } : { remove: [agent], upsert: [] }) });
	if (response.status !== 200) {
		throw new Error(`Failed to add or remove agent from department. Status code: ${response.status}\n${response.text}`);
	}
}

export async function createDepartmentWithAnOnlineAgent(): Promise<{
	department: any;
	agent: { credentials: Credentials; user: TestUser };
}> {
	const { user, credentials: agentCredentials } = await createAnOnlineAgent();
	const department = await createDepartmentWithMethod();
	await addOrRemoveAgentFromDepartment(department._id, { agentId: user._id, username: user.username }, true);
	return { department, agent: { credentials: agentCredentials, user } };
}

export async function deleteDepartment(departmentId: string): Promise<void> {
	const res = await request.delete(api(`livechat/department/${departmentId}`)).set(credentials);
	expectStatus(res, 200, 'deleteDepartment');
}

export async function createDepartmentWithAnOfflineAgent({
	allowReceiveForwardOffline = false,
	fallbackForwardDepartment,
	departmentsAllowedToForward,
}: {
	allowReceiveForwardOffline?: boolean;
	fallbackForwardDepartment?: string;
	departmentsAllowedToForward?: string[];
}): Promise<{ department: any; agent: { credentials: Credentials; user: TestUser } }> {
	const { user, credentials: agentCredentials } = await createAnOfflineAgent();
	const department = await createDepartmentWithMethod({
		allowReceiveForwardOffline,
		fallbackForwardDepartment,
		departmentsAllowedToForward,
	});
	await addOrRemoveAgentFromDepartment(department._id, { agentId: user._id, username: user.username }, true);
	return { department, agent: { credentials: agentCredentials, user } };
}
