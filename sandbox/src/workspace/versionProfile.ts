/**
 * What differs between the Rocket.Chat versions the app claims, as one table: each row names a behaviour an app can
 * see, what each version does, and where that was read. The sandbox (workspace rules, app persistence, app events)
 * and the compatibility harness read their version's column from here, and sandbox/FIDELITY.md shows this very table
 * (`npm run fidelity:table` prints it; a test fails when the two differ).
 *
 * The versions modelled, each standing for a range whose bridges answer alike:
 * - '5.3': Rocket.Chat 5.0–5.3 (5.3.0 = eb122008; Apps-Engine 1.35; the compatibility run on Apps-Engine 1.33);
 * - '6.6': Rocket.Chat 6.2–6.6 (6.6.6 = 5a67f3ab), where app persistence answered the database driver's objects;
 * - '6.7': Rocket.Chat 6.7 (6.7.0 = 5eb3cbb7; Apps-Engine 1.42.1, the compatibility run on that engine);
 * - 'latest': Rocket.Chat 7.4 and later, 8.x included (the newest source read; the default).
 * Paths are under apps/meteor/ of RocketChat/Rocket.Chat; `@<commit>` is the commit read.
 */
import { FILE_ROWS } from './fileVersionRows';
import { ROCKETCHAT_VERSIONS, VERSION_RANGES, row, type RocketChatVersion, type Row } from './versionRow';

export { DEFAULT_ROCKETCHAT_VERSION, ROCKETCHAT_VERSIONS, VERSION_RANGES, type RocketChatVersion } from './versionRow';

const PERSISTENCE = 'bridges/persistence.ts';

/** Every row; `profileOf(version)` gives one column as plain values. */
export const VERSION_ROWS = {
	persistenceCreate: row({
		title: '`PersistenceBridge.create` / `createWithAssociations` answers',
		values: { '5.3': 'id', '6.6': 'driver-result', '6.7': 'id', 'latest': 'id' },
		meaning: {
			'id': 'the new id',
			'driver-result': "the driver's `{acknowledged, insertedId}` (PR #28688 wrapped nothing)",
		},
		sources: `\`${PERSISTENCE}@eb122008\` L39, \`@5a67f3ab\` L38, \`@5eb3cbb7\` L43 (PR #31788); 7.x presumed as 6.7`,
		app: 'nothing: a claim reads its record back',
	}),
	persistenceUpdate: row({
		title: '`PersistenceBridge.updateByAssociations` (exact association list) answers',
		values: { '5.3': 'meteor-result', '6.6': 'driver-result', '6.7': 'upserted-id', 'latest': 'upserted-id' },
		meaning: {
			'meteor-result': "Meteor's `{numberAffected, insertedId?}`; always upserts, whatever the app asked",
			'driver-result': "the driver's `UpdateResult`; honours `upsert`",
			'upserted-id': "`upsertedId || ''`: `''` for an update, an ObjectId (not the record's string id) for an insert",
		},
		sources: `\`${PERSISTENCE}@eb122008\` L129 with \`_BaseDb.js\` \`upsert()\`, \`@d918834d\` L129, \`@5eb3cbb7\` L136`,
		app: 'only the last activity, overwritten; never what it answers',
	}),
	persistenceRemoveNone: row({
		title: '`PersistenceBridge.removeByAssociations` matching nothing answers',
		values: { '5.3': 'empty-list', '6.6': 'nothing', '6.7': 'nothing', 'latest': 'nothing' },
		meaning: { 'empty-list': '`[]`', 'nothing': '`undefined`' },
		sources: `\`${PERSISTENCE}@eb122008\` L91, \`@d918834d\` L93, \`@5eb3cbb7\` L98`,
		app: 'nothing of the answer',
	}),
	persistenceReadMissing: row({
		title: '`PersistenceBridge.readById` of a missing record',
		values: { '5.3': 'throws', '6.6': 'nothing', '6.7': 'nothing', 'latest': 'nothing' },
		meaning: { throws: 'throws a `TypeError` (`record.data`)', nothing: '`undefined` (`record?.data`)' },
		sources: `\`${PERSISTENCE}@eb122008\`, \`@d918834d\``,
		app: 'never reads by id',
	}),
	closeClosedRoom: row({
		title: '`LivechatBridge.closeRoom` of a room the app read as closed',
		values: { '5.3': 'false', '6.6': 'true', '6.7': 'true', 'latest': 'error-room-closed' },
		meaning: {
			'false': 'answers `false`',
			'true': 'answers `true`, though nothing happened',
			'error-room-closed': 'throws `error-room-closed` (the transactional close, PR #32896, about 6.12)',
		},
		sources: '`lib/Livechat.js@eb122008` L425, `lib/LivechatTyped.ts@5eb3cbb7`, `lib/closeRoom.ts@0165805f`',
		app: 'only `true` means closed; anything else makes it read the room again',
	}),
	closeStaleRoom: row({
		title: '`LivechatBridge.closeRoom` of a stale copy read as open (the room closed meanwhile)',
		values: {
			'5.3': 'closes-again',
			'6.6': 'closes-again',
			'6.7': 'error-removing-inquiry',
			'latest': 'error-removing-inquiry',
		},
		meaning: {
			'closes-again': 'closes it again: a second close message and a second closed event',
			'error-removing-inquiry':
				'throws `Error removing inquiry` and writes nothing (PR #31435), as the loser of two closes',
		},
		sources: '`lib/Livechat.js@eb122008`, `lib/LivechatTyped.ts@92a307ec` and `@5eb3cbb7`, `lib/closeRoom.ts@0165805f`',
		app: 'answers `room-closed` after reading the room again',
	}),
	closeCommentRequired: row({
		title: '`Livechat_request_comment_when_closing_conversation` (default on in every version) for any close',
		values: { '5.3': 'not-checked', '6.6': 'checked', '6.7': 'checked', 'latest': 'checked' },
		meaning: {
			'not-checked': 'not checked by the server',
			'checked': 'an empty comment throws `error-comment-is-required` (PR #29868, 6.4.0)',
		},
		sources:
			'`app/livechat/server/config.ts@eb122008` L161, `lib/LivechatTyped.ts@e2f60199`, `server/settings/omnichannel.ts@5eb3cbb7` L160',
		app: 'closes with the "Close chat message" as comment, never empty',
	}),
	roomCloserMapped: row({
		title: 'The room converter maps `closer` and `closedBy` into `ILivechatRoom`',
		values: { '5.3': 'unmapped', '6.6': 'unmapped', '6.7': 'unmapped', 'latest': 'mapped' },
		meaning: {
			unmapped: 'no: both sit in `_unmappedProperties_`',
			mapped: 'yes (PR #33048, about 6.12): `closedBy` as the converted user or visitor',
		},
		sources: '`converters/rooms.js@eb122008`, `@5eb3cbb7`, `converters/rooms.ts@2093b92`',
		app: 'reads both places for who closed a chat',
	}),
	messageSize: row({
		title: "`Message_MaxAllowedSize` (5000) on an app's message (`executeSendMessage`)",
		values: { '5.3': 'graphemes', '6.6': 'length', '6.7': 'length', 'latest': 'length' },
		meaning: {
			graphemes: 'graphemes, emoji shortnames left out',
			length: '`msg.length` (UTF-16 units)',
		},
		sources: '`lib/server/methods/sendMessage.js@eb122008` L45, `sendMessage.ts@5eb3cbb7` L47',
		app: 'splits texts at the limit in UTF-16 units, which fits both',
	}),
	transferEvents: row({
		title: 'App events of a transfer, in order',
		values: {
			'5.3': 'unassigned-first',
			'6.6': 'transferred-first',
			'6.7': 'transferred-first',
			'latest': 'transferred-first',
		},
		meaning: {
			'unassigned-first': 'assigned, unassigned, transferred',
			'transferred-first': 'assigned, then transferred and unassigned, racing (transferred usually first; 6.3+)',
		},
		sources: '`lib/RoutingManager.js@eb122008`, `lib/Helper.js@eb122008` L214, `Helper.ts@5eb3cbb7` L264',
		app: 'no order: each event reads the room',
	}),
	departmentTransferNobody: row({
		title: '`LivechatBridge.transferVisitor` to a department nobody there can take',
		values: {
			'5.3': 'false',
			'6.6': 'error-no-agents-online-in-department',
			'6.7': 'error-no-agents-online-in-department',
			'latest': 'error-no-agents-online-in-department',
		},
		meaning: {
			'false': 'answers `false`; the visitor keeps the department for their next chats',
			'error-no-agents-online-in-department': 'throws `error-no-agents-online-in-department` (PR #29026, 6.2.0)',
		},
		sources: '`lib/Helper.js@eb122008` `forwardRoomToDepartment`, `Helper.ts@5eb3cbb7`, `lib/transfer.ts@66ef0091`',
		app: 'refusals by code; a transfer is done only when it answers `true`',
	}),
	visitorDepartmentFollowsTransfer: row({
		title: "A department transfer makes the department the visitor's own for their next chats",
		values: { '5.3': 'yes', '6.6': 'no', '6.7': 'no', 'latest': 'no' },
		meaning: { yes: 'yes', no: 'no' },
		sources: '`lib/Helper.js@eb122008` `forwardRoomToDepartment`, `Helper.ts@5eb3cbb7`',
		app: 'nothing',
	}),
	messageCustomFields: row({
		title: 'A message with `customFields` (bot message, visitor message an app writes, update)',
		values: { '5.3': 'stored', '6.6': 'stored', '6.7': 'stored', 'latest': 'validated' },
		meaning: {
			stored: 'stored unchecked',
			validated:
				'refused unless `Message_CustomFields_Enabled`, then checked against `Message_CustomFields` (PR #32224, 6.8.0)',
		},
		sources: '`lib/server/functions/sendMessage.ts@87005cbf` L176, `updateMessage.ts@87005cbf` L63',
		app: 'sends no custom fields',
	}),
	systemMessageEvent: row({
		title: "The app event of a system message (`livechat-started`, `livechat-close`, a transfer's)",
		values: {
			'5.3': 'IPostMessageSent',
			'6.6': 'IPostMessageSent',
			'6.7': 'IPostMessageSent',
			'latest': 'IPostSystemMessageSent',
		},
		meaning: {
			IPostMessageSent:
				'`IPostMessageSent`, like any message (`livechat-started` from the visitor, with an empty text)',
			IPostSystemMessageSent: '`IPostSystemMessageSent` (PR #35177, Apps-Engine 1.49; 7.0–7.3 fired none)',
		},
		sources: '`functions/sendMessage.js@eb122008` L273, `sendMessage.ts@5eb3cbb7` L281, `sendMessage.ts@026bdc00`',
		app: "relays only visitors' messages with text and no type, in open rooms",
	}),
	typingEvent: row({
		title: '`MessageBridge.typing` (`INotifier.typing`) notifies the room with',
		values: { '5.3': 'typing', '6.6': 'user-activity', '6.7': 'user-activity', 'latest': 'user-activity' },
		meaning: {
			'typing': "`'typing'`",
			'user-activity': "`'user-activity'` with `['user-typing']` (PR #30360, 6.5.0)",
		},
		sources: '`bridges/messages.ts@eb122008`, `@2a330670`, `@5eb3cbb7`',
		app: 'nothing of the answer',
	}),
	oneTimeJobs: row({
		title: 'A one-time scheduled job after it ran',
		values: { '5.3': 'kept', '6.6': 'removed', '6.7': 'removed', 'latest': 'removed' },
		meaning: { kept: 'kept in the collection (5.0–5.3)', removed: 'removed (PR #27311, 5.4.0)' },
		sources: '`bridges/scheduler.ts@eb122008` L11, `@51f456a5`, `@5eb3cbb7`',
		app: 'schedules no one-time job',
	}),
	messageUpdate: row({
		title: '`MessageBridge.update` (`IModifyUpdater.finish`)',
		values: { '5.3': 'whole', '6.6': 'whole', '6.7': 'whole', 'latest': 'changed-fields' },
		meaning: {
			'whole': "needs an editor; the app's whole message is written over the stored one",
			'changed-fields': 'only the fields the app changed are merged into the stored message (PR #35120, 7.4.0)',
		},
		sources: '`bridges/messages.ts@eb122008`, `@5eb3cbb7`, `@3a56885d`; `functions/updateMessage.ts@87005cbf`',
		app: 'sets the editor itself and changes only the blocks',
	}),
	livechatStarted: row({
		title: 'The `livechat-started` system message a new room gets',
		values: { '5.3': 'from-visitor', '6.6': 'from-visitor', '6.7': 'from-visitor', 'latest': 'with-token' },
		meaning: {
			'from-visitor': 'sent by the visitor (`u` with name) through `sendMessage`',
			'with-token': "saved as a system message with the visitor's token (`u` without name)",
		},
		sources: '`lib/Helper.js@eb122008` L99, `Helper.ts@5eb3cbb7` L123, index id 11182103246 (7.x)',
		app: 'ignores it',
	}),
	commandBridge: row({
		title: "`CommandBridge` (the engine asks whether an app's slash command exists, registers it, removes it)",
		values: { '5.3': 'sync', '6.6': 'async', '6.7': 'async', 'latest': 'async' },
		meaning: {
			sync: 'synchronous (Apps-Engine 1.33–1.35): `doDoesCommandExist` must answer a boolean, not a Promise',
			async: 'asynchronous (6.0+, Apps-Engine 1.36+): each method answers a Promise the engine awaits',
		},
		sources:
			'`bridges/commands.ts@51f456a5` (5.4.0) L21, `@aa8f0ec7` (6.0.0) L21; Apps-Engine 1.33 and 1.62 `server/bridges/CommandBridge.js`',
		app: 'nothing: the engine registers the command it provides',
	}),
	commandExecutorError: row({
		title: "`POST commands.run` when the app's command executor throws",
		values: { '5.3': 'swallowed', '6.6': 'swallowed', '6.7': 'swallowed', 'latest': 'failure' },
		meaning: {
			swallowed:
				"200 `{success: true}`: the in-process engine (≤ 1.42, `AppSlashCommand.runTheCode`) logs the error to the app's log and returns",
			failure:
				"400 `{success: false, error: <the app's message>}`: the Deno engine (1.43+) re-throws, the REST wrapper answers `API.v1.failure`",
		},
		sources:
			'Apps-Engine 1.33, 1.42 and 1.62 `server/managers/AppSlashCommand.js` `runTheCode`; `bridges/commands.ts` index id 1420718423 (awaits `executeCommand`); `api/server/api.ts` action wrapper (index id 123587997)',
		app: 'answers every failure privately itself and throws nothing out of its executor',
	}),
	commandsRunChecks: row({
		title: '`commands.run` / `commands.get` parameter checks',
		values: { '5.3': 'by-hand', '6.6': 'by-hand', '6.7': 'by-hand', 'latest': 'ajv' },
		meaning: {
			'by-hand':
				'the route\'s own checks and messages (`You must provide a command to run.`, `The query param "command" must be provided.`, ...); `commands.get` answers the whole command',
			'ajv':
				"rest-typings' ajv schemas (types coerced, no other properties): 400 `... [invalid-params]`; `commands.get` answers `command`, `description`, `params`, `clientOnly`, `providesPreview`; `commands.list` adds `appsLoaded`",
		},
		sources:
			'`api/server/v1/commands.ts@eb122008`, `@5eb3cbb7`, `@f3b0ea92`; index `commands.ts@04eb9256` (id 54373403387)',
		app: 'nothing: clients send what they send',
	}),
	commandsRunNoAccess: row({
		title: '`commands.run` in a room the caller cannot access',
		values: { '5.3': 'unauthorized', '6.6': 'unauthorized', '6.7': 'unauthorized', 'latest': 'forbidden' },
		meaning: {
			unauthorized: "403 `{success: false, error: 'unauthorized'}` (`API.v1.unauthorized()`, a 403 in these versions)",
			forbidden: "403 `{success: false, error: 'User does not have access to this room'}` (`API.v1.forbidden`)",
		},
		sources:
			'`api/server/v1/commands.ts@eb122008` L197 with `api/server/api.js@eb122008` L191 (`unauthorized` → 403), `api.ts@5eb3cbb7` L297; index id 54373403387',
		app: 'nothing: a user who cannot reach the room never runs the command',
	}),
	ephemeralMessage: row({
		title:
			"A private answer (`INotifier.notifyUser`) as the user's client receives it (`stream-notify-user`, `<uid>/message`)",
		values: { '5.3': 'client-marks', '6.6': 'server-marks', '6.7': 'server-marks', 'latest': 'server-marks' },
		meaning: {
			'client-marks':
				'`{groupable: false, ...message, _id, rid, ts: now}`; the web client marks it `private` (and `u` rocket.cat when missing)',
			'server-marks':
				"`{groupable: false, u: rocket.cat, private: true, _id, rid, ts, _updatedAt, ...message}`: the app's message fields win (6.3.0+)",
		},
		sources:
			'`server/modules/listeners/listeners.module.ts@eb122008` L38, `@d918834d` (6.2.0), `@d3c4ef1e` (6.3.0), `@5eb3cbb7` L70; `client/startup/incomingMessages.ts@eb122008`',
		app: 'answers agents privately; visitors never see these',
	}),
	appMessageWithoutRoom: row({
		title: 'A private answer (`notifyUser` / `notifyRoom`) whose message names no room',
		values: { '5.3': 'nothing', '6.6': 'nothing', '6.7': 'nothing', 'latest': 'throws' },
		meaning: {
			nothing:
				'the converter answers nothing: `notifyUser` sends nothing; `notifyRoom` sends each subscriber an empty private message',
			throws:
				"throws `Invalid room provided on the message.` (the converter's `isPartial` form, about 7.4, PR #35120): the app's call rejects",
		},
		sources:
			'`converters/messages.js@eb122008` L80, `@5eb3cbb7` L80, `@f3b0ea92` L80; `converters/messages.ts@00998e59`; `bridges/messages.ts` index id 1405678810',
		app: 'sets the room on every message it sends privately',
	}),
	...FILE_ROWS,
} as const;

export type VersionRows = typeof VERSION_ROWS;

/** One version's column: each row's code. */
export type VersionProfile = {
	readonly [Key in keyof VersionRows]: VersionRows[Key]['values'][RocketChatVersion];
};

export function profileOf(version: RocketChatVersion): VersionProfile {
	return Object.fromEntries(
		Object.entries(VERSION_ROWS).map(([key, definition]) => [key, definition.values[version]]),
	) as VersionProfile;
}

/** The table as sandbox/FIDELITY.md shows it (between its version-profile markers). */
export function versionTable(): string {
	const head = [
		'Behaviour',
		...ROCKETCHAT_VERSIONS.map((version) => `${version} (${VERSION_RANGES[version]})`),
		'Sources',
		'The app relies on',
	];
	const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
	for (const definition of Object.values(VERSION_ROWS) as Array<Row<string>>) {
		const cells = ROCKETCHAT_VERSIONS.map((version) => definition.meaning[definition.values[version]]);
		const escaped = [definition.title, ...cells, definition.sources, definition.app].map((cell) =>
			cell.replace(/\|/g, '\\|'),
		);
		lines.push(`| ${escaped.join(' | ')} |`);
	}
	return lines.join('\n');
}
