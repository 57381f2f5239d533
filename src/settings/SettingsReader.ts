import type { ISettingRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { SettingsCache } from './SettingsCache';
import { readAssistantList } from './assistants';
import {
	DEFAULT_ALLOWED_ROLES,
	DEFAULT_CLOSE_CHAT_MESSAGE,
	DEFAULT_HANDOVER_FAILED_MESSAGE,
	DEFAULT_HANDOVER_MESSAGE,
	DEFAULT_IDLE_CLOSE_MESSAGE,
	DEFAULT_IDLE_WARNING_MESSAGE,
	DEFAULT_RASA_SERVER_URL,
	DEFAULT_SERVICE_UNAVAILABLE_MESSAGE,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_TIMEOUT_SECONDS,
	SettingId,
} from './settingDefinitions';
import type { RasaMode, VisitorContextLevel } from '../shared/modes';

/** Minutes, as a number of milliseconds; 0 (off) for anything not positive. Decimals allowed (0.5 = 30 s). */
const minutes = (value: unknown): number => {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? Math.round(number * 60000) : 0;
};

/** An intent as Rasa takes it in a message ("/name"); empty: off. */
const intent = (value: unknown): string => {
	const name = text('')(value);
	return name && !name.startsWith('/') ? `/${name}` : name;
};

/** A blank or missing value falls back, so a cleared setting never yields an empty message. */
const text =
	(fallback: string) =>
	(value: unknown): string =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;

const flag =
	(fallback: boolean) =>
	(value: unknown): boolean =>
		typeof value === 'boolean' ? value : fallback;

/** "admin, livechat-manager,bot" → ["admin", "livechat-manager", "bot"]. */
export function parseRoleList(value: string): ReadonlyArray<string> {
	return value
		.split(/[\s,]+/)
		.map((role) => role.trim())
		.filter((role) => role !== '');
}

/** Every setting the app reads: its id and how its raw value becomes a typed one. */
const SETTINGS = {
	botUsername: { id: SettingId.BotUsername, parse: text('') },
	defaultHandoverDepartment: { id: SettingId.DefaultHandoverDepartment, parse: text('') },
	handoverMessage: { id: SettingId.HandoverMessage, parse: text(DEFAULT_HANDOVER_MESSAGE) },
	handoverFailedMessage: { id: SettingId.HandoverFailedMessage, parse: text(DEFAULT_HANDOVER_FAILED_MESSAGE) },
	/** Never empty: workspaces may require a comment to close a chat. */
	closeChatMessage: { id: SettingId.CloseChatMessage, parse: text(DEFAULT_CLOSE_CHAT_MESSAGE) },
	allowedRoles: {
		id: SettingId.AllowedRoles,
		parse: (value: unknown) => parseRoleList(text(DEFAULT_ALLOWED_ROLES)(value)),
	},
	/** The Rasa server's base URL, without a trailing slash. */
	rasaServerUrl: {
		id: SettingId.RasaServerUrl,
		parse: (value: unknown) => text(DEFAULT_RASA_SERVER_URL)(value).replace(/\/+$/, ''),
	},
	rasaMode: {
		id: SettingId.RasaMode,
		parse: (value: unknown): RasaMode => (text('rest')(value) === 'callback' ? 'callback' : 'rest'),
	},
	/** Empty when unset: the callback endpoint then refuses every call. */
	callbackToken: { id: SettingId.CallbackToken, parse: text('') },
	/** Between 1 and 25 seconds, whatever was typed: Rocket.Chat stops an app call after 30 s. */
	rasaTimeoutMs: {
		id: SettingId.RequestTimeoutSeconds,
		parse: (value: unknown) => {
			const seconds = Number(value);
			const valid = Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS;
			return Math.round(Math.min(Math.max(valid, 1), MAX_TIMEOUT_SECONDS) * 1000);
		},
	},
	typingIndicator: { id: SettingId.TypingIndicator, parse: flag(true) },
	hideQuickReplies: { id: SettingId.HideQuickReplies, parse: flag(true) },
	/** e.g. "/greet"; empty: no welcome. */
	welcomeIntent: { id: SettingId.WelcomeIntent, parse: text('') },
	serviceUnavailableMessage: {
		id: SettingId.ServiceUnavailableMessage,
		parse: text(DEFAULT_SERVICE_UNAVAILABLE_MESSAGE),
	},
	handoverOnFailure: { id: SettingId.HandoverOnFailure, parse: flag(false) },
	/** More assistants (bots and their Rasa servers) beside the single-bot settings. */
	assistantList: { id: SettingId.Assistants, parse: readAssistantList },
	visitorContext: {
		id: SettingId.VisitorContext,
		parse: (value: unknown): VisitorContextLevel => {
			const level = text('basic')(value);
			return level === 'none' || level === 'everything' ? level : 'basic';
		},
	},
	/** Lifecycle intents ("/chat_closed"); empty: not sent. */
	closeIntent: { id: SettingId.CloseIntent, parse: intent },
	takeoverIntent: { id: SettingId.TakeoverIntent, parse: intent },
	returnIntent: { id: SettingId.ReturnIntent, parse: intent },
	/** Milliseconds without a visitor message before the app closes a chat the bot serves; 0: never. */
	idleCloseMs: { id: SettingId.IdleCloseMinutes, parse: minutes },
	/** Milliseconds before the warning; 0 or not before the close: no warning. */
	idleWarningMs: { id: SettingId.IdleWarningMinutes, parse: minutes },
	idleWarningMessage: { id: SettingId.IdleWarningMessage, parse: text(DEFAULT_IDLE_WARNING_MESSAGE) },
	idleCloseMessage: { id: SettingId.IdleCloseMessage, parse: text(DEFAULT_IDLE_CLOSE_MESSAGE) },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { readonly [K in SettingKey]: ReturnType<(typeof SETTINGS)[K]['parse']> };

/** What the conversation layer needs of the settings: several at once, each only when a path uses it. */
export interface ISettingsReader {
	read<K extends SettingKey>(...keys: K[]): Promise<Pick<Settings, K>>;
}

/**
 * The one typed reader of the app's settings. Values come from the instance's cache; the ones it lacks are read
 * from the workspace together (each read is a round trip to Rocket.Chat).
 */
export class SettingsReader implements ISettingsReader {
	constructor(
		private readonly source: ISettingRead,
		private readonly cache: SettingsCache,
	) {}

	public async read<K extends SettingKey>(...keys: K[]): Promise<Pick<Settings, K>> {
		const generation = this.cache.currentGeneration();
		const raw = await Promise.all(
			keys.map(async (key) => {
				const { id } = SETTINGS[key];
				const cached = this.cache.get(id);
				if (cached) {
					return cached.value;
				}
				const value: unknown = await this.source.getValueById(id);
				this.cache.remember(id, value, generation);
				return value;
			}),
		);
		const values: Partial<Record<SettingKey, unknown>> = {};
		keys.forEach((key, index) => {
			values[key] = SETTINGS[key].parse(raw[index]);
		});
		return values as Pick<Settings, K>;
	}
}
