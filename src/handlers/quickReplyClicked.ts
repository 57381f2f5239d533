import type { IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatMessage, ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';
import type { IUIKitResponse } from '@rocket.chat/apps-engine/definition/uikit';
import type { UIKitLivechatBlockInteractionContext } from '@rocket.chat/apps-engine/definition/uikit/livechat';

import { RASA_PAYLOAD_FIELD } from './relayVisitorMessage';
import { QUICK_REPLY_ACTION_PREFIX } from '../omnichannel/AppsEngineOmnichannel';
import { AppSettings } from '../settings/AppSettings';

type QuickReplyValue = { title: string; payload: string };

function readValue(value: unknown): QuickReplyValue | undefined {
	if (typeof value !== 'string') {
		return undefined;
	}
	try {
		const parsed = JSON.parse(value) as Partial<QuickReplyValue>;
		return typeof parsed.title === 'string' && typeof parsed.payload === 'string'
			? { title: parsed.title, payload: parsed.payload }
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * A visitor clicked a quick reply. The visitor's message shows the button's title (not a raw payload like
 * /inform{"dept":"sales"}); it carries the payload for Rasa in a custom field, so the ordinary message relay sends the
 * payload once: the click itself is never relayed twice. The buttons are then removed if so configured.
 */
export async function quickReplyClicked(
	context: UIKitLivechatBlockInteractionContext,
	read: IRead,
	modify: IModify,
): Promise<IUIKitResponse> {
	const responder = context.getInteractionResponder();
	const data = context.getInteractionData();
	const choice = data.actionId?.startsWith(QUICK_REPLY_ACTION_PREFIX) ? readValue(data.value) : undefined;
	const room = data.room as ILivechatRoom | undefined;
	if (!choice || !room || !data.visitor) {
		return responder.errorResponse();
	}
	const current = (await read.getRoomReader().getById(room.id)) as ILivechatRoom | undefined;
	if (!current?.isOpen) {
		return responder.errorResponse();
	}
	const creator = modify.getCreator();
	const visitorMessage = creator
		// Only the custom field is given up front; room, visitor and text are set below.
		.startLivechatMessage({ customFields: { [RASA_PAYLOAD_FIELD]: choice.payload } } as unknown as ILivechatMessage)
		.setRoom(current)
		.setVisitor(data.visitor)
		.setText(choice.title);
	await creator.finish(visitorMessage);

	const botMessage = data.message;
	if (
		botMessage?.id &&
		current.servedBy &&
		(await new AppSettings(read.getEnvironmentReader().getSettings()).hideQuickReplies())
	) {
		const update = await modify.getUpdater().message(botMessage.id, current.servedBy);
		update.setBlocks([]);
		await modify.getUpdater().finish(update);
	}
	return responder.successResponse();
}
