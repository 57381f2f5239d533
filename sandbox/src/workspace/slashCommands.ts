/**
 * A slash command as Rocket.Chat keeps it in `slashCommands.commands` (apps/meteor/app/utils/server/slashCommand.ts),
 * for an app's command as its apps bridge registers it (app/apps/server/bridges/commands.ts `registerCommand`): the
 * name in lower case, the i18n keys of its usage and description made the app's own (`apps-<appId>-<key>`), the
 * permission the app named (only clients look at it), whether it previews. There is no `clientOnly` on an app's
 * command: the bridge stores its item directly, without `slashCommands.add` and its defaults.
 */
export type SlashCommandRecord = {
	command: string;
	params: string;
	description: string;
	permission?: string;
	providesPreview: boolean;
	/** Whether the app has a previewer / a preview executor (Rocket.Chat keeps the callbacks there). */
	previewer?: true;
	previewCallback?: true;
	appId: string;
};

/** What an app hands the bridge: ISlashCommand as it crosses from the app runtime (functions do not cross). */
export type AppSlashCommand = {
	command?: unknown;
	i18nParamsExample?: unknown;
	i18nDescription?: unknown;
	permission?: unknown;
	providesPreview?: unknown;
	previewer?: unknown;
	executePreviewItem?: unknown;
};

/** Utilities.getI18nKeyForApp (ee/lib/misc/Utilities.ts): an app's i18n key as clients look it up. */
export const i18nKeyForApp = (key: string | undefined, appId: string): string => (key ? `apps-${appId}-${key}` : '');

const INVALID_COMMAND = 'Invalid Slash Command parameter provided, it must be a valid ISlashCommand object.';
const INVALID_NAME = 'Invalid command parameter provided, must be a string.';

/**
 * One Rocket.Chat process's slash commands: `slashCommands.commands` and the apps bridge's `disabledCommands`, with the
 * bridge's rules (bridges/commands.ts). Every Rocket.Chat instance has its own (each fills it from its own apps), so
 * the workspace keeps one per instance. Names are lower case, as the bridge stores and looks them up.
 */
export class SlashCommands {
	private readonly commands = new Map<string, SlashCommandRecord>();

	private readonly disabled = new Map<string, SlashCommandRecord>();

	/** `doesCommandExist`: registered, or disabled by an app. */
	public exists(command: unknown): boolean {
		if (typeof command !== 'string' || command.length === 0) {
			return false;
		}
		const name = command.toLowerCase();
		return this.commands.has(name) || this.disabled.has(name);
	}

	/** `slashCommands.commands[name]`: what commands.run, .get and .list find (disabled commands are not there). */
	public find(command: string): SlashCommandRecord | undefined {
		return this.commands.get(command.toLowerCase());
	}

	public list(): SlashCommandRecord[] {
		return [...this.commands.values()];
	}

	/**
	 * `registerCommand`: checks the command (`_verifyCommand`) and stores it under its lower-case name, replacing any.
	 * Rocket.Chat also requires `executor` to be a function; an app running in the Deno runtime (Apps-Engine 1.43+)
	 * hands over its command through msgpack, which carries no function, so the sandbox does not ask for it.
	 */
	public register(command: AppSlashCommand, appId: string): SlashCommandRecord {
		const checked = verified(command);
		const record: SlashCommandRecord = {
			command: checked.command.toLowerCase(),
			params: i18nKeyForApp(checked.i18nParamsExample, appId),
			description: i18nKeyForApp(checked.i18nDescription, appId),
			...(typeof command.permission === 'string' ? { permission: command.permission } : {}),
			providesPreview: checked.providesPreview,
			...(command.previewer ? { previewer: true as const } : {}),
			...(command.executePreviewItem ? { previewCallback: true as const } : {}),
			appId,
		};
		this.commands.set(record.command, record);
		return record;
	}

	/** `unregisterCommand`: gone, whether registered or disabled. */
	public unregister(command: unknown): void {
		const name = checkedName(command);
		this.disabled.delete(name);
		this.commands.delete(name);
	}

	/** `disableCommand`: moved aside (a second disable does nothing); unknown ones are refused. */
	public disable(command: unknown): void {
		const name = checkedName(command);
		if (this.disabled.has(name)) {
			return;
		}
		const record = this.commands.get(name);
		if (!record) {
			throw new Error(`Command does not exist in the system currently: "${name}"`);
		}
		this.disabled.set(name, record);
		this.commands.delete(name);
	}

	/** `enableCommand`: only a disabled command comes back. */
	public enable(command: unknown): void {
		const name = checkedName(command);
		const record = this.disabled.get(name);
		if (!record) {
			throw new Error(`The command is not currently disabled: "${name}"`);
		}
		this.commands.set(name, record);
		this.disabled.delete(name);
	}

	/**
	 * `modifyCommand`: an existing command takes the app's usage and preview; its description takes the app's
	 * description, or, when the app gives none, the command's usage (Rocket.Chat's own slip, kept).
	 */
	public modify(command: AppSlashCommand, appId: string): void {
		const checked = verified(command);
		const name = checked.command.toLowerCase();
		const record = this.commands.get(name);
		if (!record) {
			throw new Error(`Command does not exist in the system currently (or it is disabled): "${name}"`);
		}
		this.commands.set(name, {
			...record,
			params: checked.i18nParamsExample ?? record.params,
			description: checked.i18nDescription ?? record.params,
			providesPreview: checked.providesPreview,
			appId: record.appId || appId,
		});
	}
}

function checkedName(command: unknown): string {
	if (typeof command !== 'string' || command.trim().length === 0) {
		throw new Error(INVALID_NAME);
	}
	return command.toLowerCase();
}

/** `_verifyCommand`, less its `executor` check (see register). */
function verified(command: AppSlashCommand): {
	command: string;
	i18nParamsExample?: string;
	i18nDescription?: string;
	providesPreview: boolean;
} {
	const optionalText = (value: unknown) => !value || typeof value === 'string';
	if (
		typeof command !== 'object' ||
		command === null ||
		typeof command.command !== 'string' ||
		!optionalText(command.i18nParamsExample) ||
		!optionalText(command.i18nDescription) ||
		typeof command.providesPreview !== 'boolean'
	) {
		throw new Error(INVALID_COMMAND);
	}
	return {
		command: command.command,
		i18nParamsExample: (command.i18nParamsExample as string) || undefined,
		i18nDescription: (command.i18nDescription as string) || undefined,
		providesPreview: command.providesPreview,
	};
}

/**
 * parseParameters (apps/meteor/lib/utils/parseParameters.ts): the words of a command's parameters, split on spaces,
 * tabs and line breaks. A quoted part ("..." or '...', closed by the next same quote not escaped by a backslash) keeps
 * its spaces and loses its quotes, and joins the letters around it into one word; two quoted parts written together
 * are two words; an empty quoted part is an empty word; \" becomes ". An unclosed quote is an ordinary letter.
 */
export function parseParameters(parameters: string): string[] {
	if (!parameters.trim()) {
		return [];
	}
	// (Rocket.Chat turns \n\r into \n before splitting: outside quotes both are separators anyway.)
	const text = parameters;
	const words: string[] = [];
	let word = '';
	let inWord = false;
	let afterQuotedPart = false;
	const finish = () => {
		if (inWord) {
			words.push(word);
		}
		word = '';
		inWord = false;
	};
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		const closing = char === '"' || char === "'" ? closingQuote(text, index) : undefined;
		if (closing !== undefined) {
			if (afterQuotedPart) {
				finish();
			}
			word += text.slice(index + 1, closing);
			inWord = true;
			afterQuotedPart = true;
			index = closing;
			continue;
		}
		afterQuotedPart = false;
		if (/[ \n\r\t]/.test(char)) {
			finish();
		} else {
			word += char;
			inWord = true;
		}
	}
	finish();
	return words.map((item) => item.replace(/\\"/g, '"'));
}

/** Where the quote at `start` closes: the next same quote that no backslash escapes, if any. */
function closingQuote(text: string, start: number): number | undefined {
	const quote = text[start];
	for (let index = start + 1; index < text.length; index++) {
		if (text[index] === '\\') {
			index++;
		} else if (text[index] === quote) {
			return index;
		}
	}
	return undefined;
}
