import { describeIncomingContract } from '../contract';
import { openOldEngineDriver } from '../harness/oldEngineDriver';

/** The engine of Rocket.Chat 6.7, the last before the Deno runtime (vm2). */
describeIncomingContract('Apps-Engine 1.42.1 (Rocket.Chat 6.7, vm2 runtime)', () =>
	openOldEngineDriver('apps-engine-1.42'),
);
