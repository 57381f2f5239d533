import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireRole, requireUser } from './authentication';
import { RestFailure, checkPermissions, queryParams, rcHandle, validateParams } from './rcRoute';
import { handle, ok, text } from './restAnswers';
import { restInquiry, restInquiryRecord, restMessage } from './restShapes';
import { PlainError } from '../workspace/plainError';

const LIVECHAT_STAFF = ['admin', 'livechat-manager', 'livechat-agent'];
/** remove-closed-livechat-rooms (app/authorization/server/constant/permissions.ts). */
const MAY_REMOVE_CLOSED = ['admin', 'livechat-manager', 'livechat-monitor'];

/** isPOSTLivechatInquiriesTakeParams. */
const TAKE = {
	type: 'object',
	properties: { inquiryId: { type: 'string' }, userId: { type: 'string', nullable: true } },
	required: ['inquiryId'],
	additionalProperties: false,
};

/** isGETLivechatInquiriesGetOneParams. */
const GET_ONE = {
	type: 'object',
	properties: { roomId: { type: 'string' } },
	required: ['roomId'],
	additionalProperties: false,
};

/** isPOSTLivechatRoomCloseByUserParams. */
const CLOSE_BY_USER = {
	type: 'object',
	properties: {
		rid: { type: 'string' },
		comment: { type: 'string', nullable: true },
		tags: { type: 'array', items: { type: 'string' }, nullable: true },
		generateTranscriptPdf: { type: 'boolean', nullable: true },
		transcriptEmail: {
			type: 'object',
			properties: {
				sendToVisitor: { type: 'boolean' },
				requestData: {
					type: 'object',
					properties: { email: { type: 'string' }, subject: { type: 'string' } },
					required: ['email', 'subject'],
					additionalProperties: false,
				},
			},
			required: ['sendToVisitor'],
			additionalProperties: false,
		},
		forceClose: { type: 'boolean' },
	},
	required: ['rid'],
	additionalProperties: false,
};

/** isLiveChatRoomForwardProps. */
const FORWARD = {
	type: 'object',
	properties: {
		roomId: { type: 'string' },
		userId: { type: 'string', nullable: true },
		departmentId: { type: 'string', nullable: true },
		comment: { type: 'string', nullable: true },
		clientAction: { type: 'boolean', nullable: true },
	},
	required: ['roomId'],
	additionalProperties: false,
};

/**
 * The agent's side of Omnichannel, as Rocket.Chat's REST API serves it to its clients (and to the sandbox's
 * console): the queue, an inquiry, taking a chat, writing in it, forwarding it, closing it
 * (app/livechat/imports/server/rest/inquiries.ts, app/livechat/server/api/v1/room.ts, app/api/server/v1/chat.ts), and
 * an admin's removal of closed chats (app/livechat/imports/server/rest/rooms.ts). The chats' list is in
 * roomListRoutes.ts.
 */
export function omnichannelRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

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

	// livechat/inquiries.getOne (view-l-room): the room's inquiry, or null.
	router.get(
		'/api/v1/livechat/inquiries.getOne',
		requireUser,
		rcHandle((req, res) => {
			const { roomId } = validateParams<{ roomId: string }>(GET_ONE, queryParams(req));
			checkPermissions(caller(req), ['view-l-room']);
			const inquiry = workspace.inquiryOfRoom(roomId);
			ok(res, { inquiry: inquiry ? restInquiryRecord(inquiry, workspace.findRoom(inquiry.rid)) : null });
		}),
	);

	// livechat/inquiries.take (view-l-room): 'The user is invalid' for an unknown userId, then livechat:takeInquiry as
	// that user (who must hold view-l-room and be an online, available agent).
	router.post(
		'/api/v1/livechat/inquiries.take',
		requireUser,
		rcHandle((req, res) => {
			const body = validateParams<{ inquiryId: string; userId?: string }>(TAKE, req.body ?? {});
			checkPermissions(caller(req), ['view-l-room']);
			if (body.userId && !workspace.findUser(body.userId)) {
				throw new RestFailure('The user is invalid');
			}
			const room = workspace.takeInquiry(body.inquiryId, body.userId || caller(req)._id);
			ok(res, { inquiry: { rid: room._id, servedBy: room.servedBy } });
		}),
	);

	// chat.sendMessage: no system messages; then executeSendMessage's checks in its order (size, then the room id).
	router.post(
		'/api/v1/chat.sendMessage',
		requireUser,
		rcHandle((req, res) => {
			const message = ((req.body as Record<string, unknown> | undefined)?.message ?? {}) as Record<string, unknown>;
			if (message.t !== undefined) {
				throw new Error("Cannot send system messages using 'chat.sendMessage'");
			}
			const msg = typeof message.msg === 'string' ? message.msg : '';
			workspace.checkMessageSize(msg);
			const rid = text(message.rid);
			if (!rid) {
				throw new Error("The 'rid' property on the message object is missing.");
			}
			ok(res, { message: restMessage(workspace.sendAgentMessage(caller(req)._id, rid, msg)) });
		}),
	);

	// livechat/room.closeByUser (close-livechat-room): closeLivechatRoom, with a forced close only while
	// Omnichannel_allow_force_close_conversations is on.
	router.post(
		'/api/v1/livechat/room.closeByUser',
		requireUser,
		rcHandle(async (req, res) => {
			const body = validateParams<{ rid: string; comment?: string; forceClose?: boolean }>(
				CLOSE_BY_USER,
				req.body ?? {},
			);
			checkPermissions(caller(req), ['close-livechat-room']);
			const forceClose = workspace.settings.Omnichannel_allow_force_close_conversations && body.forceClose === true;
			await workspace.closeRoomByUser(caller(req), body.rid, { comment: body.comment ?? undefined, forceClose });
			ok(res);
		}),
	);

	// livechat/room.forward (view-l-room and transfer-livechat-guest): to a department, or to an agent when only userId
	// is given; the caller recorded as the transferrer ('agent' when serving the chat, else 'user') with their comment.
	router.post(
		'/api/v1/livechat/room.forward',
		requireUser,
		rcHandle((req, res) => {
			const body = validateParams<{ roomId: string; userId?: string; departmentId?: string; comment?: string }>(
				FORWARD,
				req.body ?? {},
			);
			const user = caller(req);
			checkPermissions(user, ['view-l-room', 'transfer-livechat-guest']);
			const room = workspace.findRoom(body.roomId);
			if (!room) {
				throw new PlainError('error-invalid-room');
			}
			if (!room.open) {
				throw new PlainError('This_conversation_is_already_closed');
			}
			const type = room.servedBy?._id === user._id ? 'agent' : 'user';
			const by = { _id: user._id, username: user.username, name: user.name, type };
			const { departmentId, userId } = body;
			const comment = body.comment ?? undefined;
			const forwarded = departmentId
				? workspace.transferToDepartment(room._id, departmentId, by, { agentId: userId ?? undefined, comment })
				: !!userId && workspace.transferToAgent(room._id, true, userId, by, comment);
			if (!forwarded) {
				throw new PlainError('error-forwarding-chat');
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
