import fs from 'fs';
import os from 'os';

import { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireUser } from './authentication';
import { ok, unauthorized } from './restAnswers';
import { restUser } from './restShapes';
import type { Workspace } from '../workspace/Workspace';
import { hasPermission } from '../workspace/permissions';
import type { UserRecord } from '../workspace/types';

/**
 * Every Accounts_Default_User_Preferences_* setting of Rocket.Chat (server/settings/accounts.ts, and
 * omnichannelTranscriptPDF in ee/server/settings) with its default: a user's preferences as getUserInfo answers them
 * (`/me`, the login's `me`) when the user has set none.
 */
const DEFAULT_USER_PREFERENCES: Record<string, unknown> = {
	enableAutoAway: true,
	idleTimeLimit: 300,
	desktopNotificationRequireInteraction: false,
	desktopNotifications: 'all',
	pushNotifications: 'all',
	unreadAlert: true,
	useEmojis: true,
	convertAsciiEmoji: true,
	autoImageLoad: true,
	saveMobileBandwidth: true,
	collapseMediaByDefault: false,
	hideUsernames: false,
	hideRoles: false,
	hideFlexTab: false,
	displayAvatars: true,
	sidebarGroupByType: true,
	themeAppearence: 'auto',
	sidebarViewMode: 'medium',
	sidebarDisplayAvatar: true,
	sidebarShowUnread: false,
	sidebarSortby: 'activity',
	showThreadsInMainChannel: false,
	alsoSendThreadToChannel: 'default',
	sidebarShowFavorites: true,
	sendOnEnter: 'normal',
	emailNotificationMode: 'mentions',
	newRoomNotification: 'door',
	newMessageNotification: 'chime',
	muteFocusedConversations: true,
	notificationsSoundVolume: 100,
	omnichannelTranscriptEmail: false,
	omnichannelTranscriptPDF: false,
	notifyCalendarEvents: true,
	enableMobileRinging: true,
	sidebarSectionsOrder: [
		'Incoming_Calls',
		'Incoming_Livechats',
		'Open_Livechats',
		'On_Hold_Chats',
		'Unread',
		'Favorites',
		'Teams',
		'Discussions',
		'Channels',
		'Direct_Messages',
		'Conversations',
	],
	featuresPreview: '[]',
};

/** The Apps-Engine the sandbox runs, the `marketplaceApiVersion` Rocket.Chat reports (its engine's version). */
const ENGINE_VERSION = (() => {
	try {
		const manifest = require.resolve('@rocket.chat/apps-engine/package.json');
		return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
	} catch {
		return '1.62.0';
	}
})();

/**
 * getUserInfo (app/api/server/helpers/getUserInfo.ts) over the user's default fields (`/me`, `login`): the verified
 * e-mail, the preferences (defaults, then the user's own), the avatar's address, and of the services only whether a
 * password exists (misc.ts `me`).
 */
function userInfo(user: UserRecord, workspace: Workspace): Record<string, unknown> {
	const verified = user.emails.find((email) => email.verified);
	return {
		...restUser(user),
		...(verified ? { email: verified.address } : {}),
		services: { password: { exists: Boolean(user.passwordHash) } },
		settings: { profile: {}, preferences: { ...DEFAULT_USER_PREFERENCES } },
		avatarUrl: `${workspace.settings.Site_Url.replace(/\/$/, '')}/avatar/${user.username}`,
	};
}

/**
 * The server's information (app/api/server/default/info.ts, lib/getServerInfo.ts), logging in and out and the
 * caller's own record (app/api/server/api.ts `login`, v1/misc.ts `me`).
 */
export function restV1Routes({ version, workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();

	// getServerInfo: the version without its patch for anyone; with view-statistics the whole version and `info`
	// (the build this server runs on, the engine's version as marketplaceApiVersion, and the commit, unknown here).
	router.get('/api/info', (req, res) => {
		const minimumClientVersions = { desktop: '3.9.6', mobile: '4.39.0' };
		if (!hasPermission(req.sandboxUser, 'view-statistics')) {
			ok(res, { version: version.replace(/(\d+\.\d+).*/, '$1'), minimumClientVersions });
			return;
		}
		const info = {
			version,
			build: {
				date: new Date(Date.now() - process.uptime() * 1000).toISOString(),
				nodeVersion: process.version,
				arch: process.arch,
				platform: process.platform,
				osRelease: os.release(),
				totalMemory: os.totalmem(),
				freeMemory: os.freemem(),
				cpus: os.cpus().length,
			},
			marketplaceApiVersion: ENGINE_VERSION,
			commit: {},
		};
		ok(res, { version, info, minimumClientVersions });
	});

	// loginCompatibility: `user` as a string (an e-mail when it has an @), or `username`, or `email`; otherwise the body
	// goes to the password login handler as it is, which takes `user: {username}`, `{email}` or `{id}`.
	router.post('/api/v1/login', (req, res) => {
		const body = (req.body ?? {}) as Record<string, unknown>;
		const password = typeof body.password === 'string' ? body.password : '';
		const login = workspace.login(loginName(workspace, body) ?? '', password);
		if (!login) {
			res.status(401).json({ status: 'error', error: 'Unauthorized', message: 'Unauthorized' });
			return;
		}
		const me = workspace.userByToken(login.userId, login.authToken);
		res.json({
			status: 'success',
			data: { userId: login.userId, authToken: login.authToken, me: me && userInfo(me, workspace) },
		});
	});

	router.post('/api/v1/logout', requireUser, (req, res) => {
		workspace.logout(caller(req)._id, req.header('x-auth-token') ?? '');
		res.json({ status: 'success', data: { message: "You've been logged out!" } });
	});

	router.get('/api/v1/me', (req, res) => {
		if (!req.sandboxUser) {
			unauthorized(res);
			return;
		}
		ok(res, userInfo(req.sandboxUser, workspace));
	});

	return router;
}

/** The username or e-mail a login body names, in the forms Rocket.Chat's login accepts. */
function loginName(workspace: Workspace, body: Record<string, unknown>): string | undefined {
	const { user, username, email } = body;
	if (typeof user === 'string') {
		return user;
	}
	if (typeof username === 'string') {
		return username;
	}
	if (typeof email === 'string') {
		return email;
	}
	if (user && typeof user === 'object') {
		const selector = user as Record<string, unknown>;
		if (typeof selector.username === 'string') {
			return selector.username;
		}
		if (typeof selector.email === 'string') {
			return selector.email;
		}
		if (typeof selector.id === 'string') {
			return workspace.findUser(selector.id)?.username;
		}
	}
	return undefined;
}
