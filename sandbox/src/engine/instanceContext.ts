import { AsyncLocalStorage } from 'async_hooks';

/**
 * Which Rocket.Chat instance of a sandbox cluster the current work belongs to: the instance an HTTP request reached,
 * or whose app runtime called a bridge. Rocket.Chat fires an app event on the instance where the change happened
 * (its listener bridge dispatches to the local app manager), so the workspace's events go to that instance's app.
 * Outside any instance's work (a single sandbox, timers) it is instance 0.
 */
const context = new AsyncLocalStorage<number>();

export const currentInstance = (): number => context.getStore() ?? 0;

export function asInstance<T>(instance: number | undefined, work: () => T): T {
	return instance === undefined ? work() : context.run(instance, work);
}
