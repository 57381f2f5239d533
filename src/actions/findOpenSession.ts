import { failed, type Failure } from './Outcome';
import type { IOmnichannel, Session } from '../omnichannel/IOmnichannel';

/** Every action needs an open livechat room: this is the one place that says what to answer otherwise. */
export async function findOpenSession(omnichannel: IOmnichannel, sessionId: string): Promise<Session | Failure> {
	const session = await omnichannel.findSession(sessionId);
	if (!session?.isLivechat) {
		return failed(
			'session-not-found',
			`No livechat room has the id "${sessionId}"; sessionId must be the room id (Rasa's tracker.sender_id).`,
		);
	}
	if (!session.isOpen) {
		return failed('room-closed', `The livechat room "${sessionId}" is already closed.`);
	}
	return session;
}

export const isFailure = (value: Session | Failure): value is Failure => 'ok' in value && value.ok === false;
