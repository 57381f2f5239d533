import { readInstances } from '../src/cluster/readInstances';

describe('npm start -- --instances N', () => {
	it('runs one instance unless told otherwise', () => {
		expect(readInstances([])).toBe(1);
	});

	it('reads the count in both spellings', () => {
		expect(readInstances(['--instances', '3'])).toBe(3);
		expect(readInstances(['--instances=2'])).toBe(2);
	});

	it('refuses a count that is not a whole number from 1 to 8, or a missing one, saying how to call it', () => {
		for (const argv of [
			['--instances', '0'],
			['--instances', '9'],
			['--instances', '2.5'],
			['--instances', 'x'],
			['--instances'],
		]) {
			expect(() => readInstances(argv)).toThrow(/--instances must be a whole number from 1 to 8.*usage: npm start/);
		}
	});

	it('refuses an argument it does not know instead of ignoring it', () => {
		expect(() => readInstances(['--instance', '3'])).toThrow('unknown argument "--instance"');
	});
});
