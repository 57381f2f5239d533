/**
 * Bridges implement only what the sandbox models. Every other Rocket.Chat-side method resolves to nothing and
 * says so in the debug log: the engine calls some of them during install and enable (commands, schedulers, video
 * conference providers...), where "nothing" is the right answer. The official base classes stay underneath, so
 * their permission checks run exactly as in Rocket.Chat.
 */
export function withFallbacks<T extends object>(bridge: T, name: string, log: (line: string) => void): T {
	return new Proxy(bridge, {
		get(object, property, receiver) {
			const value: unknown = Reflect.get(object, property, receiver);
			if (value !== undefined || typeof property !== 'string' || property === 'then') {
				return value;
			}
			return async () => {
				log(`${name}.${property} is not modelled by the sandbox; it did nothing`);
				return undefined;
			};
		},
	});
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
