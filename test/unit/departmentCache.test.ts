import { DEPARTMENT_EXPIRY_MS, DepartmentCache } from '../../src/conversation/engine/DepartmentCache';
import type { Department } from '../../src/omnichannel/IOmnichannel';

describe('DepartmentCache', () => {
	const sales: Department = { id: 'dep-sales', name: 'Sales' };

	function setup() {
		let now = 1000;
		const lookups: string[] = [];
		const known = new Map<string, Department>([['Sales', sales]]);
		const cache = new DepartmentCache(() => now);
		const find = (key: string) =>
			cache.find(key, async (idOrName) => {
				lookups.push(idOrName);
				return known.get(idOrName);
			});
		const advance = (ms: number) => {
			now += ms;
		};
		return { find, lookups, known, advance };
	}

	it('asks Rocket.Chat once, then answers from memory until the expiry', async () => {
		const test = setup();

		expect(await test.find('Sales')).toEqual(sales);
		test.advance(DEPARTMENT_EXPIRY_MS - 1);
		expect(await test.find('Sales')).toEqual(sales);

		expect(test.lookups).toEqual(['Sales']);
	});

	it('asks again after the expiry, so a renamed or deleted department is seen within it', async () => {
		const test = setup();
		await test.find('Sales');
		test.known.delete('Sales');
		test.advance(DEPARTMENT_EXPIRY_MS);

		expect(await test.find('Sales')).toBeUndefined();
		expect(test.lookups).toEqual(['Sales', 'Sales']);
	});

	it('never keeps a miss, so a department created a moment later is found at once', async () => {
		const test = setup();

		expect(await test.find('Support')).toBeUndefined();
		test.known.set('Support', { id: 'dep-support', name: 'Support' });

		expect(await test.find('Support')).toEqual({ id: 'dep-support', name: 'Support' });
		expect(test.lookups).toEqual(['Support', 'Support']);
	});
});
