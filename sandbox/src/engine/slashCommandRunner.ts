import type { SandboxEngine } from './SandboxEngine';
import type { Converters } from './converters';
import type { Logger } from '../logger';
import type { Workspace } from '../workspace/Workspace';
import type { CommandRunRequest } from '../workspace/commandRun';
import { parseParameters, type SlashCommands } from '../workspace/slashCommands';
import type { UserRecord } from '../workspace/types';

/** What POST /api/v1/commands.run answers once its parameters passed. */
export type CommandRunAnswer = { status: number; body: Record<string, unknown> };

/**
 * Runs a user's slash command as Rocket.Chat does after the route checked its parameters: the route's checks of the
 * command, room and thread (Workspace.prepareCommandRun), then slashCommands.run, which calls the command's callback;
 * an app's command's callback is the apps bridge's executor (bridges/commands.ts `_appCommandExecutor`): the user and
 * the room converted by id, the parameters parsed (parseParameters), the thread and trigger id, handed to the engine.
 * It answers `{success: true}` (an app command's `result` is undefined, which JSON leaves out). When the app's executor
 * throws, what the caller gets depends on the engine (versionProfile `commandExecutorError`): in-process engines
 * logged it and returned; the Deno engine re-throws, and the REST wrapper answers 400 with the error's message.
 */
export class SlashCommandRunner {
	constructor(
		private readonly workspace: Workspace,
		private readonly convert: Converters,
		private readonly engine: Pick<SandboxEngine, 'executeCommand'>,
		private readonly log: Logger,
		/** In a cluster, the instance whose commands these are. */
		private readonly instance?: number,
	) {}

	/** This instance's slash commands (what commands.list and commands.get show). */
	public get registered(): SlashCommands {
		return this.workspace.slashCommands(this.instance);
	}

	public async run(user: UserRecord, request: CommandRunRequest): Promise<CommandRunAnswer> {
		const prepared = this.workspace.prepareCommandRun(user, request, this.instance);
		if ('refused' in prepared) {
			return { status: prepared.status, body: { success: false, error: prepared.error } };
		}
		try {
			await this.engine.executeCommand(prepared.command.command, {
				sender: this.convert.user(user),
				room: this.convert.room(prepared.room),
				params: parseParameters(prepared.params),
				threadId: prepared.message.tmid,
				triggerId: prepared.triggerId,
			});
		} catch (error) {
			const message = messageOf(error);
			if (this.workspace.profile.commandExecutorError === 'failure') {
				return { status: 400, body: { success: false, error: message } };
			}
			this.log('warn', `the /${prepared.command.command} command of app ${prepared.command.appId} failed: ${message}`);
		}
		return { status: 200, body: { success: true } };
	}
}

/** A rejection's message: an Error's, or the JSON-RPC error object the Deno runtime rejects with. */
function messageOf(error: unknown): string {
	if (error instanceof Error) {
		return error.message;
	}
	const message = (error as { message?: unknown } | undefined)?.message;
	return typeof message === 'string' ? message : String(error);
}
