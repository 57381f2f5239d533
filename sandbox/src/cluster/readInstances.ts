const MAX_INSTANCES = 8;

/** `--instances N` (or `--instances=N`): how many Rocket.Chat instances the sandbox runs over its one workspace. */
export function readInstances(argv: ReadonlyArray<string>): number {
	const usage = `usage: npm start [-- --instances N]   (N from 1 to ${MAX_INSTANCES}; default 1)`;
	let value: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--instances') {
			value = argv[index + 1] ?? '';
			index++;
		} else if (arg.startsWith('--instances=')) {
			value = arg.slice('--instances='.length);
		} else {
			throw new Error(`unknown argument "${arg}"; ${usage}`);
		}
	}
	if (value === undefined) {
		return 1;
	}
	const instances = Number(value);
	if (!/^\d+$/.test(value) || instances < 1 || instances > MAX_INSTANCES) {
		throw new Error(`--instances must be a whole number from 1 to ${MAX_INSTANCES}, not "${value}"; ${usage}`);
	}
	return instances;
}
