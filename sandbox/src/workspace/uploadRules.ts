import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import type { FileMessages } from './fileMessages';
import { fileSettingsOf, humanSize, isAllowedType } from './fileSettings';
import { determineFileType, typeOfUpload } from './mimeTypes';
import type { MessageRecord, UploadRecord } from './types';
import type { Uploads } from './uploads';

/** A multipart form as the parser read it: its file parts and its plain fields. */
export type UploadForm = {
	files: Array<{ field: string; filename: string; type: string; bytes: Buffer }>;
	fields: Record<string, string>;
};

/**
 * A refusal of livechat/upload/:rid that Rocket.Chat answers without an exception: `forbidden` (API.v1.forbidden, and
 * API.v1.unauthorized before 7.0, which also answered 403) or a failure whose body carries a `reason`.
 */
export class UploadRefused extends Error {
	constructor(
		public readonly kind: 'forbidden' | 'failure',
		public readonly details: { reason?: string; sizeAllowed?: string } = {},
	) {
		super(details.reason ?? kind);
	}
}

/** Rocket.Chat's route falls back to 100 MiB when the setting is 0 (`FileUpload_MaxFileSize || 104857600`). */
const DEFAULT_MAX_FILE_SIZE = 104857600;

/**
 * Who may put a file into a room, and what follows: a visitor through livechat/upload/:rid
 * (app/livechat/imports/server/rest/upload.ts, its newest form in api/server/v1 with MultipartUploadHandler) and an
 * app through the UploadBridge (app/apps/server/bridges/uploads.ts). Both insert through the Uploads store's filter
 * and post the file message; what differs by version is in versionProfile (`livechatUpload*`).
 */
export class UploadRules {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly uploads: Uploads,
		private readonly fileMessages: FileMessages,
	) {}

	/**
	 * The route's checks before it reads the body, in its order: the x-visitor-token header, the two upload settings
	 * (where the version checks them), a visitor with that token, then that visitor's open room of that id.
	 */
	public admitVisitor(token: string | undefined, rid: string): void {
		if (!token) {
			throw new UploadRefused('forbidden');
		}
		const settings = fileSettingsOf(this.store);
		if (
			this.store.profile.livechatUploadSettings === 'route' &&
			!(settings.Livechat_fileupload_enabled && settings.FileUpload_Enabled)
		) {
			throw new UploadRefused('failure', { reason: 'error-file-upload-disabled' });
		}
		if (!this.store.findVisitorByToken(token)) {
			throw new UploadRefused('forbidden');
		}
		const room = this.store.findRoom(rid);
		if (!room?.open || room.v.token !== token) {
			throw new UploadRefused('forbidden');
		}
	}

	/**
	 * The rest of the route once the form is read: the file as the version's parser takes it (size limit, no file,
	 * the type; versionProfile `livechatUploadParser`), the media type lists, the store (its filter), then the
	 * visitor's file message with the form's `description`; the other fields go along as msgData.
	 */
	public receiveFromVisitor(token: string, rid: string, form: UploadForm): MessageRecord {
		const file = this.fileOf(form);
		const parser = this.store.profile.livechatUploadParser;
		const type = parser === 'multipart-handler' ? typeOfUpload(file.type, file.filename) : file.type;
		if (!isAllowedType(this.store, type)) {
			throw new UploadRefused('failure', { reason: 'error-type-not-allowed' });
		}
		const maxFileSize = this.maxFileSize();
		if (parser === 'buffered' && maxFileSize > -1 && file.bytes.length > maxFileSize) {
			throw new UploadRefused('failure', { reason: 'error-size-not-allowed', sizeAllowed: humanSize(maxFileSize) });
		}
		const uploaded = this.uploads.insert(
			{ name: file.filename, size: file.bytes.length, type, rid, visitorToken: token },
			file.bytes,
		);
		const { description, ...msgData } = form.fields;
		const message = this.fileMessages.fromVisitor(token, rid, uploaded, description, msgData);
		if (!message) {
			throw new UploadRefused('failure');
		}
		return message;
	}

	/**
	 * AppUploadBridge.createUpload: a user or a visitor's token is required (`Missing user to perform the upload
	 * operation`); the type comes from the name and the bytes (determineFileType), not from the app; with a token the
	 * upload is the visitor's (the user dropped) and so is the file message, else the user's. Answers the upload as
	 * inserted. There is no way to store a file without posting its message.
	 */
	public uploadForApp(
		details: { name: string; rid: string; userId?: string; visitorToken?: string },
		bytes: Buffer,
	): UploadRecord {
		if (!details.userId && !details.visitorToken) {
			throw new Error('Missing user to perform the upload operation');
		}
		const type = determineFileType(bytes, details.name);
		const owner = details.visitorToken ? { visitorToken: details.visitorToken } : { userId: details.userId };
		const uploaded = this.uploads.insert(
			{ name: details.name, size: bytes.length, type, rid: details.rid, ...owner },
			bytes,
		);
		if (details.visitorToken) {
			this.fileMessages.fromVisitor(details.visitorToken, details.rid, uploaded);
		} else if (details.userId) {
			this.fileMessages.fromUser(details.userId, details.rid, uploaded);
		}
		return uploaded;
	}

	private maxFileSize(): number {
		return fileSettingsOf(this.store).FileUpload_MaxFileSize || DEFAULT_MAX_FILE_SIZE;
	}

	/**
	 * The one file of the form, refused as the version's parser refuses it, file part by file part in the body's order:
	 * a second file (busboy's files limit, or the buffered parser's own check), a file under another field, one too
	 * big; then a form without a file.
	 */
	private fileOf(form: UploadForm): UploadForm['files'][number] {
		const parser = this.store.profile.livechatUploadParser;
		const maxFileSize = this.maxFileSize();
		for (const [index, file] of form.files.entries()) {
			if (index > 0) {
				throw parser === 'multipart-handler'
					? new WorkspaceError('error-too-many-files', 'Too many files in upload')
					: new Error('Just 1 file is allowed');
			}
			if (file.field !== 'file') {
				throw new WorkspaceError('invalid-field');
			}
			if (maxFileSize > -1 && parser === 'size-limited' && file.bytes.length > maxFileSize) {
				throw new WorkspaceError('error-file-too-large');
			}
			if (maxFileSize > -1 && parser === 'multipart-handler' && file.bytes.length > maxFileSize + 1) {
				throw new WorkspaceError('error-file-too-large', 'File size exceeds the allowed limit');
			}
		}
		const [file] = form.files;
		if (!file) {
			if (parser === 'buffered') {
				throw new Error('No file uploaded');
			}
			throw parser === 'multipart-handler'
				? new WorkspaceError('error-no-file', 'No file uploaded')
				: new WorkspaceError('No file uploaded');
		}
		return file;
	}
}
