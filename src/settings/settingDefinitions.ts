import { SettingType, type ISetting } from '@rocket.chat/apps-engine/definition/settings';

/** Setting ids: stable, they key the values admins saved. */
export const SettingId = {
	BotUsername: 'bot_username',
	DefaultHandoverDepartment: 'default_handover_department',
	HandoverMessage: 'handover_message',
	HandoverFailedMessage: 'handover_failed_message',
	CloseChatMessage: 'close_chat_message',
	AllowedRoles: 'allowed_roles',
} as const;

export const DEFAULT_HANDOVER_MESSAGE = 'Transferring you to a human agent. Please wait a moment.';
export const DEFAULT_HANDOVER_FAILED_MESSAGE =
	'Sorry, no human agent is available right now. You can keep chatting with me, or try again later.';
export const DEFAULT_CLOSE_CHAT_MESSAGE = 'Chat closed by the Rasa bot.';
export const DEFAULT_ALLOWED_ROLES = 'admin, livechat-manager, bot';

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

export const settingDefinitions: ReadonlyArray<ISetting> = [
	text(SettingId.BotUsername, '', true),
	text(SettingId.DefaultHandoverDepartment, '', false),
	text(SettingId.HandoverMessage, DEFAULT_HANDOVER_MESSAGE, false, { multiline: true }),
	text(SettingId.HandoverFailedMessage, DEFAULT_HANDOVER_FAILED_MESSAGE, false, { multiline: true }),
	text(SettingId.CloseChatMessage, DEFAULT_CLOSE_CHAT_MESSAGE, false),
	text(SettingId.AllowedRoles, DEFAULT_ALLOWED_ROLES, true),
];
