import type { ConversationAction } from './ConversationAction';
import type { DepartmentCache } from './DepartmentCache';
import type { IRoomMemory } from './IRoomMemory';
import type { PendingClicks } from './PendingClicks';
import type { RoomSteps } from './RoomSteps';
import type { FetchedImage, ImageLimits } from '../../files/fetchImage';
import type { IOmnichannel } from '../../omnichannel/IOmnichannel';
import type { IRasaClient } from '../../rasa/RasaClient';
import type { RasaHealth } from '../../rasa/healthCheck';
import type { ISettingsReader } from '../../settings/SettingsReader';
import type { Assistant, Assistants } from '../../settings/assistants';
import type { Counts, IChatCounter } from '../../shared/chatCounts';

/** Log lines name rooms and outcomes, never tokens or message bodies; every line is cleaned of control characters. */
export interface IConversationLog {
	info(line: string): void;
	warn(line: string): void;
	error(line: string): void;
}

/** Everything the conversation layer works with during one call or event, built by context/createConversation. */
export type Conversation = {
	/** What callers and Rasa's custom payloads can ask for (conversation/actions/registry.ts). */
	readonly actions: ReadonlyArray<Action>;
	readonly omnichannel: IOmnichannel;
	readonly settings: ISettingsReader;
	/** The workspace's assistants (bots and their Rasa servers), read on first use. */
	assistants(): Promise<Assistants>;
	/** A client of the assistant's Rasa server. */
	rasaFor(assistant: Assistant): Promise<IRasaClient>;
	readonly memory: IRoomMemory;
	/** What `/rasa status` counts: chats served, handed over, closed by the bot, idle-closed, Rasa failures. */
	readonly counter: IChatCounter;
	/** Every instance's counts since a time (ms). */
	countsSince(since: number): Promise<Counts>;
	/** Asks the assistant's Rasa whether it answers (healthCheck.ts); never throws. */
	rasaHealth(assistant: Assistant): Promise<RasaHealth>;
	/** Fetches a bot's image from another host, within the limits (files/fetchImage.ts). */
	fetchImage(url: string, limits: ImageLimits): Promise<FetchedImage>;
	/** Departments found recently by name or id (a few seconds, per instance). */
	readonly departments: DepartmentCache;
	readonly rooms: RoomSteps;
	readonly clicks: PendingClicks;
	readonly log: IConversationLog;
	/** When an endpoint call must have answered (Rocket.Chat stops it at 30 s); events have none. */
	readonly deadline?: number;
	now(): number;
};

/** An action of the registry, performed within a Conversation. */
export type Action = ConversationAction<Conversation>;

/** How long a call may still wait, within its deadline. */
export const timeLeft = (conversation: Conversation): number =>
	conversation.deadline === undefined ? Infinity : Math.max(0, conversation.deadline - conversation.now());
