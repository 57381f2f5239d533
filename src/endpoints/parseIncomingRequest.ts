import type { Action } from '../conversation/engine/Conversation';
import { invalid, parsed, type Parsed } from '../conversation/engine/ConversationAction';
import { readActionRequest } from '../conversation/engine/readActionData';
import { isPlainObject } from '../json/isPlainObject';
import { describeValue } from '../text/describeValue';
import { oneLine } from '../text/oneLine';

export type IncomingRequest = {
	readonly action: Action;
	readonly sessionId: string;
	readonly data: unknown;
};

const MAX_ID_LENGTH = 256;
const TOP_LEVEL_FIELDS = ['action', 'sessionId', 'actionData'];
/** Rocket.Chat parses form bodies without nesting: a bracketed key arrives as it was sent. */
const FLAT_FORM_KEY = /^actionData\[([^\]]*)\]$/;

/**
 * Reads the body of an incoming call, whether it came as JSON or as a form (flat `actionData[key]` keys, or
 * actionData as a JSON string). The action's own data is read by the registry, as for Rasa's custom payloads.
 * Every rejection names the field so the caller can fix it.
 */
export function parseIncomingRequest(actions: ReadonlyArray<Action>, content: unknown): Parsed<IncomingRequest> {
	if (!isPlainObject(content)) {
		return invalid(
			'The body must be a JSON object (or a form) with "action" and "sessionId", e.g. {"action":"close-chat","sessionId":"<room id>"}.',
		);
	}
	const body = gatherFlatFormKeys(content);
	if (!body.ok) {
		return body;
	}
	const fields = body.value;
	const unknown = Object.keys(fields).find((key) => !TOP_LEVEL_FIELDS.includes(key));
	if (unknown !== undefined) {
		return invalid(`Unknown field "${oneLine(unknown, 60)}"; the body accepts only action, sessionId and actionData.`);
	}

	if (fields.action === undefined || !actions.some((action) => action.name === fields.action)) {
		return invalid(
			`"action" is ${describeValue(fields.action)}; valid actions are: ${actions.map((action) => action.name).join(', ')}.`,
		);
	}

	const { sessionId } = fields;
	if (typeof sessionId !== 'string' || sessionId.trim() === '' || sessionId.length > MAX_ID_LENGTH) {
		return invalid(
			`"sessionId" is ${describeValue(sessionId)}; it must be the livechat room id (Rasa's tracker.sender_id).`,
		);
	}

	const actionData = readJsonText(fields.actionData);
	if (!actionData.ok) {
		return actionData;
	}
	const request = readActionRequest(actions, fields.action, actionData.value);
	return request.ok ? parsed({ ...request.value, sessionId: sessionId.trim() }) : request;
}

/** Folds `actionData[targetDepartment]=...` keys into actionData. */
function gatherFlatFormKeys(content: Record<string, unknown>): Parsed<Record<string, unknown>> {
	// Null-prototype records: a key such as "__proto__" stays a plain key.
	const fields: Record<string, unknown> = Object.create(null);
	const flat: Record<string, unknown> = Object.create(null);
	for (const [key, value] of Object.entries(content)) {
		const match = FLAT_FORM_KEY.exec(key);
		if (match) {
			flat[match[1]] = value;
		} else {
			fields[key] = value;
		}
	}
	if (Object.keys(flat).length === 0) {
		return parsed(fields);
	}
	if (fields.actionData !== undefined) {
		return invalid('"actionData" was sent twice, as a field and as actionData[...] keys; send it once.');
	}
	return parsed({ ...fields, actionData: flat });
}

/** A form can carry actionData only as text: JSON text is read as the object it spells. */
function readJsonText(value: unknown): Parsed<unknown> {
	if (typeof value !== 'string' || value === '') {
		return parsed(value);
	}
	try {
		const object: unknown = JSON.parse(value);
		if (isPlainObject(object)) {
			return parsed(object);
		}
	} catch {
		// Not JSON: explained below.
	}
	return invalid(
		`"actionData" is the text ${describeValue(value)}, not an object. Send JSON ({"actionData":{"targetDepartment":"Sales"}}) ` +
			'or the form key actionData[targetDepartment]=Sales; Python requests flattens nested dicts in data=, so use json=.',
	);
}
