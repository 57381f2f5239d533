import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireRole, requireUser } from './authentication';
import { handle, ok, text } from './restAnswers';
import { restInquiry, restMessage, restRoom } from './restShapes';
import { WorkspaceError } from '../workspace/WorkspaceError';

const LIVECHAT_STAFF = ['admin', 'livechat-manager', 'livechat-agent'];
const MAY_CLOSE_OTHERS = ['admin', 'livechat-manager'];
/** remove-closed-livechat-rooms (app/authorization/server/constant/permissions.ts). */
const MAY_REMOVE_CLOSED = ['admin', 'livechat-manager', 'livechat-monitor'];

/**
 * The agent's side of Omnichannel, as Rocket.Chat's REST API serves it to its clients (and to the sandbox's
 * console): the rooms, the queue, taking a chat, writing in it, forwarding it, closing it
 * (app/livechat/server/api/v1/rooms.ts, inquiry.ts, room.ts; app/api/server/v1/chat.ts), and an admin's removal of
 * closed chats (app/livechat/imports/server/rest/rooms.ts).
 */
export function omnichannelRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.get('/api/v1/livechat/rooms', requireRole(...MAY_CLOSE_OTHERS), (req, res) => {
		const open = req.query.open === undefined ? undefined : req.query.open === 'true';
		const rooms = [...workspace.rooms.values()]
			.filter((room) => open === undefined || !!room.open === open)
			.sort((a, b) => b.ts.getTime() - a.ts.getTime())
			.map(restRoom);
		ok(res, { rooms, count: rooms.length, offset: 0, total: rooms.length });
	});

	router.get(
		'/api/v1/livechat/inquiries.queuedForUser',
		requireRole(...LIVECHAT_STAFF),
		handle((req, res) => {
			const inquiries = workspace
				.queuedInquiriesFor(caller(req)._id, text(req.query.department))
				.map((inquiry) => restInquiry(inquiry, workspace.findRoom(inquiry.rid)));
			ok(res, { inquiries, count: inquiries.length, offset: 0, total: inquiries.length });
		}),
	);

	router.post(
		'/api/v1/livechat/inquiries.take',
		requireRole(...LIVECHAT_STAFF),
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const userId = text(body.userId) ?? caller(req)._id;
			if (userId !== caller(req)._id && !caller(req).roles.some((role) => MAY_CLOSE_OTHERS.includes(role))) {
				throw new WorkspaceError('error-not-allowed', 'Not allowed');
			}
			const room = workspace.takeInquiry(text(body.inquiryId) ?? '', userId);
			ok(res, { inquiry: { rid: room._id, servedBy: room.servedBy } });
		}),
	);

	router.post(
		'/api/v1/chat.sendMessage',
		requireUser,
		handle((req, res) => {
			const message = ((req.body as Record<string, unknown>).message ?? {}) as Record<string, unknown>;
			// api/server/v1/chat.ts refuses system messages before executeSendMessage.
			if (message.t !== undefined) {
				throw new WorkspaceError('error-invalid-message', "Cannot send system messages using 'chat.sendMessage'");
			}
			const sent = workspace.sendAgentMessage(
				caller(req)._id,
				text(message.rid) ?? '',
				typeof message.msg === 'string' ? message.msg : '',
			);
			ok(res, { message: restMessage(sent) });
		}),
	);

	router.post(
		'/api/v1/livechat/room.closeByUser',
		requireRole(...LIVECHAT_STAFF),
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const room = workspace.findRoom(text(body.rid));
			if (!room) {
				throw new WorkspaceError('error-invalid-room', 'Invalid room');
			}
			const user = caller(req);
			if (room.servedBy?._id !== user._id && !user.roles.some((role) => MAY_CLOSE_OTHERS.includes(role))) {
				throw new WorkspaceError('error-not-allowed', 'Not allowed');
			}
			workspace.closeRoom(room._id, text(body.comment) ?? '', { user });
			ok(res);
		}),
	);

	// livechat/room.forward (app/livechat/server/api/v1/room.ts): view-l-room and transfer-livechat-guest, which
	// Rocket.Chat gives admins, managers and agents; to a department, or to an agent when only userId is given.
	router.post(
		'/api/v1/livechat/room.forward',
		requireRole(...LIVECHAT_STAFF),
		handle((req, res) => {
			const body = req.body as Record<string, unknown>;
			const room = workspace.findRoom(text(body.roomId));
			if (!room) {
				throw new WorkspaceError('error-invalid-room', 'Invalid room');
			}
			if (!room.open) {
				throw new WorkspaceError('This_conversation_is_already_closed');
			}
			const user = caller(req);
			const by = { _id: user._id, username: user.username, name: user.name, type: 'agent' };
			const departmentId = text(body.departmentId);
			const userId = text(body.userId);
			const comment = text(body.comment);
			const forwarded = departmentId
				? workspace.transferToDepartment(room._id, departmentId, by, { agentId: userId, comment })
				: userId && workspace.transferToAgent(room._id, true, userId, by, comment);
			if (!forwarded) {
				throw new WorkspaceError('error-forwarding-chat', 'The chat could not be forwarded');
			}
			ok(res);
		}),
	);

	router.post(
		'/api/v1/livechat/rooms.removeAllClosedRooms',
		requireRole(...MAY_REMOVE_CLOSED),
		handle((req, res) => {
			const body = (req.body ?? {}) as Record<string, unknown>;
			const departmentIds = Array.isArray(body.departmentIds)
				? body.departmentIds.filter((id): id is string => typeof id === 'string')
				: undefined;
			ok(res, { removedRooms: workspace.removeClosedRooms(departmentIds) });
		}),
	);

	return router;
}
