import type {
	DepartmentRecord,
	InquiryRecord,
	MessageRecord,
	RoomRecord,
	UserRecord,
	VisitorRecord,
} from '../workspace/types';

/** The workspace's records in the shapes Rocket.Chat's REST API answers with: the one place that builds them. */

const iso = (date: Date | undefined) => date?.toISOString();

export const restUser = (record: UserRecord) => ({
	_id: record._id,
	username: record.username,
	name: record.name,
	roles: [...record.roles],
	status: record.status,
	...(record.statusLivechat ? { statusLivechat: record.statusLivechat } : {}),
	type: record.type,
	active: record.active,
	emails: record.emails,
});

export const restDepartment = (record: DepartmentRecord) => ({
	...record.extra,
	_id: record._id,
	name: record.name,
	enabled: record.enabled,
	showOnRegistration: record.showOnRegistration,
	showOnOfflineForm: record.showOnOfflineForm,
	...(record.email ? { email: record.email } : {}),
	numAgents: record.agentIds.length,
	_updatedAt: iso(record._updatedAt),
});

export const restVisitor = (record: VisitorRecord) => ({
	_id: record._id,
	token: record.token,
	username: record.username,
	...(record.name ? { name: record.name } : {}),
	...(record.department ? { department: record.department } : {}),
	...(record.email ? { visitorEmails: [{ address: record.email }] } : {}),
	...(record.phone ? { phone: [{ phoneNumber: record.phone }] } : {}),
	...(record.livechatData ? { livechatData: { ...record.livechatData } } : {}),
	status: 'online',
	ts: iso(record.ts),
});

/** A livechat room as rooms.info and livechat/room answer it (Rocket.Chat's database shape). */
export const restRoom = (record: RoomRecord) => ({
	_id: record._id,
	t: record.t,
	fname: record.fname,
	...(record.open ? { open: true } : {}),
	v: { ...record.v },
	...(record.servedBy ? { servedBy: { _id: record.servedBy._id, username: record.servedBy.username } } : {}),
	...(record.departmentId ? { departmentId: record.departmentId } : {}),
	...(record.closedAt ? { closedAt: iso(record.closedAt) } : {}),
	...(record.closer ? { closer: record.closer } : {}),
	...(record.closedBy ? { closedBy: { ...record.closedBy } } : {}),
	...(record.lastMessage ? { lastMessage: restMessage(record.lastMessage) } : {}),
	source: { ...record.source },
	ts: iso(record.ts),
	msgs: record.msgs,
});

export const restMessage = (record: MessageRecord): Record<string, unknown> => ({
	_id: record._id,
	rid: record.rid,
	msg: record.msg,
	ts: iso(record.ts),
	u: { ...record.u },
	...(record.t ? { t: record.t } : {}),
	...(record.groupable !== undefined ? { groupable: record.groupable } : {}),
	...(record.token ? { token: record.token } : {}),
	...(record.attachments ? { attachments: record.attachments } : {}),
	...(record.blocks ? { blocks: record.blocks } : {}),
	...(record.customFields ? { customFields: record.customFields } : {}),
	...(record.editedAt ? { editedAt: iso(record.editedAt) } : {}),
	...(record.editedBy ? { editedBy: { ...record.editedBy } } : {}),
	...(record.transferData ? { transferData: record.transferData } : {}),
	...(record.alias ? { alias: record.alias } : {}),
	...(record.file ? { file: { ...record.file } } : {}),
	...(record.files ? { files: record.files.map((file) => ({ ...file })) } : {}),
	_updatedAt: iso(record._updatedAt),
});

export const restInquiry = (record: InquiryRecord, room: RoomRecord | undefined) => ({
	_id: record._id,
	rid: record.rid,
	status: record.status,
	...(record.department ? { department: record.department } : {}),
	ts: iso(record.ts),
	...(room ? { name: room.fname, v: { ...room.v } } : {}),
});

/**
 * A whole inquiry as LivechatInquiry keeps it (createLivechatInquiry, lib/Helper.ts): named after the chat, with the
 * visitor, the chat's source, no priority (LivechatPriorityWeight.NOT_SPECIFIED) and the default SLA's estimated
 * waiting time; the last message while a queue shows it.
 */
export const restInquiryRecord = (record: InquiryRecord, room: RoomRecord | undefined) => ({
	_id: record._id,
	rid: record.rid,
	...(room ? { name: room.fname } : {}),
	ts: iso(record.ts),
	message: '',
	status: record.status,
	...(record.department ? { department: record.department } : {}),
	...(room ? { v: { ...room.v, status: 'online' }, source: { ...room.source } } : {}),
	t: 'l',
	priorityWeight: 99999,
	estimatedWaitingTimeQueue: 9999999,
	...(record.lastMessage ? { lastMessage: restMessage(record.lastMessage) } : {}),
	_updatedAt: iso(record._updatedAt ?? record.ts),
});
