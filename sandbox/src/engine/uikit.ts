import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';

import type { Converters } from './converters';
import type { Workspace } from '../workspace/Workspace';
import type { UserRecord } from '../workspace/types';

/** How the host triggers an app event and gets the app's answer (the listener bridge's `uiKitInteractionEvent`). */
type Trigger = (appInterface: AppInterface, data: unknown) => Promise<unknown>;

/** What POST /api/apps/ui.interaction/:appId answers: a status, and a body (undefined: an empty one). */
export type UIKitAnswer = { status: number; body?: unknown };

/** Who sent an interaction: the logged-in user, and the livechat visitor of the `x-visitor-token` header, if any. */
export type UIKitCaller = { user?: UserRecord; visitorToken?: string };

type Body = Record<string, unknown>;

const record = (value: unknown): Body =>
	value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};

/**
 * UIKit interactions as Rocket.Chat's route hands them to apps (ee/server/apps/communication/uikit.ts, 7.x):
 * - the caller is the logged-in user or the visitor of the `x-visitor-token` header (the visitor found by that token
 *   replaces any `visitor` in the body, and is undefined for an unknown token); with neither, 401;
 * - a block action goes to IUIKitLivechatInteractionHandler when there is a visitor, else to IUIKitInteractionHandler,
 *   as view submissions, closed views and action buttons always do, each with the body's fields the route copies and
 *   the room and message converted by id; any other type is a 400 `Unknown action`;
 * - the app's answer goes back with 200 whatever it is (nothing when the app answers nothing), an error is a 500;
 * - nothing else is checked: not that the room, the message or the visitor belong together or to the app.
 */
export class UIKitInteractions {
	constructor(
		private readonly workspace: Workspace,
		private readonly convert: Converters,
		private readonly trigger: Trigger,
	) {}

	public async interact(appId: string, body: Body, caller: UIKitCaller): Promise<UIKitAnswer> {
		const visitor =
			caller.visitorToken !== undefined ? this.visitorByToken(caller.visitorToken) : (body.visitor ?? undefined);
		if (!caller.user && !visitor) {
			return { status: 401, body: { status: 'error', message: 'You must be logged in to do this.' } };
		}
		const user = caller.user ? this.convert.user(caller.user) : undefined;
		let appInterface = AppInterface.IUIKitInteractionHandler;
		let action: Body;
		try {
			switch (body.type) {
				case 'blockAction':
					appInterface = visitor
						? AppInterface.IUIKitLivechatInteractionHandler
						: AppInterface.IUIKitInteractionHandler;
					action = {
						type: body.type,
						container: body.container,
						appId,
						actionId: body.actionId,
						message: this.messageById(body.mid),
						triggerId: body.triggerId,
						payload: body.payload,
						user,
						visitor,
						room: this.roomById(body.rid),
					};
					break;
				case 'viewClosed': {
					const { view, isCleared } = record(body.payload);
					action = { type: body.type, appId, user, payload: { view, isCleared } };
					break;
				}
				case 'viewSubmit':
					action = {
						type: body.type,
						appId,
						actionId: body.actionId,
						triggerId: body.triggerId,
						payload: body.payload,
						user,
					};
					break;
				case 'actionButton': {
					const { context, message } = record(body.payload);
					action = {
						type: body.type,
						appId,
						actionId: body.actionId,
						triggerId: body.triggerId,
						user,
						room: this.roomById(body.rid),
						message: this.messageById(body.mid),
						tmid: body.tmid,
						payload: { context, ...(message ? { message } : {}) },
					};
					break;
				}
				default:
					return { status: 400, body: { error: 'Unknown action' } };
			}
			return { status: 200, body: await this.trigger(appInterface, action) };
		} catch (error) {
			return { status: 500, body: { error: error instanceof Error ? error.message : error } };
		}
	}

	/** The visitors converter's convertByToken: the visitor with this token, or nothing. */
	private visitorByToken(token: string) {
		const visitor = this.workspace.findVisitorByToken(token);
		return visitor ? this.convert.visitor(visitor) : undefined;
	}

	private roomById(rid: unknown) {
		const room = typeof rid === 'string' ? this.workspace.findRoom(rid) : undefined;
		return room ? this.convert.room(room) : undefined;
	}

	/** `mid && convertById(mid)`: no message id gives the id itself (an empty string, undefined). */
	private messageById(mid: unknown) {
		if (!mid) {
			return mid;
		}
		const message = typeof mid === 'string' ? this.workspace.findMessage(mid) : undefined;
		return message ? this.convert.message(message) : undefined;
	}
}
