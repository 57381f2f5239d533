import type { IOnetimeSchedule, IProcessor, IRecurringSchedule } from '@rocket.chat/apps-engine/definition/scheduler';
import { SchedulerBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';
import { intervalMs, LOCK_LIFETIME_MS, type JobRecord } from '../../workspace/ScheduledJobs';
import { newId } from '../../workspace/ids';

/** Agenda's default: due jobs are looked for every 5 seconds. */
export const PROCESS_EVERY_MS = 5000;

type Processor = (jobContext: Record<string, unknown>) => Promise<void>;

/**
 * Apps' scheduler, as Rocket.Chat's SchedulerBridge over Agenda (app/apps/server/bridges/scheduler.ts): the id an
 * app schedules under is its processor's name (`<id>_<appId>`), so scheduling once under one id twice makes two
 * jobs and cancelling by that id cancels all of them, while an id that starts with a job's ObjectId cancels that
 * job; a processor gets the job's data with its `jobId`; a one-time job is removed once it ran; failures are
 * logged and answered with nothing. Jobs live in the workspace (shared by every instance); each instance's bridge
 * runs the due jobs of the processors its app registered, every PROCESS_EVERY_MS, locking each job first.
 */
export class SandboxSchedulerBridge extends SchedulerBridge {
	private readonly processors = new Map<string, Processor>();

	private readonly runner = newId();

	private timer?: ReturnType<typeof setInterval>;

	private running?: Promise<number>;

	private stopped = false;

	private readonly speedup: number;

	private readonly processEveryMs: number;

	private readonly lockLifetimeMs: number;

	constructor(
		private readonly context: BridgeContext,
		processEveryMs = PROCESS_EVERY_MS,
	) {
		super();
		this.speedup = context.schedulerSpeedup && context.schedulerSpeedup > 0 ? context.schedulerSpeedup : 1;
		this.processEveryMs = processEveryMs / this.speedup;
		this.lockLifetimeMs = LOCK_LIFETIME_MS / this.speedup;
	}

	private get jobs() {
		return this.context.workspace.jobs;
	}

	protected async registerProcessors(processors: IProcessor[], _appId: string): Promise<string[]> {
		const now = Date.now();
		for (const { id, processor, startupSetting } of processors) {
			this.processors.set(id, processor as unknown as Processor);
			if (startupSetting?.type === 'onetime') {
				// A startup one-time job is scheduled only when none of that processor is pending.
				if (this.jobs.pendingOnce(id).length === 0) {
					this.scheduleAt(id, startupSetting.when, startupSetting.data);
				}
			} else if (startupSetting?.type === 'recurring') {
				await this.every(id, startupSetting.interval, startupSetting.data, startupSetting.skipImmediate === true, now);
			}
		}
		this.timer ??= setInterval(() => void this.runDue(), this.processEveryMs);
		this.timer.unref?.();
		return processors.map((processor) => processor.id);
	}

	protected async scheduleOnce(job: IOnetimeSchedule, _appId: string): Promise<string | undefined> {
		return this.scheduleAt(job.id, job.when, job.data)?._id;
	}

	protected async scheduleRecurring(job: IRecurringSchedule, _appId: string): Promise<string | undefined> {
		return (await this.every(job.id, job.interval, job.data, job.skipImmediate === true, Date.now()))?._id;
	}

	protected async cancelJob(jobId: string, _appId: string): Promise<void> {
		const [prefix] = jobId.split('_');
		this.jobs.cancel(/^[0-9a-f]{24}$/.test(prefix) ? (job) => job._id === prefix : (job) => job.name === jobId);
	}

	protected async cancelAllJobs(appId: string): Promise<void> {
		this.jobs.cancel((job) => job.name.endsWith(`_${appId}`));
	}

	/**
	 * Runs this instance's due jobs now (the timer calls it; tests may too, with `all` to run every job of its
	 * processors whatever its time, as if the clock had moved on); answers how many ran.
	 */
	public runDue(options: { all?: boolean } = {}): Promise<number> {
		if (this.stopped) {
			return Promise.resolve(0);
		}
		const previous = this.running ?? Promise.resolve(0);
		this.running = previous.then(() => this.runOnce(options.all === true));
		return this.running;
	}

	/**
	 * Stops looking for due jobs, and settles once the run under way has ended: a job the app's runtime never answers
	 * ends with the engine's 30-second timeout, which must not fire after the sandbox was stopped.
	 */
	public async stop(): Promise<void> {
		if (this.timer) {
			clearInterval(this.timer);
		}
		this.timer = undefined;
		this.stopped = true;
		await this.running?.catch(() => undefined);
	}

	/**
	 * Agenda locks due jobs one at a time (each a round trip to the database, so instances looking at once share them
	 * out), then runs them with Rocket.Chat's `defaultConcurrency: 1`: one job of a name at a time on an instance,
	 * jobs of different names side by side.
	 */
	private async runOnce(all: boolean): Promise<number> {
		const locked: JobRecord[] = [];
		for (;;) {
			const now = Date.now();
			const [job] = this.jobs.lockDue(new Set(this.processors.keys()), this.runner, now, {
				lockLifetimeMs: this.lockLifetimeMs,
				dueBy: all ? Infinity : now,
				limit: 1,
			});
			if (!job) {
				break;
			}
			locked.push(job);
			await new Promise((resolve) => setImmediate(resolve));
		}
		const byName = new Map<string, JobRecord[]>();
		for (const job of locked) {
			byName.set(job.name, [...(byName.get(job.name) ?? []), job]);
		}
		await Promise.all(
			[...byName.values()].map(async (jobs) => {
				for (const job of jobs) {
					await this.run(job);
				}
			}),
		);
		return locked.length;
	}

	private async run(job: JobRecord): Promise<void> {
		const { appId: _appId, ...data } = job.data;
		try {
			await this.processors.get(job.name)?.({ ...data, jobId: job._id });
		} catch (error) {
			this.context.log(
				'warn',
				`scheduled job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`,
			);
		} finally {
			this.jobs.finished(job, Date.now());
		}
	}

	private scheduleAt(name: string, when: unknown, data: object | undefined): JobRecord | undefined {
		const at = when instanceof Date ? when.getTime() : whenOf(when, this.speedup);
		if (at === undefined) {
			this.context.log('warn', `scheduler: ${name}: cannot read when "${String(when)}"; nothing scheduled`);
			return undefined;
		}
		return this.jobs.scheduleOnce(name, at, { ...data });
	}

	/** agenda.every: a find and an upsert, a round trip to the database apart (what two instances at once both miss). */
	private async every(name: string, interval: unknown, data: object | undefined, skipImmediate: boolean, now: number) {
		const everyMs = intervalMs(interval);
		if (everyMs === undefined || everyMs <= 0) {
			this.context.log('warn', `scheduler: ${name}: the sandbox cannot read the interval "${String(interval)}"`);
			return undefined;
		}
		const seen = { job: this.jobs.recurring(name) };
		await new Promise((resolve) => setImmediate(resolve));
		return this.jobs.every(name, everyMs / this.speedup, { ...data }, skipImmediate, now, seen);
	}
}

/** A date, a date's text, or a human interval from now ("in 5 minutes", "20 seconds"; sped up as asked). */
function whenOf(when: unknown, speedup: number): number | undefined {
	const relative = intervalMs(when);
	if (relative !== undefined) {
		return Date.now() + relative / speedup;
	}
	const date = Date.parse(String(when));
	return Number.isNaN(date) ? undefined : date;
}
