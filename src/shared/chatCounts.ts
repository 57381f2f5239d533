/** What the app counts, per assistant-agnostic hour, for `/rasa status` and the status endpoint. */
export const COUNTED = ['served', 'handedOver', 'closedByBot', 'idleClosed', 'rasaFailures'] as const;

export type Counted = (typeof COUNTED)[number];

export type Counts = Record<Counted, number>;

export const noCounts = (): Counts => ({ served: 0, handedOver: 0, closedByBot: 0, idleClosed: 0, rasaFailures: 0 });

/** Counts the conversation layer adds to (one instance's; persistence shares them). Never throws, never waits. */
export interface IChatCounter {
	count(what: Counted): void;
}
