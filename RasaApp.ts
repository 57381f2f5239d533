import { App } from '@rocket.chat/apps-engine/definition/App';
import type { IAppAccessors, IConfigurationExtend, ILogger } from '@rocket.chat/apps-engine/definition/accessors';
import { ApiSecurity, ApiVisibility } from '@rocket.chat/apps-engine/definition/api';
import type { IAppInfo } from '@rocket.chat/apps-engine/definition/metadata';

import { IncomingEndpoint } from './src/endpoints/IncomingEndpoint';
import { settingDefinitions } from './src/settings/settingDefinitions';

/** Wiring only: settings and endpoints are declared here, their behaviour lives in src/. */
export class RasaApp extends App {
	constructor(info: IAppInfo, logger: ILogger, accessors: IAppAccessors) {
		super(info, logger, accessors);
	}

	protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
		await Promise.all(settingDefinitions.map((setting) => configuration.settings.provideSetting(setting)));
		await configuration.api.provideApi({
			visibility: ApiVisibility.PUBLIC,
			security: ApiSecurity.UNSECURE,
			endpoints: [new IncomingEndpoint(this)],
		});
	}
}
