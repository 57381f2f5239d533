import type { WorkspaceStore } from './WorkspaceStore';
import { newId } from './ids';
import { canAccessLivechatRoom } from './roomAccess';
import type { SlashCommandRecord, SlashCommands } from './slashCommands';
import type { RoomRecord, UserRecord } from './types';

/** The body of POST /api/v1/commands.run once its types are checked. */
export type CommandRunRequest = {
	command: string;
	roomId: string;
	params?: string | null;
	tmid?: string | null;
	triggerId?: string | null;
};

/** A command cleared to run: what slashCommands.run hands the command's callback. */
export type CommandRun = {
	command: SlashCommandRecord;
	room: RoomRecord;
	/** As the client sent them (a leading space included): the callback parses them. */
	params: string;
	message: { _id: string; rid: string; msg: string; tmid?: string };
	triggerId?: string;
};

export type CommandRefusal = { refused: true; status: 400 | 403; error: string };

/**
 * The checks of POST commands.run (apps/meteor/app/api/server/v1/commands.ts), in Rocket.Chat's order, after its
 * parameters passed: the command must be registered (not disabled) under its lower-case name; the caller must be
 * able to access the room (canAccessRoomIdAsync; for a livechat room the omnichannel validators of roomAccess.ts;
 * an unknown room is no access), refused with 403 and the version's body (versionProfile `commandsRunNoAccess`); a
 * thread (`tmid`) must be a message of that room. Nothing checks the command's `permission`: only clients do. The
 * message the command gets is `/<command> <params>` in the room, with a new id.
 */
export function prepareCommandRun(
	store: WorkspaceStore,
	commands: SlashCommands,
	user: UserRecord,
	request: CommandRunRequest,
): CommandRun | CommandRefusal {
	const name = request.command.toLowerCase();
	const command = commands.find(name);
	if (!command) {
		return { refused: true, status: 400, error: 'The command provided does not exist (or is disabled).' };
	}
	const room = store.findRoom(request.roomId);
	if (!room || !canAccessLivechatRoom(store, user, room)) {
		const error =
			store.profile.commandsRunNoAccess === 'forbidden' ? 'User does not have access to this room' : 'unauthorized';
		return { refused: true, status: 403, error };
	}
	const params = request.params || '';
	if (typeof request.tmid === 'string') {
		const thread = store.findMessage(request.tmid);
		if (thread?.rid !== request.roomId) {
			return { refused: true, status: 400, error: 'Invalid thread.' };
		}
	}
	return {
		command,
		room,
		params,
		message: {
			_id: newId(),
			rid: room._id,
			msg: `/${name} ${params}`,
			...(request.tmid ? { tmid: request.tmid } : {}),
		},
		...(request.triggerId ? { triggerId: request.triggerId } : {}),
	};
}
