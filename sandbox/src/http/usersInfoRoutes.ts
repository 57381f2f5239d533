import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { requireUser } from './authentication';
import { failure, ok, text } from './restAnswers';
import { restUser } from './restShapes';

/**
 * GET /api/v1/users.info?userId= | username= (app/api/server/v1/users.ts): a logged-in caller reads a user, found by
 * id, else by username (`Invalid search query.` with neither, `User not found.`); the apps' users too, which is how
 * Rocket.Chat's apps cases check that installing an app created its user.
 */
export function usersInfoRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	router.get('/api/v1/users.info', requireUser, (req, res) => {
		const userId = text(req.query.userId);
		const username = text(req.query.username);
		if (!userId && !username) {
			failure(res, 'Invalid search query.');
			return;
		}
		const user = userId ? workspace.findUser(userId) : workspace.findUserByUsername(username ?? '');
		if (!user) {
			failure(res, 'User not found.');
			return;
		}
		ok(res, { user: restUser(user) });
	});
	return router;
}
