import { AppInterface } from '@rocket.chat/apps-engine/definition/metadata';

import type { SandboxEngine } from './SandboxEngine';
import type { Converters } from './converters';
import { currentInstance } from './instanceContext';
import { SlashCommandRunner } from './slashCommandRunner';
import { UIKitInteractions } from './uikit';
import type { Logger } from '../logger';
import type { Workspace, WorkspaceEvent } from '../workspace/Workspace';
import { WorkspaceError } from '../workspace/WorkspaceError';
import { newId } from '../workspace/ids';
import type { RoomRecord } from '../workspace/types';

/** The body the livechat widget posts to /api/apps/ui.interaction/:appId for a block action (its type aside). */
export type LivechatBlockAction = {
	actionId: string;
	triggerId?: string;
	mid: string;
	rid: string;
	payload: { blockId?: string; value?: unknown };
	container?: { type: string; id: string };
};

type Listener = (appInterface: AppInterface, data: unknown) => Promise<unknown>;

/** Which app events a test holds back, and until when (see AppEvents.holdBack). */
type HeldBack = { appInterface: AppInterface; until: Promise<void> };

/**
 * The one place that tells apps what happened, as Rocket.Chat's ListenerBridge does: which interface each workspace
 * event fires (functions/sendMessage.ts, QueueManager.ts, RoutingManager.ts, closeRoom.ts), with the data converted
 * to the Apps-Engine shapes. Like Rocket.Chat, nothing waits for the apps (`void triggerEvent`); a failing app is
 * logged. UIKit interactions (which Rocket.Chat answers with the app's response) go through here too (uikit.ts).
 */
export class AppEvents {
	private readonly listener: Listener;

	private readonly heldBack: HeldBack[] = [];

	/** Users' and visitors' UIKit interactions (POST /api/apps/ui.interaction/:appId), answered with the app's answer. */
	public readonly uikit: UIKitInteractions;

	/** Users' slash commands (POST /api/v1/commands.run), run by the app that registered them on this instance. */
	public readonly commands: SlashCommandRunner;

	constructor(
		private readonly workspace: Workspace,
		engine: SandboxEngine,
		private readonly convert: Converters,
		private readonly log: Logger,
		/** In a cluster, this instance hears only the events of changes made on it, as Rocket.Chat's instances do. */
		private readonly instance?: number,
	) {
		const bridge = engine.bridges.getListenerBridge() as unknown as { livechatEvent: Listener };
		this.listener = (appInterface, data) => bridge.livechatEvent(appInterface, data);
		this.uikit = new UIKitInteractions(workspace, convert, this.listener);
		this.commands = new SlashCommandRunner(workspace, convert, engine, log, instance);
		workspace.onEvent((event) => this.fire(event));
	}

	private fire(event: WorkspaceEvent): void {
		if (this.instance !== undefined && currentInstance() !== this.instance) {
			return;
		}
		for (const [appInterface, data] of this.eventsFor(event)) {
			const held = this.heldBack.filter((hold) => hold.appInterface === appInterface).map((hold) => hold.until);
			void Promise.all(held)
				.then(() => this.listener(appInterface, data))
				.catch((error: unknown) =>
					this.log(
						'warn',
						`app event ${appInterface} failed: ${error instanceof Error ? error.message : String(error)}`,
					),
				);
		}
	}

	/**
	 * For tests: events of this interface reach apps only once `until` settles. Rocket.Chat awaits no app event and
	 * converts each one with reads of its own (listeners.ts), so an app may hear of events in another order than they
	 * happened (a chat's first message before the news that the bot took it); the sandbox delivers them in order
	 * unless a test holds one kind back to reproduce that.
	 */
	public holdBack(appInterface: AppInterface, until: Promise<void>): void {
		const hold = { appInterface, until };
		this.heldBack.push(hold);
		void until.finally(() => this.heldBack.splice(this.heldBack.indexOf(hold), 1));
	}

	private eventsFor(event: WorkspaceEvent): Array<[AppInterface, unknown]> {
		switch (event.type) {
			case 'message-sent': {
				const message = this.convert.message(event.message);
				// A message with a type (a system message) fires its own event since Apps-Engine 1.49 (sendMessage.ts);
				// before, sendMessage fired IPostMessageSent for system messages too (versionProfile `systemMessageEvent`).
				const system = event.message.t && this.workspace.profile.systemMessageEvent === 'IPostSystemMessageSent';
				return message ? [[system ? AppInterface.IPostSystemMessageSent : AppInterface.IPostMessageSent, message]] : [];
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
			case 'room-transferred': {
				// Rocket.Chat sends ids and the listener bridge reads them (listeners.ts): the room as it is now.
				const convert = (id: string | undefined) =>
					event.scope === 'agent' ? this.convert.userById(id) : this.convert.departmentById(id);
				return [
					[
						AppInterface.IPostLivechatRoomTransferred,
						{
							type: event.scope,
							room: this.convert.room(event.room),
							from: convert(event.from),
							to: convert(event.to),
						},
					],
				];
			}
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

	/**
	 * Before a new chat is stored: the apps implementing IPreLivechatRoomCreatePrevent see the room about to be created
	 * and refuse it by throwing an AppsEngineException, which becomes `error-app-prevented` with its message; any
	 * other error stops the chat as it is (QueueManager.requestRoom). Awaited, unlike every other app event.
	 */
	public async beforeRoomCreated(room: RoomRecord): Promise<void> {
		try {
			await this.listener(AppInterface.IPreLivechatRoomCreatePrevent, this.convert.room(room));
		} catch (error) {
			if (error instanceof Error && error.name === 'AppsEngineException') {
				throw new WorkspaceError('error-app-prevented', error.message);
			}
			throw error;
		}
	}

	/**
	 * A visitor's click on a button of an app's message, posted as the livechat widget posts it (its container, a
	 * trigger id), for callers without HTTP; answers the app's UIKit response, and throws what the route would refuse.
	 */
	public async livechatBlockAction(
		appId: string,
		visitorToken: string,
		action: LivechatBlockAction,
		appExists: (appId: string) => Promise<boolean>,
	): Promise<unknown> {
		if (!(await appExists(appId))) {
			throw new WorkspaceError('error-invalid-app', `No App found by the id of: ${appId}`);
		}
		const answer = await this.uikit.interact(
			appId,
			{
				type: 'blockAction',
				...action,
				triggerId: action.triggerId ?? newId(),
				container: action.container ?? { type: 'message', id: action.mid },
			},
			{ visitorToken },
		);
		if (answer.status !== 200) {
			throw new Error(`ui.interaction answered ${answer.status}: ${JSON.stringify(answer.body)}`);
		}
		return answer.body;
	}
}
