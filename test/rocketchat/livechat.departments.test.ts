/**
 * Port of apps/meteor/tests/end-to-end/api/livechat/10-departments.ts (Rocket.Chat, the version the search index holds:
 * commit f24fb88e9e288f1d73390c802637b5612cd49c7e; the whole file is Enterprise-gated there, because a workspace
 * without a licence may have one department only: see support/api.ts IS_EE) against the sandbox: creating, reading
 * and removing departments and their agents.
 */
import { api, credentials, IS_EE, request, startRocketChat, updateSetting, cleanup, typeOf } from './support/api';
import {
	createAgent,
	createDepartment,
	createDepartmentWithAnOnlineAgent,
	createLivechatRoom,
	createVisitor,
	deleteDepartment,
	getLivechatRoomInfo,
	makeAgentAvailable,
} from './support/livechat';

jest.setTimeout(30000);

const describeEE = IS_EE ? describe : describe.skip;

describeEE('LIVECHAT - Departments', () => {
	let sandbox: Awaited<ReturnType<typeof startRocketChat>>;

	beforeAll(async () => {
		sandbox = await startRocketChat();
		await updateSetting('Livechat_enabled', true);
		// Not sent: updatePermission('view-livechat-manager', ['admin']) (the admin holds it by default).
		await createAgent();
		await makeAgentAvailable();
		// Rocket.Chat sets Omnichannel_enable_department_removal here, for the whole file; the port sets it in the only
		// describe that relies on it (DELETE livechat/department/:_id), so that the other cases do not depend on it.
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	describe('GET livechat/department', () => {
		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › GET livechat/department › should return a list of departments
		it('should return a list of departments', async () => {
			// Rocket.Chat first sets view-livechat-departments to ['admin'] (the admin holds it by default).
			await request
				.get(api('livechat/department'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('departments');
					expect(typeOf(res.body.departments)).toBe('array');
					expect(res.body.departments.length).toBeGreaterThanOrEqual(0);
				});
		});
	});

	describe('POST livechat/departments', () => {
		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › POST livechat/departments › should return an error when no keys are provided
		it('should return an error when no keys are provided', async () => {
			await request
				.post(api('livechat/department'))
				.set(credentials)
				.send({ department: {} })
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › POST livechat/departments › should create a new department
		it('should create a new department', async () => {
			const { body } = await request
				.post(api('livechat/department'))
				.set(credentials)
				.send({
					department: {
						name: 'Test',
						enabled: true,
						showOnOfflineForm: true,
						showOnRegistration: true,
						email: 'bla@bla',
					},
				})
				.expect('Content-Type', 'application/json')
				.expect(200);
			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('department');
			expect(body.department).toHaveProperty('_id');
			expect(body.department).toHaveProperty('name', 'Test');
			expect(body.department).toHaveProperty('enabled', true);
			expect(body.department).toHaveProperty('showOnOfflineForm', true);
			expect(body.department).toHaveProperty('showOnRegistration', true);
			await cleanup(deleteDepartment(body.department._id));
		});
	});

	describe('GET livechat/department/:_id', () => {
		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › GET livechat/department/:_id › should return an error when the department does not exist
		it('should return an error when the department does not exist', async () => {
			await request
				.get(api('livechat/department/testesteteste'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('department');
					expect(res.body.department).toBeNull();
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › GET livechat/department/:_id › should return the department
		it('should return the department', async () => {
			const department = await createDepartment();
			const { body } = await request
				.get(api(`livechat/department/${department._id}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);
			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('department');
			expect(body.department).toHaveProperty('_id');
			expect(body.department).toHaveProperty('name', department.name);
			expect(body.department).toHaveProperty('enabled', department.enabled);
			expect(body.department).toHaveProperty('showOnOfflineForm', department.showOnOfflineForm);
			expect(body.department).toHaveProperty('showOnRegistration', department.showOnRegistration);
			expect(body.department).toHaveProperty('email', department.email);
			await cleanup(deleteDepartment(body.department._id));
		});
	});

	describe('DELETE livechat/department/:_id', () => {
		beforeAll(async () => {
			await updateSetting('Omnichannel_enable_department_removal', true);
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › DELETE livechat/department/:_id › should return an error when the department does not exist
		it('should return an error when the department does not exist', async () => {
			const resp = await request
				.delete(api('livechat/department/testesteteste'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400);

			expect(resp.body).toHaveProperty('success', false);
			expect(resp.body).toHaveProperty('error', 'error-department-not-found');
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › DELETE livechat/department/:_id › it should remove the department
		it('it should remove the department', async () => {
			const department = await createDepartment();

			const resp = await request
				.delete(api(`livechat/department/${department._id}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);

			expect(resp.body).toHaveProperty('success', true);
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › DELETE livechat/department/:_id › it should remove the department and disassociate the rooms from it
		it('it should remove the department and disassociate the rooms from it', async () => {
			const { department } = await createDepartmentWithAnOnlineAgent();
			const newVisitor = await createVisitor(department._id);
			const newRoom = await createLivechatRoom(newVisitor.token);

			const resp = await request
				.delete(api(`livechat/department/${department._id}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);

			expect(resp.body).toHaveProperty('success', true);

			const latestRoom = await getLivechatRoomInfo(newRoom._id);
			expect(latestRoom.departmentId).toBeUndefined();
		});
	});

	describe('GET livechat/department/:departmentId/agents', () => {
		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › GET livechat/department/:departmentId/agents › should return an empty array when the departmentId is not valid
		it('should return an empty array when the departmentId is not valid', async () => {
			await request
				.get(api('livechat/department/test/agents'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('agents');
					expect(typeOf(res.body.agents)).toBe('array');
					expect(res.body.agents).toHaveLength(0);
					expect(res.body.total).toBe(0);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › GET livechat/department/:departmentId/agents › should return an emtpy array for a department without agents
		it('should return an emtpy array for a department without agents', async () => {
			const dep = await createDepartment();
			const res = await request
				.get(api(`livechat/department/${dep._id}/agents`))
				.set(credentials)
				.expect(200);
			expect(res.body).toHaveProperty('success', true);
			expect(res.body).toHaveProperty('agents');
			expect(typeOf(res.body.agents)).toBe('array');
			expect(res.body.agents).toHaveLength(0);
			expect(res.body.total).toBe(0);
			await cleanup(deleteDepartment(dep._id));
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › GET livechat/department/:departmentId/agents › should return the agents of the department
		it('should return the agents of the department', async () => {
			const agent = await createAgent();
			const dep = await createDepartment([{ agentId: agent._id }]);
			const res = await request
				.get(api(`livechat/department/${dep._id}/agents`))
				.set(credentials)
				.expect(200);
			expect(res.body).toHaveProperty('success', true);
			expect(res.body).toHaveProperty('agents');
			expect(typeOf(res.body.agents)).toBe('array');
			expect(res.body.agents).toHaveLength(1);
			expect(res.body.agents[0]).toHaveProperty('_id');
			expect(res.body.agents[0]).toHaveProperty('departmentId', dep._id);
			expect(res.body.agents[0]).toHaveProperty('departmentEnabled', true);
			expect(res.body.count).toBe(1);
			await cleanup(deleteDepartment(dep._id));
		});
	});

	describe('POST livechat/department/:departmentId/agents', () => {
		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › POST livechat/department/:departmentId/agents › should throw an error if the departmentId is not valid
		it('should throw an error if the departmentId is not valid', async () => {
			// Rocket.Chat first sets manage-livechat-departments and add-livechat-department-agents to roles the admin has.
			await request
				.post(api('livechat/department/test/agents'))
				.set(credentials)
				.send({ upsert: [], remove: [] })
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body).toHaveProperty('error', 'Department not found [error-department-not-found]');
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › POST livechat/department/:departmentId/agents › should throw an error if body doesnt contain { upsert: [], remove: [] }
		it('should throw an error if body doesnt contain { upsert: [], remove: [] }', async () => {
			const dep = await createDepartment();
			const res = await request
				.post(api(`livechat/department/${dep._id}/agents`))
				.set(credentials)
				.expect(400);
			expect(res.body).toHaveProperty('success', false);
			expect(res.body).toHaveProperty('error', "Match error: Missing key 'upsert'");
			await cleanup(deleteDepartment(dep._id));
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › POST livechat/department/:departmentId/agents › should throw an error if upsert or remove in body doesnt contain agentId and username
		it('should throw an error if upsert or remove in body doesnt contain agentId and username', async () => {
			const dep = await createDepartment();
			const res = await request
				.post(api(`livechat/department/${dep._id}/agents`))
				.set(credentials)
				.send({ upsert: [{}], remove: [] })
				.expect(400);
			expect(res.body).toHaveProperty('success', false);
			expect(res.body).toHaveProperty('error', "Match error: Missing key 'agentId' in field upsert[0]");
			await cleanup(deleteDepartment(dep._id));
		});

		// apps/meteor/tests/end-to-end/api/livechat/10-departments.ts › LIVECHAT - Departments › POST livechat/department/:departmentId/agents › should sucessfully add an agent to a department
		it('should sucessfully add an agent to a department', async () => {
			const [dep, agent] = await Promise.all([createDepartment(), createAgent()]);
			const res = await request
				.post(api(`livechat/department/${dep._id}/agents`))
				.set(credentials)
				.send({ upsert: [{ agentId: agent._id, username: agent.username }], remove: [] })
				.expect(200);
			expect(res.body).toHaveProperty('success', true);
			await cleanup(deleteDepartment(dep._id));
		});
	});
});
