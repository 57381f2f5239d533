import type { UserRecord } from './types';

/**
 * Rocket.Chat's default roles for the permissions the sandbox checks
 * (apps/meteor/app/authorization/server/constant/permissions.ts). The sandbox has no permissions.update: a workspace
 * keeps these defaults, as a fresh Rocket.Chat does.
 */
const DEFAULT_ROLES = {
	'view-l-room': ['livechat-manager', 'livechat-monitor', 'livechat-agent', 'admin'],
	'view-livechat-manager': ['livechat-manager', 'livechat-monitor', 'admin'],
	'view-livechat-rooms': ['livechat-manager', 'livechat-monitor', 'admin'],
	'close-livechat-room': ['livechat-manager', 'livechat-monitor', 'livechat-agent', 'admin'],
	'close-others-livechat-room': ['livechat-manager', 'livechat-monitor', 'admin'],
	'remove-closed-livechat-rooms': ['livechat-manager', 'livechat-monitor', 'admin'],
	'transfer-livechat-guest': ['livechat-manager', 'livechat-monitor', 'admin'],
	'edit-omnichannel-contact': ['livechat-manager', 'livechat-agent', 'admin'],
	'manage-livechat-agents': ['livechat-manager', 'livechat-monitor', 'admin'],
	'manage-livechat-managers': ['livechat-manager', 'admin'],
	'manage-livechat-departments': ['livechat-manager', 'livechat-monitor', 'admin'],
	'view-livechat-departments': ['livechat-manager', 'livechat-monitor', 'admin'],
	'add-livechat-department-agents': ['livechat-manager', 'livechat-monitor', 'admin'],
	'remove-livechat-department': ['livechat-manager', 'admin'],
	'view-livechat-room-closed-by-another-agent': ['livechat-manager', 'livechat-monitor', 'admin'],
	'view-livechat-room-closed-same-department': ['livechat-manager', 'livechat-monitor', 'admin'],
	'create-user': ['admin'],
	'delete-user': ['admin'],
	'edit-other-user-info': ['admin'],
	'view-full-other-user-info': ['admin'],
	'view-privileged-setting': ['admin'],
	'edit-privileged-setting': ['admin'],
	'view-statistics': ['admin'],
} as const;

export type Permission = keyof typeof DEFAULT_ROLES;

/** hasPermissionAsync: one of the user's roles holds the permission. */
export function hasPermission(user: Pick<UserRecord, 'roles'> | undefined, permission: Permission): boolean {
	const roles: readonly string[] = DEFAULT_ROLES[permission];
	return !!user && user.roles.some((role) => roles.includes(role));
}

/** The route option permissionsRequired with operation 'hasAll' (Rocket.Chat's default for a list). */
export function hasAllPermissions(user: Pick<UserRecord, 'roles'> | undefined, permissions: Permission[]): boolean {
	return permissions.every((permission) => hasPermission(user, permission));
}

/** The route option permissionsRequired with operation 'hasAny'. */
export function hasAnyPermission(user: Pick<UserRecord, 'roles'> | undefined, permissions: Permission[]): boolean {
	return permissions.some((permission) => hasPermission(user, permission));
}
