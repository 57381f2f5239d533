import type { ISettingRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { SettingsCache } from './SettingsCache';
import { SETTINGS, type SettingKey, type Settings } from './declarations';

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
			values[key] = SETTINGS[key].read(raw[index]);
		});
		return values as Pick<Settings, K>;
	}
}
