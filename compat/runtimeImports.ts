import fs from 'fs';
import path from 'path';

import ts from 'typescript';

const ENGINE_PREFIX = '@rocket.chat/apps-engine/';

export type RuntimeImport = { file: string; module: string; name: string; member?: string };

/**
 * The values (not types) an app's code takes from the Apps-Engine at run time: `import { X } from
 * '@rocket.chat/apps-engine/definition/...'` that are not type-only, and the members read from them (`X.MEMBER`).
 * An engine that lacks one makes the app fail when it loads or when it runs that line.
 */
export function runtimeImportsOf(files: string[]): RuntimeImport[] {
	const found: RuntimeImport[] = [];
	for (const file of files) {
		const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2019, true);
		const bindings = new Map<string, { module: string; name: string }>();
		for (const statement of source.statements) {
			if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
				continue;
			}
			const module = statement.moduleSpecifier.text;
			const clause = statement.importClause;
			if (!module.startsWith(ENGINE_PREFIX) || !clause || clause.isTypeOnly) {
				continue;
			}
			const named = clause.namedBindings;
			if (named && ts.isNamedImports(named)) {
				for (const element of named.elements) {
					if (!element.isTypeOnly) {
						const name = (element.propertyName ?? element.name).text;
						bindings.set(element.name.text, { module, name });
					}
				}
			}
		}
		const used = new Set<string>();
		const visit = (node: ts.Node): void => {
			if (
				ts.isPropertyAccessExpression(node) &&
				ts.isIdentifier(node.expression) &&
				bindings.has(node.expression.text)
			) {
				used.add(JSON.stringify({ ...bindings.get(node.expression.text), member: node.name.text }));
			} else if (ts.isIdentifier(node) && bindings.has(node.text) && !ts.isImportSpecifier(node.parent)) {
				used.add(JSON.stringify(bindings.get(node.text)));
			}
			ts.forEachChild(node, visit);
		};
		source.statements.filter((statement) => !ts.isImportDeclaration(statement)).forEach(visit);
		for (const entry of used) {
			found.push({ file, ...(JSON.parse(entry) as Omit<RuntimeImport, 'file'>) });
		}
	}
	return found;
}

/** Which of those an engine's `definition/` JavaScript lacks. */
export function missingIn(engineRoot: string, imports: RuntimeImport[]): RuntimeImport[] {
	return imports.filter(({ module, name, member }) => {
		const modulePath = path.join(engineRoot, module.slice(ENGINE_PREFIX.length));
		let exported: Record<string, unknown>;
		try {
			// eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-dynamic-require -- the engine's own JavaScript is what runs
			exported = require(modulePath) as Record<string, unknown>;
		} catch {
			return true;
		}
		const value = exported[name];
		if (value === undefined) {
			return true;
		}
		return member !== undefined && (value as Record<string, unknown>)[member] === undefined;
	});
}

/** The app's own code: RasaApp.ts and everything under src/. */
export function appFiles(root: string): string[] {
	const files = [path.join(root, 'RasaApp.ts')];
	const walk = (folder: string) => {
		for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) {
				walk(full);
			} else if (entry.name.endsWith('.ts')) {
				files.push(full);
			}
		}
	};
	walk(path.join(root, 'src'));
	return files;
}
