/**
 * Port of apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts (Rocket.Chat, the 7.x-era version the search
 * index holds: file id 15352479, 18,621 characters) against the sandbox.
 */
import {
	api,
	credentials,
	IS_EE,
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
	createDepartment,
	createLivechatRoom,
	createVisitor,
	deleteVisitor,
	fetchInquiry,
	getLivechatRoomInfo,
	makeAgentAvailable,
} from './support/livechat';
import { createUser, deleteUser, login, type TestUser } from './support/users';

jest.setTimeout(30000);

const itEE = IS_EE ? it : it.skip;

describe('LIVECHAT - inquiries', () => {
	let sandbox: Awaited<ReturnType<typeof startRocketChat>>;

	beforeAll(async () => {
		sandbox = await startRocketChat();
		await updateSetting('Livechat_enabled', true);
		await updateSetting('Livechat_Routing_Method', 'Manual_Selection');
		// Not sent: updateEESetting('Livechat_Require_Contact_Verification', 'never') (not modelled; "never" is the
		// sandbox's behaviour).
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	describe('livechat/inquiries.getOne', () => {
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › livechat/inquiries.getOne › should return a inquiry
		it('should return a inquiry', async () => {
			// Rocket.Chat first sets view-l-room to ['admin'] (the admin holds it by default).
			await request
				.get(api('livechat/inquiries.getOne'))
				.query({ roomId: 'room-id' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('inquiry');
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › livechat/inquiries.getOne › should get an inquiry by room id
		it('should get an inquiry by room id', async () => {
			await createAgent();
			const visitor = await createVisitor();
			await makeAgentAvailable();
			const room = await createLivechatRoom(visitor.token);
			const inquiry = await fetchInquiry(room._id);
			await request
				.get(api(`livechat/inquiries.getOne`))
				.query({ roomId: room._id })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('inquiry');
					expect(res.body.inquiry).toHaveProperty('_id', inquiry._id);
					expect(res.body.inquiry).toHaveProperty('rid', room._id);
					expect(res.body.inquiry).toHaveProperty('ts');
					expect(typeOf(res.body.inquiry.ts)).toBe('string');
					expect(res.body.inquiry).toHaveProperty('status', 'queued');
					expect(res.body.inquiry).toHaveProperty('name', visitor.name);
					expect(res.body.inquiry).toHaveProperty('t', 'l');
					expect(res.body.inquiry).toHaveProperty('priorityWeight');
					expect(res.body.inquiry).toHaveProperty('estimatedWaitingTimeQueue');
					expect(res.body.inquiry.source).toHaveProperty('type', 'api');
					expect(res.body.inquiry).toHaveProperty('_updatedAt');
					expect(res.body.inquiry).toHaveProperty('v');
					expect(typeOf(res.body.inquiry.v)).toBe('object');
					expect(res.body.inquiry.v).toHaveProperty('_id', visitor._id);
				});
		});
	});

	describe('POST livechat/inquiries.take', () => {
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › POST livechat/inquiries.take › should throw an error when userId is provided but is invalid
		it('should throw an error when userId is provided but is invalid', async () => {
			// Rocket.Chat first sets view-l-room to ['admin', 'livechat-agent'] (both hold it by default).
			await request
				.post(api('livechat/inquiries.take'))
				.set(credentials)
				.send({ inquiryId: 'room-id', userId: 'invalid-user-id' })
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › POST livechat/inquiries.take › should throw an error if inquiryId is not an string
		it('should throw an error if inquiryId is not an string', async () => {
			await request
				.post(api('livechat/inquiries.take'))
				.set(credentials)
				.send({ inquiryId: { regexxxx: 'bla' }, userId: 'user-id' })
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › POST livechat/inquiries.take › should take an inquiry if all params are good
		it('should take an inquiry if all params are good', async () => {
			const agent = await createAgent();
			const visitor = await createVisitor();
			await makeAgentAvailable();
			const room = await createLivechatRoom(visitor.token);
			const inquiry = await fetchInquiry(room._id);

			await request
				.post(api('livechat/inquiries.take'))
				.set(credentials)
				.send({
					inquiryId: inquiry._id,
					userId: agent._id,
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
				});
			const inquiry2 = await fetchInquiry(room._id);
			expect(inquiry2.source?.type).toBe('api');
			expect(inquiry2.status).toBe('taken');
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › POST livechat/inquiries.take › should mark a taken room as servedBy me
		it('should mark a taken room as servedBy me', async () => {
			const agent = await createAgent();
			const visitor = await createVisitor();
			await makeAgentAvailable();
			const room = await createLivechatRoom(visitor.token);
			const inquiry = await fetchInquiry(room._id);

			await request
				.post(api('livechat/inquiries.take'))
				.set(credentials)
				.send({
					inquiryId: inquiry._id,
					userId: agent._id,
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
				});

			const roomInfo = await getLivechatRoomInfo(room._id);

			expect(roomInfo).toHaveProperty('servedBy');
			expect(typeOf(roomInfo.servedBy)).toBe('object');
			// Rocket.Chat's admin is the fixture user 'rocketchat.internal.admin.test'; here, the sandbox's admin.
			expect(roomInfo.servedBy).toHaveProperty('_id', credentials['X-User-Id']);
		});
	});

	describe('livechat/inquiries.queuedForUser', () => {
		let testUser: { user: TestUser; credentials: Credentials };
		beforeAll(async () => {
			await updateSetting('Livechat_accept_chats_with_no_agents', true);
			const user = await createUser();
			await createAgent(user.username);
			const credentials2 = await login(user.username, password);
			await makeAgentAvailable(credentials2);

			testUser = {
				user,
				credentials: credentials2,
			};
		});
		afterAll(async () => {
			await cleanup(updateSetting('Livechat_accept_chats_with_no_agents', false), deleteUser(testUser.user));
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › livechat/inquiries.queuedForUser › should return an array of inquiries
		it('should return an array of inquiries', async () => {
			// restorePermissionToRoles('view-l-room'): a no-op on a fresh workspace (support/api.ts)
			await request
				.get(api('livechat/inquiries.queuedForUser'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(typeOf(res.body.inquiries)).toBe('array');
					expect(res.body).toHaveProperty('offset');
					expect(res.body).toHaveProperty('total');
					expect(res.body).toHaveProperty('count');
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › livechat/inquiries.queuedForUser › should validate all returned inquiries are queued
		it('should validate all returned inquiries are queued', async () => {
			await request
				.get(api('livechat/inquiries.queuedForUser'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect(async (res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(typeOf(res.body.inquiries)).toBe('array');
					for (const inquiry of res.body.inquiries) {
						expect(inquiry).toHaveProperty('status', 'queued');
					}
				});
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › livechat/inquiries.queuedForUser › should return only public inquiries for a user with no departments
		it('should return only public inquiries for a user with no departments', async () => {
			const { body } = await request
				.get(api('livechat/inquiries.queuedForUser'))
				.set(testUser.credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);
			expect(body).toHaveProperty('success', true);
			expect(typeOf(body.inquiries)).toBe('array');
			for (const inq of body.inquiries) {
				expect(inq).not.toHaveProperty('department');
				expect(inq).toHaveProperty('status', 'queued');
			}
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › livechat/inquiries.queuedForUser › should return inquiries of the same department as the user
		itEE('should return inquiries of the same department as the user', async () => {
			const dep = await createDepartment([{ agentId: testUser.user._id }]);
			const visitor = await createVisitor(dep._id);
			await createLivechatRoom(visitor.token);

			const { body } = await request
				.get(api('livechat/inquiries.queuedForUser'))
				.set(testUser.credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);

			expect(body).toHaveProperty('success', true);
			expect(typeOf(body.inquiries)).toBe('array');
			const depInq = body.inquiries.filter((inq: { department: string }) => inq.department === dep._id);

			expect(depInq.length).toBe(1);
		});
		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › livechat/inquiries.queuedForUser › should not return an inquiry of a department the user is not part of
		itEE('should not return an inquiry of a department the user is not part of', async () => {
			const dep = await createDepartment();
			const visitor = await createVisitor(dep._id);
			await createLivechatRoom(visitor.token);

			const { body } = await request
				.get(api('livechat/inquiries.queuedForUser'))
				.set(testUser.credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);

			expect(body).toHaveProperty('success', true);
			expect(typeOf(body.inquiries)).toBe('array');
			const depInq = body.inquiries.filter((inq: { department: string }) => inq.department === dep._id);

			expect(depInq.length).toBe(0);
		});
	});
	describe('keep inquiry last message updated', () => {
		let room: any;
		let visitor: any;
		let agent: any;

		beforeAll(async () => {
			agent = await createAgent();
			visitor = await createVisitor();

			await makeAgentAvailable();
			room = await createLivechatRoom(visitor.token);
		});

		afterAll(async () => {
			await cleanup(deleteVisitor(visitor.token));
		});

		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › keep inquiry last message updated › should update inquiry last message
		it('should update inquiry last message', async () => {
			const msgText = `update inquiry ${Date.now()}`;

			await request
				.post(api('livechat/message'))
				.send({ token: visitor.token, rid: room._id, msg: msgText })
				.expect(200);

			const inquiry = await fetchInquiry(room._id);

			expect(inquiry).toHaveProperty('_id', inquiry._id);
			expect(inquiry).toHaveProperty('rid', room._id);
			expect(inquiry).toHaveProperty('lastMessage');
			expect(inquiry.lastMessage).toHaveProperty('msg', msgText);
		});

		// apps/meteor/tests/end-to-end/api/livechat/05-inquiries.ts › LIVECHAT - inquiries › keep inquiry last message updated › should update room last message after inquiry is taken
		it('should update room last message after inquiry is taken', async () => {
			const msgText = `update room ${Date.now()}`;

			const inquiry = await fetchInquiry(room._id);

			await request
				.post(api('livechat/inquiries.take'))
				.set(credentials)
				.send({
					inquiryId: inquiry._id,
					userId: agent._id,
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
				});

			await request
				.post(api('livechat/message'))
				.send({ token: visitor.token, rid: room._id, msg: msgText })
				.expect(200);

			// check room
			const roomInfo = await getLivechatRoomInfo(room._id);
			expect(roomInfo).toHaveProperty('lastMessage');
			expect(roomInfo.lastMessage).toHaveProperty('msg', msgText);
		});
	});
});
