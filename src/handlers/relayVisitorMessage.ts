import type { IHttp, ILogger, IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatMessage, ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { createRelayDeps } from '../relay/createRelayDeps';
import { relayToRasa } from '../relay/relayToRasa';
import { AppSettings } from '../settings/AppSettings';

/** A quick-reply click is posted as the visitor's message showing the title; this field carries what Rasa gets. */
export const RASA_PAYLOAD_FIELD = 'rasaPayload';

/** What to send to Rasa for a message, or undefined when the message is not a visitor's turn to relay. */
export function visitorTurnOf(message: IMessage): string | undefined {
	const room = message.room as Partial<ILivechatRoom>;
	if (message.room?.type !== RoomType.LIVE_CHAT || room.isOpen !== true || !room.visitor) {
		return undefined;
	}
	// System messages (closing, transfers...) and edits are not turns.
	if (message.type || message.editedAt) {
		return undefined;
	}
	const fromVisitor =
		(message.sender?.id !== undefined && message.sender.id === room.visitor.id) ||
		(message as ILivechatMessage).token === room.visitor.token;
	if (!fromVisitor) {
		return undefined;
	}
	const payload: unknown = message.customFields?.[RASA_PAYLOAD_FIELD];
	if (typeof payload === 'string' && payload.trim() !== '') {
		return payload;
	}
	return typeof message.text === 'string' && message.text.trim() !== '' ? message.text : undefined;
}

/**
 * IPostMessageSent: a visitor's message in an open livechat room served by the bot goes to Rasa. The room is read
 * again (not taken from the event) so that a chat a human took over a moment ago is not relayed.
 */
export async function relayVisitorMessage(
	message: IMessage,
	read: IRead,
	http: IHttp,
	modify: IModify,
	logger: ILogger,
): Promise<void> {
	const turn = visitorTurnOf(message);
	if (turn === undefined) {
		return;
	}
	const botUsername = await new AppSettings(read.getEnvironmentReader().getSettings()).botUsername();
	if (!botUsername || (message.room as ILivechatRoom).servedBy?.username !== botUsername) {
		return;
	}
	const deps = await createRelayDeps(read, modify, http, logger);
	const session = await deps.omnichannel.findSession(message.room.id);
	if (!session?.isOpen || session.servedByUsername !== botUsername) {
		return;
	}
	await relayToRasa(deps, session, turn);
}
