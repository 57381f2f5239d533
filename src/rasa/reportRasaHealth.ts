import type { IHttp, ILogger, ISettingRead } from '@rocket.chat/apps-engine/definition/accessors';

import { checkRasa } from './healthCheck';
import { SettingId } from '../settings/settingDefinitions';
import { errorMessage } from '../text/errorMessage';
import { oneLine } from '../text/oneLine';

/**
 * Checks the configured Rasa server and writes one line to the app's log (Administration → Apps → Rasa → Logs):
 * info when it answers as Rasa does, warning otherwise. Never throws, and waits at most a few seconds.
 */
export async function reportRasaHealth(settings: ISettingRead, http: IHttp, logger: ILogger): Promise<void> {
	try {
		const [url, mode] = await Promise.all([
			settings.getValueById(SettingId.RasaServerUrl),
			settings.getValueById(SettingId.RasaMode),
		]);
		const health = await checkRasa(http, {
			url: typeof url === 'string' ? url.trim() : '',
			mode: mode === 'callback' ? 'callback' : 'rest',
		});
		if (health.healthy) {
			logger.info(health.line);
		} else {
			logger.warn(health.line);
		}
	} catch (error) {
		logger.warn(`Rasa health: the check failed: ${oneLine(errorMessage(error))}`);
	}
}
