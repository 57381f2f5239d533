import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import type { RoomMessages } from './messages';
import { check, Match } from './meteorCheck';
import { canSendToRoom } from './roomAccess';
import type { FileProp, MessageRecord, UploadRecord } from './types';
import type { Uploads } from './uploads';
import { visitorSetting } from './visitorSettings';

/** A stored message attachment, as Rocket.Chat's file messages write them (snake_case). */
type FileAttachment = Record<string, unknown>;

/** FileUpload.getPath(`${id}/${encodeURI(name)}`): the file's path on the workspace, which every client resolves. */
export function filePath(file: Pick<UploadRecord, '_id' | 'name'>): string {
	return `/file-upload/${file._id}/${encodeURI(file.name)}`;
}

/** The media part of a file's attachment: image, audio or video fields by the file's type; nothing for other files. */
function mediaFields(file: UploadRecord, url: string): FileAttachment {
	if (/^image\/.+/.test(file.type)) {
		// image_preview (a 32-pixel blurred JPEG sharp makes) is not modelled.
		return {
			image_url: url,
			image_type: file.type,
			image_size: file.size,
			...(file.identify?.size ? { image_dimensions: { ...file.identify.size } } : {}),
		};
	}
	if (/^audio\/.+/.test(file.type)) {
		return { audio_url: url, audio_type: file.type, audio_size: file.size };
	}
	if (/^video\/.+/.test(file.type)) {
		return { video_url: url, video_type: file.type, video_size: file.size };
	}
	return {};
}

/** getFileExtension (lib/utils/getFileExtension.ts): after the last dot, lower case; '' for none or a dotfile. */
function fileExtension(name: string): string {
	const parts = name.split('.');
	if (parts.length < 2 || (parts[0] === '' && parts.length === 2)) {
		return '';
	}
	return (parts.pop() ?? '').toLowerCase();
}

/**
 * A file message: a visitor's (sendFileLivechatMessage, app/livechat/server/methods/sendFileLivechatMessage.ts, then
 * sendMessageLivechat) and a user's or an app's (sendFileMessage, app/file-upload/server/methods/sendFileMessage.ts).
 * Either goes into the room as every message does (RoomMessages: app events, the realtime API, history).
 */
export class FileMessages {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly uploads: Uploads,
		private readonly messages: RoomMessages,
	) {}

	/**
	 * A visitor's file message: false (nothing sent) unless the visitor exists and the room is theirs and open. The
	 * form's other fields are checked as msgData ({avatar, emoji, alias, msg: strings; groupable: a boolean}), but
	 * sendMessageLivechat keeps only `msg` of them: the file message's text (not `groupable: false`, which the method
	 * sets). Its alias is the visitor's name (Livechat.sendMessage). `files` where the version passes them on.
	 */
	public fromVisitor(
		token: string,
		rid: string,
		file: UploadRecord,
		description?: string,
		msgData: Record<string, unknown> = {},
	): MessageRecord | false {
		const visitor = this.store.findVisitorByToken(token);
		const room = this.store.findRoom(rid);
		if (!visitor || !room?.open || room.v.token !== token) {
			return false;
		}
		check(msgData, {
			avatar: Match.optional(String),
			emoji: Match.optional(String),
			alias: Match.optional(String),
			groupable: Match.optional(Boolean),
			msg: Match.optional(String),
		});
		const msg = typeof msgData.msg === 'string' ? msgData.msg : '';
		if (
			visitorSetting(this.store, 'Livechat_enable_message_character_limit') &&
			msg.length > Math.trunc(visitorSetting(this.store, 'Livechat_message_character_limit'))
		) {
			throw new WorkspaceError('message-length-exceeds-character-limit');
		}
		const url = filePath(file);
		const fileProp: FileProp = { _id: file._id, name: file.name, type: file.type };
		const attachment: FileAttachment = {
			title: file.name,
			type: 'file',
			...(description !== undefined ? { description } : {}),
			title_link: url,
			title_link_download: true,
			...mediaFields(file, url),
		};
		return this.messages.add(room, {
			msg,
			token: visitor.token,
			...(visitor.name ? { alias: visitor.name } : {}),
			u: { _id: visitor._id, username: visitor.username, name: visitor.name },
			file: fileProp,
			...(this.store.profile.livechatFileMessageFiles === 'file-and-files' ? { files: [{ ...fileProp }] } : {}),
			attachments: [attachment],
		});
	}

	/**
	 * A user's (or an app's user's) file message: `error-invalid-user` for an unknown user; false (nothing sent) for an
	 * unknown room or one the user may not access (an app's user may access any). The upload is completed for the
	 * user (typeGroup), then the message goes through executeSendMessage: `file` and `files` with size and format,
	 * the attachment with the file's id. Not modelled, for want of an image library: an image of 480×360 or more
	 * (Message_Attachments_Thumbnails_*, on by default) gets a thumbnail in Rocket.Chat, which the attachment's
	 * `image_url` then points at and `files` lists second; and no image gets its `image_preview`.
	 */
	public fromUser(userId: string, rid: string, file: UploadRecord): MessageRecord | false {
		const user = this.store.findUser(userId);
		if (!user) {
			throw new WorkspaceError('error-invalid-user', 'Invalid user');
		}
		const room = this.store.findRoom(rid);
		if (!room || !canSendToRoom(this.store, user, room)) {
			return false;
		}
		this.uploads.completeForUser(file._id, user._id);
		const url = filePath(file);
		const media = mediaFields(file, url);
		const fileProp: FileProp = {
			_id: file._id,
			name: file.name,
			type: file.type || 'file',
			size: file.size,
			format: file.identify?.format ?? '',
		};
		const attachment: FileAttachment = {
			title: file.name,
			type: 'file',
			...(Object.keys(media).length === 0 ? { format: fileExtension(file.name) } : {}),
			title_link: url,
			title_link_download: true,
			...media,
			...(Object.keys(media).length === 0 ? { size: file.size } : {}),
			fileId: file._id,
		};
		return this.messages.add(room, {
			msg: '',
			groupable: false,
			u: { _id: user._id, username: user.username, name: user.name },
			file: fileProp,
			files: [{ ...fileProp }],
			attachments: [attachment],
		});
	}
}
