/**
 * Port of the `livechat/upload/:rid` cases of apps/meteor/tests/end-to-end/api/livechat/00-rooms.ts (Rocket.Chat, the
 * 7.x-era copy the search index holds, compiled: file id 11026728803) against the sandbox: a visitor's upload and who
 * may download it. Rocket.Chat's tests/data/livechat/sample.png is stood in for by a PNG of our own (its bytes play
 * no part in any case).
 */
import { api, credentials, request, startRocketChat, updateSetting } from './support/api';
import {
	closeOmnichannelRoom,
	createAgent,
	createLivechatRoom,
	createVisitor,
	deleteVisitor,
	makeAgentAvailable,
} from './support/livechat';
import { samplePng } from '../e2e/support/images';

jest.setTimeout(30000);

describe('LIVECHAT - rooms', () => {
	let sandbox: Awaited<ReturnType<typeof startRocketChat>>;

	beforeAll(async () => {
		sandbox = await startRocketChat();
		// The workspace state Rocket.Chat's 00-rooms.ts sets up before its cases: livechat enabled and the admin an
		// available agent, so that a visitor's room gets served.
		await updateSetting('Livechat_enabled', true);
		await createAgent();
		await makeAgentAvailable();
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	describe('livechat/upload/:rid', () => {
		let visitor: any;
		const samplePngFile = () => samplePng();

		afterEach(async () => {
			if (visitor?.token) {
				await deleteVisitor(visitor.token);
			}
		});

		afterAll(async () => {
			await updateSetting('FileUpload_Enabled', true);
			await updateSetting('Livechat_fileupload_enabled', true);
		});

		// 00-rooms.ts › livechat/upload/:rid › should throw an error if x-visitor-token header is not present
		it('should throw an error if x-visitor-token header is not present', async () => {
			await request
				.post(api('livechat/upload/test'))
				.set(credentials)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(403);
		});

		// 00-rooms.ts › livechat/upload/:rid › should throw an error if x-visitor-token is present but with an invalid value
		it('should throw an error if x-visitor-token is present but with an invalid value', async () => {
			await request
				.post(api('livechat/upload/test'))
				.set(credentials)
				.set('x-visitor-token', 'invalid-token')
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(403);
		});

		// 00-rooms.ts › livechat/upload/:rid › should throw unauthorized if visitor with token exists but room is invalid
		it('should throw unauthorized if visitor with token exists but room is invalid', async () => {
			visitor = await createVisitor();
			await request
				.post(api('livechat/upload/test'))
				.set(credentials)
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(403);
		});

		// 00-rooms.ts › livechat/upload/:rid › should throw an error if the file is not attached
		it('should throw an error if the file is not attached', async () => {
			visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await request
				.post(api(`livechat/upload/${room._id}`))
				.set(credentials)
				.set('x-visitor-token', visitor.token)
				.expect('Content-Type', 'application/json')
				.expect(400);
		});

		// 00-rooms.ts › livechat/upload/:rid › should throw and error if file uploads are enabled but livechat file uploads are disabled
		it('should throw and error if file uploads are enabled but livechat file uploads are disabled', async () => {
			await updateSetting('Livechat_fileupload_enabled', false);
			visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await request
				.post(api(`livechat/upload/${room._id}`))
				.set(credentials)
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(400);
			await updateSetting('Livechat_fileupload_enabled', true);
		});

		// 00-rooms.ts › livechat/upload/:rid › should throw and error if livechat file uploads are enabled but file uploads are disabled
		it('should throw and error if livechat file uploads are enabled but file uploads are disabled', async () => {
			await updateSetting('FileUpload_Enabled', false);
			visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await request
				.post(api(`livechat/upload/${room._id}`))
				.set(credentials)
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(400);
			await updateSetting('FileUpload_Enabled', true);
		});

		// 00-rooms.ts › livechat/upload/:rid › should throw and error if both file uploads are disabled
		it('should throw and error if both file uploads are disabled', async () => {
			await updateSetting('Livechat_fileupload_enabled', false);
			await updateSetting('FileUpload_Enabled', false);
			visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await request
				.post(api(`livechat/upload/${room._id}`))
				.set(credentials)
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(400);
			await updateSetting('FileUpload_Enabled', true);
			await updateSetting('Livechat_fileupload_enabled', true);
		});

		// 00-rooms.ts › livechat/upload/:rid › should upload an image on the room if all params are valid
		it('should upload an image on the room if all params are valid', async () => {
			await updateSetting('FileUpload_Enabled', true);
			await updateSetting('Livechat_fileupload_enabled', true);
			visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			await request
				.post(api(`livechat/upload/${room._id}`))
				.set(credentials)
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(200);
		});

		// 00-rooms.ts › livechat/upload/:rid › should allow visitor to download file
		it('should allow visitor to download file', async () => {
			visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			const { body } = await request
				.post(api(`livechat/upload/${room._id}`))
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(200);
			const {
				files: [{ _id, name }],
			} = body;
			const imageUrl = `/file-upload/${_id}/${name}`;
			await request.get(imageUrl).query({ rc_token: visitor.token, rc_room_type: 'l', rc_rid: room._id }).expect(200);
			await closeOmnichannelRoom(room._id);
		});

		// 00-rooms.ts › livechat/upload/:rid › should allow visitor to download file even after room is closed
		it('should allow visitor to download file even after room is closed', async () => {
			visitor = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			const { body } = await request
				.post(api(`livechat/upload/${room._id}`))
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(200);
			await closeOmnichannelRoom(room._id);
			const {
				files: [{ _id, name }],
			} = body;
			const imageUrl = `/file-upload/${_id}/${name}`;
			await request.get(imageUrl).query({ rc_token: visitor.token, rc_room_type: 'l', rc_rid: room._id }).expect(200);
		});

		// 00-rooms.ts › livechat/upload/:rid › should not allow visitor to download a file from a room he didnt create
		it('should not allow visitor to download a file from a room he didnt create', async () => {
			visitor = await createVisitor();
			const visitor2 = await createVisitor();
			const room = await createLivechatRoom(visitor.token);
			const { body } = await request
				.post(api(`livechat/upload/${room._id}`))
				.set(credentials)
				.set('x-visitor-token', visitor.token)
				.attach('file', samplePngFile(), 'sample.png')
				.expect('Content-Type', 'application/json')
				.expect(200);
			await closeOmnichannelRoom(room._id);
			const {
				files: [{ _id, name }],
			} = body;
			const imageUrl = `/file-upload/${_id}/${name}`;
			await request.get(imageUrl).query({ rc_token: visitor2.token, rc_room_type: 'l', rc_rid: room._id }).expect(403);
			await deleteVisitor(visitor2.token);
		});
	});
});
