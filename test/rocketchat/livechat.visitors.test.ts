/**
 * Port of apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts (Rocket.Chat, the 7.x-era version the search index
 * holds: file id 255632833, 45,442 characters) against the sandbox: the visitor's own routes (livechat/visitor,
 * livechat/visitor/:token, livechat/visitor.status).
 */
import { api, credentials, request, startRocketChat, updateSetting, cleanup } from './support/api';
import { createAgent, createLivechatRoom, createVisitor, makeAgentAvailable } from './support/livechat';

jest.setTimeout(30000);

describe('LIVECHAT - visitors', () => {
	let sandbox: Awaited<ReturnType<typeof startRocketChat>>;
	let visitor: any;

	beforeAll(async () => {
		sandbox = await startRocketChat();
		await updateSetting('Livechat_enabled', true);
		// Not sent: updatePermission('view-livechat-manager', ['admin']) (the admin holds it by default) and
		// updateEESetting('Livechat_Require_Contact_Verification', 'never') (not modelled; "never" is the sandbox's behaviour).
		await createAgent();
		await makeAgentAvailable();
		visitor = await createVisitor();
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	describe('livechat/visitor', () => {
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › should fail if no "visitor" key is passed as body parameter
		it('should fail if no "visitor" key is passed as body parameter', async () => {
			const { body } = await request.post(api('livechat/visitor')).send({});
			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › should fail if visitor.token is not present
		it('should fail if visitor.token is not present', async () => {
			const { body } = await request.post(api('livechat/visitor')).send({ visitor: {} });
			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › should fail when token is an empty string
		it('should fail when token is an empty string', async () => {
			const { body } = await request.post(api('livechat/visitor')).send({ visitor: { token: '' } });
			expect(body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › should create a visitor
		it('should create a visitor', async () => {
			const { body } = await request.post(api('livechat/visitor')).send({ visitor: { token: 'test' } });
			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('visitor');
			expect(body.visitor).toHaveProperty('token', 'test');

			// Ensure all new visitors are created as online :)
			expect(body.visitor).toHaveProperty('status', 'online');
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › should create a visitor with provided extra information
		it('should create a visitor with provided extra information', async () => {
			const token = `${new Date().getTime()}-test`;
			const phone = new Date().getTime().toString();
			const { body } = await request.post(api('livechat/visitor')).send({ visitor: { token, phone } });
			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('visitor');
			expect(body.visitor).toHaveProperty('token', token);
			expect(body.visitor).toHaveProperty('phone');
			expect(body.visitor.phone[0].phoneNumber).toBe(phone);
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › should update a current visitor when phone is same
		it('should update a current visitor when phone is same', async () => {
			const token = `${new Date().getTime()}-test`;
			const token2 = `${new Date().getTime()}-test2`;
			const phone = new Date().getTime().toString();
			const { body } = await request.post(api('livechat/visitor')).send({ visitor: { token, phone } });
			expect(body).toHaveProperty('success', true);

			const { body: body2 } = await request.post(api('livechat/visitor')).send({
				visitor: {
					token: token2,
					phone,
				},
			});

			expect(body2).toHaveProperty('success', true);
			expect(body2).toHaveProperty('visitor');

			// Same visitor won't update the token
			expect(body2.visitor).toHaveProperty('token', token);
			expect(body2.visitor).toHaveProperty('phone');
			expect(body2.visitor.phone[0].phoneNumber).toBe(phone);
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › should not update a custom field when it does not exists
		it('should not update a custom field when it does not exists', async () => {
			const token = `${new Date().getTime()}-test`;
			const customFieldName = `new_custom_field_${Date.now()}`;
			const { body } = await request.post(api('livechat/visitor')).send({
				visitor: {
					token,
					customFields: [{ key: customFieldName, value: 'Not a real address :)', overwrite: true }],
				},
			});

			expect(body).toHaveProperty('success', true);
			expect(body).toHaveProperty('visitor');
			expect(body.visitor).toHaveProperty('token', token);
			expect(body.visitor).not.toHaveProperty('livechatData');
		});

		describe('special cases', () => {
			beforeAll(async () => {
				await updateSetting('Livechat_Allow_collect_and_store_HTTP_header_informations', true);
			});
			afterAll(async () => {
				await cleanup(updateSetting('Livechat_Allow_collect_and_store_HTTP_header_informations', false));
			});

			// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor › special cases › should allow to create a visitor without passing connectionData when GDPR setting is enabled
			it('should allow to create a visitor without passing connectionData when GDPR setting is enabled', async () => {
				const token = `${new Date().getTime()}-test`;

				const { body } = await request.post(api('livechat/visitor')).send({ visitor: { token } });

				expect(body).toHaveProperty('success', true);
				expect(body).toHaveProperty('visitor');
				expect(body.visitor).toHaveProperty('token', token);
			});
		});
	});

	describe('livechat/visitor/:token', () => {
		// get
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return a 'invalid token' error when visitor with given token does not exist (GET)
		it("should return a 'invalid token' error when visitor with given token does not exist  (GET)", async () => {
			await request
				.get(api('livechat/visitor/invalid'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body.error).toBe('[invalid-token]');
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return an error when the "token" query parameter is not valid (GET)
		it('should return an error when the "token" query parameter is not valid (GET)', async () => {
			await request
				.get(api('livechat/visitor/invalid'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return a visitor when the query params is all valid (GET)
		it('should return a visitor when the query params is all valid (GET)', async () => {
			await request
				.get(api(`livechat/visitor/${visitor.token}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('visitor');
				});
		});

		// delete
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return a 'invalid token' error when visitor with given token does not exist (DELETE)
		it("should return a 'invalid token' error when visitor with given token does not exist  (DELETE)", async () => {
			await request
				.delete(api('livechat/visitor/invalid'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body.error).toBe('[invalid-token]');
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return an error when the "token" query parameter is not valid (DELETE)
		it('should return an error when the "token" query parameter is not valid (DELETE)', async () => {
			await request
				.delete(api('livechat/visitor/invalid'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return a 'visitor-has-open-rooms' error when there are open rooms
		it("should return a 'visitor-has-open-rooms' error when there are open rooms", async () => {
			await updateSetting('Livechat_Allow_collect_and_store_HTTP_header_informations', false);
			const createdVisitor = await createVisitor();
			await createLivechatRoom(createdVisitor.token);

			await request
				.delete(api(`livechat/visitor/${createdVisitor.token}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body.error).toBe('Cannot remove visitors with opened rooms [visitor-has-open-rooms]');
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should not return a 'visitor-has-open-rooms' when visitor has open rooms but GDPR is enabled
		it("should not return a 'visitor-has-open-rooms' when visitor has open rooms but GDPR is enabled", async () => {
			await updateSetting('Livechat_Allow_collect_and_store_HTTP_header_informations', true);
			const createdVisitor = await createVisitor();
			await createLivechatRoom(createdVisitor.token);

			await request
				.delete(api(`livechat/visitor/${createdVisitor.token}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200);
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return a visitor when the query params is all valid (DELETE)
		it('should return a visitor when the query params is all valid (DELETE)', async () => {
			const createdVisitor = await createVisitor();
			await request
				.delete(api(`livechat/visitor/${createdVisitor.token}`))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(200)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', true);
					expect(res.body).toHaveProperty('visitor');
					expect(res.body.visitor).toHaveProperty('_id');
					expect(res.body.visitor).toHaveProperty('ts');
					expect(res.body.visitor._id).toBe(createdVisitor._id);
				});
		});

		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor/:token › should return a 'error-removing-visitor' error when removeGuest's result is false
		it("should return a 'error-removing-visitor' error when removeGuest's result is false", async () => {
			await request
				.delete(api('livechat/visitor/123'))
				.set(credentials)
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
				});
		});
	});

	describe('livechat/visitor.status', () => {
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor.status › should return an error if token is not present as body param
		it('should return an error if token is not present as body param', async () => {
			const res = await request.post(api('livechat/visitor.status')).set(credentials).expect(400);
			expect(res.body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor.status › should return an error if status is not present as body param
		it('should return an error if status is not present as body param', async () => {
			const res = await request
				.post(api('livechat/visitor.status'))
				.set(credentials)
				.send({ token: '123' })
				.expect(400);
			expect(res.body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor.status › should return an error if token is not a valid guest token
		it('should return an error if token is not a valid guest token', async () => {
			const res = await request
				.post(api('livechat/visitor.status'))
				.set(credentials)
				.send({ token: '123', status: 'online' })
				.expect(400);
			expect(res.body).toHaveProperty('success', false);
		});
		// apps/meteor/tests/end-to-end/api/livechat/09-visitors.ts › LIVECHAT - visitors › livechat/visitor.status › should update visitor status if all things are valid
		it('should update visitor status if all things are valid', async () => {
			const visitor = await createVisitor();
			const res = await request
				.post(api('livechat/visitor.status'))
				.set(credentials)
				.send({ token: visitor.token, status: 'online' })
				.expect(200);
			expect(res.body).toHaveProperty('success', true);
		});
	});
});
