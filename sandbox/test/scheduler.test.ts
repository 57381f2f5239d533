import { SchedulerBridge } from '@rocket.chat/apps-engine/server/bridges';

import { SandboxSchedulerBridge } from '../src/engine/bridges/SandboxSchedulerBridge';
import { withFallbacks } from '../src/engine/bridges/stubBridge';
import type { Converters } from '../src/engine/converters';
import { intervalMs } from '../src/workspace/ScheduledJobs';
import { Workspace } from '../src/workspace/Workspace';

type Bridge = {
	doRegisterProcessors(processors: unknown[], appId: string): Promise<unknown>;
	doScheduleOnce(job: unknown, appId: string): Promise<string | undefined>;
	doCancelJob(jobId: string, appId: string): Promise<void>;
	doCancelAllJobs(appId: string): Promise<void>;
};

function scheduler(workspace = new Workspace()) {
	const logs: string[] = [];
	const bridge = new SandboxSchedulerBridge(
		{ workspace, convert: {} as Converters, log: (_level, line) => logs.push(line) },
		60000,
	);
	// The engine's own permission check needs an app with the scheduler permission: call the bridge's methods.
	const raw = bridge as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
	const call = {
		doRegisterProcessors: (processors: unknown[], appId: string) => raw.registerProcessors(processors, appId),
		doScheduleOnce: (job: unknown, appId: string) => raw.scheduleOnce(job, appId) as Promise<string | undefined>,
		doCancelJob: (jobId: string, appId: string) => raw.cancelJob(jobId, appId) as Promise<void>,
		doCancelAllJobs: (appId: string) => raw.cancelAllJobs(appId) as Promise<void>,
	} satisfies Bridge;
	return { bridge, call, workspace, logs };
}

describe("apps' scheduler, as Rocket.Chat's Agenda bridge", () => {
	it('reads human intervals as Agenda does', () => {
		expect([intervalMs('10 minutes'), intervalMs('in 20 seconds'), intervalMs('1.5 hours'), intervalMs(250)]).toEqual([
			600000, 20000, 5400000, 250,
		]);
		expect(intervalMs('0 */5 * * *')).toBeUndefined();
	});

	it('runs a recurring startup job at once and again after its interval, on one instance', async () => {
		const workspace = new Workspace();
		const runs: string[] = [];
		const processor = {
			id: 'sweep_app',
			processor: async () => void runs.push('run'),
			startupSetting: { type: 'recurring', interval: '10 minutes' },
		};
		const one = scheduler(workspace);
		const two = scheduler(workspace);
		await one.call.doRegisterProcessors([processor], 'app');
		await two.call.doRegisterProcessors([processor], 'app');

		await Promise.all([one.bridge.runDue(), two.bridge.runDue()]);
		await Promise.all([one.bridge.runDue(), two.bridge.runDue()]);

		expect(runs).toEqual(['run']);
		expect(workspace.jobs.list()).toHaveLength(1);
		one.bridge.stop();
		two.bridge.stop();
	});

	it('makes two jobs when one id is scheduled twice, cancels all of them by that id, one by its job id', async () => {
		const { call, workspace, bridge } = scheduler();
		const contexts: unknown[] = [];
		await call.doRegisterProcessors(
			[{ id: 'remind_app', processor: async (context: unknown) => void contexts.push(context) }],
			'app',
		);

		const first = await call.doScheduleOnce({ id: 'remind_app', when: 'in 0 seconds', data: { room: 'r1' } }, 'app');
		await call.doScheduleOnce({ id: 'remind_app', when: 'in 0 seconds', data: { room: 'r2' } }, 'app');
		expect(workspace.jobs.list()).toHaveLength(2);
		await call.doCancelJob(`${first}_app`, 'app');
		expect(workspace.jobs.list().map((job) => job.data.room)).toEqual(['r2']);

		await bridge.runDue();
		expect(contexts).toEqual([{ room: 'r2', jobId: expect.any(String) }]);
		// A one-time job is removed once it ran.
		expect(workspace.jobs.list()).toEqual([]);

		await call.doScheduleOnce({ id: 'remind_app', when: 'in 1 minute' }, 'app');
		await call.doScheduleOnce({ id: 'remind_app', when: 'in 1 minute' }, 'app');
		await call.doCancelJob('remind_app', 'app');
		expect(workspace.jobs.list()).toEqual([]);
		bridge.stop();
	});

	it('logs a job that fails and goes on', async () => {
		const { call, bridge, logs, workspace } = scheduler();
		await call.doRegisterProcessors(
			[
				{
					id: 'boom_app',
					processor: async () => Promise.reject(new Error('boom')),
					startupSetting: { type: 'onetime', when: 'in 0 seconds' },
				},
			],
			'app',
		);

		expect(await bridge.runDue()).toBe(1);
		expect(logs.join('\n')).toContain('scheduled job boom_app failed: boom');
		expect(workspace.jobs.list()).toEqual([]);
		bridge.stop();
	});

	it('runs due jobs by its own clock once processors are registered, also wrapped as the engine gets it', async () => {
		const workspace = new Workspace();
		const logs: string[] = [];
		const bridge = withFallbacks(
			new SandboxSchedulerBridge(
				{ workspace, convert: {} as Converters, log: (_level, line) => logs.push(line), schedulerSpeedup: 100 },
				5000,
			),
			'SchedulerBridge',
			(line) => logs.push(line),
		);
		const runs: number[] = [];
		await (bridge as unknown as { registerProcessors(p: unknown[], a: string): Promise<unknown> }).registerProcessors(
			[
				{
					id: 'tick_app',
					processor: async () => void runs.push(Date.now()),
					startupSetting: { type: 'recurring', interval: '10 seconds' },
				},
			],
			'app',
		);

		// Agenda's 5 s and the job's 10 s, 100 times as fast: a run at once, then about every 100 ms.
		await new Promise((resolve) => setTimeout(resolve, 400));
		bridge.stop();

		expect(runs.length).toBeGreaterThanOrEqual(3);
		expect(logs.join('\n')).not.toContain('not modelled');
	});

	it('stubs only the methods the engine calls that a bridge lacks', () => {
		class Partial extends (SchedulerBridge as unknown as new () => object) {
			public timer?: number = undefined;

			protected async cancelJob(): Promise<void> {
				await Promise.resolve();
			}
		}
		const bridge = withFallbacks(new Partial(), 'SchedulerBridge', () => undefined) as unknown as Record<
			string,
			unknown
		>;

		expect(bridge.timer).toBeUndefined();
		expect(typeof bridge.registerProcessors).toBe('function');
		expect(bridge.cancelJob).toBe(Partial.prototype['cancelJob' as keyof Partial]);
		expect(bridge.notAMethod).toBeUndefined();
	});

	it('leaves two recurring jobs of one name when two instances register at once, and both run', async () => {
		const workspace = new Workspace();
		const runs: string[] = [];
		const processor = {
			id: 'sweep_app',
			processor: async () => void runs.push('run'),
			startupSetting: { type: 'recurring', interval: '10 minutes' },
		};
		const one = scheduler(workspace);
		const two = scheduler(workspace);

		await Promise.all([
			one.call.doRegisterProcessors([processor], 'app'),
			two.call.doRegisterProcessors([processor], 'app'),
		]);
		await Promise.all([one.bridge.runDue(), two.bridge.runDue()]);

		expect(workspace.jobs.list().filter((job) => job.name === 'sweep_app')).toHaveLength(2);
		expect(runs).toEqual(['run', 'run']);
		await Promise.all([one.bridge.stop(), two.bridge.stop()]);
	});

	it('runs a job again on another instance once its lock is older than the lock lifetime', () => {
		const workspace = new Workspace();
		workspace.jobs.every('sweep_app', 60000, {}, false, 0);
		const names = new Set(['sweep_app']);

		const first = workspace.jobs.lockDue(names, 'instance-1', 1000);
		// Instance 1 never finishes (it died, or its run outlives the lock).
		const meanwhile = workspace.jobs.lockDue(names, 'instance-2', 1000 + 9 * 60000);
		const later = workspace.jobs.lockDue(names, 'instance-2', 1000 + 10 * 60000);

		expect([first.length, meanwhile.length, later.length]).toEqual([1, 0, 1]);
	});
});
