import type { ISettingsReader } from './SettingsReader';
import { SETTINGS, type SettingKey, type Settings } from './declarations';
import { isPlainObject } from '../json/isPlainObject';
import { readRasaAddress } from '../rasa/rasaUrl';

/** The settings each assistant may set for itself (perAssistant in declarations.ts), by their keys. */
type AssistantField = {
	[K in SettingKey]: (typeof SETTINGS)[K] extends { readonly perAssistant: true } ? K : never;
}[SettingKey];

/** One bot user and the Rasa server that speaks through it, with its own values of the per-assistant settings. */
export type Assistant = Pick<Settings, AssistantField>;

/** What an entry of the Assistants setting may set; the rest comes from the single-bot settings. */
export type AssistantEntry = Partial<Assistant> & { readonly botUsername: string; readonly rasaServerUrl: string };

/** The entries of the Assistants setting, or why the list was not taken (never half of it). */
export type AssistantList = { readonly entries: ReadonlyArray<AssistantEntry>; readonly problem?: string };

const FIELDS = (Object.keys(SETTINGS) as SettingKey[]).filter(
	(key): key is AssistantField => SETTINGS[key].perAssistant === true,
);
const MAX_ASSISTANTS = 50;
const MAX_FIELD_LENGTH = 2000;

/**
 * Reads the Assistants setting: a JSON list of objects, each with botUsername and rasaServerUrl and, as texts, any
 * other setting an assistant may set for itself, under its key (rasaMode, callbackToken, welcomeIntent...). A list
 * with any mistake is not taken at all, and `problem` says where; it never quotes a value (a token or a URL password
 * could be in it).
 */
export function readAssistantList(raw: unknown): AssistantList {
	const text = typeof raw === 'string' ? raw.trim() : '';
	if (!text) {
		return { entries: [] };
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { entries: [], problem: 'the Assistants setting is not JSON' };
	}
	if (!Array.isArray(value) || value.length > MAX_ASSISTANTS) {
		return { entries: [], problem: `the Assistants setting must be a JSON list of at most ${MAX_ASSISTANTS} objects` };
	}
	const entries: AssistantEntry[] = [];
	for (const [index, item] of value.entries()) {
		const where = `assistant ${index + 1}`;
		if (!isPlainObject(item)) {
			return { entries: [], problem: `${where} is not an object` };
		}
		const unknown = Object.keys(item).find((key) => !FIELDS.includes(key as AssistantField));
		if (unknown !== undefined) {
			return { entries: [], problem: `${where} has a field the app does not know (${unknown.slice(0, 40)})` };
		}
		const wrong = FIELDS.find(
			(field) =>
				item[field] !== undefined && (typeof item[field] !== 'string' || item[field].length > MAX_FIELD_LENGTH),
		);
		if (wrong) {
			return { entries: [], problem: `${where}: ${wrong} must be a text` };
		}
		const botUsername = String(item.botUsername ?? '').trim();
		const rasaServerUrl = String(item.rasaServerUrl ?? '').trim();
		if (!botUsername) {
			return { entries: [], problem: `${where} has no botUsername` };
		}
		if (!readRasaAddress(rasaServerUrl)) {
			return { entries: [], problem: `${where}: rasaServerUrl must be an http(s) URL` };
		}
		const unchosen = FIELDS.find((field) => {
			const { choices } = SETTINGS[field];
			return choices !== undefined && item[field] !== undefined && !choices.includes(item[field] as string);
		});
		if (unchosen) {
			const choices = (SETTINGS[unchosen].choices ?? []).map((choice) => `"${choice}"`);
			return { entries: [], problem: `${where}: ${unchosen} must be ${choices.join(' or ')}` };
		}
		if (entries.some((entry) => entry.botUsername === botUsername)) {
			return { entries: [], problem: `${where} repeats the bot ${botUsername.slice(0, 60)}` };
		}
		// Each text set is read as its setting is (trimmed, a URL without its trailing slash); a blank one is not set.
		const set = Object.fromEntries(
			FIELDS.filter((field) => typeof item[field] === 'string' && item[field].trim() !== '').map((field) => [
				field,
				SETTINGS[field].read(item[field]),
			]),
		);
		entries.push(set as AssistantEntry);
	}
	return { entries };
}

/** The assistants of the workspace: the single-bot settings first, then the list's; the bot serving a chat picks one. */
export class Assistants {
	constructor(
		public readonly all: ReadonlyArray<Assistant>,
		/** Why the Assistants setting was not taken, if it was not. */
		public readonly problem?: string,
	) {}

	/** Built from the single-bot settings (the first assistant) and the list; a list entry repeating it is a mistake. */
	public static of(first: Assistant, list: AssistantList): Assistants {
		const clash = list.entries.find((entry) => entry.botUsername === first.botUsername);
		if (list.problem || clash) {
			return new Assistants(
				first.botUsername ? [first] : [],
				list.problem ?? `the Assistants setting repeats the bot of "Bot username" (${first.botUsername.slice(0, 60)})`,
			);
		}
		// What an entry does not set, it has as the first assistant has it (its callback token included).
		const rest = list.entries.map((entry) => ({ ...first, ...entry }));
		return new Assistants([...(first.botUsername ? [first] : []), ...rest]);
	}

	/** The assistant whose bot serves as this user; undefined for anyone else. */
	public servedBy(username: string | undefined): Assistant | undefined {
		return username ? this.all.find((assistant) => assistant.botUsername === username) : undefined;
	}

	public get botUsernames(): string[] {
		return this.all.map((assistant) => assistant.botUsername);
	}
}

/** The workspace's assistants: the single-bot settings are the first, the Assistants setting adds the others. */
export async function readAssistants(settings: ISettingsReader): Promise<Assistants> {
	const { assistantList, ...first } = await settings.read(...FIELDS, 'assistantList');
	return Assistants.of(first, readAssistantList(assistantList));
}
