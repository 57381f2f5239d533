import type { Workspace } from '../../workspace/Workspace';
import type { Converters } from '../converters';

/** What every bridge needs: the workspace it acts on, its converters and the sandbox log. */
export type BridgeContext = {
	workspace: Workspace;
	convert: Converters;
	log: (level: 'debug' | 'info' | 'warn' | 'error', line: string) => void;
	/** In a cluster: the instance whose engine these bridges serve. */
	instance?: number;
};
