import { row } from './versionRow';

const UPLOAD_ROUTE = '`livechat/imports/server/rest/upload.ts`';

/**
 * The version profile's rows on files: a visitor's upload, who may read a file, the file message, and what apps read
 * of files and of a room's messages. Part of VERSION_ROWS (versionProfile.ts), shown in FIDELITY.md's table.
 */
export const FILE_ROWS = {
	livechatUploadSettings: row({
		title: '`livechat/upload/:rid` checks `Livechat_fileupload_enabled` and `FileUpload_Enabled`',
		values: { '5.3': 'store-filter', '6.6': 'store-filter', '6.7': 'store-filter', 'latest': 'route' },
		meaning: {
			'store-filter':
				'no: `Livechat_fileupload_enabled` is not checked; `FileUpload_Enabled` only by the store filter once the file is read (`error-file-upload-disabled`, errorType)',
			'route':
				'first thing after the token: 400 `{reason: "error-file-upload-disabled"}` unless both are on (PR #31765, 6.8.0)',
		},
		sources: `${UPLOAD_ROUTE}@eb122008, @5eb3cbb7, @f3b0ea92 (commit 747103fb); index id 69197612988 (7.x)`,
		app: 'nothing: the widget uploads, the app reads what arrived',
	}),
	livechatUploadParser: row({
		title: "`livechat/upload/:rid` reading the file: too large, no file, the file's type",
		values: { '5.3': 'buffered', '6.6': 'size-limited', '6.7': 'size-limited', 'latest': 'multipart-handler' },
		meaning: {
			'buffered':
				'read whole; no file: `No file uploaded` (no errorType); the type the client declared; over `FileUpload_MaxFileSize`, after the type check: 400 `{reason: "error-size-not-allowed", sizeAllowed: "100 MB"}`',
			'size-limited':
				'stops past `FileUpload_MaxFileSize`: `[error-file-too-large]`; no file: `[No file uploaded]`; the type the client declared (6.0+)',
			'multipart-handler':
				'stops past `FileUpload_MaxFileSize` + 1 byte: `File size exceeds the allowed limit [error-file-too-large]`; no file: `No file uploaded [error-no-file]`; the type from the declared one and the name (getMimeType)',
		},
		sources: `${UPLOAD_ROUTE}@eb122008, \`api/server/lib/getUploadFormData.ts\`@eb122008, @5eb3cbb7; \`MultipartUploadHandler.ts\` index id 53792628319, \`utils/lib/mimeTypes.ts\` index id 1416140257`,
		app: 'nothing of the answer',
	}),
	visitorFileAccess: row({
		title: 'A visitor reads a file of their chat (`/file-upload/…` with `rc_rid`, `rc_token`, `rc_room_type=l`)',
		values: { '5.3': 'open-room', '6.6': 'open-room', '6.7': 'open-room', 'latest': 'any-room' },
		meaning: {
			'open-room': 'while the chat is open; 403 once it closed',
			'any-room': 'open or closed (PR #32439, 6.9.0)',
		},
		sources: '`server/lib/rooms/roomTypes/livechat.ts@5eb3cbb7`, `@f3b0ea92` (commit 966bc305); index id 49778303410',
		app: 'sends files as paths on the workspace, which the widget fetches with its cookies',
	}),
	fileAccessByUsers: row({
		title: "A logged-in user reads a room's file (`FileUpload_ProtectFiles` on, its default)",
		values: { '5.3': 'any-user', '6.6': 'room-members', '6.7': 'room-members', 'latest': 'room-members-or-opt-in' },
		meaning: {
			'any-user': 'any logged-in user (no restricting setting yet)',
			'room-members':
				'only a member of the room (a subscription: the agent serving a chat) while `FileUpload_Restrict_to_room_members` is on: off in 6.0–6.5 (PR #28319), on by default from 6.6.0',
			'room-members-or-opt-in':
				'only a member of the room (`FileUpload_Restrict_to_room_members`, on); or, with `FileUpload_Restrict_to_users_who_can_access_room` on instead (off), anyone who may access the room',
		},
		sources:
			'`file-upload/server/lib/FileUpload.js@eb122008` `requestCanAccessFiles`, `FileUpload.ts@5eb3cbb7` L467, commits 1c7f20a7, 5bb03903 (6.6.0); index ids 40339457155, 1324850796',
		app: 'reads uploads through the upload reader, never over HTTP',
	}),
	livechatFileMessageFiles: row({
		title: "A visitor's file message (`sendFileLivechatMessage`, then `sendMessageLivechat`) carries",
		values: { '5.3': 'file-only', '6.6': 'file-only', '6.7': 'file-only', 'latest': 'file-and-files' },
		meaning: {
			'file-only':
				'`file: {_id, name, type}` and the attachment; no `files` (6.x builds them, but `sendMessageLivechat` passes only `file` on)',
			'file-and-files': '`file: {_id, name, type}`, `files: [the same]` and the attachment (PR #32256, 6.8.0)',
		},
		sources:
			'`livechat/server/methods/sendFileLivechatMessage.js@eb122008`, `.ts@5a67f3ab`; `sendMessageLivechat.js@eb122008`, `.ts@5a67f3ab`, `@5eb3cbb7`, `@87005cbf` (commit 6e7c5b36); index ids 11817575054, 113719972',
		app: 'reads `file` (every version)',
	}),
	messageFilesMapped: row({
		title: "The message converter maps a message's `files` (and an attachment's `fileId`) into `IMessage`",
		values: { '5.3': 'unmapped', '6.6': 'unmapped', '6.7': 'unmapped', 'latest': 'mapped' },
		meaning: {
			unmapped: "no: `files` sits in `_unmappedProperties_`, `fileId` in the attachment's",
			mapped:
				"yes, in the newest converter (8.x-era, beside Apps-Engine 1.62's `IMessage.files`; 7.x copies do not map it; the release is not established): `files`, and `fileId` (the message's `file` for a lone file attachment)",
		},
		sources:
			'`apps/server/converters/messages.js@eb122008`, `@5eb3cbb7`, index ids 45009920838 (7.x, unmapped), 59322462536 with `convertMessageFiles.ts` 53504036096 (mapped)',
		app: 'reads `file` and the attachments, which every version maps',
	}),
	roomMessagesRead: row({
		title: "`IRoomRead.getMessages` (an app reads a room's messages)",
		values: {
			'5.3': 'not-implemented',
			'6.6': 'not-implemented',
			'6.7': 'not-implemented',
			'latest': 'implemented',
		},
		meaning: {
			'not-implemented':
				'throws `Method not implemented.` (the engine itself, Apps-Engine up to 1.43.1; Rocket.Chat before 6.11)',
			'implemented':
				"the room's messages that are not hidden and have no type (system messages left out), `limit` (at most 100, 100 by default), `skip`, `sort` by `createdAt` (Apps-Engine 1.44.0, PR #770, in Rocket.Chat 6.11)",
		},
		sources:
			'Apps-Engine `src/server/accessors/RoomRead.ts@v1.43.1`, `@v1.44.0` (commit aec24015); `apps/server/bridges/rooms.ts` index ids 11353365485, 46363666',
		app: 'catches the error where the engine has no such method',
	}),
};
