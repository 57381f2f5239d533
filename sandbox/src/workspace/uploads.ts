import { randomInt } from 'crypto';

import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import { fileSettingsOf, humanSize, isAllowedType } from './fileSettings';
import { newId } from './ids';
import { identifyImage } from './mimeTypes';
import { canAccessLivechatRoom } from './roomAccess';
import type { RoomRecord, UploadRecord, UserRecord } from './types';

/** What an upload is inserted with (the route's or the app bridge's details); its type is already decided. */
export type UploadDetails = {
	name: string;
	size: number;
	type: string;
	rid: string;
	userId?: string;
	visitorToken?: string;
};

const STORE = 'GridFS:Uploads';

/**
 * The workspace's uploads: Rocket.Chat's Uploads store on GridFS, its default (FileUpload_Storage_Type), records and
 * bytes together. A file gets in only through the store's filter (UploadFS.Filter.check with
 * FileUpload.validateFileUpload, server/ufs/ufs-filter.ts, app/file-upload/server/lib/FileUpload.ts), as the livechat
 * upload route and the apps' UploadBridge both put it there.
 */
export class Uploads {
	private readonly files = new Map<string, { record: UploadRecord; bytes: Buffer }>();

	constructor(private readonly store: WorkspaceStore) {}

	/**
	 * FileUploadClass.insert: the filter, then the write (ufsComplete, the store's write): an image's format and size
	 * read (uploadsOnValidate), the record completed with its etag, paths on UploadFS's route and a token. Answers the
	 * record as the insert returned it.
	 */
	public insert(details: UploadDetails, bytes: Buffer): UploadRecord {
		this.check({ ...details, size: bytes.length });
		const _id = newId();
		const now = new Date();
		const relative = `/ufs/${STORE}/${_id}/${details.name}`;
		const identify = identifyImage(bytes, details.type);
		const record: UploadRecord = {
			_id,
			name: details.name,
			size: bytes.length,
			type: details.type,
			rid: details.rid,
			...(details.userId ? { userId: details.userId } : {}),
			...(details.visitorToken ? { visitorToken: details.visitorToken } : {}),
			store: STORE,
			complete: true,
			uploading: false,
			progress: 1,
			etag: newId(),
			path: encodeURI(relative),
			url: encodeURI(`${this.store.settings.Site_Url.replace(/\/+$/, '')}${relative}`),
			token: ufsToken(),
			uploadedAt: now,
			_updatedAt: now,
			...(identify ? { identify } : {}),
		};
		this.files.set(_id, { record, bytes: Buffer.from(bytes) });
		return { ...record };
	}

	public find(id: string | undefined): UploadRecord | undefined {
		const entry = id ? this.files.get(id) : undefined;
		return entry ? { ...entry.record } : undefined;
	}

	public bytesOf(id: string): Buffer | undefined {
		const entry = this.files.get(id);
		return entry ? Buffer.from(entry.bytes) : undefined;
	}

	/**
	 * Uploads.updateFileComplete, when a user's file message takes the upload (sendFileMessage): only an upload of that
	 * user; it gets the type's first part as typeGroup.
	 */
	public completeForUser(id: string, userId: string): void {
		const record = this.files.get(id)?.record;
		if (record?.userId === userId) {
			Object.assign(record, { typeGroup: record.type.split('/')[0], _updatedAt: new Date() });
		}
	}

	/** Forgets a room's uploads with the room (FileUpload.removeFilesByRoomId on a room's deletion). */
	public removeRoom(rid: string): void {
		for (const [id, entry] of this.files) {
			if (entry.record.rid === rid) {
				this.files.delete(id);
			}
		}
	}

	/**
	 * UploadFS.Filter.check: a size of at least one byte (its minSize), then validateFileUpload. The filter's own refusal
	 * (too small, or validateFileUpload answering false) is raised last, so validateFileUpload's errors come first.
	 */
	private check(details: UploadDetails): void {
		const tooSmall =
			details.size <= 0
				? new WorkspaceError('file-too-small', `File size (size = ${details.size}) is too small (min = 1)`)
				: undefined;
		if (!this.validate(details)) {
			throw new WorkspaceError('invalid-file', 'File does not match filter');
		}
		if (tooSmall) {
			throw tooSmall;
		}
	}

	/**
	 * FileUpload.validateFileUpload: the room must exist and the uploader reach it (an app's user always does; a visitor
	 * through their token, while the chat is open); then FileUpload_Enabled, FileUpload_MaxFileSize (-1: no limit) and
	 * the media type lists, each refusing with its own error. (The apps' IPreFileUpload, asked last, is not modelled.)
	 */
	private validate(details: UploadDetails): boolean {
		const settings = fileSettingsOf(this.store);
		const user = details.userId ? this.store.findUser(details.userId) : undefined;
		const room = this.store.findRoom(details.rid);
		if (!room) {
			return false;
		}
		if (user?.type !== 'app' && !canUploadTo(this.store, room, user, details.visitorToken)) {
			return false;
		}
		if (!settings.FileUpload_Enabled) {
			throw new WorkspaceError('error-file-upload-disabled', 'File uploads are disabled.');
		}
		const maxFileSize = settings.FileUpload_MaxFileSize;
		if (maxFileSize > -1 && details.size > maxFileSize) {
			throw new WorkspaceError('error-file-too-large', `File size exceeds upload limit of ${humanSize(maxFileSize)}.`);
		}
		if (!isAllowedType(this.store, details.type)) {
			throw new WorkspaceError('error-invalid-file-type', 'File type is not accepted.');
		}
		return true;
	}
}

/**
 * canAccessRoom for a livechat room with the file as extra data (roomAccessValidator.compatibility.ts): a user as for
 * any access; no user, the visitor whose token the file carries, while the chat is open.
 */
function canUploadTo(
	store: WorkspaceStore,
	room: RoomRecord,
	user: UserRecord | undefined,
	visitorToken: string | undefined,
): boolean {
	if (user) {
		return canAccessLivechatRoom(store, user, room);
	}
	return Boolean(visitorToken) && room.v.token === visitorToken && room.open === true;
}

/** Store.generateToken: ten hex digits, `y` ones in 8–b, each in either case. */
function ufsToken(): string {
	return 'xyxyxyxyxy'.replace(/[xy]/g, (slot) => {
		const nibble = randomInt(16);
		const digit = (slot === 'x' ? nibble : (nibble & 0x3) | 0x8).toString(16);
		return randomInt(2) ? digit.toUpperCase() : digit;
	});
}
