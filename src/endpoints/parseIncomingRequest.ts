import { failed, type Failure } from '../actions/Outcome';
import { isPlainObject } from '../json/isPlainObject';
import type { RasaBotMessage } from '../rasa/RasaBotMessage';

export const INCOMING_ACTIONS = ['close-chat', 'handover', 'send-message', 'trigger-intent'] as const;
export type IncomingAction = (typeof INCOMING_ACTIONS)[number];

export type Entities = Record<string, string | number | boolean>;

export type IncomingRequest =
	| { readonly action: 'close-chat'; readonly sessionId: string }
	/** targetDepartment absent or blank means "use the default handover department". */
	| { readonly action: 'handover'; readonly sessionId: string; readonly targetDepartment?: string }
	| { readonly action: 'send-message'; readonly sessionId: string; readonly messages: RasaBotMessage[] }
	| {
			readonly action: 'trigger-intent';
			readonly sessionId: string;
			readonly intent: string;
			readonly entities?: Entities;
	  };

const MAX_ID_LENGTH = 256;
const MAX_MESSAGES = 20;
const MAX_ENTITIES = 20;
const INTENT_NAME = /^\/?[\w.-]{1,100}$/;
const TOP_LEVEL_FIELDS = ['action', 'sessionId', 'actionData'];
/** What actionData may hold for each action (close-chat tolerates a department, so one template serves both). */
const ACTION_DATA_FIELDS: Record<IncomingAction, string[]> = {
	'close-chat': ['targetDepartment'],
	'handover': ['targetDepartment'],
	'send-message': ['messages'],
	'trigger-intent': ['intent', 'entities'],
};
/** Form bodies parsed without nesting keep the bracketed key as it was sent. */
const FLAT_FORM_KEY = /^actionData\[([^\]]*)\]$/;

type Parsed<T> = { ok: true; value: T } | Failure;

/**
 * Reads the body of an incoming call, whether it came as JSON or as a form (nested or flat keys, actionData as a
 * JSON string). Every rejection names the field so the caller can fix it.
 */
export function parseIncomingRequest(content: unknown): Parsed<IncomingRequest> {
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
		return invalid(`Unknown field "${clip(unknown)}"; the body accepts only action, sessionId and actionData.`);
	}

	const { action } = fields;
	if (typeof action !== 'string' || !(INCOMING_ACTIONS as ReadonlyArray<string>).includes(action)) {
		const got = action === undefined ? 'is missing' : `is ${describe(action)}`;
		return invalid(`"action" ${got}; valid actions are: ${INCOMING_ACTIONS.join(', ')}.`);
	}

	const { sessionId } = fields;
	if (typeof sessionId !== 'string' || sessionId.trim() === '' || sessionId.length > MAX_ID_LENGTH) {
		const got = sessionId === undefined ? 'is missing' : `is ${describe(sessionId)}`;
		return invalid(`"sessionId" ${got}; it must be the livechat room id (Rasa's tracker.sender_id).`);
	}

	const actionData = readActionData(action as IncomingAction, fields.actionData);
	if (!actionData.ok) {
		return actionData;
	}
	return readForAction(action as IncomingAction, sessionId.trim(), actionData.value);
}

function readForAction(
	action: IncomingAction,
	sessionId: string,
	data: Record<string, unknown>,
): Parsed<IncomingRequest> {
	switch (action) {
		case 'close-chat': {
			const department = readTargetDepartment(data.targetDepartment);
			return department.ok ? { ok: true, value: { action, sessionId } } : department;
		}
		case 'handover': {
			const department = readTargetDepartment(data.targetDepartment);
			if (!department.ok) {
				return department;
			}
			return {
				ok: true,
				value: { action, sessionId, ...(department.value ? { targetDepartment: department.value } : {}) },
			};
		}
		case 'send-message': {
			const { messages } = data;
			if (
				!Array.isArray(messages) ||
				messages.length === 0 ||
				messages.length > MAX_MESSAGES ||
				!messages.every(isPlainObject)
			) {
				return invalid(
					`"actionData.messages" must be a list of 1 to ${MAX_MESSAGES} Rasa messages, e.g. [{"text":"Hello"}, {"image":"https://..."}].`,
				);
			}
			return { ok: true, value: { action, sessionId, messages: messages as RasaBotMessage[] } };
		}
		case 'trigger-intent': {
			const { intent, entities } = data;
			if (typeof intent !== 'string' || !INTENT_NAME.test(intent.trim())) {
				const got = intent === undefined ? 'is missing' : `is ${describe(intent)}`;
				return invalid(`"actionData.intent" ${got}; it must be an intent name such as "greet" or "/greet".`);
			}
			const readEntities = readEntityValues(entities);
			if (!readEntities.ok) {
				return readEntities;
			}
			return {
				ok: true,
				value: {
					action,
					sessionId,
					intent: intent.trim().replace(/^\//, ''),
					...(readEntities.value ? { entities: readEntities.value } : {}),
				},
			};
		}
	}
}

function readTargetDepartment(value: unknown): Parsed<string | undefined> {
	if (value === undefined || value === null) {
		return { ok: true, value: undefined };
	}
	if (typeof value !== 'string' || value.length > MAX_ID_LENGTH) {
		return invalid(`"actionData.targetDepartment" is ${describe(value)}; it must be a department name or id.`);
	}
	return { ok: true, value: value.trim() || undefined };
}

/** Entities become part of the intent message (/intent{"key":"value"}): flat, short, JSON-safe values only. */
function readEntityValues(value: unknown): Parsed<Entities | undefined> {
	if (value === undefined || value === null) {
		return { ok: true, value: undefined };
	}
	if (!isPlainObject(value) || Object.keys(value).length > MAX_ENTITIES) {
		return invalid(
			`"actionData.entities" must be an object of at most ${MAX_ENTITIES} entities, e.g. {"department":"sales"}.`,
		);
	}
	const wrong = Object.entries(value).find(([, entity]) => !['string', 'number', 'boolean'].includes(typeof entity));
	if (wrong) {
		return invalid(`"actionData.entities.${clip(wrong[0])}" must be a string, number or boolean.`);
	}
	return { ok: true, value: value as Entities };
}

/** Folds `actionData[targetDepartment]=...` keys (forms parsed without nesting) into actionData. */
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
		return { ok: true, value: fields };
	}
	if (fields.actionData !== undefined) {
		return invalid('"actionData" was sent twice, as a field and as actionData[...] keys; send it once.');
	}
	return { ok: true, value: { ...fields, actionData: flat } };
}

function readActionData(action: IncomingAction, value: unknown): Parsed<Record<string, unknown>> {
	if (value === undefined || value === null || value === '') {
		return { ok: true, value: {} };
	}
	let data: unknown = value;
	if (typeof value === 'string') {
		data = parseJsonObject(value);
		if (data === undefined) {
			return invalid(
				`"actionData" is the text ${describe(value)}, not an object. Send JSON ({"actionData":{"targetDepartment":"Sales"}}) ` +
					'or the form key actionData[targetDepartment]=Sales; Python requests flattens nested dicts in data=, so use json=.',
			);
		}
	}
	if (!isPlainObject(data)) {
		return invalid(`"actionData" is ${describe(value)}; it must be an object such as {"targetDepartment":"Sales"}.`);
	}
	const allowed = ACTION_DATA_FIELDS[action];
	const unknown = Object.keys(data).find((key) => !allowed.includes(key));
	if (unknown !== undefined) {
		return invalid(
			`Unknown field "actionData.${clip(unknown)}"; for ${action}, actionData accepts only ${allowed.join(', ')}.`,
		);
	}
	return { ok: true, value: data };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return isPlainObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** Names what was received without echoing more than a short excerpt of it. */
function describe(value: unknown): string {
	if (typeof value === 'string') {
		return value.trim() === '' ? 'empty' : `"${clip(value)}"${value.length > MAX_ID_LENGTH ? ' (too long)' : ''}`;
	}
	if (Array.isArray(value)) {
		return 'a list (was the field sent more than once?)';
	}
	return value === null ? 'null' : `a ${typeof value}`;
}

function clip(text: string): string {
	// Control characters (newlines included) would let a caller forge lines in logs and messages.
	const oneLine = Array.from(text, (char) => (char < ' ' || char === '\u007f' ? ' ' : char)).join('');
	return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}

const invalid = (message: string): Failure => failed('invalid-request', message);
