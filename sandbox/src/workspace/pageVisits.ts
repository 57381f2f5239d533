import type { WorkspaceStore } from './WorkspaceStore';
import { newId } from './ids';
import { visitorSetting } from './visitorSettings';

/** What the livechat widget reports of the page its visitor is on (livechat/page.visited's pageInfo). */
export type PageInfo = { title: string; change: string; location: { href: string } };

/** The navigation message Rocket.Chat saves for a page change (a system message, hidden from the chat). */
export type NavigationRecord = {
	_id: string;
	t: 'livechat_navigation_history';
	rid?: string;
	msg: string;
	ts: Date;
	u: { _id: string; username: string; name: string };
	groupable: false;
	navigation: { page: PageInfo; token: string };
	/** Without a room, kept for a month. */
	expireAt?: number;
	_hidden: true;
};

/** The user Rocket.Chat saves navigation messages as. */
const ROCKET_CAT = { _id: 'rocket.cat', username: 'rocket.cat', name: 'Rocket.Cat' };

const A_MONTH_MS = 2592000000;

/**
 * savePageHistory (app/livechat/server/lib/tracking.ts, 7.x): a page change of the kind the workspace watches
 * (Livechat_history_monitor_type, the URL by default) is saved as a `livechat_navigation_history` message by
 * rocket.cat, "<title> - <href>", with the page and the token, in the room named (none: it expires after a month);
 * hidden, as Livechat_Visitor_navigation_as_a_message is off by default (not modelled: the sandbox never shows them).
 * Nothing checks the token or the room. Other changes save nothing.
 */
export class PageVisits {
	private readonly records: NavigationRecord[] = [];

	constructor(private readonly store: WorkspaceStore) {}

	public save(token: string, rid: string | undefined, page: PageInfo): NavigationRecord | undefined {
		if (page.change !== visitorSetting(this.store, 'Livechat_history_monitor_type')) {
			return undefined;
		}
		const record: NavigationRecord = {
			_id: newId(),
			t: 'livechat_navigation_history',
			...(rid ? { rid } : {}),
			msg: `${page.title} - ${page.location.href}`,
			ts: new Date(),
			u: { ...ROCKET_CAT },
			groupable: false,
			navigation: { page, token },
			...(rid ? {} : { expireAt: Date.now() + A_MONTH_MS }),
			_hidden: true,
		};
		this.records.push(record);
		return record;
	}

	/** A visitor's page changes, oldest first. */
	public of(token: string): NavigationRecord[] {
		return this.records.filter((record) => record.navigation.token === token);
	}
}
