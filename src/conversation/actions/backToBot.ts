import type { Agent, Session, TransferRefusal } from '../../omnichannel/IOmnichannel';
import type { Assistant, Assistants } from '../../settings/assistants';
import { failed, isFailure, type Failure } from '../../shared/Outcome';
import { oneLine } from '../../text/oneLine';
import type { Conversation } from '../engine/Conversation';
import {
	actionDone,
	LeaseLost,
	parsed,
	type ActionResult,
	type Caller,
	type StepAction,
} from '../engine/ConversationAction';
import { assistantThatServed } from '../engine/servedBy';
import { botNotConfigured, readOpenSession } from '../engine/sessionGuards';

/** Besides the agent serving the chat, who may send any chat back to the bot (Rocket.Chat's own roles). */
export const BACK_TO_BOT_ROLES: ReadonlyArray<string> = ['livechat-manager', 'admin'];

type Prepared = { readonly assistants: Assistants };

/**
 * Sends a chat a human serves back to the bot that served it before (the first assistant when none did): an agent
 * finishing with a visitor does it in one step, from the room's action button, `/rasa back`, or the incoming API.
 * The transfer is all it does: Rocket.Chat's transfer event then tells Rasa, with the return intent and what was
 * said meanwhile (lifecycle/lifecycleIntents.ts), so the chat comes back the same way from Rocket.Chat's own forward.
 */
export const backToBot: StepAction<Record<string, never>, Prepared, Conversation> = {
	name: 'back-to-bot',
	dataFields: [],
	readData: () => parsed({}),
	successMessage: ' Back to the bot request handled successfully',
	botMayAsk: false,
	// Two agents clicking at once on two instances would transfer twice.
	exclusive: true,
	runs: 'step',
	async prepare(conversation) {
		return { assistants: await conversation.assistants() };
	},
	async perform({ conversation, session, caller, stillHolds, prepared: { assistants } }) {
		if (assistants.all.length === 0) {
			return botNotConfigured();
		}
		// First: a second click of the agent who just sent it back (who serves it no longer) learns that it went.
		const serving = assistants.servedBy(session.servedByUsername);
		if (serving) {
			return failed(
				'already-with-bot',
				`The livechat room "${oneLine(session.id, 60)}" is served by the bot "${serving.botUsername}" already.`,
			);
		}
		const refused = refuseCaller(session, caller);
		if (refused) {
			return refused;
		}
		const assistant = (await assistantThatServed(conversation, session.id, assistants)) ?? assistants.all[0];
		const [bot, holds] = await Promise.all([conversation.omnichannel.findAgent(assistant.botUsername), stillHolds()]);
		if (!holds) {
			throw new LeaseLost(session.id);
		}
		if (!bot?.isAgent) {
			return botNotAnAgent(assistant, bot);
		}
		const result = await conversation.omnichannel.transferSession(session, { agentId: bot.id });
		return result.ok ? actionDone : explainRefusal(conversation, session, bot, result.refusal);
	},
};

/** The incoming API's rule for a chat a human serves: the agent serving it, or a livechat manager or an admin. */
function refuseCaller(session: Session, caller: Caller): Failure | undefined {
	const roles = caller.roles ?? [];
	if (caller.id === session.servedById || roles.some((role) => BACK_TO_BOT_ROLES.includes(role))) {
		return undefined;
	}
	return failed(
		'not-allowed',
		`The user "${oneLine(caller.username, 60)}" neither serves the livechat room "${oneLine(session.id, 60)}" nor ` +
			`is a livechat manager or an admin; only they may send it back to the bot.`,
	);
}

function botNotAnAgent(assistant: Assistant, bot: Agent | undefined): Failure {
	return bot
		? failed(
				'not-an-agent',
				`The bot "${bot.username}" is not a livechat agent; make it one in Omnichannel → Agents to send chats back to it.`,
			)
		: failed('agent-not-found', `No user has the username "${assistant.botUsername}" (the bot's "Bot username").`);
}

async function explainRefusal(
	conversation: Conversation,
	session: Session,
	bot: Agent,
	refusal: TransferRefusal,
): Promise<ActionResult> {
	if (refusal === 'agent-offline' || refusal === 'no-agents-online') {
		return failed(
			'agent-not-available',
			`The bot "${bot.username}" is offline or not available for livechat, so Rocket.Chat did not transfer the chat.`,
		);
	}
	if (refusal === 'room-on-hold') {
		return failed('transfer-failed', `The livechat room "${session.id}" is on hold; resume it first.`);
	}
	// Rocket.Chat answers false for a room that is no longer open (closed meanwhile elsewhere): read it again.
	const now = await readOpenSession(conversation.omnichannel, session.id);
	if (isFailure(now) && now.code === 'room-closed') {
		return now;
	}
	return failed(
		'transfer-failed',
		`Rocket.Chat did not transfer the livechat room "${session.id}" to the bot "${bot.username}"; see the app logs.`,
	);
}
