import { ACTIONS } from '../../src/conversation/actions/registry';
import { parseIncomingRequest } from '../../src/endpoints/parseIncomingRequest';

/** The request as one flat record: the action's name, the session and what the action read from actionData. */
const valid = (content: unknown) => {
	const parsed = parseIncomingRequest(ACTIONS, content);
	if (!parsed.ok) {
		throw new Error(`expected a valid request, got: ${parsed.message}`);
	}
	const { action, sessionId, data } = parsed.value;
	return { action: action.name, sessionId, ...(data as object) };
};

const rejection = (content: unknown): string => {
	const parsed = parseIncomingRequest(ACTIONS, content);
	if (parsed.ok) {
		throw new Error(`expected a rejection, got ${JSON.stringify(parsed.value)}`);
	}
	expect(parsed.code).toBe('invalid-request');
	return parsed.message;
};

describe('parseIncomingRequest', () => {
	it('reads a JSON close-chat body', () => {
		expect(valid({ action: 'close-chat', sessionId: 'room1' })).toEqual({ action: 'close-chat', sessionId: 'room1' });
	});

	it('reads a JSON handover body with its target department', () => {
		expect(valid({ action: 'handover', sessionId: 'room1', actionData: { targetDepartment: 'Sales' } })).toEqual({
			action: 'handover',
			sessionId: 'room1',
			targetDepartment: 'Sales',
		});
	});

	// What body-parser gives for `actionData[targetDepartment]=Sales` with extended (qs) parsing...
	it('reads a nested form key', () => {
		expect(valid({ action: 'handover', sessionId: 'r', actionData: { targetDepartment: 'Sales' } })).toMatchObject({
			targetDepartment: 'Sales',
		});
	});

	// ...and with simple parsing, where the bracketed key stays flat.
	it('reads a flat form key', () => {
		expect(valid({ 'action': 'handover', 'sessionId': 'r', 'actionData[targetDepartment]': 'Sales' })).toMatchObject({
			targetDepartment: 'Sales',
		});
	});

	it('reads actionData sent as a JSON string', () => {
		expect(valid({ action: 'handover', sessionId: 'r', actionData: '{"targetDepartment":"Sales"}' })).toMatchObject({
			targetDepartment: 'Sales',
		});
	});

	it('explains what happened when Python requests flattened a nested dict', () => {
		// requests.post(url, data={"actionData": {"targetDepartment": "Sales"}}) sends actionData=targetDepartment.
		const message = rejection({ action: 'handover', sessionId: 'r', actionData: 'targetDepartment' });
		expect(message).toContain('"actionData"');
		expect(message).toContain('json=');
	});

	it('treats an absent, null or blank department as "use the default"', () => {
		expect(valid({ action: 'handover', sessionId: 'r' })).not.toHaveProperty('targetDepartment');
		expect(valid({ action: 'handover', sessionId: 'r', actionData: null })).not.toHaveProperty('targetDepartment');
		expect(valid({ action: 'handover', sessionId: 'r', actionData: { targetDepartment: null } })).not.toHaveProperty(
			'targetDepartment',
		);
		expect(valid({ action: 'handover', sessionId: 'r', actionData: { targetDepartment: '  ' } })).not.toHaveProperty(
			'targetDepartment',
		);
	});

	it('trims the session id and department', () => {
		expect(valid({ action: 'handover', sessionId: ' r1 ', actionData: { targetDepartment: ' Sales ' } })).toEqual({
			action: 'handover',
			sessionId: 'r1',
			targetDepartment: 'Sales',
		});
	});

	it.each([undefined, null, 'action=close-chat', 42, [], true])(
		'rejects a body that is not an object (%p)',
		(content) => {
			expect(rejection(content)).toContain('JSON object');
		},
	);

	it('lists the valid actions when the action is missing or unknown', () => {
		expect(rejection({ sessionId: 'r' })).toBe(
			'"action" is missing; valid actions are: close-chat, handover, send-message, trigger-intent, back-to-bot.',
		);
		expect(rejection({ action: 'transfer', sessionId: 'r' })).toBe(
			'"action" is "transfer"; valid actions are: close-chat, handover, send-message, trigger-intent, back-to-bot.',
		);
		expect(rejection({ action: 7, sessionId: 'r' })).toContain(
			'valid actions are: close-chat, handover, send-message, trigger-intent',
		);
	});

	it.each([
		[{ action: 'close-chat' }, '"sessionId" is missing'],
		[{ action: 'close-chat', sessionId: '' }, '"sessionId" is empty'],
		[{ action: 'close-chat', sessionId: 12 }, '"sessionId" is a number'],
		[{ action: 'close-chat', sessionId: ['a', 'b'] }, 'sent more than once'],
		[{ action: 'close-chat', sessionId: 'x'.repeat(300) }, 'too long'],
	])('names sessionId when it is wrong (case %#)', (content, expected) => {
		expect(rejection(content)).toContain(expected);
	});

	it.each([
		[{ action: 'handover', sessionId: 'r', actionData: 5 }, '"actionData" is a number'],
		[{ action: 'handover', sessionId: 'r', actionData: ['Sales'] }, '"actionData" is a list'],
		[{ action: 'handover', sessionId: 'r', actionData: { targetDepartment: 1 } }, '"actionData.targetDepartment"'],
		[{ action: 'handover', sessionId: 'r', actionData: { department: 'Sales' } }, '"actionData.department"'],
		[{ action: 'handover', sessionId: 'r', targetDepartment: 'Sales' }, 'Unknown field "targetDepartment"'],
		[
			{
				'action': 'handover',
				'sessionId': 'r',
				'actionData': { targetDepartment: 'A' },
				'actionData[targetDepartment]': 'B',
			},
			'sent twice',
		],
	])('names the faulty field (case %#)', (content, expected) => {
		expect(rejection(content)).toContain(expected);
	});

	it('keeps a "__proto__" key a plain unknown field', () => {
		const content = JSON.parse('{"action":"close-chat","sessionId":"r","__proto__":{"polluted":true}}');
		expect(rejection(content)).toContain('Unknown field "__proto__"');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('clips what it echoes back and strips control characters', () => {
		const message = rejection({ action: `close\n${'x'.repeat(500)}`, sessionId: 'r' });
		expect(message.length).toBeLessThan(200);
		expect(message).not.toContain('\n');
	});

	it('reads send-message with Rasa-shaped messages', () => {
		expect(
			valid({
				action: 'send-message',
				sessionId: 'r',
				actionData: { messages: [{ text: 'Hi' }, { image: 'https://x.y/a.png' }] },
			}),
		).toEqual({
			action: 'send-message',
			sessionId: 'r',
			messages: [{ text: 'Hi' }, { image: 'https://x.y/a.png' }],
		});
	});

	it.each([
		[{ action: 'send-message', sessionId: 'r' }, '"actionData.messages" must be a list'],
		[{ action: 'send-message', sessionId: 'r', actionData: { messages: [] } }, '"actionData.messages" must be a list'],
		[
			{ action: 'send-message', sessionId: 'r', actionData: { messages: ['hi'] } },
			'"actionData.messages" must be a list',
		],
		[
			{ action: 'send-message', sessionId: 'r', actionData: { messages: [{}], intent: 'x' } },
			'for send-message, actionData accepts only messages',
		],
	])('rejects a send-message body that is wrong (case %#)', (content, expected) => {
		expect(rejection(content)).toContain(expected);
	});

	it('reads trigger-intent with and without a slash, with entities', () => {
		expect(valid({ action: 'trigger-intent', sessionId: 'r', actionData: { intent: '/greet' } })).toEqual({
			action: 'trigger-intent',
			sessionId: 'r',
			intent: 'greet',
		});
		expect(
			valid({
				action: 'trigger-intent',
				sessionId: 'r',
				actionData: { intent: 'inform', entities: { dept: 'sales', n: 2 } },
			}),
		).toEqual({
			action: 'trigger-intent',
			sessionId: 'r',
			intent: 'inform',
			entities: { dept: 'sales', n: 2 },
		});
	});

	it.each([
		[{ action: 'trigger-intent', sessionId: 'r' }, '"actionData.intent" is missing'],
		[{ action: 'trigger-intent', sessionId: 'r', actionData: { intent: 'greet{"a":1}' } }, '"actionData.intent" is'],
		[
			{ action: 'trigger-intent', sessionId: 'r', actionData: { intent: 'greet', entities: [] } },
			'"actionData.entities" must be an object',
		],
		[
			{ action: 'trigger-intent', sessionId: 'r', actionData: { intent: 'greet', entities: { a: { b: 1 } } } },
			'"actionData.entities.a"',
		],
	])('rejects a trigger-intent body that is wrong (case %#)', (content, expected) => {
		expect(rejection(content)).toContain(expected);
	});
});
