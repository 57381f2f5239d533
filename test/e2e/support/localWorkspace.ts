import { startSandbox } from '../../../sandbox/src/startSandbox';

export type RunningWorkspace = { url: string; adminUsername: string; adminPassword: string; stop(): Promise<void> };

/** A sandbox on a free port, quiet unless SANDBOX_LOG_LEVEL asks for more. */
export async function startLocalWorkspace(): Promise<RunningWorkspace> {
	const sandbox = await startSandbox({
		port: 0,
		adminPassword: 'e2e-admin',
		logLevel: (process.env.SANDBOX_LOG_LEVEL as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'error',
	});
	return sandbox;
}
