import { startSandbox, type RunningSandbox } from '../../../sandbox/src/startSandbox';

export type RunningWorkspace = RunningSandbox;

/** A sandbox on a free port, quiet unless SANDBOX_LOG_LEVEL asks for more. */
export async function startLocalWorkspace(): Promise<RunningWorkspace> {
	const sandbox = await startSandbox({
		port: 0,
		adminPassword: 'e2e-admin',
		logLevel: (process.env.SANDBOX_LOG_LEVEL as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'error',
	});
	return sandbox;
}
