import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { BOT, testConversation } from './support/testConversation';
import { AppPersistence, type StoredAssociation } from '../../sandbox/src/workspace/AppPersistence';
import { profileOf, ROCKETCHAT_VERSIONS } from '../../sandbox/src/workspace/versionProfile';
import { runRasaCommand } from '../../src/conversation/agents/rasaCommand';
import { ChatCounts, COUNTS_KEPT_MS } from '../../src/persistence/ChatCounts';

const APP = 'app-1';
const stored = (associations: RocketChatAssociationRecord[]): StoredAssociation[] =>
	associations.map((association) => ({ model: association.getModel(), id: association.getID() }));

/** Accessors over the sandbox's model of Rocket.Chat's persistence bridge, counting writes. */
function accessors(store: AppPersistence) {
	let writes = 0;
	const trip = () => new Promise((resolve) => setImmediate(resolve));
	const reader = {
		readByAssociations: async (associations: RocketChatAssociationRecord[]) => {
			await trip();
			return store.readByAssociations(APP, stored(associations));
		},
	} as unknown as IPersistenceRead;
	const writer = {
		updateByAssociations: async (associations: RocketChatAssociationRecord[], data: object, upsert: boolean) => {
			writes++;
			await trip();
			return store.updateByAssociations(APP, stored(associations), data, upsert);
		},
		removeByAssociations: async (associations: RocketChatAssociationRecord[]) => {
			await trip();
			return store.removeByAssociations(APP, stored(associations));
		},
	} as unknown as IPersistence;
	return { reader, writer, writes: () => writes };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe.each(ROCKETCHAT_VERSIONS)('counts shared by instances, as Rocket.Chat %s stores them', (version) => {
	it('adds up what every instance counted, its own from memory, without losing a count to a race', async () => {
		const store = new AppPersistence(() => profileOf(version));
		const a = accessors(store);
		const b = accessors(store);
		const first = new ChatCounts('a');
		const second = new ChatCounts('b');

		const onA = first.counterFor(a.writer);
		const onB = second.counterFor(b.writer);
		for (let i = 0; i < 50; i++) {
			onA.count('served');
			onB.count(i % 2 ? 'served' : 'handedOver');
		}
		onB.count('rasaFailures');
		await settle();

		// Each instance wrote once (its first count), and reads its own counts from memory.
		expect(a.writes()).toBe(1);
		expect(await first.since(a.reader, Date.now() - 3600000)).toMatchObject({ served: 50, handedOver: 1 });
		expect(await second.since(b.reader, Date.now() - 3600000)).toMatchObject({ served: 26, handedOver: 25 });

		// A job's run on each instance writes the rest.
		await Promise.all([first.flush(a.writer), second.flush(b.writer)]);
		const expected = { served: 75, handedOver: 25, closedByBot: 0, idleClosed: 0, rasaFailures: 1 };
		expect(await first.since(a.reader, Date.now() - 3600000)).toEqual(expected);
		expect(await second.since(b.reader, Date.now() - 3600000)).toEqual(expected);
		// One record per instance and hour.
		expect(store.readByAssociations(APP, [{ model: 'misc', id: 'rasa-chat-counts' }])).toHaveLength(2);
	});
});

describe('counts over time', () => {
	it('writes a count that waited for its time when that time is up, with no other count or job (a timer)', async () => {
		const store = new AppPersistence(() => profileOf('latest'));
		const { reader, writer, writes } = accessors(store);
		const counts = new ChatCounts('timed', () => Date.now(), 100);
		const other = new ChatCounts('other');
		const counter = counts.counterFor(writer);

		counter.count('served');
		counter.count('served');
		await settle();
		expect(writes()).toBe(1);
		expect((await other.since(reader, Date.now() - 3600000)).served).toBe(1);

		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(writes()).toBe(2);
		expect((await other.since(reader, Date.now() - 3600000)).served).toBe(2);
	});

	it('reads only the hours asked for, and housekeeping removes what is older than kept', async () => {
		const store = new AppPersistence(() => profileOf('latest'));
		const { reader, writer } = accessors(store);
		let now = Date.UTC(2026, 0, 10, 12, 30);
		const old = new ChatCounts('old', () => now - COUNTS_KEPT_MS - 2 * 3600000);
		old.counterFor(writer).count('idleClosed');
		const counts = new ChatCounts('now', () => now);
		counts.counterFor(writer).count('closedByBot');
		await settle();

		expect((await counts.since(reader, now - 3600000)).idleClosed).toBe(0);
		expect((await counts.since(reader, now - COUNTS_KEPT_MS - 3 * 3600000)).idleClosed).toBe(1);
		expect(await counts.forgetOld(reader, writer)).toBe(1);
		now += 1;
		expect((await counts.since(reader, 0)).idleClosed).toBe(0);
		expect((await counts.since(reader, 0)).closedByBot).toBe(1);
	});
});

describe('/rasa', () => {
	const agent = { id: 'alice-id', username: 'alice', roles: ['livechat-agent'] };
	const manager = { id: 'm1', username: 'mia', roles: ['livechat-manager'] };

	it('answers status to livechat-managers: each Rasa and the counts', async () => {
		const test = testConversation();
		test.conversation.counter.count('served');

		const answer = await runRasaCommand(test.conversation, { caller: manager, args: ['status', '48'] });

		expect(answer).toContain(`*${BOT.username}* → http://localhost:5005: :green_circle: Rasa 3.6.20`);
		expect(answer).toContain('Last 48 h (all instances): chats given to the bot: 1 · handed over to humans: 0');
	});

	it.each([
		[
			'an agent asking for the status',
			agent,
			['status'],
			"Only admins and livechat-managers may see the bot's status.",
		],
		['hours that are not hours', manager, ['status', '1e9'], '"1e9" is not a number of hours'],
		['an unknown subcommand', agent, ['Status!'], 'There is no "/rasa Status!"'],
		['back outside a livechat room', agent, ['back'], 'Use "/rasa back" in the livechat room'],
	])('explains %s', async (_case, caller, args, text) => {
		const test = testConversation();

		expect(await runRasaCommand(test.conversation, { caller, args })).toContain(text);
		expect(test.omnichannel.transfers).toEqual([]);
	});

	it('sends the chat back for "/rasa back" in its room, case aside', async () => {
		const test = testConversation();
		test.omnichannel
			.addRoom({ id: 'human', servedByUsername: 'alice', servedById: 'alice-id' })
			.addAgent({ id: BOT.id, username: BOT.username });

		const answer = await runRasaCommand(test.conversation, { caller: agent, roomId: 'human', args: ['BACK'] });

		expect(answer).toBe('The chat goes back to the bot, with what was said here meanwhile.');
		expect(test.omnichannel.transfers).toEqual([{ roomId: 'human', agentId: BOT.id }]);
	});
});
