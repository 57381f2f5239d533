import { metadataFor } from '../../src/conversation/turns/visitorContext';
import type { Session } from '../../src/omnichannel/IOmnichannel';

const session: Session = {
	id: 'room1',
	isLivechat: true,
	isOpen: true,
	servedByUsername: 'rasabot',
	departmentId: 'dep1',
	visitorToken: 'SECRET-TOKEN',
	visitorName: 'Ana',
	context: {
		departmentName: 'Support',
		visitorUsername: 'guest-7',
		visitorEmail: 'ana@example.com',
		visitorPhone: '+351 910 000 000',
		customFields: { plan: 'gold' },
		source: 'widget',
	},
};

describe('the visitor context Rasa gets with each message', () => {
	it('basic: the room, department, name and username, source and agent', () => {
		expect(metadataFor(session, 'basic')).toEqual({
			roomId: 'room1',
			department: { id: 'dep1', name: 'Support' },
			visitor: { name: 'Ana', username: 'guest-7' },
			source: 'widget',
			agent: { username: 'rasabot' },
		});
	});

	it('everything: also the email, phone and livechat custom fields', () => {
		expect(metadataFor(session, 'everything')).toMatchObject({
			visitor: {
				name: 'Ana',
				username: 'guest-7',
				email: 'ana@example.com',
				phone: '+351 910 000 000',
				customFields: { plan: 'gold' },
			},
		});
	});

	it('none: nothing, but an event keeps its own details', () => {
		expect(metadataFor(session, 'none')).toBeUndefined();
		expect(metadataFor(session, 'none', { type: 'closed', closedBy: 'agent' })).toEqual({
			event: { type: 'closed', closedBy: 'agent' },
		});
	});

	it("never carries the visitor's token, whatever the level", () => {
		for (const level of ['none', 'basic', 'everything'] as const) {
			expect(JSON.stringify(metadataFor(session, level, { type: 'takeover' }))).not.toContain('SECRET-TOKEN');
		}
	});
});
