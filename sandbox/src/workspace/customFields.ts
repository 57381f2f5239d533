import Ajv, { type ValidateFunction } from 'ajv';

import type { WorkspaceSettings } from './types';

const ajv = new Ajv();
const compiled = new Map<string, ValidateFunction>();

/**
 * Rocket.Chat refuses a message that carries customFields unless Message_CustomFields_Enabled is on, and then
 * validates them against the admin's schema in Message_CustomFields, with no other properties allowed
 * (apps/meteor/app/lib/server/lib/validateCustomMessageFields.ts, called by sendMessage and updateMessage).
 * It throws plain errors, as there.
 */
export function validateCustomFields(customFields: Record<string, unknown>, settings: WorkspaceSettings): void {
	if (settings.Message_CustomFields_Enabled !== true) {
		throw new Error('Custom fields not enabled');
	}
	if (!validatorFor(settings.Message_CustomFields)(customFields)) {
		throw new Error('Invalid custom fields');
	}
}

function validatorFor(schemaText: string): ValidateFunction {
	let validate = compiled.get(schemaText);
	if (!validate) {
		const schema = JSON.parse(schemaText) as Record<string, unknown>;
		if (schema.type && schema.type !== 'object') {
			throw new Error('Invalid custom fields config');
		}
		validate = ajv.compile({ ...schema, type: 'object', additionalProperties: false });
		compiled.set(schemaText, validate);
	}
	return validate;
}
