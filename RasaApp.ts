import { App } from '@rocket.chat/apps-engine/definition/App';
import type {
	IAppAccessors,
	IConfigurationExtend,
	IHttp,
	ILogger,
	IModify,
	IPersistence,
	IRead,
} from '@rocket.chat/apps-engine/definition/accessors';
import { ApiSecurity, ApiVisibility } from '@rocket.chat/apps-engine/definition/api';
import type { ILivechatRoom, IPostLivechatRoomStarted } from '@rocket.chat/apps-engine/definition/livechat';
import type { IMessage, IPostMessageSent } from '@rocket.chat/apps-engine/definition/messages';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';
import type { IUIKitResponse } from '@rocket.chat/apps-engine/definition/uikit';
import type {
	IUIKitLivechatInteractionHandler,
	UIKitLivechatBlockInteractionContext,
} from '@rocket.chat/apps-engine/definition/uikit/livechat';

import { CallbackEndpoint } from './src/endpoints/CallbackEndpoint';
import { IncomingEndpoint } from './src/endpoints/IncomingEndpoint';
import { quickReplyClicked } from './src/handlers/quickReplyClicked';
import { relayVisitorMessage } from './src/handlers/relayVisitorMessage';
import { welcomeVisitor } from './src/handlers/welcomeVisitor';
import { settingDefinitions } from './src/settings/settingDefinitions';

/** Wiring only: settings, endpoints and event handlers are declared here, their behaviour lives in src/. */
export class RasaApp
	extends App
	implements IPostMessageSent, IPostLivechatRoomStarted, IUIKitLivechatInteractionHandler
{
	constructor(info: IAppInfo, logger: ILogger, accessors: IAppAccessors) {
		super(info, logger, accessors);
	}

	protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
		await Promise.all(settingDefinitions.map((setting) => configuration.settings.provideSetting(setting)));
		await configuration.api.provideApi({
			visibility: ApiVisibility.PUBLIC,
			security: ApiSecurity.UNSECURE,
			endpoints: [new IncomingEndpoint(this), new CallbackEndpoint(this)],
		});
	}

	public async executePostMessageSent(
		message: IMessage,
		read: IRead,
		http: IHttp,
		_persistence: IPersistence,
		modify: IModify,
	): Promise<void> {
		await relayVisitorMessage(message, read, http, modify, this.getLogger());
	}

	public async executePostLivechatRoomStarted(
		room: ILivechatRoom,
		read: IRead,
		http: IHttp,
		_persistence: IPersistence,
		modify?: IModify,
	): Promise<void> {
		if (modify) {
			await welcomeVisitor(room, read, http, modify, this.getLogger());
		}
	}

	public async executeLivechatBlockActionHandler(
		context: UIKitLivechatBlockInteractionContext,
		read: IRead,
		_http: IHttp,
		_persistence: IPersistence,
		modify: IModify,
	): Promise<IUIKitResponse> {
		return quickReplyClicked(context, read, modify);
	}
}
