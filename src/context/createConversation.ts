import type { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { InstanceState } from './InstanceState';
import { ACTIONS } from '../conversation/actions/registry';
import type { Conversation, IConversationLog } from '../conversation/engine/Conversation';
import { fetchImage } from '../files/fetchImage';
import { AppsEngineOmnichannel } from '../omnichannel/AppsEngineOmnichannel';
import { AppsEngineRoomMemory } from '../persistence/AppsEngineRoomMemory';
import { RasaClient } from '../rasa/RasaClient';
import { checkRasa } from '../rasa/healthCheck';
import { SettingsReader } from '../settings/SettingsReader';
import { readAssistants, type Assistants } from '../settings/assistants';
import { oneLine } from '../text/oneLine';

export type CallAccessors = {
	read: IRead;
	modify: IModify;
	http: IHttp;
	persistence?: IPersistence;
	logger: ILogger;
};

/**
 * The one place that turns a call's accessors into what the conversation layer works with: the settings, the
 * Omnichannel port, room memory, a Rasa client built on first use, and a log that keeps lines on one line.
 * `deadline` is when an endpoint call must have answered.
 */
export function createConversation(instance: InstanceState, accessors: CallAccessors, deadline?: number): Conversation {
	const { read, modify, http, persistence, logger } = accessors;
	const log = safeLog(logger);
	const settings = new SettingsReader(read.getEnvironmentReader().getSettings(), instance.settingsCache);
	let assistants: Promise<Assistants> | undefined;
	return {
		actions: ACTIONS,
		omnichannel: new AppsEngineOmnichannel(read, modify, log, instance.serverSettings),
		settings,
		assistants: () => {
			assistants ??= readAssistants(settings).then((found) => {
				if (found.problem && instance.firstReport(found.problem)) {
					log.warn(`assistants: ${found.problem}; the list is ignored, only the bot of "Bot username" answers`);
				}
				return found;
			});
			return assistants;
		},
		rasaFor: async (assistant) => {
			const { rasaTimeoutMs } = await settings.read('rasaTimeoutMs');
			return new RasaClient(http, { url: assistant.rasaServerUrl, mode: assistant.rasaMode, timeoutMs: rasaTimeoutMs });
		},
		fetchImage: (url, limits) => fetchImage(http, url, limits),
		memory: new AppsEngineRoomMemory(read.getPersistenceReader(), persistence, instance.welcomed, instance.commitTimes),
		counter: instance.counts.counterFor(persistence),
		countsSince: (since) => instance.counts.since(read.getPersistenceReader(), since),
		rasaHealth: (assistant) => checkRasa(http, { url: assistant.rasaServerUrl, mode: assistant.rasaMode }),
		departments: instance.departments,
		rooms: instance.rooms,
		clicks: instance.clicks,
		log,
		deadline,
		now: () => Date.now(),
	};
}

/** Every line on one line, clipped: nothing a caller sends can forge a log line. */
export function safeLog(logger: Pick<ILogger, 'info' | 'warn' | 'error'>): IConversationLog {
	return {
		info: (line) => logger.info(oneLine(line, 1000)),
		warn: (line) => logger.warn(oneLine(line, 1000)),
		error: (line) => logger.error(oneLine(line, 1000)),
	};
}
