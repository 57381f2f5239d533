import type { Request, Response } from 'express';

/** Rocket.Chat's REST answers: `{...data, success: true}`, or `{success: false, error}` with a 4xx. */
export function ok(res: Response, data: Record<string, unknown> = {}): void {
	res.status(200).json({ ...data, success: true });
}

export function failure(res: Response, error: string, status = 400, errorType?: string): void {
	res.status(status).json({ success: false, error, ...(errorType ? { errorType } : {}) });
}

/** The body Rocket.Chat's REST API answers to a request without valid credentials. */
export function unauthorized(res: Response): void {
	res.status(401).json({ status: 'error', message: 'You must be logged in to do this.' });
}

export function forbidden(res: Response): void {
	res.status(403).json({
		success: false,
		error: 'User does not have the permissions required for this action [error-unauthorized]',
	});
}

/** Narrows an unknown body field to a non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Runs a route handler and turns a thrown model error ("reason [code]") into Rocket.Chat's 400 answer. */
export const handle =
	(handler: (req: Request, res: Response) => unknown) =>
	async (req: Request, res: Response): Promise<void> => {
		try {
			await handler(req, res);
		} catch (error) {
			failure(res, error instanceof Error ? error.message : String(error));
		}
	};
