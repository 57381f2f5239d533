import type { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

import { AppPersistence, type StoredAssociation } from '../../sandbox/src/workspace/AppPersistence';
import { profileOf, ROCKETCHAT_VERSIONS, type RocketChatVersion } from '../../sandbox/src/workspace/versionProfile';
import { AppsEngineRoomMemory } from '../../src/persistence/AppsEngineRoomMemory';
import { CommitTimes } from '../../src/persistence/CommitTimes';
import { KnownWelcomes } from '../../src/persistence/KnownWelcomes';

const APP = 'app-1';

const stored = (associations: RocketChatAssociationRecord[]): StoredAssociation[] =>
	associations.map((association) => ({ model: association.getModel(), id: association.getID() }));

/**
 * The accessors over the sandbox's model of Rocket.Chat's persistence bridge (AppPersistence, which answers as the
 * version given), each call a round trip. `throwAfterWrite` makes every write fail after it was stored, as a
 * bridge that throws on its answer would.
 */
function accessors(store: AppPersistence, options: { throwAfterWrite?: boolean } = {}) {
	const calls: string[] = [];
	const trip = async (name: string) => {
		calls.push(name);
		await new Promise((resolve) => setImmediate(resolve));
	};
	const reader = {
		readByAssociations: async (associations: RocketChatAssociationRecord[]) => {
			await trip('readByAssociations');
			return store.readByAssociations(APP, stored(associations));
		},
	} as unknown as IPersistenceRead;
	const writer = {
		createWithAssociations: async (data: object, associations: RocketChatAssociationRecord[]) => {
			await trip('createWithAssociations');
			const id = store.createAnswer(APP, data, stored(associations));
			if (options.throwAfterWrite) {
				throw new TypeError("Cannot read properties of null (reading 'toString')");
			}
			return id;
		},
		removeByAssociations: async (associations: RocketChatAssociationRecord[]) => {
			await trip('removeByAssociations');
			return store.removeByAssociations(APP, stored(associations));
		},
		updateByAssociations: async () => {
			await trip('updateByAssociations');
			throw new Error('the room memory must not depend on what an update answers');
		},
	} as unknown as IPersistence;
	return { reader, writer, calls };
}

/** Asks for a room's handover lease and waits until it holds it, as a handover that found someone around does. */
async function holdLease(memory: AppsEngineRoomMemory, roomId: string, waitMs: number) {
	const taken = memory.takeLease(roomId, 'handover');
	const { contended } = await taken.waitUntilHeld(waitMs);
	return { contended, confirm: async () => (await taken.check()).holds, release: () => taken.release() };
}

describe.each(ROCKETCHAT_VERSIONS)('room memory in app persistence, as Rocket.Chat %s answers', (version) => {
	const storeOf = (v: RocketChatVersion = version) => new AppPersistence(() => profileOf(v));

	it('claims a welcome once; a later claim, on this instance or another, waits for it until it is done', async () => {
		const store = storeOf();
		const first = accessors(store);
		const memory = new AppsEngineRoomMemory(first.reader, first.writer, new KnownWelcomes());
		const other = accessors(store);
		const otherInstance = new AppsEngineRoomMemory(other.reader, other.writer, new KnownWelcomes());

		expect(await memory.claimWelcome('r1')).toBe('ours');
		expect(await memory.claimWelcome('r1')).toBe('pending');
		expect(await otherInstance.claimWelcome('r1')).toBe('pending');
		expect(await memory.claimWelcome('r2')).toBe('ours');

		await memory.welcomeDone('r1');
		expect(await otherInstance.claimWelcome('r1')).toBe('done');
		// Known on both instances now: asked again, it costs no round trip.
		const before = [first.calls.length, other.calls.length];
		expect(await memory.claimWelcome('r1')).toBe('done');
		expect(await otherInstance.claimWelcome('r1')).toBe('done');
		expect([first.calls.length, other.calls.length]).toEqual(before);
	});

	it("lets a text wait for another instance's welcome until it is done, and no longer than asked", async () => {
		const store = storeOf();
		const [sender, waiter] = [accessors(store), accessors(store)].map(
			({ reader, writer }) => new AppsEngineRoomMemory(reader, writer, new KnownWelcomes()),
		);
		expect(await sender.claimWelcome('r1')).toBe('ours');

		const started = Date.now();
		expect(await waiter.awaitWelcome('r1', 100)).toBe(false);
		expect(Date.now() - started).toBeGreaterThanOrEqual(100);

		const waiting = waiter.awaitWelcome('r1', 5000);
		await new Promise((resolve) => setTimeout(resolve, 60));
		await sender.welcomeDone('r1');
		expect(await waiting).toBe(true);
		expect(await waiter.claimWelcome('r1')).toBe('done');
	});

	it('answers each of two quick-reply rounds in one room once, after a welcome', async () => {
		const store = storeOf();
		const { reader, writer } = accessors(store);
		const memory = new AppsEngineRoomMemory(reader, writer, new KnownWelcomes());
		await memory.claimWelcome('r1');

		const rounds = [
			await memory.claimQuickReply('r1', 'question-1'),
			await memory.claimQuickReply('r1', 'question-1'),
			await memory.claimQuickReply('r1', 'question-2'),
			await memory.claimQuickReply('r1', 'question-2'),
		];

		expect(rounds).toEqual([true, false, true, false]);
		// The refused claims took their records back: one per fact.
		expect(store.count(APP)).toBe(3);
	});

	it('gives one winner when many claims of one click race on several instances', async () => {
		const store = storeOf();
		const instances = Array.from({ length: 8 }, () => {
			const { reader, writer } = accessors(store);
			return new AppsEngineRoomMemory(reader, writer, new KnownWelcomes());
		});

		const results = await Promise.all(
			instances.flatMap((memory) => [memory.claimQuickReply('r1', 'q'), memory.claimQuickReply('r1', 'q')]),
		);

		expect(results.filter(Boolean)).toHaveLength(1);
		expect(store.count(APP)).toBe(1);
	});

	it('keeps a claim whose write threw after it was stored: the click counts once, a retry is refused', async () => {
		const store = storeOf();
		const failing = accessors(store, { throwAfterWrite: true });
		const memory = new AppsEngineRoomMemory(failing.reader, failing.writer, new KnownWelcomes());

		expect(await memory.claimQuickReply('r1', 'q')).toBe(true);
		expect(await memory.claimQuickReply('r1', 'q')).toBe(false);
		expect(await memory.claimWelcome('r1')).toBe('ours');
	});

	it('fails loudly when nothing was stored (a missing permission answers nothing)', async () => {
		const store = storeOf();
		const { reader } = accessors(store);
		const silent = { createWithAssociations: async () => undefined } as unknown as IPersistence;
		const memory = new AppsEngineRoomMemory(reader, silent, new KnownWelcomes());

		await expect(memory.claimQuickReply('r1', 'q')).rejects.toThrow(/stored nothing/);
	});

	it('never relies on what an update answers', async () => {
		const store = storeOf();
		const { reader, writer, calls } = accessors(store);
		const memory = new AppsEngineRoomMemory(reader, writer, new KnownWelcomes());

		await memory.claimWelcome('r1');
		await memory.claimQuickReply('r1', 'q');
		await memory.claimQuickReply('r1', 'q');

		expect(calls).not.toContain('updateByAssociations');
	});

	it('lends a room lease to one holder at a time across instances, in the order they asked', async () => {
		const store = storeOf();
		const instances = [accessors(store), accessors(store), accessors(store)].map(
			({ reader, writer }) => new AppsEngineRoomMemory(reader, writer, new KnownWelcomes()),
		);
		const held: string[] = [];
		let holders = 0;
		let mostAtOnce = 0;

		await Promise.all(
			instances.map(async (memory, index) => {
				const lease = await holdLease(memory, 'r1', 5000);
				holders++;
				mostAtOnce = Math.max(mostAtOnce, holders);
				held.push(`instance ${index}${lease.contended ? ' (read again)' : ''}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
				holders--;
				await lease.release();
			}),
		);

		expect(mostAtOnce).toBe(1);
		// The later holders waited, so what they read before may be stale; the first reads again too, as takers beside it
		// may not have seen its record (it may still have been committing when they read) and may have acted.
		expect(held).toEqual(['instance 0 (read again)', 'instance 1 (read again)', 'instance 2 (read again)']);
		// Another room's lease never waits for this one.
		const lease = await holdLease(instances[0], 'r1', 5000);
		await expect(holdLease(instances[1], 'r2', 0)).resolves.toMatchObject({ contended: false });
		await lease.release();
	});

	it('tells a taker that someone held the lease lately, even when it was given back before it asked', async () => {
		const store = storeOf();
		const { reader, writer } = accessors(store);
		const memory = new AppsEngineRoomMemory(reader, writer, new KnownWelcomes());
		const first = await holdLease(memory, 'r1', 1000);
		expect(first.contended).toBe(false);
		await first.release();

		// The first holder may have changed the room after this taker read it: it must read the room again.
		const second = await holdLease(memory, 'r1', 1000);
		expect(second.contended).toBe(true);
		await second.release();
		// The lease's records go with the room's other records when the room closes.
		await memory.forgetClosedRooms(async () => false);
		expect(store.count(APP)).toBe(0);
	});

	it('answers RoomBusy when the holder keeps the lease past the wait, and leaves no record of the attempt', async () => {
		const store = storeOf();
		const { reader, writer } = accessors(store);
		const memory = new AppsEngineRoomMemory(reader, writer, new KnownWelcomes());
		await holdLease(memory, 'r1', 1000);

		await expect(holdLease(memory, 'r1', 100)).rejects.toMatchObject({ name: 'RoomBusy' });
		expect(store.count(APP)).toBe(1);
	});

	it('stops honouring a lease whose holder never gave it back (its instance died) after 30 seconds', async () => {
		const store = storeOf();
		const { reader, writer } = accessors(store);
		const memory = new AppsEngineRoomMemory(reader, writer, new KnownWelcomes());
		const leaseOfR1 = stored([
			new RocketChatAssociationRecord(RocketChatAssociationModel.ROOM, 'r1'),
			new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, 'rasa-room-memory:r1:lease:handover'),
		]);
		store.create(APP, { roomId: 'r1', lease: 'handover', nonce: 'dead', at: Date.now() - 29000 }, leaseOfR1);
		await expect(holdLease(memory, 'r1', 100)).rejects.toMatchObject({ name: 'RoomBusy' });

		store.removeByAssociations(APP, leaseOfR1);
		store.create(APP, { roomId: 'r1', lease: 'handover', nonce: 'dead', at: Date.now() - 31000 }, leaseOfR1);
		await expect(holdLease(memory, 'r1', 100)).resolves.toMatchObject({ contended: false });
	});

	it("forgets closed rooms in a sweep and keeps open rooms' records", async () => {
		const store = storeOf();
		const { reader, writer } = accessors(store);
		const memory = new AppsEngineRoomMemory(reader, writer, new KnownWelcomes());
		for (const room of ['open-1', 'closed-1', 'closed-2']) {
			await memory.claimWelcome(room);
			await memory.claimQuickReply(room, 'q');
		}

		const forgotten = await memory.forgetClosedRooms(async (roomId) => roomId.startsWith('open'));

		expect(forgotten).toBe(2);
		expect(store.count(APP)).toBe(2);
		expect(await memory.forgetClosedRooms(async () => true)).toBe(0);
	});
});

/**
 * The accessors over app persistence that commits late (AppPersistence.insert: an insert takes its place when it
 * starts and shows when it commits), with reads answered `readMs` after the database evaluated them.
 */
function lateAccessors(store: AppPersistence, readMs: number, commitTimes = new CommitTimes()) {
	const reader = {
		readByAssociations: async (associations: RocketChatAssociationRecord[]) => {
			const records = store.readByAssociations(APP, stored(associations));
			await new Promise((resolve) => setTimeout(resolve, readMs));
			return records;
		},
	} as unknown as IPersistenceRead;
	const writer = {
		createWithAssociations: (data: object, associations: RocketChatAssociationRecord[]) =>
			store.insert(APP, data, stored(associations)),
		removeByAssociations: async (associations: RocketChatAssociationRecord[]) =>
			store.removeByAssociations(APP, stored(associations)),
	} as unknown as IPersistence;
	return new AppsEngineRoomMemory(reader, writer, new KnownWelcomes(), commitTimes);
}

describe('room memory when app persistence commits late', () => {
	/** The first insert commits after 20 ms, every later one at once; reads take 25 ms to answer. */
	function earlierStillCommitting() {
		const delays = [1];
		const store = new AppPersistence(
			() => profileOf('latest'),
			() => delays.shift() ?? 0,
		);
		store.timing = { commitDelayMs: 20 };
		return { store, first: lateAccessors(store, 25), second: lateAccessors(store, 25) };
	}

	it('gives a click one winner when the earlier claim was still committing as the later one read alone', async () => {
		const { first, second } = earlierStillCommitting();

		const results = await Promise.all([first.claimQuickReply('r1', 'q'), second.claimQuickReply('r1', 'q')]);

		// The earlier claim comes first once it shows: the later one, read alone, reads again and sees it.
		expect(results).toEqual([true, false]);
	});

	it('lets a lone claim wait out twice the slowest recent commit, so an earlier claim still committing wins', async () => {
		const delays = [1];
		const store = new AppPersistence(
			() => profileOf('latest'),
			() => delays.shift() ?? 0,
		);
		store.timing = { commitDelayMs: 20 };
		// This instance saw inserts take 15 ms lately: a lone claim is read again 30 ms on.
		const times = new CommitTimes();
		times.record(15);

		const results = await Promise.all([
			lateAccessors(store, 0).claimQuickReply('r1', 'q'),
			lateAccessors(store, 0, times).claimQuickReply('r1', 'q'),
		]);

		expect(results).toEqual([true, false]);
	});

	it('lets a lease holder that read alone learn, before it acts, that an earlier taker comes first', async () => {
		const { first, second } = earlierStillCommitting();

		const [earlier, later] = await Promise.all([holdLease(first, 'r1', 5000), holdLease(second, 'r1', 5000)]);

		// Both read themselves first; the later one, asked again before it acts, learns it is not.
		expect([await later.confirm(), await earlier.confirm()]).toEqual([false, true]);
		// The earlier one saw the later record beside its own: it reads the room again, which the later one may
		// have changed before it learnt.
		expect(earlier.contended).toBe(true);
	});

	it('says plainly when a read from a secondary never shows the write back', async () => {
		const store = new AppPersistence(
			() => profileOf('latest'),
			() => 1,
		);
		store.timing = { secondaryLagMs: 60000 };
		const memory = lateAccessors(store, 0);

		await expect(memory.claimQuickReply('r1', 'q')).rejects.toThrow(
			/did not show this instance its own write.*secondary/,
		);
	});
});
