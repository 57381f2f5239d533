import { httpCall, type HttpAnswer } from '../../../sandbox/src/client/http';
import { APP_ID } from '../../../sandbox/src/packagedApp';

type QuestionWithButtons = { _id: string; blocks?: unknown };
type ButtonBlock = { blockId: string; elements: Array<{ actionId: string; value: string }> };

/**
 * Clicks a bot message's button as the livechat widget does: a block action posted to
 * /api/apps/ui.interaction/:appId with the visitor's token, for the first block's button at `index`.
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
			mid: question._id,
			rid: room.id,
			payload: { blockId: block.blockId, value: button.value },
		},
		headers: { 'x-visitor-token': room.visitorToken },
	});
}
