/**
 * Port of apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts (Rocket.Chat, the 7.x-era version the search index
 * holds: file id 1135224745, 115,177 characters) against the sandbox. Each case keeps its Rocket.Chat title and
 * assertions; see test/rocketchat/support for the helpers and what the port translates.
 */
import {
	api,
	adminUsername,
	credentials,
	IS_EE,
	password,
	request,
	startRocketChat,
	updateSetting,
	cleanup,
	type Response,
} from './support/api';
import { installLocalTestPackage } from './support/apps';
import {
	closeOmnichannelRoom,
	createAgent,
	createDepartmentWithAnOfflineAgent,
	createDepartmentWithAnOnlineAgent,
	createLivechatRoom,
	createVisitor,
	deleteDepartment,
	deleteVisitor,
	fetchInquiry,
	getLivechatRoomInfo,
	makeAgentAvailable,
	startANewLivechatRoomAndTakeIt,
} from './support/livechat';
import { createUser, deleteUser, login } from './support/users';

jest.setTimeout(30000);

const itEE = IS_EE ? it : it.skip;
const describeEE = IS_EE ? describe : describe.skip;

describe('LIVECHAT - rooms', () => {
	let sandbox: Awaited<ReturnType<typeof startRocketChat>>;
	let visitor: any;
	let room: any;

	beforeAll(async () => {
		sandbox = await startRocketChat();
		if (IS_EE) {
			// Rocket.Chat: "install the app" from APP_URL (expects 200, an id, a version, status auto_enabled). The port
			// uploads the same Tester app zip (support/apps.ts); the install itself is asserted in apps.test.ts.
			const app = await installLocalTestPackage();
			if (!app?.id) {
				throw new Error('the Tester app did not install');
			}
		}
		await updateSetting('Livechat_enabled', true);
		// Not sent: updateEESetting('Livechat_Require_Contact_Verification', 'never') (contact verification is not
		// modelled; "never" is the sandbox's behaviour) and updateSetting('Omnichannel_enable_department_removal', true)
		// (only the cleanups of this file delete departments).
		await createAgent();
		await makeAgentAvailable();

		visitor = await createVisitor();

		room = await createLivechatRoom(visitor.token);
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	describe('livechat/room', () => {
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should fail when token is not passed as query parameter
		it('should fail when token is not passed as query parameter', async () => {
			await request.get(api('livechat/room')).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should fail when token is not a valid guest token
		it('should fail when token is not a valid guest token', async () => {
			await request.get(api('livechat/room')).query({ token: 'invalid-token' }).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should fail if rid is passed but doesnt point to a valid room
		it('should fail if rid is passed but doesnt point to a valid room', async () => {
			const visitor = await createVisitor();
			await request.get(api('livechat/room')).query({ token: visitor.token, rid: 'invalid-rid' }).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should prevent create a room for visitor if an app throws an error
		itEE('should prevent create a room for visitor if an app throws an error', async () => {
			// this test relies on the app installed by the insertApp fixture
			const visitor = await createVisitor(undefined, 'visitor prevent from app');
			const { body } = await request.get(api('livechat/room')).query({ token: visitor.token });

			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should create a room for visitor
		it('should create a room for visitor', async () => {
			const visitor = await createVisitor();
			const { body } = await request.get(api('livechat/room')).query({ token: visitor.token });

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('room');
			expect(body.room).toHaveProperty('v');
			expect(body.room.v).toHaveProperty('token', visitor.token);
			expect(body.room.source.type).toBe('api');
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should return an existing open room when visitor has one available
		it('should return an existing open room when visitor has one available', async () => {
			const visitor = await createVisitor();
			const { body } = await request.get(api('livechat/room')).query({ token: visitor.token });

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('room');
			expect(body.room).toHaveProperty('v');
			expect(body.room.v).toHaveProperty('token', visitor.token);

			const { body: body2 } = await request.get(api('livechat/room')).query({ token: visitor.token });

			expect(body2).toHaveProperty('success', true);
			expect(body2).toHaveProperty('room');
			expect(body2.room).toHaveProperty('_id', body.room._id);
			expect(body2.newRoom).toBe(false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should return a room for the visitor when rid points to a valid open room
		it('should return a room for the visitor when rid points to a valid open room', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			const { body } = await request.get(api('livechat/room')).query({ token: visitor.token, rid: room._id });

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('room');
			expect(body.room.v).toHaveProperty('token', visitor.token);
			expect(body.newRoom).toBe(false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room › should properly read widget cookies
		it('should properly read widget cookies', async () => {
			const visitor = await createVisitor();
			const { body } = await request
				.get(api('livechat/room'))
				.set('Cookie', 'rc_room_type=l; rc_is_widget=t')
				.query({ token: visitor.token });

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('room');
			expect(body.room.v).toHaveProperty('token', visitor.token);
			expect(body.room.source.type).toBe('widget');
		});
	});

	describe('livechat/rooms', () => {
		const expectInvalid = (res: Response) => {
			expect(res.body).toHaveProperty('success', false);
		};
		const expectList = (res: Response) => {
			expect(res.body).toHaveProperty('success', true);
			expect(Array.isArray(res.body.rooms)).toBe(true);
			expect(res.body).toHaveProperty('offset');
			expect(res.body).toHaveProperty('total');
			expect(res.body).toHaveProperty('count');
		};

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "agents" query parameter is not valid
		it('should return an error when the "agents" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				.query({ agents: 'invalid' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "roomName" query parameter is not valid
		it('should return an error when the "roomName" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				.query({ 'roomName[]': 'invalid' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "departmentId" query parameter is not valid
		it('should return an error when the "departmentId" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				// it accepts an array now!
				.query({ departmentId: { test: true } })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "open" query parameter is not valid
		it('should return an error when the "open" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				.query({ 'open[]': 'true' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "tags" query parameter is not valid
		it('should return an error when the "tags" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				.query({ tags: 'invalid' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "createdAt" query parameter is not valid
		it('should return an error when the "createdAt" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				.query({ createdAt: 'invalid' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "closedAt" query parameter is not valid
		it('should return an error when the "closedAt" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				.query({ closedAt: 'invalid' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an error when the "customFields" query parameter is not valid
		it('should return an error when the "customFields" query parameter is not valid', async () => {
			await request
				.get(api('livechat/rooms'))
				.query({ customFields: 'invalid' })
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an array of rooms when has no parameters
		it('should return an array of rooms when has no parameters', async () => {
			await request
				.get(api('livechat/rooms'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect(expectList);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return an array of rooms when the query params is all valid
		it('should return an array of rooms when the query params is all valid', async () => {
			await request
				.get(api(`livechat/rooms`))
				.set(credentials)
				.query({
					'agents[]': 'teste',
					'departmentId': '123',
					'open': true,
					'createdAt': '{"start":"2018-01-26T00:11:22.345Z","end":"2018-01-26T00:11:22.345Z"}',
					'closedAt': '{"start":"2018-01-26T00:11:22.345Z","end":"2018-01-26T00:11:22.345Z"}',
					'tags[]': 'rocket',
					'customFields': '{ "docId": "031041" }',
					'count': 3,
					'offset': 1,
					'sort': '{ "_updatedAt": 1 }',
					'fields': '{ "msgs": 0 }',
					'roomName': 'test',
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect(expectList);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should not cause issues when the customFields is empty
		it('should not cause issues when the customFields is empty', async () => {
			await request
				.get(api(`livechat/rooms`))
				.set(credentials)
				.query({ customFields: {}, roomName: 'test' })
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect(expectList);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should throw an error if customFields param is not a object
		it('should throw an error if customFields param is not a object', async () => {
			await request
				.get(api(`livechat/rooms`))
				.set(credentials)
				.query({ customFields: 'string' })
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect(expectInvalid);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should only return closed rooms when "open" is set to false
		it('should only return closed rooms when "open" is set to false', async () => {
			// Create and close a room
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await closeOmnichannelRoom(room._id);

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ open: false, roomName: room.fname })
				.set(credentials)
				.expect(200);
			expect(body.rooms.every((room: any) => !!room.closedAt)).toBe(true);
			expect(body.rooms.find((froom: any) => froom._id === room._id)).not.toBeUndefined();
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should only return open rooms when "open" is set to true
		it('should only return open rooms when "open" is set to true', async () => {
			// Create and close a room
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await closeOmnichannelRoom(room._id);

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ open: true, roomName: room.fname })
				.set(credentials)
				.expect(200);
			expect(body.rooms.every((room: any) => room.open)).toBe(true);
			expect(body.rooms.find((froom: any) => froom._id === room._id)).toBeUndefined();
		});

		describe('roomName filter', () => {
			let room1: any;
			let room2: any;
			beforeAll(async () => {
				const visitor = await createVisitor(undefined, 'TEST_1');
				const visitor2 = await createVisitor(undefined, 'TEST_2');
				room1 = await createLivechatRoom(visitor.token);
				room2 = await createLivechatRoom(visitor2.token);
			});

			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › roomName filter › should return only rooms matching exact term when roomName is between quotes
			it('should return only rooms matching exact term when roomName is between quotes', async () => {
				const { body } = await request
					.get(api('livechat/rooms'))
					.query({ roomName: `"TEST_1"` })
					.set(credentials)
					.expect(200);
				expect(body.rooms[0].fname).toBe('TEST_1');
				expect(body.rooms.find((r: any) => r.fname === 'TEST_2')).toBeUndefined();
			});
			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › roomName filter › should return rooms matching using regex when searching by roomName
			it('should return rooms matching using regex when searching by roomName', async () => {
				const { body } = await request
					.get(api('livechat/rooms'))
					.query({ roomName: `TEST_` })
					.set(credentials)
					.expect(200);
				expect(body.rooms.find((froom: any) => froom._id === room1._id)).not.toBeUndefined();
				expect(body.rooms.find((froom: any) => froom._id === room2._id)).not.toBeUndefined();
			});
			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › roomName filter › should return empty if no room matches term
			it('should return empty if no room matches term', async () => {
				const { body } = await request
					.get(api('livechat/rooms'))
					.query({ roomName: `"TEST_"` })
					.set(credentials)
					.expect(200);
				expect(body.rooms).toHaveLength(0);
			});
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return both closed/open when open param is not passed
		it('should return both closed/open when open param is not passed', async () => {
			// Create and close a room
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await closeOmnichannelRoom(room._id);

			const { body } = await request.get(api('livechat/rooms')).set(credentials).expect(200);
			expect(body.rooms.some((room: any) => !!room.closedAt)).toBe(true);
			expect(body.rooms.some((room: any) => room.open)).toBe(true);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return queued rooms when `queued` param is passed
		it('should return queued rooms when `queued` param is passed', async () => {
			await updateSetting('Livechat_Routing_Method', 'Manual_Selection');
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);

			const { body } = await request.get(api('livechat/rooms')).query({ queued: true }).set(credentials).expect(200);

			expect(body.rooms.every((room: any) => room.open)).toBe(true);
			expect(body.rooms.every((room: any) => !room.servedBy)).toBe(true);
			expect(body.rooms.find((froom: any) => froom._id === room._id)).not.toBeUndefined();
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return queued rooms when `queued` and `open` params are passed
		it('should return queued rooms when `queued` and `open` params are passed', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ queued: true, open: true })
				.set(credentials)
				.expect(200);

			expect(body.rooms.every((room: any) => room.open)).toBe(true);
			expect(body.rooms.every((room: any) => !room.servedBy)).toBe(true);
			expect(body.rooms.find((froom: any) => froom._id === room._id)).not.toBeUndefined();
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return open rooms when `open` is param is passed. Open rooms should not include queued conversations
		it('should return open rooms when `open` is param is passed. Open rooms should not include queued conversations', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);

			const { room: room2 } = await startANewLivechatRoomAndTakeIt();

			const { body } = await request.get(api('livechat/rooms')).query({ open: true }).set(credentials).expect(200);

			expect(body.rooms.every((room: any) => room.open)).toBe(true);
			expect(body.rooms.find((froom: any) => froom._id === room2._id)).not.toBeUndefined();
			expect(body.rooms.find((froom: any) => froom._id === room._id)).toBeUndefined();

			await updateSetting('Livechat_Routing_Method', 'Auto_Selection');
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return only rooms with the given department
		itEE('should return only rooms with the given department', async () => {
			const { department } = await createDepartmentWithAnOnlineAgent();

			const { room: expectedRoom } = await startANewLivechatRoomAndTakeIt({
				departmentId: department._id,
			});

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ departmentId: department._id })
				.set(credentials)
				.expect(200);

			expect(body.rooms.length).toBe(1);
			expect(body.rooms.some((room: any) => room._id === expectedRoom._id)).toBe(true);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return rooms with the given departments
		itEE('should return rooms with the given departments', async () => {
			const { department } = await createDepartmentWithAnOnlineAgent();
			const { department: department2 } = await createDepartmentWithAnOnlineAgent();

			const { room: expectedRoom } = await startANewLivechatRoomAndTakeIt({
				departmentId: department._id,
			});

			const { room: expectedRoom2 } = await startANewLivechatRoomAndTakeIt({
				departmentId: department2._id,
			});

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ departmentId: [department._id, department2._id] })
				.set(credentials)
				.expect(200);

			expect(body.rooms.length).toBe(2);
			expect(body.rooms.some((room: any) => room._id === expectedRoom._id)).toBe(true);
			expect(body.rooms.some((room: any) => room._id === expectedRoom2._id)).toBe(true);

			await cleanup(deleteDepartment(department._id), deleteDepartment(department2._id));
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return rooms with the given department and the given status
		itEE('should return rooms with the given department and the given status', async () => {
			const { department } = await createDepartmentWithAnOnlineAgent();

			const { room: expectedRoom } = await startANewLivechatRoomAndTakeIt({
				departmentId: department._id,
			});

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ departmentId: department._id, open: true })
				.set(credentials)
				.expect(200);

			expect(body.rooms.length).toBe(1);
			expect(body.rooms.some((room: any) => room._id === expectedRoom._id)).toBe(true);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return no rooms with the given department and the given status (if none match the filter)
		itEE(
			'should return no rooms with the given department and the given status (if none match the filter)',
			async () => {
				const { department } = await createDepartmentWithAnOnlineAgent();

				await startANewLivechatRoomAndTakeIt({
					departmentId: department._id,
				});

				const { body } = await request
					.get(api('livechat/rooms'))
					.query({ departmentId: department._id, open: false })
					.set(credentials)
					.expect(200);

				expect(body.rooms.length).toBe(0);
			},
		);
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return only rooms served by the given agent
		itEE('should return only rooms served by the given agent', async () => {
			const { department, agent } = await createDepartmentWithAnOnlineAgent();

			const { room: expectedRoom } = await startANewLivechatRoomAndTakeIt({
				departmentId: department._id,
				agent: agent.credentials,
			});

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ 'agents[]': agent.user._id })
				.set(credentials)
				.expect(200);

			expect(body.rooms.length).toBe(1);
			expect(body.rooms.some((room: any) => room._id === expectedRoom._id)).toBe(true);

			await cleanup(deleteDepartment(department._id));
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › should return only rooms served by the given agents
		itEE('should return only rooms served by the given agents', async () => {
			const { department, agent } = await createDepartmentWithAnOnlineAgent();

			const { room: expectedRoom } = await startANewLivechatRoomAndTakeIt({
				departmentId: department._id,
				agent: agent.credentials,
			});

			const { department: department2, agent: agent2 } = await createDepartmentWithAnOnlineAgent();

			const { room: expectedRoom2 } = await startANewLivechatRoomAndTakeIt({
				departmentId: department2._id,
				agent: agent2.credentials,
			});

			const { body } = await request
				.get(api('livechat/rooms'))
				.query({ agents: [agent.user._id, agent2.user._id] })
				.set(credentials)
				.expect(200);

			expect(body.rooms.length).toBe(2);
			expect(body.rooms.some((room: any) => room._id === expectedRoom._id)).toBe(true);
			expect(body.rooms.some((room: any) => room._id === expectedRoom2._id)).toBe(true);

			await cleanup(deleteDepartment(department._id), deleteDepartment(department2._id));
		});

		describeEE('sort', () => {
			let openRoom: any;
			let closeRoom: any;
			let department: any;

			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › sort › prepare data for further tests
			it('prepare data for further tests', async () => {
				const { department: localDepartment } = await createDepartmentWithAnOnlineAgent();
				department = localDepartment;

				const { room: localOpenRoom } = await startANewLivechatRoomAndTakeIt({
					departmentId: department._id,
				});
				openRoom = localOpenRoom;
				const { room: localCloseRoom } = await startANewLivechatRoomAndTakeIt({
					departmentId: department._id,
				});
				closeRoom = localCloseRoom;
				await closeOmnichannelRoom(closeRoom._id);
			});
			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › sort › should return only rooms in the asc order
			it('should return only rooms in the asc order', async () => {
				const { body } = await request
					.get(api('livechat/rooms'))
					.query({ sort: JSON.stringify({ open: 1 }), departmentId: department._id })
					.set(credentials)
					.expect(200);

				expect(body.rooms.length).toBe(2);
				expect(body.rooms[0]._id).toBe(closeRoom._id);
				expect(body.rooms[1]._id).toBe(openRoom._id);
			});
			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/rooms › sort › should return only rooms in the desc order
			it('should return only rooms in the desc order', async () => {
				const { body } = await request
					.get(api('livechat/rooms'))
					.query({ sort: JSON.stringify({ open: -1 }), departmentId: department._id })
					.set(credentials)
					.expect(200);

				expect(body.rooms.length).toBe(2);
				expect(body.rooms[0]._id).toBe(openRoom._id);
				expect(body.rooms[1]._id).toBe(closeRoom._id);
			});
		});
	});

	describe('livechat/room.close', () => {
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.close › should return an "invalid-token" error when the visitor is not found due to an invalid token
		it('should return an "invalid-token" error when the visitor is not found due to an invalid token', async () => {
			await request
				.post(api('livechat/room.close'))
				.send({
					token: 'invalid-token',
					rid: room._id,
				})
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.close › should return an "invalid-room" error when the room is not found due to invalid token and/or rid
		it('should return an "invalid-room" error when the room is not found due to invalid token and/or rid', async () => {
			await request
				.post(api('livechat/room.close'))
				.send({
					token: visitor.token,
					rid: 'invalid-rid',
				})
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.close › should return both the rid and the comment of the room when the query params is all valid
		it('should return both the rid and the comment of the room when the query params is all valid', async () => {
			await request
				.post(api(`livechat/room.close`))
				.send({
					token: visitor.token,
					rid: room._id,
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('rid');
					expect(res.body).toHaveProperty('comment');
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.close › should return an "room-closed" error when the room is already closed
		it('should return an "room-closed" error when the room is already closed', async () => {
			await request
				.post(api('livechat/room.close'))
				.send({
					token: visitor.token,
					rid: room._id,
				})
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		describe('Special case: visitors closing is disabled', () => {
			beforeAll(async () => {
				await updateSetting('Omnichannel_allow_visitors_to_close_conversation', false);
			});
			afterAll(async () => {
				await cleanup(updateSetting('Omnichannel_allow_visitors_to_close_conversation', true));
			});
			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.close › Special case: visitors closing is disabled › should not allow visitor to close a conversation
			it('should not allow visitor to close a conversation', async () => {
				const { room, visitor } = await startANewLivechatRoomAndTakeIt();
				await request
					.post(api('livechat/room.close'))
					.send({
						token: visitor.token,
						rid: room._id,
					})
					.expect(400);
			});
		});
	});

	describe('livechat/room.forward', () => {
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.forward › should not be successful when no target (userId or departmentId) was specified
		it('should not be successful when no target (userId or departmentId) was specified', async () => {
			await request
				.post(api('livechat/room.forward'))
				.set(credentials)
				.send({
					roomId: room._id,
				})
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.forward › should return a success message when transferred successfully to agent
		it('should return a success message when transferred successfully to agent', async () => {
			const initialAgentAssignedToChat = await createUser();
			const initialAgentCredentials = await login(initialAgentAssignedToChat.username, password);
			await createAgent(initialAgentAssignedToChat.username);
			await makeAgentAvailable(initialAgentCredentials);

			const newVisitor = await createVisitor();
			// at this point, the chat will get transferred to agent "user"
			const newRoom = await createLivechatRoom(newVisitor.token);

			const forwardChatToUser = await createUser();
			const forwardChatToUserCredentials = await login(forwardChatToUser.username, password);
			await createAgent(forwardChatToUser.username);
			await makeAgentAvailable(forwardChatToUserCredentials);

			await request
				.post(api('livechat/room.forward'))
				.set(credentials)
				.send({
					roomId: newRoom._id,
					userId: forwardChatToUser._id,
					clientAction: true,
					comment: 'test comment',
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
				});

			const latestRoom = await getLivechatRoomInfo(newRoom._id);

			expect(latestRoom).toHaveProperty('lastMessage');
			expect(latestRoom.lastMessage?.t).toBe('livechat_transfer_history');
			expect(latestRoom.lastMessage?.u?.username).toBe(adminUsername);
			const { lastMessage } = latestRoom;
			expect(lastMessage?.transferData?.comment).toBe('test comment');
			expect(lastMessage?.transferData?.scope).toBe('agent');
			expect(lastMessage?.transferData?.transferredTo?.username).toBe(forwardChatToUser.username);

			// cleanup
			await cleanup(deleteUser(initialAgentAssignedToChat), deleteUser(forwardChatToUser));
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.forward › should return error message when transferred to a offline agent
		itEE('should return error message when transferred to a offline agent', async () => {
			await updateSetting('Livechat_Routing_Method', 'Auto_Selection');
			const { department: initialDepartment } = await createDepartmentWithAnOnlineAgent();
			const { department: forwardToOfflineDepartment } = await createDepartmentWithAnOfflineAgent({
				allowReceiveForwardOffline: false,
			});

			const newVisitor = await createVisitor(initialDepartment._id);
			const newRoom = await createLivechatRoom(newVisitor.token);

			await request
				.post(api('livechat/room.forward'))
				.set(credentials)
				.send({
					roomId: newRoom._id,
					departmentId: forwardToOfflineDepartment._id,
					clientAction: true,
					comment: 'test comment',
				})
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body).toHaveProperty('error', 'error-no-agents-online-in-department');
				});

			await cleanup(deleteDepartment(initialDepartment._id), deleteDepartment(forwardToOfflineDepartment._id));
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.forward › should return a success message when transferred successfully to a department
		itEE('should return a success message when transferred successfully to a department', async () => {
			const { department: initialDepartment } = await createDepartmentWithAnOnlineAgent();
			const { department: forwardToDepartment } = await createDepartmentWithAnOnlineAgent();

			const newVisitor = await createVisitor(initialDepartment._id);
			const newRoom = await createLivechatRoom(newVisitor.token);

			await request
				.post(api('livechat/room.forward'))
				.set(credentials)
				.send({
					roomId: newRoom._id,
					departmentId: forwardToDepartment._id,
					clientAction: true,
					comment: 'test comment',
				})
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
				});

			const latestRoom = await getLivechatRoomInfo(newRoom._id);

			expect(latestRoom).toHaveProperty('departmentId');
			expect(latestRoom.departmentId).toBe(forwardToDepartment._id);

			expect(latestRoom).toHaveProperty('lastMessage');
			expect(latestRoom.lastMessage?.t).toBe('livechat_transfer_history');
			expect(latestRoom.lastMessage?.u?.username).toBe(adminUsername);
			expect(latestRoom.lastMessage?.transferData?.comment).toBe('test comment');
			expect(latestRoom.lastMessage?.transferData?.scope).toBe('department');
			expect(latestRoom.lastMessage?.transferData?.nextDepartment?._id).toBe(forwardToDepartment._id);
		});
	});

	describe('livechat/room.closeByUser', () => {
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should fail if user is not logged in
		it('should fail if user is not logged in', async () => {
			await request.post(api('livechat/room.closeByUser')).expect(401);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should fail if not all required params are passed (rid)
		it('should fail if not all required params are passed (rid)', async () => {
			await request.post(api('livechat/room.closeByUser')).set(credentials).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should fail if room is not found
		it('should fail if room is not found', async () => {
			// Rocket.Chat first puts close-livechat-room back to ['admin'] (the previous case removed it; not ported).
			await request
				.post(api('livechat/room.closeByUser'))
				.set(credentials)
				.send({ rid: 'invalid-room-id' })
				.expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should not close a room without comment
		it('should not close a room without comment', async () => {
			// restorePermissionToRoles('close-others-livechat-room'): a no-op on a fresh workspace (support/api.ts)
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);
			const response = await request
				.post(api('livechat/room.closeByUser'))
				.set(credentials)
				.send({ rid: _id })
				.expect(400);

			expect(response.body).toHaveProperty('success', false);
			expect(response.body).toHaveProperty('error', 'error-comment-is-required');
			await deleteVisitor(visitor.token);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should not close a room when comment is an empty string
		it('should not close a room when comment is an empty string', async () => {
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);
			const response = await request
				.post(api('livechat/room.closeByUser'))
				.set(credentials)
				.send({ rid: _id, comment: '' })
				.expect(400);

			expect(response.body).toHaveProperty('success', false);
			await deleteVisitor(visitor.token);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should close room if user has permission
		it('should close room if user has permission', async () => {
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);
			await request
				.post(api('livechat/room.closeByUser'))
				.set(credentials)
				.send({ rid: _id, comment: 'test' })
				.expect(200);
			await deleteVisitor(visitor.token);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should fail if room is closed
		it('should fail if room is closed', async () => {
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);

			// close room
			await request
				.post(api('livechat/room.closeByUser'))
				.set(credentials)
				.send({ rid: _id, comment: 'test' })
				.expect(200);

			// try to close again
			await request
				.post(api('livechat/room.closeByUser'))
				.set(credentials)
				.send({ rid: _id, comment: 'test' })
				.expect(400);
			await deleteVisitor(visitor.token);
		});
		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should fail one of the requests if 3 simultaneous closes are attempted
		it('should fail one of the requests if 3 simultaneous closes are attempted', async () => {
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);

			const results = await Promise.allSettled([
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
			]);

			const validResponse = results.filter((res) => (res as any).value.status === 200);
			const invalidResponses = results.filter((res) => (res as any).value.status !== 200);

			expect(validResponse.length).toBe(1);
			expect(invalidResponses.length).toBe(2);
			expect((invalidResponses[0] as any).value.body).toHaveProperty('success', false);
			expect((invalidResponses[0] as any).value.body).toHaveProperty('error');
			// The transaction is not consistent on the error apparently, sometimes it will reach the point of trying to close the inquiry and abort there (since another call already closed the room and finished)
			// and sometimes it will abort because the transactions are still running and they're being locked.
			expect(['error-room-cannot-be-closed-try-again', 'Error removing inquiry']).toContain(
				(invalidResponses[0] as any).value.body.error,
			);
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › should allow different rooms to be closed simultaneously
		it('should allow different rooms to be closed simultaneously', async () => {
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);

			const visitor2 = await createVisitor();
			const { _id: _id2 } = await createLivechatRoom(visitor2.token);

			const results = await Promise.allSettled([
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id2, comment: 'test' }),
			]);

			const validResponse = results.filter((res) => (res as any).value.status === 200);
			const invalidResponses = results.filter((res) => (res as any).value.status !== 200);

			expect(validResponse.length).toBe(2);
			expect(invalidResponses.length).toBe(0);
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › when both user & visitor try to close room, only one will succeed (theres no guarantee who will win)
		it('when both user & visitor try to close room, only one will succeed (theres no guarantee who will win)', async () => {
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);

			const results = await Promise.allSettled([
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
				request.post(api('livechat/room.close')).set(credentials).send({ rid: _id, token: visitor.token }),
			]);

			const validResponse = results.filter((res) => (res as any).value.status === 200);
			const invalidResponses = results.filter((res) => (res as any).value.status !== 200);

			const whoWon = (validResponse[0] as any).value.request.url.includes('closeByUser') ? 'user' : 'visitor';

			expect(validResponse.length).toBe(1);
			expect(invalidResponses.length).toBe(1);
			expect((invalidResponses[0] as any).value.body).toHaveProperty('success', false);
			// This error indicates a conflict in the simultaneous close and that the request was rejected
			expect((invalidResponses[0] as any).value.body).toHaveProperty('error');
			expect(['error-room-cannot-be-closed-try-again', 'Error removing inquiry']).toContain(
				(invalidResponses[0] as any).value.body.error,
			);

			const room = await getLivechatRoomInfo(_id);

			expect(room).not.toHaveProperty('open');
			expect(room).toHaveProperty('closer', whoWon);
		});

		// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › when a close request is tried multiple times, the final state of the room should be valid
		it('when a close request is tried multiple times, the final state of the room should be valid', async () => {
			const visitor = await createVisitor();
			const { _id } = await createLivechatRoom(visitor.token);

			await Promise.allSettled([
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
				request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' }),
			]);

			const room = await getLivechatRoomInfo(_id);
			const inqForRoom = await fetchInquiry(_id);
			const sub = await request
				.get(api('subscriptions.getOne'))
				.set(credentials)
				.query({ roomId: _id })
				.expect('Content-Type', 'application/json');

			expect(room).not.toHaveProperty('open');
			expect(room).toHaveProperty('closedAt');
			expect(room).toHaveProperty('closer', 'user');
			expect(inqForRoom).toBeNull();
			expect(sub.body.subscription).toBeNull();
		});

		describe('Force closing', () => {
			afterAll(async () => {
				await cleanup(updateSetting('Omnichannel_allow_force_close_conversations', false));
			});
			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › Force closing › should not allow force closing if setting Omnichannel_allow_force_close_conversations is off
			it('should not allow force closing if setting Omnichannel_allow_force_close_conversations is off', async () => {
				const visitor = await createVisitor();
				const { _id } = await createLivechatRoom(visitor.token);
				await request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' });

				// Room closed, try to close again should return an error
				const result = await request
					.post(api('livechat/room.closeByUser'))
					.set(credentials)
					.send({ rid: _id, comment: 'test', forceClose: true });

				expect(result.body).toHaveProperty('success', false);
				expect(result.body).toHaveProperty('error', 'error-room-already-closed');
			});
			// apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts › LIVECHAT - rooms › livechat/room.closeByUser › Force closing › should allow to force close a conversation (even if the conversation is already closed)
			it('should allow to force close a conversation (even if the conversation is already closed)', async () => {
				await updateSetting('Omnichannel_allow_force_close_conversations', true);

				const visitor = await createVisitor();
				const { _id } = await createLivechatRoom(visitor.token);
				await request.post(api('livechat/room.closeByUser')).set(credentials).send({ rid: _id, comment: 'test' });

				// Room closed, try to force close again should work
				const result = await request
					.post(api('livechat/room.closeByUser'))
					.set(credentials)
					.send({ rid: _id, comment: 'test', forceClose: true });

				expect(result.body).toHaveProperty('success', true);
			});
		});
	});
});
