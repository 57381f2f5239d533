/**
 * Port of apps/meteor/tests/end-to-end/api/livechat/01-agents.ts (Rocket.Chat, the 7.x-era version the search index
 * holds: file id 182668611, 26,397 characters) against the sandbox.
 */
import {
	api,
	credentials,
	password,
	request,
	startRocketChat,
	updateSetting,
	cleanup,
	typeOf,
	type Credentials,
} from './support/api';
import {
	createAgent,
	createLivechatRoom,
	createManager,
	createVisitor,
	fetchInquiry,
	makeAgentAvailable,
	takeInquiry,
} from './support/livechat';
import { createUser, deleteUser, getMe, login, setUserStatus, type TestUser } from './support/users';

jest.setTimeout(30000);

describe('LIVECHAT - Agents', () => {
	let sandbox: Awaited<ReturnType<typeof startRocketChat>>;
	let agent: any;
	let manager: any;

	let agent2: { user: TestUser; credentials: Credentials };

	beforeAll(async () => {
		sandbox = await startRocketChat();
		await updateSetting('Livechat_enabled', true);
		await updateSetting('Livechat_Routing_Method', 'Manual_Selection');
		// Not sent: updateEESetting('Livechat_Require_Contact_Verification', 'never') (not modelled; "never" is the
		// sandbox's behaviour) and updateSetting('Omnichannel_enable_department_removal', true) (no case deletes one).
		agent = await createAgent();
		manager = await createManager();

		const user = await createUser();
		const userCredentials = await login(user.username, password);
		await createAgent(user.username);

		await makeAgentAvailable(userCredentials);

		agent2 = {
			user,
			credentials: userCredentials,
		};
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	const expectUserList = (res: { body: any }) => {
		expect(res.body).toHaveProperty('success', true);
		expect(typeOf(res.body.users)).toBe('array');
		expect(res.body).toHaveProperty('offset');
		expect(res.body).toHaveProperty('total');
		expect(res.body).toHaveProperty('count');
	};

	describe('GET livechat/users/:type', () => {
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type › should throw an error when the type is invalid
		it('should throw an error when the type is invalid', async () => {
			// Rocket.Chat first gives view-livechat-manager and manage-livechat-agents to ['admin'] (the admin holds both by
			// default; the previous, unported case had removed them).
			await request
				.get(api('livechat/users/invalid-type'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body.error).toBe('Invalid type');
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type › should return an array of agents
		it('should return an array of agents', async () => {
			await request
				.get(api('livechat/users/agent'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expectUserList(res);
					const agentRecentlyCreated = (res.body.users as any[]).find((user) => agent._id === user._id);
					expect(agentRecentlyCreated?._id).toBe(agent._id);
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type › should return an array of available agents
		it('should return an array of available agents', async () => {
			await request
				.get(api('livechat/users/agent'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.query({ onlyAvailable: true })
				.expect(200)
				.expect((res) => {
					expectUserList(res);
					expect(res.body.users.every((u: { statusLivechat: string }) => u.statusLivechat === 'available')).toBe(true);
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type › should return an array of available/unavailable agents when onlyAvailable is false
		it('should return an array of available/unavailable agents when onlyAvailable is false', async () => {
			await request
				.get(api('livechat/users/agent'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.query({ onlyAvailable: false })
				.expect(200)
				.expect((res) => {
					expectUserList(res);
					expect(
						res.body.users.every(
							(u: { statusLivechat: string }) =>
								!u.statusLivechat || ['available', 'not-available'].includes(u.statusLivechat),
						),
					).toBe(true);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type › should return offline agents when showIdleAgents is true
		it('should return offline agents when showIdleAgents is true', async () => {
			await setUserStatus(agent2.credentials, 'offline');
			await request
				.get(api('livechat/users/agent'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.query({ showIdleAgents: true })
				.expect(200)
				.expect((res) => {
					expectUserList(res);
					expect(
						res.body.users.every(
							(u: { status: string }) => !u.status || ['online', 'offline', 'away', 'busy'].includes(u.status),
						),
					).toBe(true);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type › should return only online agents when showIdleAgents is false
		it('should return only online agents when showIdleAgents is false', async () => {
			await setUserStatus(agent2.credentials, 'online');
			await request
				.get(api('livechat/users/agent'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.query({ showIdleAgents: false })
				.expect(200)
				.expect((res) => {
					expectUserList(res);
					expect(res.body.users.every((u: { status: string }) => u.status !== 'offline')).toBe(true);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type › should return an array of managers
		it('should return an array of managers', async () => {
			await request
				.get(api('livechat/users/manager'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expectUserList(res);
					const managerRecentlyCreated = (res.body.users as any[]).find((user) => manager._id === user._id);
					expect(managerRecentlyCreated?._id).toBe(manager._id);
				});
		});
	});

	describe('POST livechat/users/:type', () => {
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › POST livechat/users/:type › should return an error when type is invalid
		it('should return an error when type is invalid', async () => {
			await request
				.post(api('livechat/users/invalid-type'))
				.set(credentials)
				.send({
					username: 'test-agent',
				})
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › POST livechat/users/:type › should return an error when username is invalid
		it('should return an error when username is invalid', async () => {
			await request
				.post(api('livechat/users/agent'))
				.set(credentials)
				.send({
					username: 'mr-not-valid',
				})
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › POST livechat/users/:type › should return a valid user when all goes fine
		it('should return a valid user when all goes fine', async () => {
			const user = await createUser();
			await request
				.post(api('livechat/users/agent'))
				.set(credentials)
				.send({
					username: user.username,
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('user');
					expect(res.body.user).toHaveProperty('_id');
					expect(res.body.user).toHaveProperty('username');
				});

			// cleanup
			await cleanup(deleteUser(user));
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › POST livechat/users/:type › should properly create a manager
		it('should properly create a manager', async () => {
			const user = await createUser();
			await request
				.post(api('livechat/users/manager'))
				.set(credentials)
				.send({
					username: user.username,
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('user');
					expect(res.body.user).toHaveProperty('_id');
					expect(res.body.user).toHaveProperty('username');
				});

			// cleanup
			await cleanup(deleteUser(user));
		});
	});

	describe('GET livechat/users/:type/:_id', () => {
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type/:_id › should return an error when type is invalid
		it('should return an error when type is invalid', async () => {
			await request
				.get(api(`livechat/users/invalid-type/invalid-id${agent._id}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type/:_id › should return an error when _id is invalid
		it('should return an error when _id is invalid', async () => {
			await request
				.get(api('livechat/users/agent/invalid-id'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type/:_id › should return a valid user when all goes fine
		it('should return a valid user when all goes fine', async () => {
			const agent = await createAgent();
			await request
				.get(api(`livechat/users/agent/${agent._id}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('user');
					expect(res.body.user).toHaveProperty('_id');
					expect(res.body.user).toHaveProperty('username');
					expect(res.body.user).not.toHaveProperty('roles');
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › GET livechat/users/:type/:_id › should return { user: null } when user is not an agent
		it('should return { user: null } when user is not an agent', async () => {
			const user = await createUser();
			await request
				.get(api(`livechat/users/agent/${user._id}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('user');
					expect(res.body.user).toBeNull();
				});

			// cleanup
			await cleanup(deleteUser(user));
		});
	});

	describe('DELETE livechat/users/:type/:_id', () => {
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › DELETE livechat/users/:type/:_id › should return an error when type is invalid
		it('should return an error when type is invalid', async () => {
			await request
				.delete(api(`livechat/users/invalid-type/id`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › DELETE livechat/users/:type/:_id › should return an error when _id is invalid
		it('should return an error when _id is invalid', async () => {
			await request
				.delete(api('livechat/users/agent/invalid-id'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › DELETE livechat/users/:type/:_id › should return a valid user when all goes fine
		it('should return a valid user when all goes fine', async () => {
			const agent = await createAgent();
			await request
				.delete(api(`livechat/users/agent/${agent._id}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);
		});
	});

	describe('livechat/agent.info/:rid/:token', () => {
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.info/:rid/:token › should fail when token in url params is not valid
		it('should fail when token in url params is not valid', async () => {
			await request.get(api(`livechat/agent.info/soemthing/invalid-token`)).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.info/:rid/:token › should fail when token is valid but rid isnt
		it('should fail when token is valid but rid isnt', async () => {
			const visitor = await createVisitor();
			await request.get(api(`livechat/agent.info/invalid-rid/${visitor.token}`)).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.info/:rid/:token › should return a valid agent when the room is being served and the room belongs to visitor
		it('should return a valid agent when the room is being served and the room belongs to visitor', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			const inq = await fetchInquiry(room._id);
			await takeInquiry(inq._id, agent2.credentials);

			const { body } = await request.get(api(`livechat/agent.info/${room._id}/${visitor.token}`));
			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('agent');
			expect(body.agent).toHaveProperty('_id', agent2.user._id);
		});
	});

	describe('livechat/agent.status', () => {
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.status › should return an error if user is not an agent
		it('should return an error if user is not an agent', async () => {
			const user = await createUser({ roles: ['livechat-manager'] });
			const userCredentials = await login(user.username, password);
			await request
				.post(api('livechat/agent.status'))
				.set(userCredentials)
				.send({ status: 'available', agentId: user._id })
				.expect(404)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body).toHaveProperty('error', 'Agent not found');
				});

			// cleanup
			await cleanup(deleteUser(user));
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.status › should return an error if status is not valid
		it('should return an error if status is not valid', async () => {
			await request
				.post(api('livechat/agent.status'))
				.set(agent2.credentials)
				.send({ status: 'invalid-status', agentId: agent2.user._id })
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body).toHaveProperty('error');
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.status › should return an error if agentId param is not valid
		it('should return an error if agentId param is not valid', async () => {
			await request
				.post(api('livechat/agent.status'))
				.set(agent2.credentials)
				.send({ status: 'available', agentId: 'invalid-agent-id' })
				.expect(404)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body).toHaveProperty('error', 'Agent not found');
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.status › should change logged in users status
		it('should change logged in users status', async () => {
			const currentUser = await getMe(agent2.credentials);
			const currentStatus = currentUser.statusLivechat;
			const newStatus = currentStatus === 'available' ? 'not-available' : 'available';

			await request
				.post(api('livechat/agent.status'))
				.set(agent2.credentials)
				.send({ status: newStatus, agentId: currentUser._id })
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('status', newStatus);
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/01-agents.ts › LIVECHAT - Agents › livechat/agent.status › should allow managers to change other agents status
		it('should allow managers to change other agents status', async () => {
			// Rocket.Chat first sets manage-livechat-agents to ['admin'] (the admin holds it by default).
			const currentUser = await getMe(agent2.credentials);
			const currentStatus = currentUser.statusLivechat;
			const newStatus = currentStatus === 'available' ? 'not-available' : 'available';

			await request
				.post(api('livechat/agent.status'))
				.set(credentials)
				.send({ status: newStatus, agentId: currentUser._id })
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('status', newStatus);
				});
		});
	});
});
