/**
 * Port of apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts (Rocket.Chat, the 7.x-era version the search index
 * holds: file id 487350916, 38,303 characters) against the sandbox: livechat/config, livechat/page.visited,
 * livechat/message and livechat/messages.history.
 */
import {
	api,
	credentials,
	IS_EE,
	request,
	sleep,
	startRocketChat,
	updateSetting,
	cleanup,
	typeOf,
} from './support/api';
import {
	addOrRemoveAgentFromDepartment,
	closeOmnichannelRoom,
	createAgent,
	createBotAgent,
	createDepartmentWithAnOnlineAgent,
	createLivechatRoom,
	createVisitor,
	deleteVisitor,
	getRandomVisitorToken,
	makeAgentAvailable,
	makeAgentUnavailable,
	sendMessage,
} from './support/livechat';

jest.setTimeout(30000);

const itEE = IS_EE ? it : it.skip;

describe('LIVECHAT - Utils', () => {
	let sandbox: Awaited<ReturnType<typeof startRocketChat>>;

	beforeAll(async () => {
		sandbox = await startRocketChat();
		// Not sent: updateSetting('Omnichannel_enable_department_removal', true) (no ported case deletes a department).
		// The workspace state Rocket.Chat's earlier suites leave behind and this file relies on (its rooms get an agent):
		// livechat enabled and the admin an available agent (as 00-rooms.ts sets them up).
		await updateSetting('Livechat_enabled', true);
		await createAgent();
		await makeAgentAvailable();
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	describe('livechat/config', () => {
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return enabled: false if livechat is disabled
		it('should return enabled: false if livechat is disabled', async () => {
			await updateSetting('Livechat_enabled', false);
			const { body } = await request.get(api('livechat/config')).set(credentials);
			expect(body).toHaveProperty('config');
			expect(body.config).toHaveProperty('enabled', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return basic livechat config when enabled
		it('should return basic livechat config when enabled', async () => {
			await updateSetting('Livechat_enabled', true);
			const { body } = await request.get(api('livechat/config')).set(credentials);
			expect(body).toHaveProperty('config');
			expect(body.config).toHaveProperty('enabled', true);
			expect(body.config).toHaveProperty('settings');
			expect(body.config).toHaveProperty('departments');
			expect(typeOf(body.config.departments)).toBe('array');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return online as true if there is at least one agent online
		itEE('should return online as true if there is at least one agent online', async () => {
			const { department } = await createDepartmentWithAnOnlineAgent();

			const { body } = await request.get(api('livechat/config')).query({ department: department._id }).set(credentials);
			expect(body).toHaveProperty('config');
			expect(body.config).toHaveProperty('online', true);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return online as false if there is no agent online
		itEE('should return online as false if there is no agent online', async () => {
			const { department, agent } = await createDepartmentWithAnOnlineAgent();
			await makeAgentUnavailable(agent.credentials);

			const { body } = await request.get(api('livechat/config')).query({ department: department._id }).set(credentials);
			expect(body).toHaveProperty('config');
			expect(body.config).toHaveProperty('online', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return online as true if bot is online and there is no agent online
		itEE('should return online as true if bot is online and there is no agent online', async () => {
			await updateSetting('Livechat_assign_new_conversation_to_bot', true);

			const { department, agent } = await createDepartmentWithAnOnlineAgent();
			await makeAgentUnavailable(agent.credentials);

			const botUser = await createBotAgent();
			await addOrRemoveAgentFromDepartment(
				department._id,
				{ agentId: botUser.user._id, username: botUser.user.username },
				true,
			);

			const { body } = await request.get(api('livechat/config')).query({ department: department._id }).set(credentials);
			expect(body).toHaveProperty('config');

			await updateSetting('Livechat_assign_new_conversation_to_bot', false);
			await makeAgentUnavailable(botUser.credentials);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return a guest if there exists a guest with the same token
		it('should return a guest if there exists a guest with the same token', async () => {
			const guest = await createVisitor();
			const { body } = await request.get(api('livechat/config')).query({ token: guest.token }).set(credentials);
			expect(body).toHaveProperty('config');
			expect(body.config).toHaveProperty('guest');
			expect(body.config.guest).toHaveProperty('name', guest.name);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should not return a guest if there exists a guest with the same token but the guest is not online
		it('should not return a guest if there exists a guest with the same token but the guest is not online', async () => {
			const token = getRandomVisitorToken();

			const { body } = await request.get(api('livechat/config')).query({ token }).set(credentials);
			expect(body).toHaveProperty('config');
			expect(body.config).not.toHaveProperty('guest');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return no online room if visitor is not chatting with an agent
		it('should return no online room if visitor is not chatting with an agent', async () => {
			const visitor = await createVisitor();
			const { body } = await request.get(api('livechat/config')).query({ token: visitor.token }).set(credentials);
			expect(body).toHaveProperty('config');
			expect(body.config).not.toHaveProperty('room');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/config › should return online room if visitor is already chatting with an agent
		it('should return online room if visitor is already chatting with an agent', async () => {
			const newVisitor = await createVisitor();
			const newRoom = await createLivechatRoom(newVisitor.token);

			const { body } = await request.get(api('livechat/config')).query({ token: newVisitor.token }).set(credentials);

			expect(body).toHaveProperty('config');
			expect(body.config).toHaveProperty('room');
			expect(body.config.room).toHaveProperty('_id', newRoom._id);
		});
	});

	describe('livechat/page.visited', () => {
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/page.visited › should fail if token is not sent as body param
		it('should fail if token is not sent as body param', async () => {
			const { body } = await request.post(api('livechat/page.visited')).set(credentials).send({});
			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/page.visited › should fail if rid is not an string
		it('should fail if rid is not an string', async () => {
			const { body } = await request
				.post(api('livechat/page.visited'))
				.set(credentials)
				.send({ token: 'test', rid: {} });
			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/page.visited › should fail if pageInfo is not sent as body param
		it('should fail if pageInfo is not sent as body param', async () => {
			const { body } = await request
				.post(api('livechat/page.visited'))
				.set(credentials)
				.send({ token: 'test', rid: 'test' });
			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/page.visited › should fail if pageInfo is not of the right format
		it('should fail if pageInfo is not of the right format', async () => {
			const { body } = await request
				.post(api('livechat/page.visited'))
				.set(credentials)
				.send({ token: 'test', rid: 'test', pageInfo: {} });
			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/page.visited › should return empty if pageInfo.change is not equal to Livechat_history_monitor_type
		it('should return empty if pageInfo.change is not equal to Livechat_history_monitor_type', async () => {
			const { body } = await request
				.post(api('livechat/page.visited'))
				.set(credentials)
				.send({ token: 'test', rid: 'test', pageInfo: { change: 'test', title: 'test', location: { href: 'test' } } });
			expect(body).toHaveProperty('success', true);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/page.visited › should store values for 1 month if visitor has no room yet
		it('should store values for 1 month if visitor has no room yet', async () => {
			const { body } = await request
				.post(api('livechat/page.visited'))
				.set(credentials)
				.send({
					token: 'test',
					rid: 'test',
					pageInfo: { change: 'url', title: 'Rocket.Chat', location: { href: 'https://rocket.chat' } },
				});
			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('page');
			expect(body.page).toHaveProperty('navigation');
			expect(body.page).toHaveProperty('msg');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/page.visited › should store values correctly on visitor room when room is valid
		it('should store values correctly on visitor room when room is valid', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);

			const { body } = await request
				.post(api('livechat/page.visited'))
				.set(credentials)
				.send({
					token: visitor.token,
					rid: room._id,
					pageInfo: { change: 'url', title: 'Rocket.Chat', location: { href: 'https://rocket.chat' } },
				});

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('page');
			expect(body.page).toHaveProperty('navigation');
			expect(body.page).toHaveProperty('msg');
		});
	});

	describe('livechat/message', () => {
		const visitorTokens: string[] = [];

		afterAll(() => cleanup(...visitorTokens.map((token) => deleteVisitor(token))));

		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if no token
		it('should fail if no token', async () => {
			await request.post(api('livechat/message')).set(credentials).send({}).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if no rid
		it('should fail if no rid', async () => {
			await request.post(api('livechat/message')).set(credentials).send({ token: 'test' }).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if no msg
		it('should fail if no msg', async () => {
			await request.post(api('livechat/message')).set(credentials).send({ token: 'test', rid: 'test' }).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if token is invalid
		it('should fail if token is invalid', async () => {
			await request
				.post(api('livechat/message'))
				.set(credentials)
				.send({ token: 'test', rid: 'test', msg: 'test' })
				.expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if rid is invalid
		it('should fail if rid is invalid', async () => {
			const visitor = await createVisitor();
			visitorTokens.push(visitor.token);
			await request
				.post(api('livechat/message'))
				.set(credentials)
				.send({ token: visitor.token, rid: 'test', msg: 'test' })
				.expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if rid belongs to another visitor
		it('should fail if rid belongs to another visitor', async () => {
			const visitor = await createVisitor();
			const visitor2 = await createVisitor();
			visitorTokens.push(visitor.token, visitor2.token);

			const room = await createLivechatRoom(visitor2.token);
			await request
				.post(api('livechat/message'))
				.set(credentials)
				.send({ token: visitor.token, rid: room._id, msg: 'test' })
				.expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if room is closed
		it('should fail if room is closed', async () => {
			const visitor = await createVisitor();
			visitorTokens.push(visitor.token);

			const room = await createLivechatRoom(visitor.token);
			await closeOmnichannelRoom(room._id);
			await request
				.post(api('livechat/message'))
				.set(credentials)
				.send({ token: visitor.token, rid: room._id, msg: 'test' })
				.expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should fail if message is greater than Livechat_enable_message_character_limit setting
		it('should fail if message is greater than Livechat_enable_message_character_limit setting', async () => {
			const visitor = await createVisitor();
			visitorTokens.push(visitor.token);

			const room = await createLivechatRoom(visitor.token);
			await updateSetting('Livechat_enable_message_character_limit', true);
			await updateSetting('Livechat_message_character_limit', 1);
			await request
				.post(api('livechat/message'))
				.set(credentials)
				.send({ token: visitor.token, rid: room._id, msg: 'test' })
				.expect(400);

			await updateSetting('Livechat_enable_message_character_limit', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/message › should send a message
		it('should send a message', async () => {
			const visitor = await createVisitor();
			visitorTokens.push(visitor.token);

			const room = await createLivechatRoom(visitor.token);
			await request
				.post(api('livechat/message'))
				.set(credentials)
				.send({ token: visitor.token, rid: room._id, msg: 'test' })
				.expect(200);
		});
	});

	describe('livechat/messages.history/:rid', () => {
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should fail if no token is provided
		it('should fail if no token is provided', async () => {
			await request.get(api('livechat/messages.history/rid')).set(credentials).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should fail if token points to an invalid visitor
		it('should fail if token points to an invalid visitor', async () => {
			await request.get(api('livechat/messages.history/rid')).query({ token: 'test' }).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should fail if room points to an invalid room
		it('should fail if room points to an invalid room', async () => {
			const visitor = await createVisitor();
			await request.get(api('livechat/messages.history/rid')).query({ token: visitor.token }).expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should fail if room points to a room of another visitor
		it('should fail if room points to a room of another visitor', async () => {
			const visitor = await createVisitor();
			const visitor2 = await createVisitor();
			const room = await createLivechatRoom(visitor2.token);
			await request
				.get(api(`livechat/messages.history/${room._id}`))
				.query({ token: visitor.token })
				.expect(400);
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should return a list of messages
		it('should return a list of messages', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await sendMessage(room._id, 'test', visitor.token);
			const { body } = await request
				.get(api(`livechat/messages.history/${room._id}`))
				.query({ token: visitor.token })
				.expect(200);
			expect(body).toHaveProperty('messages');
			expect(typeOf(body.messages)).toBe('array');
			expect(body.messages).toHaveLength(2);
			expect(body.messages[0]).toHaveProperty('msg', 'test');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should return a list of messages with offset and count
		it('should return a list of messages with offset and count', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await sendMessage(room._id, 'test', visitor.token);
			await sendMessage(room._id, 'test2', visitor.token);
			const { body } = await request
				.get(api(`livechat/messages.history/${room._id}`))
				.query({ token: visitor.token, offset: 1, limit: 1 })
				.expect(200);
			expect(body).toHaveProperty('messages');
			expect(typeOf(body.messages)).toBe('array');
			expect(body.messages).toHaveLength(1);
			expect(body.messages[0]).toHaveProperty('msg', 'test');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should return a list of unseen messages
		it('should return a list of unseen messages', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await sendMessage(room._id, 'test', visitor.token);
			await sendMessage(room._id, 'test2', visitor.token);
			const { body } = await request
				.get(api(`livechat/messages.history/${room._id}`))
				.query({ token: visitor.token, ls: new Date() })
				.expect(200);
			expect(body).toHaveProperty('messages');
			expect(typeOf(body.messages)).toBe('array');
			expect(body.messages).toHaveLength(3);
			expect(body.messages[0]).toHaveProperty('msg', 'test2');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should return a list of messages up to a specific date
		it('should return a list of messages up to a specific date', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			const msg = await sendMessage(room._id, 'test', visitor.token);
			const tsPlusSomeMillis = new Date(new Date(msg.ts).getTime() + 500);
			await sleep(1000);
			await sendMessage(room._id, 'test2', visitor.token);
			const { body } = await request
				.get(api(`livechat/messages.history/${room._id}`))
				.query({ token: visitor.token, end: tsPlusSomeMillis })
				.expect(200);
			expect(body).toHaveProperty('messages');
			expect(typeOf(body.messages)).toBe('array');
			expect(body.messages).toHaveLength(2);
			expect(body.messages[0]).toHaveProperty('msg', 'test');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should return message history for a valid room with pagination
		it('should return message history for a valid room with pagination', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await sendMessage(room._id, 'Hello', visitor.token);

			const { body } = await request
				.get(api(`livechat/messages.history/${room._id}`))
				.set(credentials)
				.query({ token: visitor.token, limit: 1 })
				.expect('Content-Type', 'application/json')
				.expect(200);

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('messages');
			expect(body.messages).toHaveLength(1);
			expect(body.messages[0]).toHaveProperty('msg', 'Hello');
		});
		// apps/meteor/tests/end-to-end/api/livechat/11-livechat.ts › LIVECHAT - Utils › livechat/messages.history/:rid › should return message history for a valid room with pagination and offset
		it('should return message history for a valid room with pagination and offset', async () => {
			const visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await sendMessage(room._id, 'Hello', visitor.token);

			const { body } = await request
				.get(api(`livechat/messages.history/${room._id}`))
				.set(credentials)
				.query({ token: visitor.token, limit: 1, offset: 1 })
				.expect('Content-Type', 'application/json')
				.expect(200);

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('messages');
			expect(body.messages).toHaveLength(1);
			expect(body.messages[0]).toHaveProperty('t');
		});
	});
});
