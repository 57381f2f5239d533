import type { Action } from './Conversation';
import { invalid, parsed, type Parsed } from './ConversationAction';
import { isPlainObject } from '../../json/isPlainObject';
import { describeValue } from '../../text/describeValue';
import { oneLine } from '../../text/oneLine';

export type ActionRequest = { readonly action: Action; readonly data: unknown };

/** Reads an action's data (actionData), the same way for the incoming API and for Rasa's custom payloads. */
export function readActionData(action: Action, value: unknown): Parsed<unknown> {
	const data = value === undefined || value === null || value === '' ? {} : value;
	if (!isPlainObject(data)) {
		return invalid(
			`"actionData" is ${describeValue(data)}; it must be an object such as {"targetDepartment":"Sales"}.`,
		);
	}
	const unknown = Object.keys(data).find((key) => !action.dataFields.includes(key));
	if (unknown !== undefined) {
		const accepted = action.dataFields.length ? `only ${action.dataFields.join(', ')}` : 'nothing';
		return invalid(
			`Unknown field "actionData.${oneLine(unknown, 60)}"; for ${action.name}, actionData accepts ${accepted}.`,
		);
	}
	return action.readData(data);
}

/** A request by name, as a caller or a Rasa custom payload makes it, against a list of actions. */
export function readActionRequest(
	actions: ReadonlyArray<Action>,
	name: unknown,
	value: unknown,
): Parsed<ActionRequest> {
	const action = actions.find((candidate) => candidate.name === name);
	if (!action) {
		return invalid(
			`"action" is ${describeValue(name)}; valid actions are: ${actions.map((known) => known.name).join(', ')}.`,
		);
	}
	const data = readActionData(action, value);
	return data.ok ? parsed({ action, data: data.value }) : data;
}
