import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireUser } from './authentication';
import { RestFailure, jsonQueryOf, project, queryParams, rcHandle } from './rcRoute';
import { ok } from './restAnswers';
import { restRoom } from './restShapes';
import { WorkspaceError } from '../workspace/WorkspaceError';
import { canAccessLivechatRoom } from '../workspace/roomAccess';
import type { RoomRecord } from '../workspace/types';

/** findRoomByIdOrName's checks: a roomId (or roomName) is required, and must name a room. */
function roomOf(rooms: Map<string, RoomRecord>, params: Record<string, unknown>, kind: string): RoomRecord {
	if (!params.roomId && !params.roomName) {
		throw new WorkspaceError('error-roomid-param-not-provided', 'The parameter "roomId" or "roomName" is required');
	}
	const room = typeof params.roomId === 'string' ? rooms.get(params.roomId) : undefined;
	if (!room) {
		throw new WorkspaceError(
			'error-room-not-found',
			`The required "roomId" or "roomName" param provided does not match any ${kind}`,
		);
	}
	return room;
}

/**
 * Rooms as any logged-in client reads them: `channels.info` (app/api/server/v1/channels.ts, findChannelByIdOrName,
 * which serves livechat rooms too and checks no access), `rooms.info` (v1/rooms.ts: only for who may access the
 * room, canAccessRoomAsync, else `not-allowed`) and the caller's subscription to a room (v1/subscriptions.ts
 * `subscriptions.getOne`, null when there is none). Livechat rooms are the only rooms the sandbox has.
 */
export function roomsRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.get(
		'/api/v1/channels.info',
		requireUser,
		rcHandle((req, res) => {
			const room = roomOf(workspace.rooms, queryParams(req), 'channel');
			ok(res, { channel: restRoom(room) });
		}),
	);

	router.get(
		'/api/v1/rooms.info',
		requireUser,
		rcHandle((req, res) => {
			const params = queryParams(req);
			const room = roomOf(workspace.rooms, params, 'channel');
			const { fields } = jsonQueryOf(params);
			if (!canAccessLivechatRoom(workspace, caller(req), room)) {
				throw new RestFailure('not-allowed', 'Not Allowed');
			}
			ok(res, { room: project(restRoom(room), fields) });
		}),
	);

	router.get(
		'/api/v1/subscriptions.getOne',
		requireUser,
		rcHandle((req, res) => {
			const { roomId } = queryParams(req);
			if (typeof roomId !== 'string' || !roomId) {
				throw new RestFailure("The 'roomId' param is required");
			}
			const subscription = workspace.livechatSubscription(roomId, caller(req)._id);
			ok(res, {
				subscription: subscription ? { ...subscription, ts: subscription.ts.toISOString() } : null,
			});
		}),
	);

	return router;
}
