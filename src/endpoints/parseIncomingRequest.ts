import { failed, type Failure } from '../actions/Outcome';

export const INCOMING_ACTIONS = ['close-chat', 'handover'] as const;
export type IncomingAction = (typeof INCOMING_ACTIONS)[number];

export type IncomingRequest = {
	readonly action: IncomingAction;
	readonly sessionId: string;
	/** Absent or blank means "use the default handover department". */
	readonly targetDepartment?: string;
};

const MAX_ID_LENGTH = 256;
const TOP_LEVEL_FIELDS = ['action', 'sessionId', 'actionData'];
const ACTION_DATA_FIELDS = ['targetDepartment'];
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

	const actionData = readActionData(fields.actionData);
	if (!actionData.ok) {
		return actionData;
	}
	const { targetDepartment } = actionData.value;
	return {
		ok: true,
		value: {
			action: action as IncomingAction,
			sessionId: sessionId.trim(),
			...(targetDepartment ? { targetDepartment } : {}),
		},
	};
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

function readActionData(value: unknown): Parsed<{ targetDepartment?: string }> {
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
	const unknown = Object.keys(data).find((key) => !ACTION_DATA_FIELDS.includes(key));
	if (unknown !== undefined) {
		return invalid(`Unknown field "actionData.${clip(unknown)}"; actionData accepts only targetDepartment.`);
	}
	const { targetDepartment } = data;
	if (targetDepartment === undefined || targetDepartment === null) {
		return { ok: true, value: {} };
	}
	if (typeof targetDepartment !== 'string' || targetDepartment.length > MAX_ID_LENGTH) {
		return invalid(
			`"actionData.targetDepartment" is ${describe(targetDepartment)}; it must be a department name or id.`,
		);
	}
	return { ok: true, value: { targetDepartment: targetDepartment.trim() } };
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const parsed: unknown = JSON.parse(text);
		return isPlainObject(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
