import { App } from '@rocket.chat/apps-engine/definition/App';
import type {
	IAppAccessors,
	IConfigurationExtend,
	IConfigurationModify,
	IEnvironmentRead,
	IHttp,
	ILogger,
	IModify,
	IPersistence,
	IRead,
	ISettingRead,
} from '@rocket.chat/apps-engine/definition/accessors';
import { ApiSecurity, ApiVisibility } from '@rocket.chat/apps-engine/definition/api';
import type {
	ILivechatEventContext,
	ILivechatRoom,
	ILivechatTransferEventContext,
	IPostLivechatAgentAssigned,
	IPostLivechatAgentUnassigned,
	IPostLivechatRoomClosed,
	IPostLivechatRoomTransferred,
} from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessage, IPostMessageSent } from '@rocket.chat/apps-engine/definition/messages';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { IProcessor, StartupType } from '@rocket.chat/apps-engine/definition/scheduler';
import type { ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type {
	IUIKitInteractionHandler,
	IUIKitResponse,
	UIKitActionButtonInteractionContext,
} from '@rocket.chat/apps-engine/definition/uikit';
import type {
	IUIKitLivechatInteractionHandler,
	UIKitLivechatBlockInteractionContext,
} from '@rocket.chat/apps-engine/definition/uikit/livechat';

import { InstanceState } from './src/context/InstanceState';
import { createConversation, safeLog } from './src/context/createConversation';
import { forgetClosedRooms } from './src/conversation/lifecycle/housekeeping';
import { closeIdleChats } from './src/conversation/lifecycle/idleChats';
import { chatClosed, chatLeftBot, chatReturnedToBot } from './src/conversation/lifecycle/lifecycleIntents';
import { welcomeVisitor } from './src/conversation/lifecycle/welcome';
import { answerQuickReply } from './src/conversation/turns/quickReplies';
import { relayVisitorMessage } from './src/conversation/turns/visitorTurns';
import { CallbackEndpoint } from './src/endpoints/CallbackEndpoint';
import { IncomingEndpoint } from './src/endpoints/IncomingEndpoint';
import { StatusEndpoint } from './src/endpoints/StatusEndpoint';
import { sessionOfRoom } from './src/omnichannel/AppsEngineOmnichannel';
import {
	agentAssignedOf,
	closedChatOf,
	quickReplyClickOf,
	transferredRoomOf,
	visitorMessageOf,
} from './src/omnichannel/appEvents';
import { reportRasaHealth } from './src/rasa/reportRasaHealth';
import { SettingsReader } from './src/settings/SettingsReader';
import { readAssistants } from './src/settings/assistants';
import { SETTINGS } from './src/settings/declarations';
import { settingDefinitions } from './src/settings/settingDefinitions';
import { errorMessage } from './src/text/errorMessage';
import { BACK_TO_BOT_ACTION, backToBotButton, clickBackToBot, rasaSlashCommand } from './src/ui/agentTools';

/**
 * How often the app forgets what it stored about closed rooms (a human-interval string, as Agenda reads it). Not
 * exported: the engine takes the main file's export for the app class.
 */
const HOUSEKEEPING_INTERVAL = '10 minutes';
/** Settings after whose change each Rasa server is checked again. */
const HEALTH_SETTINGS: ReadonlyArray<string> = [
	SETTINGS.rasaServerUrl.id,
	SETTINGS.rasaMode.id,
	SETTINGS.assistantList.id,
];
/** How often idle chats are looked for: the warning and the close come at most this late. */
const IDLE_CHECK_INTERVAL = '30 seconds';

/** Wiring only: settings, endpoints and event handlers are declared here; their behaviour lives in src/. */
export class RasaApp
	extends App
	implements
		IPostMessageSent,
		IPostLivechatAgentAssigned,
		IPostLivechatAgentUnassigned,
		IPostLivechatRoomTransferred,
		IPostLivechatRoomClosed,
		IUIKitLivechatInteractionHandler,
		IUIKitInteractionHandler
{
	private readonly instance = new InstanceState();

	constructor(info: IAppInfo, logger: ILogger, accessors: IAppAccessors) {
		super(info, logger, accessors);
	}

	protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
		await Promise.all(settingDefinitions.map((setting) => configuration.settings.provideSetting(setting)));
		await configuration.api.provideApi({
			visibility: ApiVisibility.PUBLIC,
			security: ApiSecurity.UNSECURE,
			endpoints: [
				new IncomingEndpoint(this, this.instance),
				new CallbackEndpoint(this, this.instance),
				new StatusEndpoint(this, this.instance),
			],
		});
		await configuration.scheduler.registerProcessors([this.housekeeping, this.idleChats]);
		// Every claimed engine (1.33 and later) has room action buttons; Rocket.Chat drops them without ui.registerButtons.
		await configuration.ui.registerButton(backToBotButton);
		// Last: after a disable and enable, Rocket.Chat still holds the command and refuses it again, which stops
		// whatever this method would configure after it.
		await configuration.slashCommands.provideSlashCommand(
			rasaSlashCommand((accessors) => this.conversation(accessors)),
		);
	}

	/**
	 * What the app stored about rooms that have closed is removed in batches by a recurring job, not when a room
	 * closes: a close answers without waiting for the app's housekeeping (Rocket.Chat runs the job on one instance).
	 */
	private readonly housekeeping: IProcessor = {
		id: 'rasa-forget-closed-rooms',
		// StartupType.RECURRING, as text: no enum needs to exist at run time in older engines.
		startupSetting: { type: 'recurring' as StartupType.RECURRING, interval: HOUSEKEEPING_INTERVAL },
		processor: async (_job, read, modify, http, persistence) => {
			await this.reportFailure('housekeeping', () =>
				forgetClosedRooms(this.conversation({ read, http, persistence, modify })),
			);
			await this.reportFailure('housekeeping of counts', async () => {
				await this.instance.counts.flush(persistence);
				await this.instance.counts.forgetOld(read.getPersistenceReader(), persistence);
			});
		},
	};

	/** Chats the bot serves with no visitor message for the configured time are warned, then closed (idleChats.ts). */
	private readonly idleChats: IProcessor = {
		id: 'rasa-close-idle-chats',
		startupSetting: { type: 'recurring' as StartupType.RECURRING, interval: IDLE_CHECK_INTERVAL },
		processor: async (_job, read, modify, http, persistence) => {
			await this.reportFailure('idle chats', () =>
				closeIdleChats(this.conversation({ read, http, persistence, modify })),
			);
			// What this instance counted since its last write reaches the others at the latest here.
			await this.reportFailure('counts', () => this.instance.counts.flush(persistence));
		},
	};

	public async onEnable(environment: IEnvironmentRead, _configuration: IConfigurationModify): Promise<boolean> {
		this.instance.settingsCache.clear();
		await this.reportHealth(environment.getSettings(), this.getAccessors().http);
		return true;
	}

	/**
	 * Leaves the admin's new value as it is (the engine keeps the setting when this answers nothing). The engine logs
	 * what this method returns; the default, the new setting itself, would put the callback token into the app's log.
	 */
	public async onPreSettingUpdate(): Promise<ISetting> {
		return undefined as unknown as ISetting;
	}

	public async onSettingUpdated(
		setting: ISetting,
		_configuration: IConfigurationModify,
		read: IRead,
		http: IHttp,
	): Promise<void> {
		this.instance.settingsCache.changed(setting.id, setting.value ?? setting.packageValue);
		if (HEALTH_SETTINGS.includes(setting.id)) {
			await this.reportHealth(read.getEnvironmentReader().getSettings(), http);
		}
	}

	public async executePostMessageSent(
		message: IMessage,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify: IModify,
	): Promise<void> {
		const visitorMessage = visitorMessageOf(message);
		if (visitorMessage) {
			await this.reportFailure('relay', () =>
				relayVisitorMessage(
					this.conversation({ read, http, persistence, modify }),
					visitorMessage,
					sessionOfRoom(message.room),
				),
			);
		}
	}

	public async executePostLivechatAgentAssigned(
		context: ILivechatEventContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify?: IModify,
	): Promise<void> {
		if (modify) {
			await this.reportFailure('welcome', () =>
				welcomeVisitor(this.conversation({ read, http, persistence, modify }), agentAssignedOf(context)),
			);
		}
	}

	public async executePostLivechatAgentUnassigned(
		context: ILivechatEventContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify?: IModify,
	): Promise<void> {
		await this.reportFailure('agent unassigned', () =>
			chatLeftBot(this.conversation({ read, http, persistence, modify }), agentAssignedOf(context)),
		);
	}

	public async executePostLivechatRoomTransferred(
		context: ILivechatTransferEventContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify?: IModify,
	): Promise<void> {
		if (modify) {
			await this.reportFailure('room transferred', () =>
				chatReturnedToBot(this.conversation({ read, http, persistence, modify }), transferredRoomOf(context)),
			);
		}
	}

	public async executePostLivechatRoomClosed(
		room: ILivechatRoom,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify?: IModify,
	): Promise<void> {
		await this.reportFailure('room closed', () =>
			chatClosed(this.conversation({ read, http, persistence, modify }), closedChatOf(room)),
		);
	}

	public async executeLivechatBlockActionHandler(
		context: UIKitLivechatBlockInteractionContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify: IModify,
	): Promise<IUIKitResponse> {
		const responder = context.getInteractionResponder();
		const click = quickReplyClickOf(context);
		const taken =
			click &&
			(await this.reportFailure('quick reply', () =>
				answerQuickReply(this.conversation({ read, http, persistence, modify }), click),
			));
		return taken ? responder.successResponse() : responder.errorResponse();
	}

	/** The room's "Back to the bot" button (ui/agentTools.ts); the clicker is answered privately. */
	public async executeActionButtonHandler(
		context: UIKitActionButtonInteractionContext,
		read: IRead,
		http: IHttp,
		persistence: IPersistence,
		modify: IModify,
	): Promise<IUIKitResponse> {
		const interaction = context.getInteractionData();
		if (interaction.actionId === BACK_TO_BOT_ACTION) {
			const room = 'room' in interaction ? interaction.room : undefined;
			await this.reportFailure('back to the bot', () =>
				clickBackToBot(this.conversation({ read, http, persistence, modify }), interaction.user, room),
			);
		}
		return context.getInteractionResponder().successResponse();
	}

	/** Each assistant's Rasa server, checked once and logged (a malformed Assistants list is said here, once). */
	private async reportHealth(settings: ISettingRead, http: IHttp): Promise<void> {
		const assistants = await readAssistants(new SettingsReader(settings, this.instance.settingsCache));
		if (assistants.problem) {
			this.instance.firstReport(assistants.problem);
		}
		await reportRasaHealth(assistants, http, this.getLogger());
	}

	/** An event's failure goes to the app's log on one clean line; Rocket.Chat would log a stack and nothing else. */
	private async reportFailure<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
		try {
			return await work();
		} catch (error) {
			safeLog(this.getLogger()).error(`${what}: ${errorMessage(error)}`);
			return undefined;
		}
	}

	private conversation(accessors: { read: IRead; http: IHttp; persistence: IPersistence; modify?: IModify }) {
		return createConversation(this.instance, {
			...accessors,
			modify: accessors.modify as IModify,
			logger: this.getLogger(),
		});
	}
}
