import { WorkspaceError } from './WorkspaceError';
import type { WorkspaceStore } from './WorkspaceStore';
import type { CustomFieldDefinition, CustomFieldDefinitions } from './customFieldDefinitions';
import { newId } from './ids';
import type { RoomRecord, RoomSource, VisitorRecord } from './types';
import { visitorSetting } from './visitorSettings';

/** What a visitor's registration gives (livechat/visitor's `visitor`, registerGuest's input). */
export type VisitorRegistration = {
	token: string;
	name?: string;
	department?: string;
	email?: string;
	phone?: string;
	username?: string;
};

/** A custom field a registration sends: its value, and whether it replaces a value the visitor already has. */
export type CustomFieldValue = { key: string; value: string; overwrite: boolean };

/**
 * registerGuest (app/livechat/server/lib/guests.ts, 7.x): the visitor with this token, else the one with this phone
 * number (who keeps their own token: the new one is not stored), else the one with this e-mail address, case aside
 * (whose token becomes the new one), else a new visitor; then name, e-mail (trimmed, lower case), phone and
 * department are set from what was given. An unknown department is `error-invalid-department` (a plain error).
 */
export function registerGuest(store: WorkspaceStore, input: VisitorRegistration): VisitorRecord {
	if (!input.token) {
		throw new Error('error-invalid-token');
	}
	const byToken = store.findVisitorByToken(input.token);
	let department: string | undefined;
	if (input.department && byToken?.department !== input.department) {
		department = store.findDepartment(input.department)?._id;
		if (!department) {
			throw new Error('error-invalid-department');
		}
	}
	const email = input.email?.trim().toLowerCase();
	const byPhone = !byToken && input.phone ? findByPhone(store, input.phone) : undefined;
	const byEmail = !byToken && !byPhone && email ? findByEmail(store, email) : undefined;
	const visitor: VisitorRecord = byToken ??
		byPhone ??
		byEmail ?? {
			_id: newId(),
			token: input.token,
			username: input.username || store.nextGuestUsername(),
			ts: new Date(),
		};
	if (!byPhone) {
		visitor.token = input.token;
	}
	visitor.name = input.name || visitor.name;
	visitor.email = email || visitor.email;
	visitor.phone = input.phone || visitor.phone;
	visitor.department = department ?? visitor.department;
	store.visitors.set(visitor._id, visitor);
	return visitor;
}

function findByPhone(store: WorkspaceStore, phone: string): VisitorRecord | undefined {
	return [...store.visitors.values()].find((visitor) => visitor.phone === phone);
}

function findByEmail(store: WorkspaceStore, email: string): VisitorRecord | undefined {
	return [...store.visitors.values()].find((visitor) => visitor.email?.toLowerCase() === email);
}

/**
 * The visitor-scope custom field definitions registration reads (LivechatCustomField.findByScope('visitor', ..., false):
 * hidden ones left out). The one place registration reads definitions.
 */
function visitorScopeFields(definitions: CustomFieldDefinitions): CustomFieldDefinition[] {
	return definitions.visitorFields().filter((field) => field.visibility !== 'hidden');
}

/** A visitor's registration and removal: Rocket.Chat's livechat/visitor and livechat/visitor/:token. */
export class Visitors {
	constructor(
		private readonly store: WorkspaceStore,
		private readonly definitions: CustomFieldDefinitions,
	) {}

	/**
	 * livechat/visitor (app/livechat/server/api/v1/visitor.ts, 7.x): registerGuest, the name of the visitor's open
	 * chats updated, then the custom fields: only those a visible visitor-scope definition declares are kept, in
	 * `livechatData` (an `overwrite: false` one only when the visitor has no value yet), after a check that none of the
	 * required ones is missing (`Missing required custom fields: a, b`) when any field is sent.
	 */
	public register(input: VisitorRegistration, customFields: CustomFieldValue[] = []): VisitorRecord {
		const visitor = registerGuest(this.store, input);
		for (const room of this.store.rooms.values()) {
			if (room.open && room.v.token === visitor.token && visitor.name?.trim()) {
				room.fname = visitor.name;
			}
		}
		if (!customFields.length) {
			return visitor;
		}
		const keys = customFields.map((field) => field.key);
		const declared = visitorScopeFields(this.definitions);
		const missing = declared.filter((field) => field.required && !keys.includes(field._id)).map(({ _id }) => _id);
		if (missing.length) {
			throw new Error(`Missing required custom fields: ${missing.join(', ')}`);
		}
		for (const { key, value, overwrite } of customFields) {
			if (declared.some((field) => field._id === key) && (overwrite || !visitor.livechatData?.[key])) {
				visitor.livechatData = { ...visitor.livechatData, [key]: value };
			}
		}
		return visitor;
	}

	/**
	 * DELETE livechat/visitor/:token: `invalid-token` for an unknown visitor; a visitor with an open chat is kept
	 * (`visitor-has-open-rooms`) unless the GDPR setting (Livechat_Allow_collect_and_store_HTTP_header_informations)
	 * is on; then every chat of theirs is deleted with its messages and inquiry (none is closed), and the visitor is
	 * disabled (their token and data unset: the sandbox forgets them). Answers the removed visitor's id.
	 */
	public remove(token: string): string {
		const visitor = this.store.findVisitorByToken(token);
		if (!visitor) {
			throw new WorkspaceError('invalid-token');
		}
		const rooms = [...this.store.rooms.values()].filter((room) => room.v._id === visitor._id);
		const gdpr = visitorSetting(this.store, 'Livechat_Allow_collect_and_store_HTTP_header_informations');
		if (!gdpr && rooms.some((room) => room.open && room.v.token === token)) {
			throw new WorkspaceError('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms');
		}
		for (const room of rooms) {
			this.store.deleteRoom(room._id);
		}
		this.store.visitors.delete(visitor._id);
		return visitor._id;
	}
}

/**
 * The room a new chat of this visitor would be (prepareLivechatRoom, what QueueManager.requestRoom shows apps in
 * IPreLivechatRoomCreatePrevent before it stores anything): the visitor, their department, the source, open.
 */
export function roomAboutToOpen(store: WorkspaceStore, visitor: VisitorRecord, source: RoomSource): RoomRecord {
	return {
		_id: newId(),
		t: 'l',
		fname: visitor.name ?? visitor.username,
		open: true,
		v: { _id: visitor._id, token: visitor.token, username: visitor.username },
		departmentId: visitor.department && store.departments.has(visitor.department) ? visitor.department : undefined,
		ts: new Date(),
		msgs: 0,
		source,
	};
}
