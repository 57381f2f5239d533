import type { EngineGroup } from '../cluster/EngineGroup';
import type { SandboxEngine } from '../engine/SandboxEngine';
import type { AppEvents } from '../engine/appEvents';
import type { Converters } from '../engine/converters';
import type { Logger } from '../logger';
import type { Workspace } from '../workspace/Workspace';

/** What the HTTP routes work with: the workspace's rules, the Apps-Engine host and the app events, directly. */
export type SandboxServices = {
	readonly version: string;
	readonly workspace: Workspace;
	/** This instance's engine: its app endpoints and the visitors' clicks run here. */
	readonly engine: SandboxEngine;
	/** The apps as an admin manages them, on every instance. */
	readonly apps: EngineGroup;
	readonly convert: Converters;
	readonly events: AppEvents;
	readonly log: Logger;
	/** The project folder, where the console's build and docs/openapi.yaml are. */
	readonly projectRoot: string;
};
