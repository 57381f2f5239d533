import { execFileSync } from 'child_process';
import path from 'path';

import { appFiles, missingIn, runtimeImportsOf } from '../runtimeImports';

const root = path.join(__dirname, '../..');
const oldest = path.dirname(require.resolve('apps-engine-1.33/package.json'));
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/** Compiles a project against the oldest claimed engine's definitions (its tsconfig maps the engine to 1.33.0). */
function typecheck(project: string): { ok: boolean; output: string } {
	try {
		return { ok: true, output: execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' }) };
	} catch (error) {
		return { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
	}
}

describe("the app against the oldest engine it claims (Apps-Engine 1.33.0, app.json's ^1.33.0)", () => {
	it("compiles against that engine's type definitions", () => {
		const result = typecheck(path.join(root, 'compat/tsconfig.oldest.json'));

		expect(result.output).toBe('');
		expect(result.ok).toBe(true);
	}, 60000);

	it("finds every value it imports at run time in that engine's definition/ JavaScript", () => {
		const imports = runtimeImportsOf(appFiles(root));

		expect(imports.length).toBeGreaterThan(5);
		expect(missingIn(oldest, imports)).toEqual([]);
	});

	it('would catch code that uses something newer, at run time and at compile time', () => {
		const fixture = path.join(root, 'compat/fixtures/newerApi.ts');

		expect(missingIn(oldest, runtimeImportsOf([fixture])).map((use) => `${use.name}.${use.member}`)).toEqual([
			'SettingType.PASSWORD',
		]);
		const compiled = typecheck(path.join(root, 'compat/fixtures/tsconfig.json'));
		expect(compiled.ok).toBe(false);
		expect(compiled.output).toMatch(/Property 'PASSWORD' does not exist/);
		expect(compiled.output).toMatch(/Property 'type' does not exist on type 'IMessage'/);
	}, 60000);
});
