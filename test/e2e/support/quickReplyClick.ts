import { randomBytes } from 'crypto';

import { httpCall, type HttpAnswer } from '../../../sandbox/src/client/http';
import { APP_ID } from '../../../sandbox/src/packagedApp';

type QuestionWithButtons = { _id: string; blocks?: unknown };
type ButtonBlock = { elements: Array<{ actionId: string; value: string }> };

/**
 * Clicks a bot message's button as the livechat widget (1.13.3, lib/uiKit.js triggerAction) does: a block action
 * posted to /api/apps/ui.interaction/:appId with the visitor's token, the message as container and only the
 * button's value as payload (no blockId), for the first block's button at `index`.
 */
export function clickQuickReply(
	workspaceUrl: string,
	room: { id: string; visitorToken: string },
	question: QuestionWithButtons,
	index = 0,
): Promise<HttpAnswer> {
	const [block] = question.blocks as ButtonBlock[];
	const button = block.elements[index];
	return httpCall(`${workspaceUrl}/api/apps/ui.interaction/${APP_ID}`, {
		body: {
			type: 'blockAction',
			actionId: button.actionId,
			rid: room.id,
			mid: question._id,
			viewId: null,
			container: { type: 'message', id: question._id },
			triggerId: randomBytes(9).toString('base64url').slice(0, 17),
			payload: { value: button.value },
		},
		headers: { 'x-visitor-token': room.visitorToken },
	});
}
