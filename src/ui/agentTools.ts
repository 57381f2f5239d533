import type { IHttp, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { IRoom } from '@rocket.chat/apps-engine/definition/rooms';
import type { ISlashCommand, SlashCommandContext } from '@rocket.chat/apps-engine/definition/slashcommands';
import type { IUIActionButtonDescriptor } from '@rocket.chat/apps-engine/definition/ui';
import type { IUser } from '@rocket.chat/apps-engine/definition/users';

import { runRasaCommand, sendBack } from '../conversation/agents/rasaCommand';
import type { Conversation } from '../conversation/engine/Conversation';
import type { Caller } from '../conversation/engine/ConversationAction';
import { errorMessage } from '../text/errorMessage';

/** Builds the call's Conversation from its accessors (RasaApp's, so that one context function builds them all). */
export type ConversationFor = (accessors: {
	read: IRead;
	http: IHttp;
	persistence: IPersistence;
	modify: IModify;
}) => Conversation;

export const BACK_TO_BOT_ACTION = 'rasa-back-to-bot';

/**
 * "Back to the bot" in a livechat room's kebab menu (a room action). Rocket.Chat shows it to everyone who opens a
 * livechat room; the click checks who may, as `/rasa back` does. ('livechat' and 'roomAction' as text: no enum needs
 * to exist at run time in older engines.)
 */
export const backToBotButton = {
	actionId: BACK_TO_BOT_ACTION,
	context: 'roomAction',
	labelI18n: 'back_to_bot_button',
	when: { roomTypes: ['livechat'] },
} as unknown as IUIActionButtonDescriptor;

const callerOf = (user: IUser): Caller => ({
	id: user.id,
	username: user.username,
	roles: Array.isArray(user.roles) ? user.roles : [],
});

/**
 * `/rasa back | status [hours] | help`, answered privately in the room where it was typed. An executor must not throw
 * (Rocket.Chat 7 answers the caller 400 with the error, earlier versions log it): a failure is said privately too.
 */
export function rasaSlashCommand(conversationFor: ConversationFor): ISlashCommand {
	return {
		command: 'rasa',
		i18nParamsExample: 'rasa_command_params',
		i18nDescription: 'rasa_command_description',
		providesPreview: false,
		executor: async (context: SlashCommandContext, read, modify, http, persistence) => {
			const conversation = conversationFor({ read, http, persistence, modify });
			const user = context.getSender();
			const room = context.getRoom();
			const answer = await runRasaCommand(conversation, {
				caller: callerOf(user),
				roomId: room?.type === 'l' ? room.id : undefined,
				args: context.getArguments(),
			}).catch((error: unknown) => {
				conversation.log.error(`agents: /rasa failed: ${errorMessage(error)}`);
				return 'The Rasa app failed unexpectedly; see its logs.';
			});
			await tellPrivately(conversation, user, room, answer);
		},
	};
}

/** The room button's click: the chat goes back to the bot, and the one who clicked reads what happened. */
export async function clickBackToBot(conversation: Conversation, user: IUser, room: IRoom | undefined): Promise<void> {
	const answer =
		room?.type === 'l'
			? await sendBack(conversation, { caller: callerOf(user), roomId: room.id }).catch((error: unknown) => {
					conversation.log.error(`agents: back to the bot failed: ${errorMessage(error)}`);
					return 'The Rasa app failed unexpectedly; see its logs.';
				})
			: 'Only a livechat room can go back to the bot.';
	await tellPrivately(conversation, user, room, answer);
}

async function tellPrivately(
	conversation: Conversation,
	user: IUser,
	room: IRoom | undefined,
	text: string,
): Promise<void> {
	if (!room) {
		// Rocket.Chat cannot deliver a private message without a room (5.x–6.x drop it, 7.x throw).
		conversation.log.warn(`agents: an answer for ${user.username} had no room to go to`);
		return;
	}
	await conversation.omnichannel
		.notifyUser({ id: user.id, username: user.username }, room.id, text)
		.catch((error: unknown) =>
			conversation.log.warn(`agents: a private answer was not delivered: ${errorMessage(error)}`),
		);
}
