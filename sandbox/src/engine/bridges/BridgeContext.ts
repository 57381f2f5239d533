import type { Workspace } from '../../workspace/Workspace';
import type { Converters } from '../converters';

/** What every bridge needs: the workspace it acts on, its converters and the sandbox log. */
export type BridgeContext = {
	workspace: Workspace;
	convert: Converters;
	log: (level: 'debug' | 'info' | 'warn' | 'error', line: string) => void;
	/** In a cluster: the instance whose engine these bridges serve. */
	instance?: number;
	/**
	 * Runs scheduled jobs this many times as often as Rocket.Chat would (Agenda's 5 s look-out and every job's
	 * interval divided by it), for demos and tests that watch a job by its clock; 1 (the default) is Rocket.Chat's pace.
	 */
	schedulerSpeedup?: number;
};
