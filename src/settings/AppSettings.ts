import type { ISettingRead } from '@rocket.chat/apps-engine/definition/accessors';

import {
	DEFAULT_ALLOWED_ROLES,
	DEFAULT_CLOSE_CHAT_MESSAGE,
	DEFAULT_HANDOVER_FAILED_MESSAGE,
	DEFAULT_HANDOVER_MESSAGE,
	DEFAULT_RASA_SERVER_URL,
	DEFAULT_SERVICE_UNAVAILABLE_MESSAGE,
	DEFAULT_TIMEOUT_SECONDS,
	SettingId,
} from './settingDefinitions';

export type RasaMode = 'rest' | 'callback';

/**
 * Typed, read-on-demand access to the admin settings. Nothing is cached: another instance of the app may have
 * seen a newer value, and each getter is called at most once per request.
 */
export class AppSettings {
	constructor(private readonly settings: ISettingRead) {}

	public async botUsername(): Promise<string> {
		return this.text(SettingId.BotUsername, '');
	}

	public async defaultHandoverDepartment(): Promise<string> {
		return this.text(SettingId.DefaultHandoverDepartment, '');
	}

	public async handoverMessage(): Promise<string> {
		return this.text(SettingId.HandoverMessage, DEFAULT_HANDOVER_MESSAGE);
	}

	public async handoverFailedMessage(): Promise<string> {
		return this.text(SettingId.HandoverFailedMessage, DEFAULT_HANDOVER_FAILED_MESSAGE);
	}

	/** Never empty: workspaces may require a comment to close a chat. */
	public async closeChatMessage(): Promise<string> {
		return this.text(SettingId.CloseChatMessage, DEFAULT_CLOSE_CHAT_MESSAGE);
	}

	public async allowedRoles(): Promise<ReadonlyArray<string>> {
		return parseRoleList(await this.text(SettingId.AllowedRoles, DEFAULT_ALLOWED_ROLES));
	}

	/** The Rasa server's base URL, without a trailing slash. */
	public async rasaServerUrl(): Promise<string> {
		return (await this.text(SettingId.RasaServerUrl, DEFAULT_RASA_SERVER_URL)).replace(/\/+$/, '');
	}

	public async rasaMode(): Promise<RasaMode> {
		return (await this.text(SettingId.RasaMode, 'rest')) === 'callback' ? 'callback' : 'rest';
	}

	/** Empty when unset: the callback endpoint then refuses every call. */
	public async callbackToken(): Promise<string> {
		return this.text(SettingId.CallbackToken, '');
	}

	/** Between 1 and 120 seconds, whatever was typed. */
	public async requestTimeoutMs(): Promise<number> {
		const value = Number(await this.settings.getValueById(SettingId.RequestTimeoutSeconds));
		const seconds = Number.isFinite(value) && value > 0 ? Math.min(value, 120) : DEFAULT_TIMEOUT_SECONDS;
		return Math.round(seconds * 1000);
	}

	public async typingIndicator(): Promise<boolean> {
		return this.flag(SettingId.TypingIndicator, true);
	}

	public async hideQuickReplies(): Promise<boolean> {
		return this.flag(SettingId.HideQuickReplies, true);
	}

	/** e.g. "/greet"; empty: no welcome. */
	public async welcomeIntent(): Promise<string> {
		return this.text(SettingId.WelcomeIntent, '');
	}

	public async serviceUnavailableMessage(): Promise<string> {
		return this.text(SettingId.ServiceUnavailableMessage, DEFAULT_SERVICE_UNAVAILABLE_MESSAGE);
	}

	public async handoverOnFailure(): Promise<boolean> {
		return this.flag(SettingId.HandoverOnFailure, false);
	}

	private async flag(id: string, fallback: boolean): Promise<boolean> {
		const value: unknown = await this.settings.getValueById(id);
		return typeof value === 'boolean' ? value : fallback;
	}

	/** A blank or missing value falls back, so a cleared setting never yields an empty message. */
	private async text(id: string, fallback: string): Promise<string> {
		const value: unknown = await this.settings.getValueById(id);
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
	}
}

/** "admin, livechat-manager,bot" → ["admin", "livechat-manager", "bot"]. */
export function parseRoleList(value: string): ReadonlyArray<string> {
	return value
		.split(/[\s,]+/)
		.map((role) => role.trim())
		.filter((role) => role !== '');
}
