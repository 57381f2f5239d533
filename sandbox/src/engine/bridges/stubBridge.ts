/**
 * Bridges implement only what the sandbox models. Every other Rocket.Chat-side method resolves to nothing and
 * says so in the debug log: the engine calls some of them during install and enable (commands, schedulers, video
 * conference providers...), where "nothing" is the right answer. The official base classes stay underneath, so
 * their permission checks run exactly as in Rocket.Chat.
 *
 * The methods left to fallbacks are found once, by name: each `doXxx` entry the engine calls on a bridge calls the
 * bridge's own abstract methods, and those an instance lacks get a stub of their own. Nothing else is touched: a
 * field that holds `undefined` (a timer not started yet, say) stays `undefined`, so `this.timer ??= ...` works.
 */
export function withFallbacks<T extends object>(bridge: T, name: string, log: (line: string) => void): T {
	for (const method of abstractMethodsOf(bridge)) {
		Object.defineProperty(bridge, method, {
			configurable: true,
			writable: true,
			value: async () => {
				log(`${name}.${method} is not modelled by the sandbox; it did nothing`);
				return undefined;
			},
		});
	}
	return bridge;
}

/** The methods the bridge's `doXxx` entries call on `this` that the bridge does not have. */
export function abstractMethodsOf(bridge: object): string[] {
	const called = new Set<string>();
	for (let prototype = Object.getPrototypeOf(bridge); prototype; prototype = Object.getPrototypeOf(prototype)) {
		for (const key of Object.getOwnPropertyNames(prototype)) {
			const entry = Object.getOwnPropertyDescriptor(prototype, key)?.value as unknown;
			if (!/^do[A-Z]/.test(key) || typeof entry !== 'function') {
				continue;
			}
			for (const [, method] of Function.prototype.toString.call(entry).matchAll(/\bthis\.(\w+)\(/g)) {
				called.add(method);
			}
		}
	}
	const record = bridge as Record<string, unknown>;
	return [...called].filter((method) => typeof record[method] !== 'function');
}

/** An official bridge class with no sandbox behaviour at all. */
export function stubBridge<T extends object>(
	bridgeClass: abstract new () => T,
	name: string,
	log: (line: string) => void,
): T {
	return withFallbacks(new (bridgeClass as unknown as new () => T)(), name, log);
}

/** Instantiates a sandbox bridge that leaves some abstract methods to the fallbacks. */
export function partialBridge<T extends object, A extends unknown[]>(
	bridgeClass: abstract new (...args: A) => T,
	name: string,
	log: (line: string) => void,
	...args: A
): T {
	return withFallbacks(new (bridgeClass as unknown as new (...a: A) => T)(...args), name, log);
}
