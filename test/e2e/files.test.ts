import zlib from 'zlib';

import { useFilesWorkspace, type Json } from './support/filesWorkspace';
import { samplePng } from './support/images';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { httpCall, multipartForm } from '../../sandbox/src/client/http';

const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

/**
 * A visitor's files end to end, as Rocket.Chat serves them: the upload through livechat/upload/:rid (its refusals in
 * Rocket.Chat's order, its answer) and the file's bytes at /file-upload/:id/:name (who may read them, the headers).
 * What an app gets of files is in appFiles.test.ts.
 */
describeSandbox('files on the sandbox', () => {
	const files = useFilesWorkspace('files-visitor');
	const { newChat, setting } = files;

	it('tells the widget to show its upload button only while both upload settings are on', async () => {
		const fileUpload = async () => (await files.admin.call('/api/v1/livechat/config')).json.config.settings.fileUpload;
		expect(await fileUpload()).toBe(true);
		await setting('Livechat_fileupload_enabled', false);
		expect(await fileUpload()).toBe(false);
		await setting('Livechat_fileupload_enabled', true);
		await setting('FileUpload_Enabled', false);
		expect(await fileUpload()).toBe(false);
		await setting('FileUpload_Enabled', true);
	});

	it("refuses an upload in Rocket.Chat's order: token, settings, visitor, open room, then the file", async () => {
		const chat = await newChat();
		const other = await newChat('Bo');
		const image = { name: 'sample.png', type: 'image/png', bytes: samplePng() };
		const upload = (token: string, roomId = chat.roomId, file = image) =>
			files.admin.uploadVisitorFile(token, roomId, file);
		const forbidden = { success: false, error: 'unauthorized' };

		const noToken = await files.admin.call(`/api/v1/livechat/upload/${chat.roomId}`, { method: 'POST' });
		expect([noToken.status, noToken.json]).toEqual([403, forbidden]);
		await setting('Livechat_fileupload_enabled', false);
		expect(await upload('unknown-token')).toEqual({
			status: 400,
			body: { reason: 'error-file-upload-disabled', success: false },
		});
		await setting('Livechat_fileupload_enabled', true);
		expect(await upload('unknown-token')).toEqual({ status: 403, body: forbidden });
		expect(await upload(other.token)).toEqual({ status: 403, body: forbidden });

		const bare = await files.admin.call(`/api/v1/livechat/upload/${chat.roomId}`, {
			method: 'POST',
			headers: { 'x-visitor-token': chat.token },
		});
		expect([bare.status, bare.json]).toEqual([400, { success: false, error: 'Missing Content-Type' }]);
		const { body, contentType } = multipartForm([{ field: 'description', value: 'no file here' }]);
		const noFile = await files.admin.call(`/api/v1/livechat/upload/${chat.roomId}`, {
			body,
			headers: { 'Content-Type': contentType, 'x-visitor-token': chat.token },
		});
		expect([noFile.status, noFile.json]).toEqual([
			400,
			{ success: false, error: 'No file uploaded [error-no-file]', errorType: 'error-no-file' },
		]);
		const svg = { name: 'logo.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg/>') };
		expect(await upload(chat.token, chat.roomId, svg)).toEqual({
			status: 400,
			body: { reason: 'error-type-not-allowed', success: false },
		});
		const empty = await upload(chat.token, chat.roomId, { ...image, bytes: Buffer.alloc(0) });
		expect(empty).toEqual({
			status: 400,
			body: {
				success: false,
				error: 'File size (size = 0) is too small (min = 1) [file-too-small]',
				errorType: 'file-too-small',
			},
		});

		// Past FileUpload_MaxFileSize + 1 the parser stops; at exactly one byte over, the store's filter refuses it.
		await setting('FileUpload_MaxFileSize', 100);
		const bytesOf = (size: number) => ({
			name: 'data.bin',
			type: 'application/octet-stream',
			bytes: Buffer.alloc(size, 1),
		});
		expect((await upload(chat.token, chat.roomId, bytesOf(102))).body).toEqual({
			success: false,
			error: 'File size exceeds the allowed limit [error-file-too-large]',
			errorType: 'error-file-too-large',
		});
		expect((await upload(chat.token, chat.roomId, bytesOf(101))).body).toEqual({
			success: false,
			error: 'File size exceeds upload limit of 100 B. [error-file-too-large]',
			errorType: 'error-file-too-large',
		});
		expect((await upload(chat.token, chat.roomId, bytesOf(100))).status).toBe(200);
		await setting('FileUpload_MaxFileSize', 104857600);

		await files.admin.call('/api/v1/livechat/room.close', { body: { rid: chat.roomId, token: chat.token } });
		expect(await upload(chat.token)).toEqual({ status: 403, body: forbidden });
	});

	it("answers an upload with the visitor's file message as sendFileLivechatMessage builds it", async () => {
		const chat = await newChat('Carla');
		const answer = await files.admin.uploadVisitorFile(chat.token, chat.roomId, {
			name: 'sample.png',
			type: 'image/png',
			bytes: samplePng(),
			description: 'my screen',
		});
		const body = answer.body as Json;
		const fileId = body.file._id as string;
		const link = `/file-upload/${fileId}/sample.png`;

		expect(answer.status).toBe(200);
		expect(body).toEqual({
			_id: expect.any(String),
			rid: chat.roomId,
			msg: '',
			ts: expect.any(String),
			u: { _id: expect.any(String), username: expect.stringMatching(/^guest-/), name: 'Carla' },
			token: chat.token,
			alias: 'Carla',
			file: { _id: fileId, name: 'sample.png', type: 'image/png' },
			files: [{ _id: fileId, name: 'sample.png', type: 'image/png' }],
			attachments: [
				{
					title: 'sample.png',
					type: 'file',
					description: 'my screen',
					title_link: link,
					title_link_download: true,
					image_url: link,
					image_type: 'image/png',
					image_size: samplePng().length,
					image_dimensions: { width: 64, height: 48 },
				},
			],
			_updatedAt: expect.any(String),
			newRoom: false,
			showConnecting: false,
			success: true,
		});
		const history = await files.admin.visitorHistory(chat.token, chat.roomId);
		expect(history.at(-1)).toMatchObject({ _id: body._id, attachments: body.attachments });
	});

	it('serves the file to its visitor (cookies or query), its serving agent, and nobody else, with GridFS headers', async () => {
		const chat = await newChat('Dora');
		const other = await newChat('Eve');
		const bytes = samplePng();
		const { body } = (await files.admin.uploadVisitorFile(chat.token, chat.roomId, {
			name: 'sample.png',
			type: 'image/png',
			bytes,
		})) as { body: Json };
		const link = body.attachments[0].title_link as string;

		const asVisitor = await httpCall(`${files.sandbox.url}${link}`, {
			headers: { Cookie: `rc_room_type=l; rc_rid=${chat.roomId}; rc_token=${chat.token}` },
		});
		expect(asVisitor.status).toBe(200);
		expect(asVisitor.bytes.equals(bytes)).toBe(true);
		expect(asVisitor.headers).toMatchObject({
			'content-type': 'image/png',
			'content-length': String(bytes.length),
			'content-disposition': "attachment; filename*=UTF-8''sample.png",
			'content-security-policy': "default-src 'none'",
			'cache-control': 'max-age=31536000',
			'last-modified': expect.any(String),
		});
		expect(await files.admin.fetchFile(link, { visitorToken: chat.token, roomId: chat.roomId })).toEqual({
			status: 200,
			type: 'image/png',
			bytes,
		});
		const byQuery = await httpCall(
			`${files.sandbox.url}${link}?rc_room_type=l&rc_rid=${chat.roomId}&rc_token=${chat.token}`,
		);
		expect(byQuery.status).toBe(200);
		const inline = await httpCall(`${files.sandbox.url}${link}?contentDisposition=inline`, {
			headers: { Cookie: `rc_room_type=l; rc_rid=${chat.roomId}; rc_token=${chat.token}` },
		});
		expect(inline.headers['content-disposition']).toBe("inline; filename*=UTF-8''sample.png");
		const gzipped = await httpCall(`${files.sandbox.url}${link}`, {
			headers: {
				'Accept-Encoding': 'gzip, deflate',
				'Cookie': `rc_room_type=l; rc_rid=${chat.roomId}; rc_token=${chat.token}`,
			},
		});
		expect([gzipped.headers['content-encoding'], gzipped.headers['content-length']]).toEqual(['gzip', undefined]);
		expect(zlib.gunzipSync(gzipped.bytes).equals(bytes)).toBe(true);

		// Another visitor, nobody, the admin (not a member of the chat): 403 with no body. The serving agent may.
		expect(await files.admin.fetchFile(link, { visitorToken: other.token, roomId: chat.roomId })).toEqual({
			status: 403,
			bytes: Buffer.alloc(0),
		});
		expect((await new RocketChatClient(files.sandbox.url).call(link)).status).toBe(403);
		expect((await files.admin.fetchFile(link, 'admin')).status).toBe(403);
		expect((await files.admin.fetchFile(`${files.sandbox.url}${link}`, files.agent)).status).toBe(200);
		// The id decides, not the name; no name at all, or an unknown id: 404.
		expect((await files.admin.fetchFile(link.replace('sample.png', 'x'), files.agent)).status).toBe(200);
		expect((await files.admin.fetchFile(`/file-upload/${body.file._id as string}`, files.agent)).status).toBe(404);
		expect((await files.admin.fetchFile('/file-upload/nothing/here.png', files.agent)).status).toBe(404);

		// Closed, the chat's files stay the visitor's (6.9+); the agent, no longer a member, loses them.
		await files.admin.call('/api/v1/livechat/room.close', { body: { rid: chat.roomId, token: chat.token } });
		expect((await files.admin.fetchFile(link, { visitorToken: chat.token, roomId: chat.roomId })).status).toBe(200);
		expect((await files.admin.fetchFile(link, files.agent)).status).toBe(403);
		await setting('FileUpload_ProtectFiles', false);
		expect((await new RocketChatClient(files.sandbox.url).call(link)).status).toBe(200);
		await setting('FileUpload_ProtectFiles', true);
	});
});
