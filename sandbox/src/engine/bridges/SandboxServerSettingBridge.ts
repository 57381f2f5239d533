import { SettingType, type ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { ServerSettingBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';

const SETTING_TYPES: Record<string, SettingType> = { boolean: SettingType.BOOLEAN, number: SettingType.NUMBER };

/** The workspace settings the sandbox models, read-only for apps. */
export abstract class SandboxServerSettingBridge extends ServerSettingBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	private asSetting(id: string, value: unknown): ISetting {
		return {
			id,
			type: SETTING_TYPES[typeof value] ?? SettingType.STRING,
			packageValue: value,
			value,
			required: false,
			public: false,
			i18nLabel: id,
		};
	}

	protected async getAll(): Promise<ISetting[]> {
		return Object.entries(this.context.workspace.settings).map(([id, value]) => this.asSetting(id, value));
	}

	/** Rocket.Chat refuses a setting an app may not read (app/apps/server/bridges/settings.ts). */
	protected async getOneById(id: string): Promise<ISetting> {
		const settings = this.context.workspace.settings as Record<string, unknown>;
		if (!(id in settings)) {
			throw new Error(`The setting "${id}" is not readable.`);
		}
		return this.asSetting(id, settings[id]);
	}

	protected async isReadableById(id: string): Promise<boolean> {
		return id in this.context.workspace.settings;
	}
}
