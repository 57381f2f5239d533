import type { WorkspaceStore } from './WorkspaceStore';
import type { RoomRecord, UserRecord } from './types';

/**
 * Roles that hold `view-livechat-rooms` (and `view-livechat-room-closed-by-another-agent`) by default
 * (app/authorization/server/constant/permissions.ts).
 */
const LIVECHAT_ROOM_VIEWERS = ['admin', 'livechat-manager', 'livechat-monitor'];

/**
 * Whether a user may access a livechat room, as Rocket.Chat's room access validators decide for omnichannel rooms
 * (app/livechat/server/roomAccessValidator.compatibility.ts, used by canAccessRoom): a holder of
 * `view-livechat-rooms`; the agent serving it (or, once it closed, a holder of
 * `view-livechat-room-closed-by-another-agent`); with a routing that previews rooms (manual selection), an agent of
 * the department a queued chat waits in (a livechat-manager: any queued chat). An app's own user (type `app`) skips
 * the check when it sends a message (canSendMessage's validateRoomMessagePermissionsAsync).
 */
export function canAccessLivechatRoom(store: WorkspaceStore, user: UserRecord, room: RoomRecord): boolean {
	const viewer = user.roles.some((role) => LIVECHAT_ROOM_VIEWERS.includes(role));
	if (viewer || room.servedBy?._id === user._id) {
		return true;
	}
	if (store.settings.Livechat_Routing_Method !== 'Manual_Selection') {
		return false;
	}
	const inquiry = store.inquiries.get(room._id);
	if (inquiry?.status !== 'queued') {
		return false;
	}
	if (user.roles.includes('livechat-manager')) {
		return true;
	}
	const departments = [...store.departments.values()]
		.filter((department) => department.enabled && department.agentIds.includes(user._id))
		.map((department) => department._id);
	return departments.length === 0 || (inquiry.department !== undefined && departments.includes(inquiry.department));
}

/** canSendMessage: an app's user may send anywhere; anyone else must be able to access the room. */
export function canSendToRoom(store: WorkspaceStore, user: UserRecord, room: RoomRecord): boolean {
	return user.type === 'app' || canAccessLivechatRoom(store, user, room);
}
