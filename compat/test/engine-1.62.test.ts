import { describeIncomingContract } from '../contract';
import { openSandboxDriver } from '../harness/sandboxDriver';

/** The engine the sandbox runs (Rocket.Chat 8.x era, Deno runtime), through Rocket.Chat's REST API. */
const describeSandbox = process.env.ROCKETCHAT_URL ? () => undefined : describeIncomingContract;

describeSandbox('Apps-Engine 1.62.0 (Rocket.Chat 8.x, Deno runtime)', openSandboxDriver);
