import type { IOmnichannel, Session } from '../../omnichannel/IOmnichannel';
import type { Assistant, Assistants } from '../../settings/assistants';
import { failed, type Failure } from '../../shared/Outcome';
import { oneLine } from '../../text/oneLine';

/**
 * The session guards, written once: a session is an open livechat room; the bot acts only where it serves.
 * Each guard answers what to tell the caller when it does not hold.
 */

/** The room as it is now, if it is an open livechat room. `field` names what the caller sent the id as. */
export async function readOpenSession(
	omnichannel: IOmnichannel,
	sessionId: string,
	field = 'sessionId',
): Promise<Session | Failure> {
	return openSession(await omnichannel.findSession(sessionId), sessionId, field);
}

/** The same guard on a room already read (an event's, say). */
export function openSession(session: Session | undefined, sessionId: string, field = 'sessionId'): Session | Failure {
	if (!session?.isLivechat) {
		return failed(
			'session-not-found',
			`No livechat room has the id "${oneLine(sessionId, 60)}"; ${field} must be the room id (Rasa's sender id).`,
		);
	}
	return session.isOpen ? session : roomClosed(session.id);
}

export const roomClosed = (sessionId: string): Failure =>
	failed('room-closed', `The livechat room "${oneLine(sessionId, 60)}" is closed.`);

export const botNotConfigured = (): Failure =>
	failed('not-configured', 'The app has no "Bot username" set; an administrator must set it in the Rasa app settings.');

/**
 * The assistant whose bot serves the session; else why not, followed by what that means for this request. A caller
 * who is itself one of the assistants' bots may act only in its own chats.
 */
export function requireServedByAssistant(
	session: Session,
	assistants: Assistants,
	consequence: string,
	caller?: { readonly username: string },
): Assistant | Failure {
	if (assistants.all.length === 0) {
		return botNotConfigured();
	}
	const serving = assistants.servedBy(session.servedByUsername);
	const callingBot = assistants.servedBy(caller?.username);
	if (serving && (!callingBot || callingBot === serving)) {
		return serving;
	}
	const servedBy = session.servedByUsername ? `is served by "${session.servedByUsername}"` : 'is waiting for an agent';
	const bots = callingBot ? [callingBot.botUsername] : assistants.botUsernames;
	const notBy =
		bots.length === 1 ? `the bot "${bots[0]}"` : `any of the bots ${bots.map((bot) => `"${bot}"`).join(', ')}`;
	return failed(
		'not-served-by-bot',
		`The livechat room "${oneLine(session.id, 60)}" ${servedBy}, not by ${notBy}; ${consequence}.`,
	);
}
