import fs from 'fs';
import path from 'path';

import { profileOf, ROCKETCHAT_VERSIONS, VERSION_ROWS, versionTable } from '../src/workspace/versionProfile';

/** A markdown table's rows as trimmed cells, without the separator row (prettier pads the cells). */
const cellsOf = (table: string): string[][] =>
	table
		.trim()
		.split('\n')
		.filter((line) => line.startsWith('|') && !/^\|[\s|:-]+\|$/.test(line))
		.map((line) =>
			line
				.slice(1, -1)
				.split(/(?<!\\)\|/)
				.map((cell) => cell.trim()),
		);

describe('the version profile', () => {
	it('is the table sandbox/FIDELITY.md shows: the two cannot disagree (npm run fidelity:table prints it)', () => {
		const fidelity = fs.readFileSync(path.join(__dirname, '..', 'FIDELITY.md'), 'utf8');
		const shown = /<!-- version-profile:start -->([\s\S]*?)<!-- version-profile:end -->/.exec(fidelity)?.[1] ?? '';

		expect(cellsOf(shown)).toEqual(cellsOf(versionTable()));
	});

	it('gives every row a value, a meaning for it and a source, for every version', () => {
		for (const version of ROCKETCHAT_VERSIONS) {
			const profile = profileOf(version) as Record<string, string>;
			for (const [key, row] of Object.entries(VERSION_ROWS) as Array<
				[string, { meaning: Record<string, string>; sources: string }]
			>) {
				expect([key, row.meaning[profile[key]]]).toEqual([key, expect.any(String)]);
				expect(row.sources).not.toBe('');
			}
		}
	});
});
