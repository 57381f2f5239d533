/**
 * One bot message as Rasa's REST and callback channels send it. Only these keys are defined by Rasa; anything
 * else is ignored, and every value is checked before use because bots put arbitrary JSON in attachment and custom.
 */
export type RasaBotMessage = {
	recipient_id?: unknown;
	text?: unknown;
	image?: unknown;
	buttons?: unknown;
	attachment?: unknown;
	custom?: unknown;
};

/** What the app asks Rasa: the room id is the sender, so Rasa's tracker.sender_id is the room id. */
export type RasaTurn = {
	sender: string;
	message: string;
	metadata?: Record<string, unknown>;
};
