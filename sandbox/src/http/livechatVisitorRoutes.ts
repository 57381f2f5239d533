import { Router, type Request } from 'express';

import type { SandboxServices } from './SandboxServices';
import { agentInfo } from './livechatWidgetRoutes';
import { check, maybe, objectIncluding } from './meteorCheck';
import { handle, ok } from './restAnswers';
import { restMessage, restRoom, restVisitor } from './restShapes';
import { messageParams, messagesHistoryParams, pageVisitedParams, roomCloseParams, validParams } from './visitorParams';
import type { Workspace } from '../workspace/Workspace';
import { WorkspaceError } from '../workspace/WorkspaceError';
import type { PageInfo } from '../workspace/pageVisits';
import type { RoomRecord, RoomSource } from '../workspace/types';
import type { CustomFieldValue } from '../workspace/visitors';

/** How many messages a history read answers when the widget names no limit (loadMessageHistory). */
const DEFAULT_HISTORY_LIMIT = 20;

/**
 * The livechat visitor's REST routes, known by their token alone, as Rocket.Chat serves them
 * (app/livechat/server/api/v1/visitor.ts, pageVisited.ts, room.ts, message.ts, agent.ts): its parameter checks, its
 * rules (src/workspace), and its error strings: visitor.ts throws Meteor errors (`[invalid-token]`), room.ts and
 * message.ts plain ones (`invalid-token`).
 */
export function livechatVisitorRoutes({ workspace, events }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.post(
		'/api/v1/livechat/visitor',
		handle((req, res) => {
			const body = (req.body ?? {}) as { visitor: Record<string, string | undefined> };
			check(body, {
				object: {
					visitor: objectIncluding({
						token: 'string',
						name: maybe('string'),
						email: maybe('string'),
						department: maybe('string'),
						phone: maybe('string'),
						username: maybe('string'),
						customFields: maybe({
							arrayOf: objectIncluding({ key: 'string', value: 'string', overwrite: 'boolean' }),
						}),
					}),
				},
			});
			const { token = '', name, email, department, phone, username } = body.visitor;
			if (!token.trim()) {
				throw new WorkspaceError('error-invalid-token', 'Token cannot be empty');
			}
			const customFields = (body.visitor.customFields ?? []) as unknown as CustomFieldValue[];
			const visitor = workspace.registerVisitor({ token, name, email, department, phone, username }, customFields);
			ok(res, { visitor: restVisitor(visitor) });
		}),
	);

	router.get(
		'/api/v1/livechat/visitor/:token',
		handle((req, res) => {
			const visitor = workspace.findVisitorByToken(String(req.params.token));
			if (!visitor) {
				throw new WorkspaceError('invalid-token');
			}
			ok(res, { visitor: restVisitor(visitor) });
		}),
	);

	router.delete(
		'/api/v1/livechat/visitor/:token',
		handle((req, res) => {
			const _id = workspace.removeVisitor(String(req.params.token));
			ok(res, { visitor: { _id, ts: new Date().toISOString() } });
		}),
	);

	router.post(
		'/api/v1/livechat/visitor.status',
		handle((req, res) => {
			const body = (req.body ?? {}) as Record<string, unknown>;
			check(body, { object: { token: 'string', status: 'string' } });
			workspace.visitorAccess.guest(body.token);
			ok(res, { token: body.token, status: body.status });
		}),
	);

	router.post(
		'/api/v1/livechat/page.visited',
		handle((req, res) => {
			const { token, rid, pageInfo } = validParams<{ token: string; rid?: string; pageInfo: PageInfo }>(
				pageVisitedParams,
				{ ...req.body },
			);
			const saved = workspace.savePageVisit(token, rid ?? undefined, pageInfo);
			ok(res, saved ? { page: { msg: saved.msg, navigation: saved.navigation } } : {});
		}),
	);

	router.get(
		'/api/v1/livechat/room',
		handle(async (req, res) => {
			const query = { ...req.query } as Record<string, string | undefined>;
			// EE adds sla and priority (ee/.../hooks/onCheckRoomParamsApi.ts); the sandbox answers as a licensed workspace.
			check(query, {
				object: {
					token: 'string',
					rid: maybe('string'),
					agentId: maybe('string'),
					sla: maybe('string'),
					priority: maybe('string'),
				},
			});
			const token = query.token ?? '';
			const guest = workspace.findVisitorByToken(token);
			if (!guest) {
				throw new Error('invalid-token');
			}
			if (query.rid) {
				const room = workspace.rooms.get(query.rid);
				if (!room?.open || room.v.token !== token) {
					throw new Error('invalid-room');
				}
				ok(res, { room: restRoom(room), newRoom: false });
				return;
			}
			const open = openRoomByToken(workspace, token);
			if (open) {
				ok(res, { room: restRoom(open), newRoom: false });
				return;
			}
			const source = sourceOf(req);
			await events.beforeRoomCreated(workspace.roomAboutToOpen(guest, source));
			const { room, newRoom } = workspace.openRoom(token, source);
			ok(res, { room: restRoom(room), newRoom });
		}),
	);

	router.post(
		'/api/v1/livechat/room.close',
		handle((req, res) => {
			const { token, rid } = validParams<{ token: string; rid: string }>(roomCloseParams, { ...req.body });
			if (!workspace.visitorSettings.Omnichannel_allow_visitors_to_close_conversation) {
				throw new Error('error-not-allowed-to-close-conversation');
			}
			const room = plainErrors(() => workspace.visitorAccess.room(token, rid));
			if (!room.open) {
				throw new Error('room-closed');
			}
			const comment = 'Closed by visitor';
			workspace.closeRoom(room._id, comment, {});
			ok(res, { rid, comment });
		}),
	);

	router.post(
		'/api/v1/livechat/message',
		handle((req, res) => {
			const body = validParams<{ token: string; rid: string; msg: string; _id?: string }>(messageParams, {
				...req.body,
			});
			const message = plainErrors(() =>
				workspace.sendVisitorMessage(body.token, body.rid, body.msg, { _id: body._id ?? undefined }),
			);
			ok(res, { message: restMessage(message) });
		}),
	);

	router.get(
		'/api/v1/livechat/messages.history/:rid',
		handle((req, res) => {
			const query = validParams<{ token: string; offset?: number; limit?: number; ls?: string; end?: string }>(
				messagesHistoryParams,
				{ ...req.query },
			);
			const room = plainErrors(() => workspace.visitorAccess.room(query.token, req.params.rid));
			ok(res, { messages: historyOf(workspace, room, query).map(restMessage) });
		}),
	);

	router.get(
		'/api/v1/livechat/agent.info/:rid/:token',
		handle((req, res) => {
			const room = plainErrors(() => workspace.visitorAccess.room(req.params.token, req.params.rid));
			const agent = room.servedBy ? workspace.findUser(room.servedBy._id) : undefined;
			if (!agent) {
				throw new Error('invalid-agent');
			}
			ok(res, { agent: agentInfo(agent) });
		}),
	);

	return router;
}

/**
 * loadMessageHistory (app/lib/server/functions/loadMessageHistory.ts) as livechat/messages.history calls it: the
 * room's messages newest first (before `end` when given), `offset` skipped, `limit` of them (20 unless given); `ls`
 * only counts unread ones, which this route does not answer.
 */
function historyOf(workspace: Workspace, room: RoomRecord, query: { offset?: number; limit?: number; end?: string }) {
	const end = query.end ? new Date(query.end) : undefined;
	const offset = Math.max(0, Math.trunc(query.offset ?? 0) || 0);
	const limit = query.limit ? Math.abs(Math.trunc(query.limit)) : DEFAULT_HISTORY_LIMIT;
	return workspace
		.history(room._id)
		.filter((message) => !end || message.ts < end)
		.reverse()
		.slice(offset, offset + limit);
}

/** room.ts and message.ts throw plain errors where the shared visitor rule throws Meteor's: `invalid-token`. */
function plainErrors<T>(work: () => T): T {
	try {
		return work();
	} catch (error) {
		if (error instanceof WorkspaceError && ['invalid-token', 'invalid-room', 'room-closed'].includes(error.code)) {
			throw new Error(error.code);
		}
		throw error;
	}
}

/** LivechatRooms.findOneOpenByVisitorToken: the visitor's open chat, by token. */
function openRoomByToken(workspace: Workspace, token: string): RoomRecord | undefined {
	return [...workspace.rooms.values()].find((room) => room.open && room.v.token === token);
}

/**
 * A chat opened through the REST API comes from the widget when the request carries the cookies the widget sets at
 * start (rc_room_type=l and rc_is_widget=t; api/server/helpers/isWidget.ts), else from the API.
 */
function sourceOf(req: Request): RoomSource {
	const cookies = Object.fromEntries(
		(req.headers.cookie ?? '').split(';').map((pair) => {
			const [name, ...value] = pair.trim().split('=');
			return [name, value.join('=')];
		}),
	);
	return cookies.rc_room_type === 'l' && cookies.rc_is_widget === 't' ? { type: 'widget' } : { type: 'api' };
}
