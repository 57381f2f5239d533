import type { IHttp, ILogger } from '@rocket.chat/apps-engine/definition/accessors';

import { checkRasa } from './healthCheck';
import type { RasaMode } from '../shared/modes';
import { errorMessage } from '../text/errorMessage';
import { oneLine } from '../text/oneLine';

/** The assistants whose Rasa servers are checked, and why the Assistants setting was not taken, if it was not. */
export type RasaServers = {
	readonly all: ReadonlyArray<{
		readonly botUsername: string;
		readonly rasaServerUrl: string;
		readonly rasaMode: RasaMode;
	}>;
	readonly problem?: string;
};

/**
 * Checks each assistant's Rasa server and writes one line per assistant to the app's log (Administration → Apps →
 * Rasa → Logs): info when it answers as Rasa does, warning otherwise; with several assistants each line names its
 * bot. Never throws, and waits at most a few seconds (the checks run together).
 */
export async function reportRasaHealth(assistants: RasaServers, http: IHttp, logger: ILogger): Promise<void> {
	if (assistants.problem) {
		logger.warn(`assistants: ${assistants.problem}; the list is ignored, only the bot of "Bot username" answers`);
	}
	const several = assistants.all.length > 1;
	await Promise.all(
		assistants.all.map(async (assistant) => {
			try {
				const health = await checkRasa(http, { url: assistant.rasaServerUrl, mode: assistant.rasaMode });
				const line = several
					? health.line.replace(/^Rasa health:/, `Rasa health (bot ${oneLine(assistant.botUsername, 60)}):`)
					: health.line;
				if (health.healthy) {
					logger.info(line);
				} else {
					logger.warn(line);
				}
			} catch (error) {
				logger.warn(`Rasa health: the check failed: ${oneLine(errorMessage(error))}`);
			}
		}),
	);
}
