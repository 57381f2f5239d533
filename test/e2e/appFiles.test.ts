import { eventually, useFilesWorkspace, type Json } from './support/filesWorkspace';
import { png, samplePng } from './support/images';

const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

/**
 * Files as an app meets them, through the fixture app of our own (test/fixtures/tester-app/src/files.ts): a visitor's
 * file message in IPostMessageSent, the upload from its UploadReader, a file it uploads with its UploadCreator (always
 * posted as a message), and a room's messages from getMessages.
 */
describeSandbox('files as apps get them on the sandbox', () => {
	const files = useFilesWorkspace('app-files-visitor');
	const { newChat, app } = files;

	it("gives apps the visitor's file message in IPostMessageSent as Rocket.Chat's converter does", async () => {
		const chat = await newChat('Fay');
		const { body } = (await files.admin.uploadVisitorFile(chat.token, chat.roomId, {
			name: 'sample.png',
			type: 'image/png',
			bytes: samplePng(),
			description: 'look',
		})) as { body: Json };
		const heard = await eventually(
			async () => (await app('heard-file-messages')).json.messages as Json[],
			(messages) => messages.some((message) => message.id === body._id),
		);
		const message = heard.find((candidate) => candidate.id === body._id) as Json;
		const fileId = body.file._id as string;
		const link = `/file-upload/${fileId}/sample.png`;

		expect(message).toMatchObject({
			text: '',
			token: chat.token,
			alias: 'Fay',
			file: { _id: fileId, name: 'sample.png', type: 'image/png' },
			files: [{ _id: fileId, name: 'sample.png', type: 'image/png' }],
			room: { id: chat.roomId },
			sender: { username: body.u.username },
		});
		expect(message.attachments).toEqual([
			{
				type: 'file',
				description: 'look',
				imageUrl: link,
				imageType: 'image/png',
				imageSize: samplePng().length,
				imageDimensions: { width: 64, height: 48 },
				title: { value: 'sample.png', link, displayDownloadLink: true },
				// Rocket.Chat's converter always builds these two; an unset field crosses to the app as null.
				author: { name: null, link: null, icon: null },
				timestamp: expect.any(String),
				fileId,
				_unmappedProperties_: {},
			},
		]);
	});

	it('reads an upload through the UploadReader: the IUpload and its bytes', async () => {
		const chat = await newChat('Gil');
		const bytes = png(20, 10);
		const { body } = (await files.admin.uploadVisitorFile(chat.token, chat.roomId, {
			name: 'shot.png',
			type: 'image/png',
			bytes,
		})) as { body: Json };
		const fileId = body.file._id as string;
		const read = (await app(`read-upload?id=${fileId}`)).json as Json;

		expect(read.upload).toEqual({
			id: fileId,
			name: 'shot.png',
			size: bytes.length,
			type: 'image/png',
			store: 'GridFS:Uploads',
			complete: true,
			uploading: false,
			progress: 1,
			etag: expect.any(String),
			path: `/ufs/GridFS:Uploads/${fileId}/shot.png`,
			url: `${files.sandbox.url}/ufs/GridFS:Uploads/${fileId}/shot.png`,
			token: expect.stringMatching(/^[0-9a-f]{10}$/i),
			updatedAt: expect.any(String),
			uploadedAt: expect.any(String),
			room: expect.objectContaining({ id: chat.roomId }),
			visitor: expect.objectContaining({ token: chat.token, name: 'Gil' }),
			_unmappedProperties_: { identify: { format: 'png', size: { width: 20, height: 10 } } },
		});
		expect(Buffer.from(read.base64 as string, 'base64').equals(bytes)).toBe(true);
		const missing = (await app('read-upload?id=nothing')).json as Json;
		expect(missing).toEqual({ upload: null, bufferError: "Cannot read properties of undefined (reading 'store')" });
	});

	it('uploads with the UploadCreator: typed by name then bytes, always posted, as the app user, a user or a visitor', async () => {
		const chat = await newChat('Hal');
		const base64 = samplePng().toString('base64');
		const asApp = (await app('upload-file', { roomId: chat.roomId, filename: 'picture', base64 })).json as Json;

		expect(asApp.upload).toMatchObject({ name: 'picture', type: 'image/png', size: samplePng().length });
		expect(asApp.upload.user).toMatchObject({ username: 'sandboxtester.bot', type: 'app' });
		const history = await files.admin.visitorHistory(chat.token, chat.roomId);
		const posted = history.at(-1) as Json;
		const link = `/file-upload/${asApp.upload.id as string}/picture`;
		expect(posted).toMatchObject({
			msg: '',
			groupable: false,
			u: { username: 'sandboxtester.bot' },
			file: { _id: asApp.upload.id, name: 'picture', type: 'image/png', size: samplePng().length, format: 'png' },
			files: [{ _id: asApp.upload.id, name: 'picture', type: 'image/png', size: samplePng().length, format: 'png' }],
			attachments: [
				{
					title: 'picture',
					type: 'file',
					title_link: link,
					title_link_download: true,
					image_url: link,
					image_type: 'image/png',
					image_size: samplePng().length,
					image_dimensions: { width: 64, height: 48 },
					fileId: asApp.upload.id,
				},
			],
		});
		expect(posted).not.toHaveProperty('token');
		// Completed for its user: the upload now has its type group.
		const reread = (await app(`read-upload?id=${asApp.upload.id as string}`)).json as Json;
		expect(reread.upload._unmappedProperties_.typeGroup).toBe('image');

		const text = (
			await app('upload-file', {
				roomId: chat.roomId,
				filename: 'notes.txt',
				base64: Buffer.from('hello').toString('base64'),
				as: 'visitor',
				visitorToken: chat.token,
			})
		).json as Json;
		expect(text.upload).toMatchObject({ type: 'text/plain', visitor: { token: chat.token } });
		expect(text.upload).not.toHaveProperty('user');
		expect((await files.admin.visitorHistory(chat.token, chat.roomId)).at(-1)).toMatchObject({
			token: chat.token,
			alias: 'Hal',
			file: { name: 'notes.txt', type: 'text/plain' },
			attachments: [{ title: 'notes.txt', type: 'file', title_link_download: true }],
		});

		const byAgent = (
			await app('upload-file', { roomId: chat.roomId, filename: 'a.png', base64, as: 'user', userId: files.agentId })
		).json as Json;
		expect(byAgent.upload.user).toMatchObject({ id: files.agentId });
		const byAdmin = (
			await app('upload-file', {
				roomId: chat.roomId,
				filename: 'a.png',
				base64,
				as: 'user',
				userId: (await files.admin.call('/api/v1/me')).json._id,
			})
		).json as Json;
		expect(byAdmin.upload).toBeDefined();

		const refusals = await Promise.all([
			app('upload-file', {
				roomId: chat.roomId,
				filename: 'logo.svg',
				base64: Buffer.from('<svg/>').toString('base64'),
			}),
			app('upload-file', { roomId: chat.roomId, filename: 'empty.png', base64: '' }),
			app('upload-file', { roomId: chat.roomId, filename: 'x.png', base64, as: 'nobody' }),
		]);
		expect(refusals.map((answer) => [answer.status, answer.json.error])).toEqual([
			[400, 'File type is not accepted. [error-invalid-file-type]'],
			[400, 'File size (size = 0) is too small (min = 1) [file-too-small]'],
			[400, 'Missing user to perform the upload operation'],
		]);
	});

	it("reads a room's messages with getMessages: no system messages, sorted, skipped, limited, raw", async () => {
		const chat = await newChat('Ida');
		await files.admin.sendVisitorMessage(chat.token, chat.roomId, 'first');
		await files.admin
			.as(files.agent)
			.call('/api/v1/chat.sendMessage', { body: { message: { rid: chat.roomId, msg: 'second' } } });
		const { body } = (await files.admin.uploadVisitorFile(chat.token, chat.roomId, {
			name: 'sample.png',
			type: 'image/png',
			bytes: samplePng(),
		})) as { body: Json };
		const read = async (query: string) => (await app(`room-messages?roomId=${chat.roomId}&${query}`)).json as Json;

		const all = (await read('')).messages as Json[];
		expect(all.map((message) => message.text)).toEqual(['first', 'second', '']);
		expect(all[0]).toEqual({
			id: expect.any(String),
			roomId: chat.roomId,
			text: 'first',
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
			token: chat.token,
			// Livechat.sendMessage names every visitor message after the visitor.
			alias: 'Ida',
			sender: { _id: expect.any(String), username: body.u.username, name: 'Ida' },
			_unmappedProperties_: {},
		});
		expect(all[1].sender).toEqual({ _id: files.agentId, username: 'filer', name: 'filer' });
		expect(all[2]).toMatchObject({
			file: body.file,
			files: body.files,
			alias: 'Ida',
			attachments: [{ imageUrl: body.attachments[0].image_url, fileId: body.file._id }],
		});
		const newest = (await read('sort=desc&limit=2')).messages as Json[];
		expect(newest.map((message) => message.text)).toEqual(['', 'second']);
		expect(((await read('sort=desc&limit=2&skip=2')).messages as Json[]).map((message) => message.text)).toEqual([
			'first',
		]);
		expect(await read('limit=101')).toEqual({ error: 'Invalid limit provided. Expected number <= 100, got 101' });
	});
});
