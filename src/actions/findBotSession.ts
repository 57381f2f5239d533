import { failed, type Failure } from './Outcome';
import { findOpenSession, isFailure } from './findOpenSession';
import type { IOmnichannel, Session } from '../omnichannel/IOmnichannel';

/** An open livechat room the bot serves: the only place the bot may speak or act. */
export async function findBotSession(
	omnichannel: IOmnichannel,
	sessionId: string,
	botUsername: string,
): Promise<Session | Failure> {
	if (!botUsername) {
		return failed(
			'not-configured',
			'The app has no "Bot username" set; an administrator must set it in the Rasa app settings.',
		);
	}
	const session = await findOpenSession(omnichannel, sessionId);
	if (isFailure(session)) {
		return session;
	}
	if (session.servedByUsername !== botUsername) {
		return failed(
			'not-served-by-bot',
			`The livechat room "${session.id}" is not served by the bot "${botUsername}", so the bot does not speak there.`,
		);
	}
	return session;
}
