export type Latencies = { p50: number; p90: number; p99: number; mean: number; throughput: number; count: number };

/** Percentiles (nearest rank) in milliseconds, and requests per second over the whole run. */
export function summarize(samplesMs: number[], wallMs: number): Latencies {
	const sorted = [...samplesMs].sort((a, b) => a - b);
	const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
	return {
		p50: at(0.5),
		p90: at(0.9),
		p99: at(0.99),
		mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
		throughput: (sorted.length / wallMs) * 1000,
		count: sorted.length,
	};
}

/** Runs `task(i)` for i in [0, count) with `concurrency` callers, timing each call. */
export async function measure(
	count: number,
	concurrency: number,
	task: (i: number) => Promise<void>,
): Promise<Latencies> {
	const samples: number[] = [];
	let next = 0;
	const started = process.hrtime.bigint();
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const begin = process.hrtime.bigint();
			await task(i);
			samples.push(Number(process.hrtime.bigint() - begin) / 1e6);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return summarize(samples, Number(process.hrtime.bigint() - started) / 1e6);
}
