import { randomBytes } from 'crypto';

/**
 * Apps' scheduled jobs, as Rocket.Chat keeps them with Agenda in its database (collection
 * `rocketchat_apps_scheduler`, app/apps/server/bridges/scheduler.ts): shared by every instance, kept while the
 * workspace lives, each due job run by one instance (the one that locks it first).
 */
export type JobRecord = {
	/** A Mongo ObjectId in Rocket.Chat: 24 hexadecimal digits. */
	_id: string;
	/** The processor: `<processor id>_<app id>`. */
	name: string;
	/** Agenda's `normal` jobs are one-time jobs; `single` ones are recurring, one per name. */
	type: 'normal' | 'single';
	data: Record<string, unknown>;
	nextRunAt: number;
	/** Recurring jobs: milliseconds between runs. */
	repeatEveryMs?: number;
	lockedBy?: string;
	/** When the lock was taken: a lock older than the lock lifetime no longer holds (Agenda's lockLifetime). */
	lockedAt?: number;
	lastRunAt?: number;
};

/** Agenda's default lock lifetime: a job locked longer than this is due again, for whichever instance looks. */
export const LOCK_LIFETIME_MS = 10 * 60 * 1000;

export class ScheduledJobs {
	private readonly jobs = new Map<string, JobRecord>();

	/** Whether a one-time job stays in the collection after it ran (versionProfile `oneTimeJobs`). */
	constructor(private readonly oneTimeJobs: () => 'kept' | 'removed' = () => 'removed') {}

	/** agenda.schedule: a new one-time job every time, even under a name that has one. */
	public scheduleOnce(name: string, at: number, data: Record<string, unknown>): JobRecord {
		const job: JobRecord = { _id: objectId(), name, type: 'normal', data, nextRunAt: at };
		this.jobs.set(job._id, job);
		return job;
	}

	/** The `single` (recurring) job of that name, as a find would answer now. */
	public recurring(name: string): JobRecord | undefined {
		return [...this.jobs.values()].find((job) => job.name === name && job.type === 'single');
	}

	/**
	 * agenda.every: an upsert of the `single` job of that name, with no unique index under it. `seen` is what the upsert
	 * found when it ran: two instances registering at once both find none and both insert, which leaves two recurring
	 * jobs of one name (each then runs at every interval). `seen` holds what the find answered (`{}`: nothing).
	 */
	public every(
		name: string,
		everyMs: number,
		data: Record<string, unknown>,
		skipImmediate: boolean,
		now: number,
		seen: { job?: JobRecord } = { job: this.recurring(name) },
	) {
		const existing = seen.job && this.jobs.has(seen.job._id) ? seen.job : undefined;
		const job: JobRecord = existing ?? { _id: objectId(), name, type: 'single', data, nextRunAt: now };
		job.data = data;
		job.repeatEveryMs = everyMs;
		job.nextRunAt = skipImmediate ? now + everyMs : now;
		this.jobs.set(job._id, job);
		return job;
	}

	/** Pending one-time jobs of a processor (startup one-time jobs are scheduled only when there is none). */
	public pendingOnce(name: string): JobRecord[] {
		return [...this.jobs.values()].filter((job) => job.name === name && job.type === 'normal');
	}

	public cancel(match: (job: JobRecord) => boolean): number {
		const doomed = [...this.jobs.values()].filter(match);
		doomed.forEach((job) => this.jobs.delete(job._id));
		return doomed.length;
	}

	/**
	 * Locks the due jobs of these processors for one runner; a job locked by another runner is left to it until its
	 * lock is older than the lock lifetime (the run went on too long, or its instance died): then it is due again, and
	 * runs a second time. `dueBy` looks further ahead than `now` (a test running every job as if its time had come).
	 */
	public lockDue(
		names: ReadonlySet<string>,
		runner: string,
		now: number,
		options: { lockLifetimeMs?: number; dueBy?: number; limit?: number } = {},
	): JobRecord[] {
		const { lockLifetimeMs = LOCK_LIFETIME_MS, dueBy = now, limit = Infinity } = options;
		const due = [...this.jobs.values()]
			.filter(
				(job) =>
					names.has(job.name) &&
					job.nextRunAt <= dueBy &&
					(job.lockedBy === undefined || (job.lockedAt ?? 0) + lockLifetimeMs <= now),
			)
			.slice(0, limit);
		for (const job of due) {
			job.lockedBy = runner;
			job.lockedAt = now;
		}
		return due;
	}

	/**
	 * After a run: a one-time job is removed (5.4 and later) or kept with no next run (5.0–5.3), a recurring one comes
	 * round again.
	 */
	public finished(job: JobRecord, now: number): void {
		delete job.lockedBy;
		delete job.lockedAt;
		job.lastRunAt = now;
		if (job.type === 'normal' && this.oneTimeJobs() === 'removed') {
			this.jobs.delete(job._id);
		} else if (job.type === 'normal') {
			job.nextRunAt = Infinity;
		} else {
			job.nextRunAt = now + (job.repeatEveryMs ?? 0);
		}
	}

	public list(): JobRecord[] {
		return [...this.jobs.values()].map((job) => ({ ...job, data: { ...job.data } }));
	}
}

function objectId(): string {
	return randomBytes(12).toString('hex');
}

const UNIT_MS: Record<string, number> = {
	ms: 1,
	millisecond: 1,
	second: 1000,
	minute: 60000,
	hour: 3600000,
	day: 86400000,
	week: 604800000,
};

/**
 * A human-interval ("10 minutes", "1.5 hours", "in 20 seconds") or a number of milliseconds, as Agenda reads them;
 * undefined for what the sandbox does not read (cron strings).
 */
export function intervalMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) {
		return value;
	}
	const match = /^\s*(?:in\s+)?(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(String(value));
	const name = match?.[2].toLowerCase();
	const unit = name === undefined ? undefined : UNIT_MS[name === 'ms' ? name : name.replace(/s$/, '')];
	return match && unit !== undefined ? Number(match[1]) * unit : undefined;
}
