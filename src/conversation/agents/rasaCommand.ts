import { DEFAULT_STATUS_HOURS, MAX_STATUS_HOURS, readBotStatus, STATUS_ROLES, statusText } from './botStatus';
import { oneLine } from '../../text/oneLine';
import { backToBot } from '../actions/backToBot';
import type { Conversation } from '../engine/Conversation';
import type { Caller } from '../engine/ConversationAction';
import { performAction } from '../engine/performAction';

/** Who typed `/rasa …` (or clicked the room's button), where, and what followed the command. */
export type CommandCall = {
	readonly caller: Caller;
	readonly roomId?: string;
	readonly args: ReadonlyArray<string>;
};

export const HELP_TEXT = [
	'*/rasa back*: send this chat back to the bot that served it, with what was said meanwhile (the agent serving it, a livechat-manager or an admin).',
	"*/rasa status [hours]*: each bot's Rasa (reachable, version, channel) and what happened in the last hours (24 unless told; admins and livechat-managers).",
	'*/rasa help*: this text.',
].join('\n');

/**
 * What `/rasa` does, answered as one private text: Rocket.Chat runs a slash command for anyone who may type in the
 * room (apps' commands carry no permission of their own), so each subcommand checks its caller here, as the
 * incoming API does.
 */
export async function runRasaCommand(conversation: Conversation, call: CommandCall): Promise<string> {
	const [subcommand = 'help', ...rest] = call.args.map((arg) => arg.trim()).filter(Boolean);
	switch (subcommand.toLowerCase()) {
		case 'back':
			return sendBack(conversation, call);
		case 'status':
			return status(conversation, call.caller, rest[0]);
		case 'help':
			return HELP_TEXT;
		default:
			return `There is no "/rasa ${oneLine(subcommand, 30)}".\n${HELP_TEXT}`;
	}
}

/** The room's action button and `/rasa back` alike: the back-to-bot action under the incoming API's rules. */
export async function sendBack(
	conversation: Conversation,
	call: Pick<CommandCall, 'caller' | 'roomId'>,
): Promise<string> {
	if (!call.roomId) {
		return 'Use "/rasa back" in the livechat room you want to send back to the bot.';
	}
	const outcome = await performAction(conversation, backToBot, call.roomId, {}, call.caller);
	conversation.log.info(
		`agents: back-to-bot of ${oneLine(call.roomId, 60)} by ${call.caller.username}: ${outcome.ok ? 'done' : outcome.code}`,
	);
	return outcome.ok ? 'The chat goes back to the bot, with what was said here meanwhile.' : outcome.message;
}

async function status(conversation: Conversation, caller: Caller, hoursArg: string | undefined): Promise<string> {
	if (!(caller.roles ?? []).some((role) => STATUS_ROLES.includes(role))) {
		return "Only admins and livechat-managers may see the bot's status.";
	}
	const hours = readHours(hoursArg);
	if (hours === undefined) {
		return `"${oneLine(hoursArg ?? '', 30)}" is not a number of hours; try "/rasa status 24" (1 to ${MAX_STATUS_HOURS}).`;
	}
	const found = await readBotStatus(conversation, conversation.now() - hours * 3600000);
	return statusText(found, hours);
}

/** Whole hours from 1 to MAX_STATUS_HOURS, or the default when not given; undefined for anything else. */
export function readHours(value: string | undefined): number | undefined {
	if (value === undefined || value === '') {
		return DEFAULT_STATUS_HOURS;
	}
	if (!/^\d{1,4}$/.test(value)) {
		return undefined;
	}
	const hours = Number(value);
	return hours >= 1 && hours <= MAX_STATUS_HOURS ? hours : undefined;
}
