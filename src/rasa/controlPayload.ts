import { isPlainObject } from '../json/isPlainObject';
/** A custom payload that asks the app to act, as the incoming API would. */
export type ControlPayload = { action: 'close-chat' } | { action: 'handover'; targetDepartment?: string };

/**
 * Reads `{"action": "handover", "targetDepartment": "Sales"}` or `{"action": "close-chat"}` from a Rasa custom
 * payload (actionData.targetDepartment is accepted too, as in the incoming API). Anything else is not a control.
 */
export function readControlPayload(custom: unknown): ControlPayload | undefined {
	if (!isPlainObject(custom)) {
		return undefined;
	}
	if (custom.action === 'close-chat') {
		return { action: 'close-chat' };
	}
	if (custom.action !== 'handover') {
		return undefined;
	}
	const nested = isPlainObject(custom.actionData) ? custom.actionData.targetDepartment : undefined;
	const department = typeof custom.targetDepartment === 'string' ? custom.targetDepartment : nested;
	return typeof department === 'string' && department.trim() !== ''
		? { action: 'handover', targetDepartment: department.trim() }
		: { action: 'handover' };
}
