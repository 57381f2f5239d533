import type { WorkspaceStore } from './WorkspaceStore';

/**
 * The file upload settings the sandbox models, with Rocket.Chat's defaults (server/settings/file-upload.ts; 5.x:
 * app/file-upload/server/startup/settings.ts; Livechat_fileupload_enabled in server/settings/omnichannel.ts): uploads
 * on, for livechat visitors too, up to 100 MiB, every type but SVG, files served only to who may see them.
 */
export const FILE_SETTING_DEFAULTS = {
	FileUpload_Enabled: true,
	Livechat_fileupload_enabled: true,
	/** Bytes; -1 means no limit. */
	FileUpload_MaxFileSize: 104857600,
	/** Comma-separated types, `type/*` wildcards allowed; empty or `*`: any. */
	FileUpload_MediaTypeWhiteList: '',
	FileUpload_MediaTypeBlackList: 'image/svg+xml',
	FileUpload_ProtectFiles: true,
};

export type FileSettings = typeof FILE_SETTING_DEFAULTS & {
	/** 6.0+ (PR #28319); on by default from 6.6.0: a logged-in user reads a room's files only as its member. */
	FileUpload_Restrict_to_room_members?: boolean;
	/** The newest versions: instead, anyone who may access the room. Off by default. */
	FileUpload_Restrict_to_users_who_can_access_room?: boolean;
};

/**
 * Adds these settings to the workspace's (POST /api/v1/settings/:id changes them like the others), with the two
 * that restrict who reads files only where the version has them (versionProfile `fileAccessByUsers`).
 */
export function addFileSettings(store: WorkspaceStore): FileSettings {
	const byVersion = store.profile.fileAccessByUsers;
	return Object.assign(store.settings, {
		...FILE_SETTING_DEFAULTS,
		...(byVersion !== 'any-user' ? { FileUpload_Restrict_to_room_members: true } : {}),
		...(byVersion === 'room-members-or-opt-in' ? { FileUpload_Restrict_to_users_who_can_access_room: false } : {}),
	});
}

export function fileSettingsOf(store: WorkspaceStore): FileSettings {
	return store.settings as unknown as FileSettings;
}

const listOf = (setting: string): string[] | undefined =>
	setting ? setting.split(',').map((item) => item.trim()) : undefined;

/** A type is on a list as itself or by its `type/*` wildcard (isTypeOnList). */
const onList = (type: string, list: string[]): boolean =>
	list.includes(type) || list.filter((item) => item.indexOf('/*') > 0).includes(type.replace(/(\/.*)$/, '/*'));

/**
 * fileUploadIsValidContentType (app/utils/lib/restrictions.ts): the blacklist wins (and refuses a file without a
 * type); then, when a whitelist is set and is not `*`, the type must be on it.
 */
export function isAllowedType(store: WorkspaceStore, type: string | undefined): boolean {
	const settings = fileSettingsOf(store);
	const blackList = listOf(settings.FileUpload_MediaTypeBlackList);
	const whiteList =
		settings.FileUpload_MediaTypeWhiteList === '*' ? undefined : listOf(settings.FileUpload_MediaTypeWhiteList);
	if (!type) {
		return !blackList;
	}
	if (blackList && onList(type, blackList)) {
		return false;
	}
	return !whiteList || onList(type, whiteList);
}

/**
 * A size as the `filesize` package (3.x, which Rocket.Chat's messages use) writes it: powers of 1024 with the units
 * B, KB, MB, GB, TB, at most two decimals, trailing zeros dropped ("100 MB", "1.5 KB").
 */
export function humanSize(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${Number(value.toFixed(unit === 0 ? 0 : 2))} ${units[unit]}`;
}
