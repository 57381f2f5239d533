import type { WorkspaceStore } from './WorkspaceStore';

/**
 * Settings of Rocket.Chat's visitor-facing routes the sandbox models, with Rocket.Chat's defaults
 * (server/settings/omnichannel.ts): a visitor may close their chat; no length limit on their messages; no HTTP header
 * data kept (the GDPR switch, which also lets a visitor with open chats be removed); page changes recorded by URL.
 */
export const VISITOR_SETTING_DEFAULTS = {
	Omnichannel_allow_visitors_to_close_conversation: true,
	Livechat_enable_message_character_limit: false,
	Livechat_message_character_limit: 0,
	Livechat_Allow_collect_and_store_HTTP_header_informations: false,
	Livechat_history_monitor_type: 'url',
};

export type VisitorSettings = typeof VISITOR_SETTING_DEFAULTS;

/** Adds these settings to the workspace's (POST /api/v1/settings/:id changes them like the others). */
export function addVisitorSettings(store: WorkspaceStore): VisitorSettings {
	return Object.assign(store.settings, { ...VISITOR_SETTING_DEFAULTS });
}

export function visitorSetting<Id extends keyof VisitorSettings>(store: WorkspaceStore, id: Id): VisitorSettings[Id] {
	return (store.settings as unknown as VisitorSettings)[id];
}
