import type { WorkspaceStore } from './WorkspaceStore';
import { fileSettingsOf } from './fileSettings';
import { canAccessLivechatRoom } from './roomAccess';
import { livechatSubscriptionOf } from './subscriptions';
import type { UploadRecord } from './types';

/** What a file request tells about who asks: its query string, its cookies and the REST API's login headers. */
export type FileRequest = {
	query: Readonly<Record<string, string | undefined>>;
	cookies: Readonly<Record<string, string | undefined>>;
	headers: { userId?: string; authToken?: string };
};

/**
 * FileUpload.requestCanAccessFiles (app/file-upload/server/lib/FileUpload.ts), which GET /file-upload/:id/:name asks
 * before serving a file. With FileUpload_ProtectFiles off anyone may. Otherwise `rc_uid`, `rc_token`, `rc_rid` and
 * `rc_room_type` come from the query string, or, when it has no `rc_uid` and the request has cookies, all four from
 * the cookies (the livechat widget sets rc_room_type=l, rc_rid and rc_token). Then any of: the room type's
 * canAccessUploadedFile (for `l`: a visitor's token and their room; versionProfile `visitorFileAccess`), a logged-in
 * user (rc_uid + rc_token, else X-User-Id + X-Auth-Token) as far as the room restrictions let them
 * (`fileAccessByUsers`). The JSON web token way (`?token=`, FileUpload_Enable_json_web_token_for_files) is not
 * modelled: no such token is accepted.
 */
export function canReadFile(store: WorkspaceStore, request: FileRequest, file: UploadRecord): boolean {
	const settings = fileSettingsOf(store);
	if (!settings.FileUpload_ProtectFiles) {
		return true;
	}
	const fromQuery = !request.query.rc_uid && Object.keys(request.cookies).length === 0;
	const source = request.query.rc_uid || fromQuery ? request.query : request.cookies;
	const { rc_uid: uid, rc_token: token, rc_rid: rid, rc_room_type: roomType } = source;

	if (roomType === 'l' && visitorMayRead(store, token, rid)) {
		return true;
	}
	const userId = uid || request.headers.userId;
	const authToken = token || request.headers.authToken;
	const user = userId && authToken ? store.userByToken(userId, authToken) : undefined;
	if (!user) {
		return false;
	}
	const toMembers = settings.FileUpload_Restrict_to_room_members === true;
	const toWhoCanAccess = settings.FileUpload_Restrict_to_users_who_can_access_room === true;
	if (!file.rid || (!toMembers && !toWhoCanAccess)) {
		return true;
	}
	if (toMembers && !toWhoCanAccess) {
		return livechatSubscriptionOf(store, file.rid, user._id) !== undefined;
	}
	if (toWhoCanAccess && !toMembers) {
		const room = store.findRoom(file.rid);
		return room !== undefined && canAccessLivechatRoom(store, user, room);
	}
	return false;
}

/** The livechat room type's canAccessUploadedFile: the visitor's own room, open or, from 6.9, closed too. */
function visitorMayRead(store: WorkspaceStore, token: string | undefined, rid: string | undefined): boolean {
	const room = token && rid ? store.findRoom(rid) : undefined;
	if (!room || room.v.token !== token) {
		return false;
	}
	return store.profile.visitorFileAccess === 'any-room' || room.open === true;
}
