import type { WorkspaceStore } from './WorkspaceStore';

/** What the sandbox knows of a user's subscription to a livechat room (Rocket.Chat's `rocketchat_subscription`). */
export type LivechatSubscription = {
	_id: string;
	rid: string;
	name: string;
	fname: string;
	t: 'l';
	open: true;
	u: { _id: string; username: string };
	v: { _id: string; username: string; token: string };
	ts: Date;
	department?: string;
};

/**
 * A livechat room's subscriptions, as Rocket.Chat keeps them: the agent who takes a chat gets one
 * (createLivechatSubscription, lib/Helper.ts, from RoutingManager.assignAgent); it goes when the chat is transferred
 * away from them (removeAgentFromSubscription) and when the chat closes (closeRoom removes every subscription of the
 * room). The sandbox derives it from the room: the serving agent of an open room is subscribed, nobody else is.
 * Joining a chat without serving it (livechat/room.join) and the read state (unread, alert) are not modelled.
 */
export function livechatSubscriptionOf(
	store: WorkspaceStore,
	roomId: string,
	userId: string,
): LivechatSubscription | undefined {
	const room = store.rooms.get(roomId);
	if (!room?.open || room.servedBy?._id !== userId) {
		return undefined;
	}
	return {
		_id: `${room._id}${userId}`,
		rid: room._id,
		name: room.fname,
		fname: room.fname,
		t: 'l',
		open: true,
		u: { _id: room.servedBy._id, username: room.servedBy.username },
		v: { ...room.v },
		ts: room.servedBy.ts,
		...(room.departmentId ? { department: room.departmentId } : {}),
	};
}
