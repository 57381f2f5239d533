import { SettingType, type ISetting } from '@rocket.chat/apps-engine/definition/settings';

/** Setting ids: stable, they key the values admins saved. */
export const SettingId = {
	BotUsername: 'bot_username',
	DefaultHandoverDepartment: 'default_handover_department',
	HandoverMessage: 'handover_message',
	HandoverFailedMessage: 'handover_failed_message',
	CloseChatMessage: 'close_chat_message',
	AllowedRoles: 'allowed_roles',
	RasaServerUrl: 'rasa_server_url',
	RasaMode: 'rasa_mode',
	CallbackToken: 'rasa_callback_token',
	RequestTimeoutSeconds: 'rasa_timeout_seconds',
	TypingIndicator: 'typing_indicator',
	HideQuickReplies: 'hide_quick_replies',
	WelcomeIntent: 'welcome_intent',
	ServiceUnavailableMessage: 'service_unavailable_message',
	HandoverOnFailure: 'handover_on_failure',
	VisitorContext: 'visitor_context',
	CloseIntent: 'close_intent',
	TakeoverIntent: 'takeover_intent',
	ReturnIntent: 'return_intent',
	IdleCloseMinutes: 'idle_close_minutes',
	IdleWarningMinutes: 'idle_warning_minutes',
	IdleWarningMessage: 'idle_warning_message',
	IdleCloseMessage: 'idle_close_message',
	Assistants: 'assistants',
} as const;

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
export const DEFAULT_SERVICE_UNAVAILABLE_MESSAGE =
	'Sorry, I am having trouble answering right now. Please try again in a moment.';

/** A masked field where the engine has one (Apps-Engine 1.38+); older engines show a plain text field. */
const PASSWORD: SettingType = (SettingType as unknown as Record<string, SettingType>).PASSWORD ?? SettingType.STRING;

const text = (id: string, packageValue: string, required: boolean, extra: Partial<ISetting> = {}): ISetting => ({
	id,
	type: SettingType.STRING,
	packageValue,
	required,
	public: false,
	i18nLabel: `${id}_label`,
	i18nDescription: `${id}_description`,
	...extra,
});

const flag = (id: string, packageValue: boolean): ISetting => ({
	...text(id, '', false),
	type: SettingType.BOOLEAN,
	packageValue,
});

export const settingDefinitions: ReadonlyArray<ISetting> = [
	text(SettingId.BotUsername, '', true),
	text(SettingId.DefaultHandoverDepartment, '', false),
	text(SettingId.HandoverMessage, DEFAULT_HANDOVER_MESSAGE, false, { multiline: true }),
	text(SettingId.HandoverFailedMessage, DEFAULT_HANDOVER_FAILED_MESSAGE, false, { multiline: true }),
	text(SettingId.CloseChatMessage, DEFAULT_CLOSE_CHAT_MESSAGE, false),
	text(SettingId.AllowedRoles, DEFAULT_ALLOWED_ROLES, true),
	text(SettingId.RasaServerUrl, DEFAULT_RASA_SERVER_URL, true),
	text(SettingId.RasaMode, 'rest', true, {
		type: SettingType.SELECT,
		values: [
			{ key: 'rest', i18nLabel: 'rasa_mode_rest' },
			{ key: 'callback', i18nLabel: 'rasa_mode_callback' },
		],
	}),
	text(SettingId.CallbackToken, '', false, { type: PASSWORD }),
	text(SettingId.RequestTimeoutSeconds, String(DEFAULT_TIMEOUT_SECONDS), true, {
		type: SettingType.NUMBER,
		packageValue: DEFAULT_TIMEOUT_SECONDS,
	}),
	flag(SettingId.TypingIndicator, true),
	flag(SettingId.HideQuickReplies, true),
	text(SettingId.WelcomeIntent, '', false),
	text(SettingId.ServiceUnavailableMessage, DEFAULT_SERVICE_UNAVAILABLE_MESSAGE, false, { multiline: true }),
	flag(SettingId.HandoverOnFailure, false),
	text(SettingId.VisitorContext, 'basic', true, {
		type: SettingType.SELECT,
		values: [
			{ key: 'none', i18nLabel: 'visitor_context_none' },
			{ key: 'basic', i18nLabel: 'visitor_context_basic' },
			{ key: 'everything', i18nLabel: 'visitor_context_everything' },
		],
	}),
	text(SettingId.CloseIntent, '', false),
	text(SettingId.TakeoverIntent, '', false),
	text(SettingId.ReturnIntent, '', false),
	text(SettingId.IdleCloseMinutes, '0', false, { type: SettingType.NUMBER, packageValue: 0 }),
	text(SettingId.IdleWarningMinutes, '0', false, { type: SettingType.NUMBER, packageValue: 0 }),
	text(SettingId.IdleWarningMessage, DEFAULT_IDLE_WARNING_MESSAGE, false, { multiline: true }),
	text(SettingId.IdleCloseMessage, DEFAULT_IDLE_CLOSE_MESSAGE, false, { multiline: true }),
	text(SettingId.Assistants, '', false, { multiline: true }),
];
