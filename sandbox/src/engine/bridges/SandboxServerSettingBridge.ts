import { SettingType, type ISetting } from '@rocket.chat/apps-engine/definition/settings';
import { ServerSettingBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';

/** The workspace settings the sandbox models, read-only for apps. */
export abstract class SandboxServerSettingBridge extends ServerSettingBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	private asSetting(id: string, value: unknown): ISetting {
		return {
			id,
			type: typeof value === 'boolean' ? SettingType.BOOLEAN : SettingType.STRING,
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

	protected async getOneById(id: string): Promise<ISetting> {
		const settings = this.context.workspace.settings as Record<string, unknown>;
		return (id in settings ? this.asSetting(id, settings[id]) : undefined) as ISetting;
	}

	protected async isReadableById(id: string): Promise<boolean> {
		return id in this.context.workspace.settings;
	}
}
