import type { ISlashCommand } from '@rocket.chat/apps-engine/definition/slashcommands';
import { CommandBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';
import type { AppSlashCommand, SlashCommands } from '../../workspace/slashCommands';

/**
 * Rocket.Chat's apps commands bridge (app/apps/server/bridges/commands.ts) as plain synchronous methods over the
 * slash commands of the bridge's instance (the workspace's registry, slashCommands.ts). Rocket.Chat 5.x's bridge is
 * synchronous, as Apps-Engine 1.33–1.35 calls it (`addCommand` tests `doDoesCommandExist(...)` for truth: a Promise
 * would always mean "exists"); the compatibility harness hands this object to that engine as it is. Rocket.Chat 6.0+
 * made the same methods async: SandboxCommandBridge below (versionProfile `commandBridge`).
 */
export class SlashCommandBridgeRules {
	constructor(private readonly context: BridgeContext) {}

	private get commands(): SlashCommands {
		return this.context.workspace.slashCommands(this.context.instance);
	}

	private debug(line: string): void {
		this.context.log('debug', line);
	}

	public doesCommandExist(command: string, appId: string): boolean {
		this.debug(`The App ${appId} is checking if "${command}" command exists.`);
		return this.commands.exists(command);
	}

	public enableCommand(command: string, appId: string): void {
		this.debug(`The App ${appId} is attempting to enable the command: "${command}"`);
		this.commands.enable(command);
	}

	public disableCommand(command: string, appId: string): void {
		this.debug(`The App ${appId} is attempting to disable the command: "${command}"`);
		this.commands.disable(command);
	}

	public modifyCommand(command: ISlashCommand, appId: string): void {
		this.debug(`The App ${appId} is attempting to modify the command: "${command?.command}"`);
		this.commands.modify(command as AppSlashCommand, appId);
	}

	public registerCommand(command: ISlashCommand, appId: string): void {
		this.debug(`The App ${appId} is registering the command: "${command?.command}"`);
		this.commands.register(command as AppSlashCommand, appId);
	}

	public unregisterCommand(command: string, appId: string): void {
		this.debug(`The App ${appId} is unregistering the command: "${command}"`);
		this.commands.unregister(command);
	}
}

/**
 * The bridge the engine (1.36+, and the sandbox's 1.62) calls: the official CommandBridge (its `slashcommand`
 * permission check on every call: without it the call answers nothing) over the rules above, each answered as a
 * Promise, as Rocket.Chat 6.0+ answers them. An app's commands go when the engine disables or removes the app (it
 * calls `doUnregisterCommand` for each).
 */
export class SandboxCommandBridge extends CommandBridge {
	private readonly rules: SlashCommandBridgeRules;

	constructor(context: BridgeContext) {
		super();
		this.rules = new SlashCommandBridgeRules(context);
	}

	protected async doesCommandExist(command: string, appId: string): Promise<boolean> {
		return this.rules.doesCommandExist(command, appId);
	}

	protected async enableCommand(command: string, appId: string): Promise<void> {
		this.rules.enableCommand(command, appId);
	}

	protected async disableCommand(command: string, appId: string): Promise<void> {
		this.rules.disableCommand(command, appId);
	}

	protected async modifyCommand(command: ISlashCommand, appId: string): Promise<void> {
		this.rules.modifyCommand(command, appId);
	}

	protected async registerCommand(command: ISlashCommand, appId: string): Promise<void> {
		this.rules.registerCommand(command, appId);
	}

	protected async unregisterCommand(command: string, appId: string): Promise<void> {
		this.rules.unregisterCommand(command, appId);
	}
}

/** The commands bridge of the workspace's version: synchronous rules for 5.x, the async bridge for 6.0+. */
export function commandBridgeFor(context: BridgeContext): SlashCommandBridgeRules | SandboxCommandBridge {
	return context.workspace.profile.commandBridge === 'sync'
		? new SlashCommandBridgeRules(context)
		: new SandboxCommandBridge(context);
}
