import { check, maybe, objectIncluding } from '../src/http/meteorCheck';
import { Workspace } from '../src/workspace/Workspace';
import { WorkspaceError } from '../src/workspace/WorkspaceError';

/** A workspace where chats are accepted with nobody to serve them, so that a visitor's chat opens at once. */
function workspaceWithChats() {
	const workspace = new Workspace();
	workspace.settings.Livechat_accept_chats_with_no_agents = true;
	return workspace;
}

const visibleField = (workspace: Workspace, field: string, more: Record<string, unknown> = {}) =>
	workspace.customFieldDefinitions.save(null, {
		field,
		label: field,
		scope: 'visitor',
		visibility: 'visible',
		regexp: '',
		searchable: true,
		...more,
	});

describe("a visitor's registration (registerGuest)", () => {
	it('finds the visitor by token, then by phone (who keeps their token), then by e-mail (whose token is replaced)', () => {
		const workspace = workspaceWithChats();
		const byPhone = workspace.registerVisitor({ token: 'first', phone: '5511' });
		const again = workspace.registerVisitor({ token: 'second', phone: '5511', name: 'Ana' });
		expect(again._id).toBe(byPhone._id);
		expect(again.token).toBe('first');
		expect(workspace.findVisitorByToken('second')).toBeUndefined();

		const byEmail = workspace.registerVisitor({ token: 'third', email: ' Bob@Example.com ' });
		expect(byEmail.email).toBe('bob@example.com');
		const renewed = workspace.registerVisitor({ token: 'fourth', email: 'BOB@example.com' });
		expect(renewed._id).toBe(byEmail._id);
		expect(renewed.token).toBe('fourth');
		expect(workspace.findVisitorByToken('third')).toBeUndefined();
		expect(workspace.visitors.size).toBe(2);
	});

	it('refuses an unknown department with a plain error-invalid-department', () => {
		const workspace = workspaceWithChats();
		expect(() => workspace.registerVisitor({ token: 't', department: 'Nowhere' })).toThrow(
			new Error('error-invalid-department'),
		);
	});

	it('gives the open chat the name the visitor registers with', () => {
		const workspace = workspaceWithChats();
		workspace.registerVisitor({ token: 't', name: 'First' });
		const { room } = workspace.openRoom('t');
		workspace.registerVisitor({ token: 't', name: 'Second' });
		expect(workspace.findRoom(room._id)?.fname).toBe('Second');
	});
});

describe("a registration's custom fields", () => {
	it('keeps only fields a visible visitor-scope definition declares', () => {
		const workspace = workspaceWithChats();
		visibleField(workspace, 'plan');
		visibleField(workspace, 'secret', { visibility: 'hidden' });
		visibleField(workspace, 'roomOnly', { scope: 'room' });
		const visitor = workspace.registerVisitor({ token: 't' }, [
			{ key: 'plan', value: 'gold', overwrite: true },
			{ key: 'secret', value: 'x', overwrite: true },
			{ key: 'roomOnly', value: 'x', overwrite: true },
			{ key: 'unknown', value: 'x', overwrite: true },
		]);
		expect(visitor.livechatData).toEqual({ plan: 'gold' });
	});

	it('writes over a value only with overwrite, and asks for every required field when any is sent', () => {
		const workspace = workspaceWithChats();
		visibleField(workspace, 'plan');
		workspace.registerVisitor({ token: 't' }, [{ key: 'plan', value: 'gold', overwrite: true }]);
		expect(
			workspace.registerVisitor({ token: 't' }, [{ key: 'plan', value: 'silver', overwrite: false }]).livechatData,
		).toEqual({ plan: 'gold' });
		expect(
			workspace.registerVisitor({ token: 't' }, [{ key: 'plan', value: 'silver', overwrite: true }]).livechatData,
		).toEqual({ plan: 'silver' });

		visibleField(workspace, 'orderId', { required: true });
		expect(() => workspace.registerVisitor({ token: 't' }, [{ key: 'plan', value: 'x', overwrite: true }])).toThrow(
			new Error('Missing required custom fields: orderId'),
		);
		expect(workspace.registerVisitor({ token: 'u' }).livechatData).toBeUndefined();
	});
});

describe("a visitor's removal (DELETE livechat/visitor/:token)", () => {
	it('keeps a visitor with an open chat unless the GDPR setting is on, then deletes every chat of theirs', () => {
		const workspace = workspaceWithChats();
		workspace.registerVisitor({ token: 't', name: 'V' });
		const { room } = workspace.openRoom('t');
		workspace.sendVisitorMessage('t', room._id, 'hello');
		const refused = (() => {
			try {
				workspace.removeVisitor('t');
			} catch (error) {
				return error;
			}
			return undefined;
		})();
		expect(refused).toEqual(new WorkspaceError('visitor-has-open-rooms', 'Cannot remove visitors with opened rooms'));

		expect(workspace.setSetting('Livechat_Allow_collect_and_store_HTTP_header_informations', true)).toBe(true);
		workspace.removeVisitor('t');
		expect(workspace.findVisitorByToken('t')).toBeUndefined();
		expect(workspace.findRoom(room._id)).toBeUndefined();
		expect(workspace.history(room._id)).toEqual([]);
		expect(() => workspace.removeVisitor('t')).toThrow('[invalid-token]');
	});
});

describe("the visitor's other rules", () => {
	it('refuses a message over the character limit while the limit is on', () => {
		const workspace = workspaceWithChats();
		workspace.registerVisitor({ token: 't' });
		const { room } = workspace.openRoom('t');
		workspace.setSetting('Livechat_enable_message_character_limit', true);
		workspace.setSetting('Livechat_message_character_limit', 3);
		expect(() => workspace.sendVisitorMessage('t', room._id, 'four')).toThrow(
			new Error('message-length-exceeds-character-limit'),
		);
		expect(workspace.sendVisitorMessage('t', room._id, 'two').msg).toBe('two');
	});

	it('saves a page change of the watched kind as a hidden navigation message by rocket.cat', () => {
		const workspace = workspaceWithChats();
		const page = { title: 'Pricing', change: 'url', location: { href: 'https://example.com/pricing' } };
		const saved = workspace.savePageVisit('t', undefined, page);
		expect(saved).toMatchObject({
			t: 'livechat_navigation_history',
			msg: 'Pricing - https://example.com/pricing',
			u: { username: 'rocket.cat' },
			navigation: { page, token: 't' },
			_hidden: true,
		});
		expect(saved?.expireAt).toBeGreaterThan(Date.now());
		expect(workspace.savePageVisit('t', 'rid', { ...page, change: 'title' })).toBeUndefined();
	});
});

describe("Meteor's check, as the visitor's routes use it", () => {
	const pattern = {
		object: {
			visitor: objectIncluding({
				token: 'string' as const,
				customFields: maybe({ arrayOf: objectIncluding({ key: 'string', overwrite: 'boolean' }) }),
			}),
		},
	};

	it("answers with Meteor's messages", () => {
		expect(() => check({}, pattern)).toThrow("Match error: Missing key 'visitor'");
		expect(() => check({ visitor: {} }, pattern)).toThrow("Match error: Missing key 'token' in field visitor");
		expect(() => check({ visitor: { token: 1 } }, pattern)).toThrow(
			'Match error: Expected string, got number in field visitor.token',
		);
		expect(() => check({ visitor: { token: 't', customFields: [{ key: 'k' }] } }, pattern)).toThrow(
			"Match error: Missing key 'overwrite' in field visitor.customFields[0]",
		);
		expect(() => check({ visitor: { token: 't' }, other: 1 }, pattern)).toThrow(
			'Match error: Unknown key in field other',
		);
		expect(() => check({ visitor: { token: 't', extra: true, customFields: null } }, pattern)).not.toThrow();
	});
});
