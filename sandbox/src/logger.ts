export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export type Logger = (level: LogLevel, line: string) => void;

/** One readable line per event on stderr, at or above the chosen level. Callers never pass tokens or headers. */
export function createLogger(
	minimum: LogLevel,
	write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
	return (level, line) => {
		if (ORDER[level] >= ORDER[minimum]) {
			write(`${new Date().toISOString()} ${level.padEnd(5)} ${line}`);
		}
	};
}
