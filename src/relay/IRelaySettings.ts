import type { ICloseChatSettings } from '../actions/closeChat';
import type { IHandoverSettings } from '../actions/handover';

/** The settings the relay reads, each only when needed (every read is a round trip to the server). */
export interface IRelaySettings extends IHandoverSettings, ICloseChatSettings {
	typingIndicator(): Promise<boolean>;
	serviceUnavailableMessage(): Promise<string>;
	handoverOnFailure(): Promise<boolean>;
}

/** Logging without secrets: lines name rooms and outcomes, never tokens or message bodies. */
export interface IRelayLog {
	info(line: string): void;
	warn(line: string): void;
}
