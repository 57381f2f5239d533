import { AppPersistence } from '../src/workspace/AppPersistence';
import { profileOf, type RocketChatVersion } from '../src/workspace/versionProfile';

const ROOM = { model: 'room', id: 'r1' };
const KIND = { model: 'misc', id: 'kind' };

const storeOf = (version: RocketChatVersion) => new AppPersistence(() => profileOf(version));

describe("apps' persistence, as each Rocket.Chat version's bridge answers", () => {
	it("answers an update by associations with no id: Meteor's result (5.x), the driver's (6.2–6.6), '' from 6.7", () => {
		const answers = (['5.3', '6.6', '6.7', 'latest'] as const).map((version) => {
			const store = storeOf(version);
			store.updateByAssociations('app', [ROOM], { n: 1 }, true);
			return store.updateByAssociations('app', [ROOM], { n: 2 }, true);
		});

		expect(answers).toEqual([
			{ numberAffected: 1 },
			{ acknowledged: true, matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null },
			'',
			'',
		]);
	});

	it("answers an insert by update with an ObjectId that is not the record's id from 6.7 on", () => {
		const store = storeOf('6.7');

		const upserted = store.updateByAssociations('app', [ROOM], { n: 1 }, true) as string;

		expect(upserted).toMatch(/^[0-9a-f]{24}$/);
		expect(store.readById('app', upserted)).toBeUndefined();
		expect(store.readByAssociations('app', [ROOM])).toEqual([{ n: 1 }]);
	});

	it("answers a create with the id, and in 6.2–6.6 with the driver's insert result", () => {
		const id = storeOf('6.7').createAnswer('app', { n: 1 }) as string;
		const result = storeOf('6.6').createAnswer('app', { n: 1 }) as { acknowledged: boolean; insertedId: string };

		expect(id).toEqual(expect.any(String));
		expect(result).toEqual({ acknowledged: true, insertedId: expect.any(String) });
	});

	it('5.3 upserts even when the app asked not to; later versions do not', () => {
		const old = storeOf('5.3');
		const later = storeOf('6.7');

		old.updateByAssociations('app', [ROOM], { n: 1 }, false);
		later.updateByAssociations('app', [ROOM], { n: 1 }, false);

		expect([old.count('app'), later.count('app')]).toEqual([1, 0]);
	});

	it('matches an update only on the exact association list, in order, and reads on any record holding them all', () => {
		const store = storeOf('latest');
		store.create('app', { first: true }, [ROOM, KIND]);

		store.updateByAssociations('app', [KIND, ROOM], { second: true }, true);

		expect(store.readByAssociations('app', [ROOM])).toEqual([{ first: true }, { second: true }]);
		expect(store.readByAssociations('app', [KIND, ROOM])).toHaveLength(2);
	});

	it('throws on update by id, and answers a missing read or removal as each version does', () => {
		const old = storeOf('5.3');
		const later = storeOf('latest');

		expect(() => later.update()).toThrow('Not implemented.');
		expect(() => old.readById('app', 'missing')).toThrow(TypeError);
		expect(later.readById('app', 'missing')).toBeUndefined();
		expect(old.removeByAssociations('app', [ROOM])).toEqual([]);
		expect(later.removeByAssociations('app', [ROOM])).toBeUndefined();
	});

	it('keeps records apart per app, and gives copies', () => {
		const store = storeOf('latest');
		const data = { list: [1] };
		store.create('app', data, [ROOM]);
		data.list.push(2);

		expect(store.readByAssociations('other-app', [ROOM])).toEqual([]);
		expect(store.readByAssociations('app', [ROOM])).toEqual([{ list: [1] }]);
	});

	describe('in time, as MongoDB answers a cluster', () => {
		it('orders records by when their insert started, and shows one only once its insert committed', async () => {
			const delays = [0.9, 0.1];
			const store = new AppPersistence(
				() => profileOf('latest'),
				() => delays.shift() ?? 0,
			);
			store.timing = { commitDelayMs: 100 };

			// T1 starts first and commits late; T2 starts second, commits first and reads alone.
			const first = store.insert('app', { taker: 'T1' }, [ROOM]);
			const second = store.insert('app', { taker: 'T2' }, [ROOM]);
			await second;
			const readBySecond = store.readByAssociations('app', [ROOM]);
			await first;

			expect(readBySecond).toEqual([{ taker: 'T2' }]);
			expect(store.readByAssociations('app', [ROOM])).toEqual([{ taker: 'T1' }, { taker: 'T2' }]);
		});

		it('lets a read from a secondary miss recent writes, its own included, and still see a recent removal', async () => {
			const store = new AppPersistence(
				() => profileOf('latest'),
				() => 1,
			);
			store.timing = { secondaryLagMs: 50 };
			store.create('app', { n: 1 }, [ROOM]);
			expect(store.readByAssociations('app', [ROOM])).toEqual([]);

			await new Promise((resolve) => setTimeout(resolve, 80));
			expect(store.readByAssociations('app', [ROOM])).toEqual([{ n: 1 }]);
			store.removeByAssociations('app', [ROOM]);
			expect(store.readByAssociations('app', [ROOM])).toEqual([{ n: 1 }]);
			await new Promise((resolve) => setTimeout(resolve, 80));
			expect(store.readByAssociations('app', [ROOM])).toEqual([]);
		});
	});
});
