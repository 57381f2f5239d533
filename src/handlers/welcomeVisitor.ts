import type { IHttp, ILogger, IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { ILivechatRoom } from '@rocket.chat/apps-engine/definition/livechat';

import { createRelayDeps } from '../relay/createRelayDeps';
import { relayToRasa } from '../relay/relayToRasa';
import { AppSettings } from '../settings/AppSettings';

/** IPostLivechatRoomStarted: when the bot serves a new chat and a welcome intent is set, Rasa greets the visitor. */
export async function welcomeVisitor(
	room: ILivechatRoom,
	read: IRead,
	http: IHttp,
	modify: IModify,
	logger: ILogger,
): Promise<void> {
	const settings = new AppSettings(read.getEnvironmentReader().getSettings());
	const intent = await settings.welcomeIntent();
	if (!intent) {
		return;
	}
	const botUsername = await settings.botUsername();
	if (!botUsername || room.servedBy?.username !== botUsername) {
		return;
	}
	const deps = await createRelayDeps(read, modify, http, logger);
	const session = await deps.omnichannel.findSession(room.id);
	if (session?.isOpen && session.servedByUsername === botUsername) {
		await relayToRasa(deps, session, intent.startsWith('/') ? intent : `/${intent}`);
	}
}
