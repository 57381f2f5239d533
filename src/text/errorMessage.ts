/**
 * An error's message, by shape rather than instanceof: errors may come from another realm (the host, or another
 * module context in engines that run each module of the app in its own context).
 */
export function errorMessage(error: unknown): string {
	const message = (error as { message?: unknown } | undefined)?.message;
	return typeof message === 'string' ? message : String(error);
}
