import type { Omnichannel, Session } from '../omnichannel/Omnichannel';
import { failed, type Failure } from './Outcome';

/** Every action needs an open livechat room: this is the one place that says what to answer otherwise. */
export async function findOpenSession(omnichannel: Omnichannel, sessionId: string): Promise<Session | Failure> {
    const session = await omnichannel.findSession(sessionId);
    if (!session || !session.isLivechat) {
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
