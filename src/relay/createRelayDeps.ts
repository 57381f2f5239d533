import type { IHttp, ILogger, IModify, IRead } from '@rocket.chat/apps-engine/definition/accessors';

import type { RelayToRasaDeps } from './relayToRasa';
import { AppsEngineOmnichannel } from '../omnichannel/AppsEngineOmnichannel';
import { RasaClient } from '../rasa/RasaClient';
import { AppSettings } from '../settings/AppSettings';

/** Wires the relay for one event or request from the accessors it was given: nothing outlives the call. */
export async function createRelayDeps(
	read: IRead,
	modify: IModify,
	http: IHttp,
	logger: ILogger,
): Promise<RelayToRasaDeps> {
	const settings = new AppSettings(read.getEnvironmentReader().getSettings());
	const [url, mode, timeoutMs] = await Promise.all([
		settings.rasaServerUrl(),
		settings.rasaMode(),
		settings.requestTimeoutMs(),
	]);
	return {
		omnichannel: new AppsEngineOmnichannel(read, modify, logger),
		settings,
		rasa: new RasaClient(http, { url, mode, timeoutMs }),
		log: { info: (line) => logger.info(line), warn: (line) => logger.warn(line) },
	};
}
