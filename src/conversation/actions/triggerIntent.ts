import { isPlainObject } from '../../json/isPlainObject';
import { describeValue } from '../../text/describeValue';
import { oneLine } from '../../text/oneLine';
import { timeLeft, type Conversation } from '../engine/Conversation';
import { actionDone, invalid, parsed, type Parsed, type TurnAction } from '../engine/ConversationAction';
import { takeTurn } from '../turns/takeTurn';

export type Entities = Readonly<Record<string, string | number | boolean>>;

type TriggerIntentData = { readonly intent: string; readonly entities?: Entities };

const INTENT_NAME = /^\/?[\w.-]{1,100}$/;
const MAX_ENTITIES = 20;
/** Leaves Rasa most of the call's 30 s; a turn already running in the room rarely takes longer. */
const MAX_TURN_WAIT_MS = 5000;

/** Rasa's way to inject an intent: the message "/intent{...entities}" bypasses NLU. */
export function intentMessage(intent: string, entities?: Entities): string {
	return `/${intent}${entities && Object.keys(entities).length > 0 ? JSON.stringify(entities) : ''}`;
}

/** Sends an intent to Rasa as if the visitor had said it, and shows the bot's replies. */
export const triggerIntent: TurnAction<TriggerIntentData, Conversation> = {
	name: 'trigger-intent',
	dataFields: ['intent', 'entities'],
	readData: ({ intent, entities }) => {
		if (typeof intent !== 'string' || !INTENT_NAME.test(intent.trim())) {
			return invalid(
				`\"actionData.intent\" is ${describeValue(intent)}; it must be an intent name such as "greet" or "/greet".`,
			);
		}
		const read = readEntities(entities);
		if (!read.ok) {
			return read;
		}
		return parsed({ intent: intent.trim().replace(/^\//, ''), ...(read.value ? { entities: read.value } : {}) });
	},
	successMessage: ' Trigger intent request handled successfully',
	botMayAsk: false,
	runs: 'turn',
	async perform({ conversation, sessionId, data, caller }) {
		const result = await takeTurn(
			conversation,
			sessionId,
			() => intentMessage(data.intent, data.entities),
			Math.min(MAX_TURN_WAIT_MS, timeLeft(conversation)),
			caller,
		);
		return result.ok ? actionDone : result;
	},
};

/** Entities become part of the intent message (/intent{"key":"value"}): flat, short, JSON-safe values only. */
function readEntities(value: unknown): Parsed<Entities | undefined> {
	if (value === undefined || value === null) {
		return parsed(undefined);
	}
	if (!isPlainObject(value) || Object.keys(value).length > MAX_ENTITIES) {
		return invalid(
			`"actionData.entities" must be an object of at most ${MAX_ENTITIES} entities, e.g. {"department":"sales"}.`,
		);
	}
	const wrong = Object.entries(value).find(([, entity]) => !['string', 'number', 'boolean'].includes(typeof entity));
	if (wrong) {
		return invalid(`"actionData.entities.${oneLine(wrong[0], 60)}" must be a string, number or boolean.`);
	}
	return parsed(value as Entities);
}
