import { withoutSecrets } from '../../rasa/rasaUrl';
import { COUNTED, type Counted, type Counts } from '../../shared/chatCounts';
import type { Conversation } from '../engine/Conversation';

/** Who may see the bot's status (Rocket.Chat's own roles). */
export const STATUS_ROLES: ReadonlyArray<string> = ['admin', 'livechat-manager'];
/** What a status looks back over when not told; it can look back at most as far as the counts are kept. */
export const DEFAULT_STATUS_HOURS = 24;
export const MAX_STATUS_HOURS = 35 * 24;

export type AssistantStatus = {
	readonly bot: string;
	readonly rasa: {
		readonly url: string;
		readonly reachable: boolean;
		readonly version?: string;
		readonly channel: string;
		readonly channelAnswers: boolean;
		readonly problem?: string;
	};
};

/** What `/rasa status` and GET status answer: each assistant's Rasa, and every instance's counts since `since`. */
export type BotStatus = {
	readonly since: string;
	readonly assistants: ReadonlyArray<AssistantStatus>;
	readonly counts: Counts;
	/** Why the Assistants setting was ignored, when it was. */
	readonly problem?: string;
};

/** Checks each assistant's Rasa and reads the counts, all at once: the slowest check (3 s at most) sets the time. */
export async function readBotStatus(conversation: Conversation, since: number): Promise<BotStatus> {
	const assistants = await conversation.assistants();
	const [counts, ...checks] = await Promise.all([
		conversation.countsSince(since),
		...assistants.all.map((assistant) => conversation.rasaHealth(assistant)),
	]);
	return {
		since: new Date(since).toISOString(),
		assistants: assistants.all.map((assistant, index) => {
			const { reachable, version, channel, channelAnswers, healthy, line } = checks[index];
			return {
				bot: assistant.botUsername,
				rasa: {
					url: withoutSecrets(assistant.rasaServerUrl),
					reachable,
					...(version ? { version } : {}),
					channel,
					channelAnswers,
					...(healthy ? {} : { problem: line.replace(/^Rasa health: /, '') }),
				},
			};
		}),
		counts,
		...(assistants.problem ? { problem: assistants.problem } : {}),
	};
}

const COUNT_LABELS: Readonly<Record<Counted, string>> = {
	served: 'chats given to the bot',
	handedOver: 'handed over to humans',
	closedByBot: 'closed by the bot',
	idleClosed: 'closed as idle',
	rasaFailures: 'Rasa failures',
};

/** The status as an agent reads it in the room (Markdown, as Rocket.Chat renders messages). */
export function statusText(status: BotStatus, hours: number): string {
	const lines = status.assistants.map(
		({ bot, rasa }) => `*${bot}* → ${rasa.url}: ${stateOf(rasa)}${rasa.problem ? ` (${rasa.problem})` : ''}`,
	);
	if (status.assistants.length === 0) {
		lines.push('No bot is configured: set "Bot username" in the Rasa app\'s settings.');
	}
	if (status.problem) {
		lines.push(`The Assistants setting is ignored: ${status.problem}`);
	}
	const counts = COUNTED.map((what) => `${COUNT_LABELS[what]}: ${status.counts[what]}`).join(' · ');
	lines.push(`Last ${hours} h (all instances): ${counts}`);
	return lines.join('\n');
}

function stateOf(rasa: AssistantStatus['rasa']): string {
	const version = rasa.version ? `Rasa ${rasa.version}` : 'Rasa';
	if (!rasa.reachable) {
		return ':red_circle: not reachable';
	}
	return rasa.channelAnswers
		? `:green_circle: ${version}, ${rasa.channel} channel answers`
		: `:orange_circle: ${version}, but its ${rasa.channel} channel does not answer`;
}
