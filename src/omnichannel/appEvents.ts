import type {
	ILivechatEventContext,
	ILivechatMessage,
	ILivechatRoom,
	ILivechatTransferEventContext,
} from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';
import type { UIKitLivechatBlockInteractionContext } from '@rocket.chat/apps-engine/definition/uikit/livechat';

import { readQuickReplyClick } from './quickReplyButtons';
import type {
	AgentAssignment,
	ClosedChat,
	QuickReplyClick,
	TransferredRoom,
	VisitorFile,
	VisitorMessage,
} from '../shared/chatEvents';

/** Apps-Engine's RoomType.LIVE_CHAT, as text: no enum needed at run time. */
const LIVE_CHAT = 'l';

/** Rocket.Chat's events, in the app's own terms (shared/chatEvents.ts). */

/** A visitor's own message in an open livechat room; undefined for everything else (bot, agent, system, edits). */
export function visitorMessageOf(message: IMessage): VisitorMessage | undefined {
	const room = message.room as Partial<ILivechatRoom> | undefined;
	if (!room || String(room.type) !== LIVE_CHAT || room.isOpen !== true || !room.visitor || !message.id) {
		return undefined;
	}
	// System messages (closing, transfers...) and edits are not turns. (IMessage has `type` since Apps-Engine 1.4x.)
	if ((message as { type?: unknown }).type || message.editedAt) {
		return undefined;
	}
	const { token } = message as ILivechatMessage;
	const fromVisitor =
		(message.sender?.id !== undefined && message.sender.id === room.visitor.id) ||
		(token !== undefined && token === room.visitor.token);
	const files = filesOf(message);
	const text = typeof message.text === 'string' && message.text.trim() !== '' ? message.text : descriptionOf(message);
	if (!fromVisitor || (text.trim() === '' && files.length === 0)) {
		return undefined;
	}
	return {
		id: message.id,
		roomId: String(room.id),
		text,
		...(files.length > 0 ? { files } : {}),
		servedByUsername: room.servedBy?.username,
	};
}

/** What the visitor wrote about a file they sent (the upload's description, in its attachment), or ''. */
function descriptionOf(message: IMessage): string {
	const attachments = (Array.isArray(message.attachments) ? message.attachments : []) as Array<{
		description?: unknown;
	}>;
	const described = attachments.find((attachment) => typeof attachment.description === 'string');
	return typeof described?.description === 'string' ? described.description : '';
}

type LooseFile = { _id?: unknown; name?: unknown; type?: unknown; typeGroup?: unknown };
type LooseAttachment = { title?: { link?: unknown }; imageUrl?: unknown; imageSize?: unknown; imageType?: unknown };

/**
 * The files of a message: `files` (Rocket.Chat 6 and later; converters that do not map it leave it unmapped) or the
 * older `file`, with the path and size that the matching attachment gives (`/file-upload/<id>/<name>`).
 */
function filesOf(message: IMessage): VisitorFile[] {
	const loose = message as IMessage & { files?: unknown; _unmappedProperties_?: { files?: unknown } };
	const listed = [loose.files, loose._unmappedProperties_?.files].find(Array.isArray) as LooseFile[] | undefined;
	const candidates: LooseFile[] = listed ?? (message.file ? [message.file] : []);
	const attachments = (Array.isArray(message.attachments) ? message.attachments : []) as LooseAttachment[];
	const files: VisitorFile[] = [];
	for (const file of candidates) {
		const { _id: id, name } = file ?? {};
		// Rocket.Chat 7 lists an image's thumbnail beside it; visitors' uploads get none, but a message may.
		if (typeof id !== 'string' || typeof name !== 'string' || file.typeGroup === 'thumb') {
			continue;
		}
		if (files.some((known) => known.id === id)) {
			continue;
		}
		const attachment = attachments.find((candidate) =>
			[candidate.title?.link, candidate.imageUrl].some((link) => typeof link === 'string' && link.includes(`/${id}/`)),
		);
		const link = attachment?.title?.link ?? attachment?.imageUrl;
		files.push({
			id,
			name,
			...(typeof file.type === 'string' ? { type: file.type } : {}),
			...(typeof attachment?.imageSize === 'number' ? { size: attachment.imageSize } : {}),
			...(typeof link === 'string' ? { path: link } : {}),
		});
	}
	return files;
}

/** An agent assigned to, or unassigned from, a room. */
export function agentAssignedOf(context: ILivechatEventContext): AgentAssignment {
	return { roomId: context.room.id, agentUsername: context.agent?.username };
}

/** The room a transfer moved, as the event saw it. */
export function transferredRoomOf(context: ILivechatTransferEventContext): TransferredRoom {
	const room = context.room as Partial<ILivechatRoom>;
	return { roomId: context.room.id, isOpen: room.isOpen === true, servedByUsername: room.servedBy?.username };
}

/**
 * Who closed a room, as Rocket.Chat's room converter says: newer ones map closer and closedBy (a user with its type),
 * older ones leave Rocket.Chat's own fields unmapped.
 */
export function closedChatOf(room: ILivechatRoom): ClosedChat {
	// Apps-Engine 1.33's ILivechatRoom has neither field: read them as Rocket.Chat may or may not send them.
	const loose = room as unknown as {
		closer?: unknown;
		closedBy?: { username?: unknown; type?: unknown };
		_unmappedProperties_?: { closer?: unknown; closedBy?: { username?: unknown } };
	};
	const closer = loose.closer ?? loose._unmappedProperties_?.closer;
	const username = loose.closedBy?.username ?? loose._unmappedProperties_?.closedBy?.username;
	return {
		roomId: room.id,
		...(typeof closer === 'string' ? { closer } : {}),
		...(typeof username === 'string' ? { closedByUsername: username } : {}),
		...(loose.closedBy?.type !== undefined ? { closedByIsApp: String(loose.closedBy.type) === 'app' } : {}),
	};
}
/** A click on one of the app's quick-reply buttons by a livechat visitor; undefined for anything else. */
export function quickReplyClickOf(context: UIKitLivechatBlockInteractionContext): QuickReplyClick | undefined {
	const data = context.getInteractionData();
	const choice = readQuickReplyClick(data.actionId, data.value);
	const roomId = data.room?.id;
	if (!choice || !roomId || !data.visitor) {
		return undefined;
	}
	return {
		roomId,
		botMessageId: data.message?.id,
		botMessageRoomId: data.message?.room?.id,
		visitorToken: data.visitor.token,
		choice,
	};
}
