import type { VersionProfile } from './versionProfile';

/**
 * A message as Rocket.Chat's messages converter makes it of an app's message (convertAppMessage): what an app's
 * private answer carries before it is sent. Dates stay dates until the realtime API writes them as EJSON.
 */
export type ConvertedMessage = {
	_id: string;
	rid: string;
	msg?: string;
	ts: Date;
	_updatedAt: Date;
	u?: { _id: string; username: string; name?: string };
	tmid?: string;
	[field: string]: unknown;
};

/** What a user's client receives on `stream-notify-user`, event `<userId>/message`: never stored anywhere. */
export type EphemeralMessage = Partial<ConvertedMessage> & {
	_id: string;
	rid: string;
	ts: Date;
	groupable: boolean;
	private?: true;
};

/** rocket.cat, the sender Rocket.Chat puts on an ephemeral message that names none. */
const ROCKET_CAT = { _id: 'rocket.cat', username: 'rocket.cat' };

/**
 * The `notify.ephemeralMessage` listener (server/modules/listeners/listeners.module.ts) that turns an app's private
 * answer into the user stream's message, as the version builds it (versionProfile `ephemeralMessage`):
 * - 5.x–6.2: `{groupable: false, ...message, _id: message._id || now, rid, ts: now}`; the web client then marks it
 *   `private` (client/startup/incomingMessages.ts), which is what shows "Only you can see this message";
 * - 6.3+: the server marks it: `{groupable: false, u: rocket.cat, private: true, _id, rid, ts, _updatedAt}` under the
 *   message's own fields (which win: the app user as sender, the converter's id and times).
 * Rocket.Chat also parses the text into `md` for its clients; the sandbox does not (no message parser).
 */
export function ephemeralMessage(
	profile: VersionProfile,
	rid: string,
	message: ConvertedMessage | undefined,
): EphemeralMessage {
	const now = new Date();
	if (profile.ephemeralMessage === 'client-marks') {
		return {
			groupable: false,
			...message,
			_id: message?._id || String(now.getTime()),
			rid,
			ts: now,
		} as EphemeralMessage;
	}
	// Rocket.Chat writes these first and the message's own fields over them.
	const defaults: EphemeralMessage = {
		groupable: false,
		u: ROCKET_CAT,
		private: true,
		_id: message?._id || String(now.getTime()),
		rid,
		ts: now,
		_updatedAt: now,
	};
	return { ...defaults, ...message } as EphemeralMessage;
}
