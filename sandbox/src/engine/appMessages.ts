import type { IMessage } from '@rocket.chat/apps-engine/definition/messages';

import { toStoredAttachment } from './attachments';
import type { Workspace } from '../workspace/Workspace';
import type { ConvertedMessage } from '../workspace/ephemeral';
import { newId } from '../workspace/ids';

const INVALID_ROOM = 'Invalid room provided on the message.';

/**
 * An app's message as Rocket.Chat's messages converter makes it (app/apps/server/converters/messages.js
 * `convertAppMessage`), for what is sent but not stored (a private answer): no message gives nothing; no room on the
 * message gives nothing up to 6.x and throws from 7.x on (versionProfile `appMessageWithoutRoom`); a
 * room id the workspace does not have is `Invalid room provided on the message.`; the sender is the user of that id as
 * stored (else as the app described it); the id is the app's or a new one, the times the app's or now; the other
 * fields only when the app set them.
 */
export function convertAppMessage(workspace: Workspace, message: IMessage | undefined): ConvertedMessage | undefined {
	if (!message || (!message.room && workspace.profile.appMessageWithoutRoom === 'nothing')) {
		return undefined;
	}
	const room = message.room?.id ? workspace.findRoom(message.room.id) : undefined;
	if (!room) {
		throw new Error(INVALID_ROOM);
	}
	let u: ConvertedMessage['u'];
	if (message.sender?.id) {
		const user = workspace.findUser(message.sender.id);
		u = user
			? { _id: user._id, username: user.username, name: user.name }
			: { _id: message.sender.id, username: message.sender.username, name: message.sender.name };
	}
	// Values cross the Deno boundary as msgpack: a field the app did not set may arrive as null.
	const set = <K extends keyof IMessage>(key: K) => message[key] !== undefined && message[key] !== null;
	return {
		_id: message.id || newId(),
		...(set('threadId') ? { tmid: message.threadId } : {}),
		rid: room._id,
		u,
		msg: message.text,
		ts: message.createdAt ? new Date(message.createdAt) : new Date(),
		_updatedAt: message.updatedAt ? new Date(message.updatedAt) : new Date(),
		...(set('emoji') ? { emoji: message.emoji } : {}),
		...(set('avatarUrl') ? { avatar: message.avatarUrl } : {}),
		...(set('alias') ? { alias: message.alias } : {}),
		...(set('customFields') ? { customFields: message.customFields } : {}),
		...(set('groupable') ? { groupable: message.groupable } : {}),
		...(message.attachments?.length ? { attachments: message.attachments.map(toStoredAttachment) } : {}),
		...(set('parseUrls') ? { parseUrls: message.parseUrls } : {}),
		...(set('blocks') ? { blocks: message.blocks } : {}),
		// A visitor's message an app relays carries the visitor's token (not in IMessage's type).
		...((message as { token?: string }).token ? { token: (message as { token?: string }).token } : {}),
	};
}
