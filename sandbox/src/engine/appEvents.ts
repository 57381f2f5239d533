import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';

import type { SandboxEngine } from './SandboxEngine';
import type { Converters } from './converters';
import type { Logger } from '../logger';
import type { Workspace, WorkspaceEvent } from '../workspace/Workspace';
import { WorkspaceError } from '../workspace/WorkspaceError';
import { newId } from '../workspace/ids';

/** The body the livechat widget posts to /api/apps/ui.interaction/:appId for a block action. */
export type LivechatBlockAction = {
	actionId: string;
	triggerId?: string;
	mid: string;
	rid: string;
	payload: { blockId?: string; value?: unknown };
	container?: { type: string; id: string };
};

type Listener = (appInterface: AppInterface, data: unknown) => Promise<unknown>;

/**
 * The one place that tells apps what happened, as Rocket.Chat's ListenerBridge does: which interface each workspace
 * event fires (functions/sendMessage.ts, QueueManager.ts, RoutingManager.ts, closeRoom.ts), with the data converted
 * to the Apps-Engine shapes. Like Rocket.Chat, nothing waits for the apps (`void triggerEvent`); a failing app is
 * logged. Livechat visitors' UIKit interactions (which Rocket.Chat answers with the app's response) go through here
 * too.
 */
export class AppEvents {
	private readonly listener: Listener;

	constructor(
		private readonly workspace: Workspace,
		engine: SandboxEngine,
		private readonly convert: Converters,
		private readonly log: Logger,
	) {
		const bridge = engine.bridges.getListenerBridge() as unknown as { livechatEvent: Listener };
		this.listener = (appInterface, data) => bridge.livechatEvent(appInterface, data);
		workspace.onEvent((event) => this.fire(event));
	}

	private fire(event: WorkspaceEvent): void {
		for (const [appInterface, data] of this.eventsFor(event)) {
			this.listener(appInterface, data).catch((error: unknown) =>
				this.log('warn', `app event ${appInterface} failed: ${error instanceof Error ? error.message : String(error)}`),
			);
		}
	}

	private eventsFor(event: WorkspaceEvent): Array<[AppInterface, unknown]> {
		switch (event.type) {
			case 'message-sent': {
				const message = this.convert.message(event.message);
				// A message with a type (a system message) fires its own event (sendMessage.ts).
				const appInterface = event.message.t ? AppInterface.IPostSystemMessageSent : AppInterface.IPostMessageSent;
				return message ? [[appInterface, message]] : [];
			}
			case 'message-updated': {
				const message = this.convert.message(event.message);
				return message ? [[AppInterface.IPostMessageUpdated, message]] : [];
			}
			case 'room-started':
				return [[AppInterface.IPostLivechatRoomStarted, this.convert.room(event.room)]];
			case 'agent-assigned':
				return [
					[
						AppInterface.IPostLivechatAgentAssigned,
						{ room: this.convert.room(event.room), agent: this.convert.user(event.agent) },
					],
				];
			case 'agent-unassigned':
				return [
					[
						AppInterface.IPostLivechatAgentUnassigned,
						{ room: this.convert.room(event.room), agent: this.convert.user(event.agent) },
					],
				];
			case 'room-closed': {
				const room = this.convert.room(event.room);
				// Rocket.Chat still fires the deprecated handler beside the new event.
				return [
					[AppInterface.ILivechatRoomClosedHandler, room],
					[AppInterface.IPostLivechatRoomClosed, room],
				];
			}
			default:
				return [];
		}
	}

	/** A visitor clicked a button of an app's message in the livechat widget; answers the app's UIKit response. */
	public async livechatBlockAction(
		appId: string,
		visitorToken: string,
		action: LivechatBlockAction,
		appExists: (appId: string) => Promise<boolean>,
	): Promise<unknown> {
		const visitor = this.workspace.findVisitorByToken(visitorToken);
		const room = this.workspace.findRoom(action.rid);
		const message = this.workspace.findMessage(action.mid);
		if (!visitor || room?.v._id !== visitor._id || message?.rid !== room._id) {
			throw new WorkspaceError('error-invalid-interaction', 'Unknown visitor, room or message');
		}
		if (!(await appExists(appId))) {
			throw new WorkspaceError('error-invalid-app', `No App found by the id of: ${appId}`);
		}
		return this.listener(AppInterface.IUIKitLivechatInteractionHandler, {
			appId,
			type: 'blockAction',
			actionId: action.actionId,
			triggerId: action.triggerId ?? newId(),
			payload: action.payload ?? {},
			container: action.container ?? { type: 'message', id: message._id },
			visitor: this.convert.visitor(visitor),
			room: this.convert.room(room),
			message: this.convert.message(message),
		});
	}
}
