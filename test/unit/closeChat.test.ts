import { fakeSettings, InMemoryOmnichannel } from './support/InMemoryOmnichannel';
import { closeChat } from '../../src/actions/closeChat';

const closer = { id: 'u1', username: 'rasabot' };

describe('closeChat', () => {
	it('closes an open livechat room with the configured comment and the caller as closer', async () => {
		const omnichannel = new InMemoryOmnichannel().addRoom({ id: 'room1', servedByUsername: 'rasabot' });
		const settings = fakeSettings({ closeChatMessage: 'Bye from Rasa' });

		const outcome = await closeChat(omnichannel, settings, { sessionId: 'room1', closer });

		expect(outcome).toEqual({ ok: true, done: 'chat-closed' });
		expect(omnichannel.closes).toEqual([{ roomId: 'room1', comment: 'Bye from Rasa', closer }]);
		expect(omnichannel.rooms.get('room1')!.isOpen).toBe(false);
	});

	it('answers session-not-found for an unknown room and changes nothing', async () => {
		const omnichannel = new InMemoryOmnichannel().addRoom({ id: 'room1' });
		const before = omnichannel.snapshot();

		const outcome = await closeChat(omnichannel, fakeSettings(), { sessionId: 'nope', closer });

		expect(outcome).toMatchObject({ ok: false, code: 'session-not-found' });
		expect(omnichannel.snapshot()).toBe(before);
	});

	it('treats a room that is not a livechat room as not found', async () => {
		const omnichannel = new InMemoryOmnichannel().addRoom({ id: 'general', isLivechat: false, isOpen: true });

		const outcome = await closeChat(omnichannel, fakeSettings(), { sessionId: 'general', closer });

		expect(outcome).toMatchObject({ ok: false, code: 'session-not-found' });
		expect(omnichannel.closes).toEqual([]);
	});

	it('answers room-closed for a closed room without reading the close comment', async () => {
		const omnichannel = new InMemoryOmnichannel().addRoom({ id: 'room1', isOpen: false });
		const settings = fakeSettings();

		const outcome = await closeChat(omnichannel, settings, { sessionId: 'room1', closer });

		expect(outcome).toMatchObject({ ok: false, code: 'room-closed' });
		expect(omnichannel.closes).toEqual([]);
		expect(settings.reads).toEqual([]);
	});

	it.each([
		['room-closed', 'room-closed'],
		['comment-required', 'close-failed'],
		['tags-required', 'close-failed'],
		['unknown', 'close-failed'],
	] as const)('maps a %s refusal from Rocket.Chat to %s', async (refusal, code) => {
		const omnichannel = new InMemoryOmnichannel().addRoom({ id: 'room1' });
		omnichannel.nextClose = { ok: false, refusal };

		const outcome = await closeChat(omnichannel, fakeSettings(), { sessionId: 'room1', closer });

		expect(outcome).toMatchObject({ ok: false, code });
	});
});
