import { execFileSync } from 'child_process';
import path from 'path';

import { ACTIONS } from '../../src/conversation/actions/registry';
import { failureCodes, statusOf } from '../../src/endpoints/answers';

type Schema = { enum?: string[]; properties?: Record<string, Schema> };
type Document = {
	paths: Record<string, Partial<Record<'post' | 'get', { responses: Record<string, { description: string }> }>>>;
	components: { schemas: Record<string, Schema> };
};

describe('docs/openapi.yaml', () => {
	let document: Document;

	beforeAll(() => {
		const validator = path.join(__dirname, '../../scripts/validate-openapi.mjs');
		const output = execFileSync(process.execPath, [validator, path.join(__dirname, '../../docs/openapi.yaml')]);
		document = JSON.parse(output.toString()) as Document;
	});

	it('is a valid OpenAPI document', () => {
		expect(document.paths['/incoming']).toBeDefined();
	});

	it('lists exactly the actions the endpoint accepts', () => {
		expect(document.components.schemas.Action.enum).toEqual(ACTIONS.map((action) => action.name));
	});

	it('documents every error code under the status the endpoints answer with', () => {
		expect([...(document.components.schemas.ErrorCode.enum ?? [])].sort()).toEqual(failureCodes().sort());
		const operations = Object.values(document.paths).flatMap((path) =>
			Object.values(path).map((operation) => operation.responses),
		);
		for (const code of failureCodes()) {
			const described = operations.some((responses) =>
				responses[String(statusOf(code))]?.description.includes(`\`${code}\``),
			);
			expect({ code, described }).toEqual({ code, described: true });
		}
	});

	it('publishes the byte-exact success messages', () => {
		const published = document.components.schemas.Success.properties?.msg.enum;
		expect(published).toEqual(ACTIONS.map((action) => action.successMessage));
	});
});
