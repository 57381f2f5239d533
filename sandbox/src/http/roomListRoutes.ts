import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireUser } from './authentication';
import {
	Forbidden,
	jsonQueryOf,
	page,
	paginationOf,
	project,
	queryParams,
	rcHandle,
	sortBy,
	validateParams,
} from './rcRoute';
import { ok } from './restAnswers';
import { restRoom } from './restShapes';
import { hasPermission } from '../workspace/permissions';
import type { RoomRecord } from '../workspace/types';

const STRING = { type: 'string', nullable: true };
const STRINGS = { type: 'array', items: { type: 'string' }, nullable: true };
const STRING_OR_BOOLEAN = { anyOf: [STRING, { type: 'boolean', nullable: true }] };

/** isGETLivechatRoomsParams (@rocket.chat/rest-typings). */
const ROOMS_QUERY = {
	type: 'object',
	properties: {
		count: { type: 'number', nullable: true },
		offset: { type: 'number', nullable: true },
		sort: STRING,
		query: STRING,
		fields: STRING,
		createdAt: STRING,
		customFields: STRING,
		closedAt: STRING,
		agents: STRINGS,
		roomName: STRING,
		departmentId: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
		open: STRING_OR_BOOLEAN,
		onhold: STRING_OR_BOOLEAN,
		queued: STRING_OR_BOOLEAN,
		tags: STRINGS,
		units: { type: 'array', items: { type: 'string' } },
	},
	additionalProperties: false,
};

type RoomsQuery = {
	createdAt?: string;
	closedAt?: string;
	customFields?: string;
	agents?: string[];
	roomName?: string;
	departmentId?: string | string[];
	open?: string | boolean;
	onhold?: string | boolean;
	queued?: string | boolean;
	tags?: string[];
};

type Range = { start?: string; end?: string };

/** validateDateParams: JSON with valid `start` and `end` dates. */
function dateRange(property: string, value: string | undefined): Range | undefined {
	const range = value ? (JSON.parse(value) as Range) : undefined;
	for (const bound of ['start', 'end'] as const) {
		if (range?.[bound] && Number.isNaN(Date.parse(range[bound]))) {
			throw new Error(`The "${property}.${bound}" query parameter must be a valid date.`);
		}
	}
	return range;
}

/** A Mongo range on a date field: a room without the field never matches, nor does an empty range. */
function inRange(date: Date | undefined, range: Range): boolean {
	if (!date || (!range.start && !range.end)) {
		return false;
	}
	return (!range.start || date >= new Date(range.start)) && (!range.end || date <= new Date(range.end));
}

const isTrue = (value: unknown) => ['t', 'true', '1'].includes(String(value as string | boolean | undefined));

/**
 * livechat/rooms (app/livechat/imports/server/rest/rooms.ts → findRooms → LivechatRooms.findRoomsWithCriteria): for a
 * holder of view-livechat-rooms, or an agent asking for their own rooms only (`agents` = themselves); filtered by
 * served agents, room name (a regular expression, or the exact name between quotes), departments, `open` (open and
 * served, or closed; never on hold), `queued` (open, unserved, not on hold, whatever `open` says), dates, tags and custom fields (rooms of the
 * sandbox have neither); newest first unless sorted; each room with its department's name.
 */
export function roomListRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	router.get(
		'/api/v1/livechat/rooms',
		requireUser,
		rcHandle((req, res) => {
			const params = validateParams<RoomsQuery & Record<string, unknown>>(ROOMS_QUERY, queryParams(req));
			const pagination = paginationOf(params);
			const { sort, fields } = jsonQueryOf(params);
			const createdAt = dateRange('createdAt', params.createdAt);
			const closedAt = dateRange('closedAt', params.closedAt);
			const user = caller(req);
			const { agents } = params;
			const ownRooms = hasPermission(user, 'view-l-room') && agents?.includes(user._id) && agents.length === 1;
			if (!hasPermission(user, 'view-livechat-rooms') && !ownRooms) {
				throw new Forbidden();
			}
			let customFields: Record<string, string> | undefined;
			if (params.customFields) {
				try {
					const parsed = JSON.parse(params.customFields) as unknown;
					if (typeof parsed !== 'object' || Array.isArray(parsed) || parsed === null) {
						throw new Error('Invalid custom fields');
					}
					customFields = parsed as Record<string, string>;
				} catch {
					throw new Error('The "customFields" query parameter must be a valid JSON.');
				}
			}
			const open =
				params.open === 'true' || params.open === 'false' || typeof params.open === 'boolean'
					? `${params.open}` === 'true'
					: undefined;
			const name = params.roomName;
			const exact = name?.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : undefined;
			const departments =
				params.departmentId === undefined || params.departmentId === 'undefined'
					? undefined
					: ([] as string[]).concat(params.departmentId);
			const matches = (room: RoomRecord) =>
				(!agents || agents.includes(room.servedBy?._id ?? '')) &&
				(!name ||
					(exact !== undefined ? room.fname === exact : room.fname.toLowerCase().includes(name.toLowerCase()))) &&
				(!departments || departments.includes(room.departmentId ?? '')) &&
				(open === undefined || (!!room.open === open && !room.onHold)) &&
				// `open` asks for served rooms, unless `queued` asks for unserved ones (the later condition wins).
				(isTrue(params.queued) || !open || !!room.servedBy) &&
				(!createdAt || inRange(room.ts, createdAt)) &&
				(!closedAt || inRange(room.closedAt, closedAt)) &&
				!params.tags &&
				(!customFields || Object.keys(customFields).length === 0) &&
				(!isTrue(params.onhold) || !!room.onHold) &&
				(!isTrue(params.queued) || (!!room.open && !room.servedBy && !room.onHold));
			const rooms = [...workspace.rooms.values()].filter(matches).map((room) => {
				const department = room.departmentId ? workspace.departments.get(room.departmentId) : undefined;
				return {
					...restRoom(room),
					...(department ? { department: { _id: department._id, name: department.name } } : {}),
				};
			});
			const listed = page(sortBy(rooms, sort ?? { ts: -1 }), pagination).map((room) => project(room, fields));
			ok(res, { rooms: listed, count: listed.length, offset: pagination.offset, total: rooms.length });
		}),
	);

	return router;
}
