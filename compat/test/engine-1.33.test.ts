import { describeIncomingContract } from '../contract';
import { openOldEngineDriver } from '../harness/oldEngineDriver';

/** The oldest engine app.json accepts (requiredApiVersion ^1.33.0): its Node vm runtime. */
describeIncomingContract('Apps-Engine 1.33.0 (Rocket.Chat 5.0 era, Node vm runtime)', () =>
	openOldEngineDriver('apps-engine-1.33'),
);
