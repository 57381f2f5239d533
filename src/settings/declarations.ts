import {
	readBaseUrl,
	readChoice,
	readFlag,
	readIntent,
	readList,
	readMegabytes,
	readMinutes,
	readSeconds,
	readText,
} from './settingValues';
import type { RasaMode, VisitorContextLevel } from '../shared/modes';

export const DEFAULT_HANDOVER_MESSAGE = 'Transferring you to a human agent. Please wait a moment.';
export const DEFAULT_HANDOVER_FAILED_MESSAGE =
	'Sorry, no human agent is available right now. You can keep chatting with me, or try again later.';
export const DEFAULT_CLOSE_CHAT_MESSAGE = 'Chat closed by the Rasa bot.';
export const DEFAULT_ALLOWED_ROLES = 'admin, livechat-manager, bot';
export const DEFAULT_RASA_SERVER_URL = 'http://localhost:5005';
export const DEFAULT_TIMEOUT_SECONDS = 15;
/** Rocket.Chat stops an app call after 30 s: a wait for Rasa must end well before that. */
export const MAX_TIMEOUT_SECONDS = 25;
export const DEFAULT_IDLE_WARNING_MESSAGE = 'Are you still there? This chat closes soon if there is no reply.';
export const DEFAULT_IDLE_CLOSE_MESSAGE = 'This chat was closed because there was no reply. Write again any time.';
/** A bot's image from another host is fetched and posted as a file up to this size (MB); 0: never, the link goes. */
export const DEFAULT_BOT_IMAGE_MAX_MB = 5;
export const MAX_BOT_IMAGE_MB = 50;
export const DEFAULT_BOT_IMAGE_TIMEOUT_SECONDS = 5;
export const DEFAULT_SERVICE_UNAVAILABLE_MESSAGE =
	'Sorry, I am having trouble answering right now. Please try again in a moment.';

/**
 * One setting, declared once: the Apps-Engine definition (settingDefinitions.ts), the typed reader
 * (SettingsReader.ts) and the fields of the Assistants setting (assistants.ts) all come from it. Its i18n keys
 * follow from the id: `<id>_label`, `<id>_description`, and `<id>_<choice>` for each choice.
 */
export type SettingDeclaration<T> = {
	/** Stable: it keys the value an admin saved. */
	readonly id: string;
	readonly type: 'text' | 'password' | 'choice' | 'number' | 'flag';
	/** What the setting holds until an admin changes it, and what a blank or unreadable value reads as. */
	readonly default: string | number | boolean;
	readonly required: boolean;
	readonly multiline?: boolean;
	readonly choices?: ReadonlyArray<string>;
	/** An entry of the Assistants setting may set it for its own bot, as a text under the setting's key. */
	readonly perAssistant?: boolean;
	/** How the stored value becomes the one the app works with. */
	read(value: unknown): T;
};

type FieldOptions = { readonly required?: boolean; readonly multiline?: boolean };

const text = (
	id: string,
	fallback = '',
	{ required = false, multiline }: FieldOptions = {},
): SettingDeclaration<string> => ({
	id,
	type: 'text',
	default: fallback,
	required,
	...(multiline ? { multiline } : {}),
	read: readText(fallback),
});

const password = (id: string): SettingDeclaration<string> => ({ ...text(id), type: 'password' });

const choice = <T extends string>(
	id: string,
	choices: ReadonlyArray<T>,
	fallback: T,
	{ required = false }: FieldOptions = {},
): SettingDeclaration<T> => ({
	id,
	type: 'choice',
	default: fallback,
	required,
	choices,
	read: readChoice(choices, fallback),
});

const number = <T>(
	id: string,
	fallback: number,
	read: (value: unknown) => T,
	{ required = false }: FieldOptions = {},
): SettingDeclaration<T> => ({ id, type: 'number', default: fallback, required, read });

const flag = (id: string, fallback: boolean): SettingDeclaration<boolean> => ({
	id,
	type: 'flag',
	default: fallback,
	required: false,
	read: readFlag(fallback),
});

/** A lifecycle intent ("/chat_closed"): sent to Rasa when that happens to a chat the bot served; empty: not sent. */
const intent = (id: string): SettingDeclaration<string> => ({ ...text(id), read: readIntent });

/** Milliseconds, typed by admins in minutes; 0: off. */
const minutes = (id: string): SettingDeclaration<number> => number(id, 0, readMinutes);

/** Marks a setting each assistant may set for itself; the others hold for every assistant. */
const perAssistant = <D extends SettingDeclaration<string>>(declaration: D): D & { readonly perAssistant: true } => ({
	...declaration,
	perAssistant: true,
});

/** Every setting of the app, in the order admins see them; the keys are the names the app reads them by. */
export const SETTINGS = {
	botUsername: perAssistant(text('bot_username', '', { required: true })),
	defaultHandoverDepartment: text('default_handover_department'),
	handoverMessage: perAssistant(text('handover_message', DEFAULT_HANDOVER_MESSAGE, { multiline: true })),
	handoverFailedMessage: perAssistant(
		text('handover_failed_message', DEFAULT_HANDOVER_FAILED_MESSAGE, { multiline: true }),
	),
	/** Never empty: workspaces may require a comment to close a chat. */
	closeChatMessage: text('close_chat_message', DEFAULT_CLOSE_CHAT_MESSAGE),
	allowedRoles: {
		...text('allowed_roles', DEFAULT_ALLOWED_ROLES, { required: true }),
		read: readList(DEFAULT_ALLOWED_ROLES),
	},
	/** The Rasa server's base URL, without a trailing slash. */
	rasaServerUrl: perAssistant({
		...text('rasa_server_url', DEFAULT_RASA_SERVER_URL, { required: true }),
		read: readBaseUrl(DEFAULT_RASA_SERVER_URL),
	}),
	rasaMode: perAssistant(choice<RasaMode>('rasa_mode', ['rest', 'callback'], 'rest', { required: true })),
	/** Empty when unset: the callback endpoint then refuses every call. */
	callbackToken: perAssistant(password('rasa_callback_token')),
	/** Between 1 and 25 seconds, whatever was typed: Rocket.Chat stops an app call after 30 s. */
	rasaTimeoutMs: number(
		'rasa_timeout_seconds',
		DEFAULT_TIMEOUT_SECONDS,
		readSeconds(DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS),
		{ required: true },
	),
	typingIndicator: flag('typing_indicator', true),
	hideQuickReplies: flag('hide_quick_replies', true),
	/** e.g. "/greet"; empty: no welcome. */
	welcomeIntent: perAssistant(text('welcome_intent')),
	serviceUnavailableMessage: perAssistant(
		text('service_unavailable_message', DEFAULT_SERVICE_UNAVAILABLE_MESSAGE, { multiline: true }),
	),
	handoverOnFailure: flag('handover_on_failure', false),
	visitorContext: choice<VisitorContextLevel>('visitor_context', ['none', 'basic', 'everything'], 'basic', {
		required: true,
	}),
	closeIntent: intent('close_intent'),
	takeoverIntent: intent('takeover_intent'),
	returnIntent: intent('return_intent'),
	/** Sent for a visitor's message that is only files (no text); empty: the files' names go as the text. */
	fileIntent: intent('file_intent'),
	/** In bytes; 0: a bot's image is never fetched, its link is posted instead. */
	botImageMaxBytes: number(
		'bot_image_max_mb',
		DEFAULT_BOT_IMAGE_MAX_MB,
		readMegabytes(DEFAULT_BOT_IMAGE_MAX_MB, MAX_BOT_IMAGE_MB),
	),
	/** How long fetching a bot's image may take before its link is posted instead (1–20 s). */
	botImageTimeoutMs: number(
		'bot_image_timeout_seconds',
		DEFAULT_BOT_IMAGE_TIMEOUT_SECONDS,
		readSeconds(DEFAULT_BOT_IMAGE_TIMEOUT_SECONDS, 1, 20),
	),
	/** Without a visitor message for this long, the app closes a chat the bot serves. */
	idleCloseMs: minutes('idle_close_minutes'),
	/** The warning comes this long into the silence; none unless before the close. */
	idleWarningMs: minutes('idle_warning_minutes'),
	idleWarningMessage: text('idle_warning_message', DEFAULT_IDLE_WARNING_MESSAGE, { multiline: true }),
	idleCloseMessage: text('idle_close_message', DEFAULT_IDLE_CLOSE_MESSAGE, { multiline: true }),
	/** More assistants (bots and their Rasa servers) beside the first, as JSON that assistants.ts reads. */
	assistantList: text('assistants', '', { multiline: true }),
};

export type SettingKey = keyof typeof SETTINGS;

/** The app's settings as the app works with them. */
export type Settings = { readonly [K in SettingKey]: ReturnType<(typeof SETTINGS)[K]['read']> };
