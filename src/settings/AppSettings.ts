import type { ISettingRead } from '@rocket.chat/apps-engine/definition/accessors';

import {
	DEFAULT_ALLOWED_ROLES,
	DEFAULT_CLOSE_CHAT_MESSAGE,
	DEFAULT_HANDOVER_FAILED_MESSAGE,
	DEFAULT_HANDOVER_MESSAGE,
	SettingId,
} from './settingDefinitions';

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
