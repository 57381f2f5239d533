import fs from 'fs';
import path from 'path';

import express, { Router } from 'express';

import type { SandboxServices } from './SandboxServices';
import { handle, ok, text } from './restAnswers';
import { restRoom, restVisitor } from './restShapes';
import type { Workspace } from '../workspace/Workspace';
import type { RoomRecord, UserRecord, VisitorRecord } from '../workspace/types';

/** The livechat widget's build in its npm package (a devDependency): index.html and the files it loads. */
export function livechatWidgetBuild(): string {
	return path.join(path.dirname(require.resolve('@rocket.chat/livechat/package.json')), 'build');
}

/**
 * Rocket.Chat's livechat widget as Rocket.Chat serves it: the page at exactly /livechat with the server's address
 * injected (app/livechat/server/livechat.ts, lib/Assets.js), its files under /livechat/, and its configuration
 * (app/livechat/server/api/v1/config.ts); the visitor's own routes are in livechatVisitorRoutes.ts. Avatars come from
 * /avatar/:username.
 */
export function livechatWidgetRoutes({ workspace }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	const build = livechatWidgetBuild();
	const page = fs.existsSync(path.join(build, 'index.html'))
		? fs.readFileSync(path.join(build, 'index.html'), 'utf8')
		: '';

	router.get('/livechat', (req, res) => {
		if (!page) {
			res.status(503).type('text/plain').send('The livechat widget is not installed: run `npm ci`.');
			return;
		}
		// The widget finds its server only here (no fallback to the page's own address); no trailing slash.
		const server = `${req.protocol}://${req.get('host') ?? ''}`.replace(/'/g, '');
		res.type('html').send(page.replace('<body>', `<body><script> SERVER_URL = '${server}'; </script>`));
	});
	router.use('/livechat', express.static(build, { index: false, redirect: false, fallthrough: true }));

	// The widget plays its sound for every new message; Rocket.Chat serves one (a short silence here).
	router.get('/sounds/chime.wav', (_req, res) => {
		res.type('audio/wav').send(silentWav());
	});

	router.get('/avatar/:username', (req, res) => {
		const initial = (String(req.params.username).match(/[a-z0-9]/i)?.[0] ?? '?').toUpperCase();
		res
			.type('image/svg+xml')
			.send(
				`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#2f343d"/>` +
					`<text x="32" y="43" font-size="32" text-anchor="middle" fill="#fff" font-family="sans-serif">${initial}</text></svg>`,
			);
	});

	router.get(
		'/api/v1/livechat/config',
		handle((req, res) => {
			const token = text(req.query.token);
			const guest = token ? workspace.findVisitorByToken(token) : undefined;
			const room = guest ? openRoomOf(workspace, guest) : undefined;
			const agent = room?.servedBy ? workspace.findUser(room.servedBy._id) : undefined;
			ok(res, {
				config: {
					...widgetSettings(workspace, `${req.protocol}://${req.get('host') ?? ''}`),
					online: workspace.isOnline(text(req.query.department)),
					...(guest ? { guest: restVisitor(guest) } : {}),
					...(room ? { room: restRoom(room) } : {}),
					...(agent ? { agent: agentInfo(agent) } : {}),
				},
			});
		}),
	);

	return router;
}

function openRoomOf(workspace: Workspace, guest: VisitorRecord): RoomRecord | undefined {
	return [...workspace.rooms.values()].find((room) => room.open && room.v.token === guest.token);
}

/** What the widget learns of the agent serving it (Users.getAgentInfo). */
export function agentInfo(agent: UserRecord) {
	return { _id: agent._id, username: agent.username, name: agent.name, status: agent.status };
}

/**
 * The workspace's widget settings (lib/livechat.ts `settings()`), with Rocket.Chat's defaults: a registration form
 * asking name and email, the departments a visitor may choose, Rocket.Chat's title and colours.
 */
function widgetSettings(workspace: Workspace, server: string) {
	const departments = [...workspace.departments.values()]
		.filter((department) => department.enabled && department.agentIds.length > 0)
		.map((department) => ({
			_id: department._id,
			name: department.name,
			showOnRegistration: department.showOnRegistration,
			showOnOfflineForm: department.showOnOfflineForm,
		}));
	return {
		enabled: workspace.settings.Livechat_enabled,
		settings: {
			registrationForm: true,
			allowSwitchingDepartments: true,
			nameFieldRegistrationForm: true,
			emailFieldRegistrationForm: true,
			displayOfflineForm: true,
			videoCall: false,
			// lib/livechat.ts settings(): the widget shows its upload button only when both are on.
			fileUpload: workspace.fileSettings.Livechat_fileupload_enabled && workspace.fileSettings.FileUpload_Enabled,
			conversationFinishedMessage: '',
			conversationFinishedText: '',
			transcript: false,
			historyMonitorType: 'url',
			forceAcceptDataProcessingConsent: false,
			showConnecting: false,
			agentHiddenInfo: false,
			clearLocalStorageWhenChatEnded: false,
			limitTextLength: false,
		},
		theme: { title: 'Rocket.Chat', color: '#C1272D', offlineTitle: 'Leave a message', offlineColor: '#666666' },
		messages: {
			offlineMessage: '',
			offlineSuccessMessage: '',
			offlineUnavailableMessage: '',
			conversationFinishedMessage: '',
			conversationFinishedText: '',
			transcriptMessage: '',
			registrationFormMessage: '',
			dataProcessingConsentText: '',
		},
		survey: { items: [], values: [] },
		triggers: [],
		departments,
		resources: { sound: `${server}/sounds/chime.wav`, emojis: [] },
	};
}

/** A tenth of a second of silence, as a WAV file (8 kHz, 8-bit mono). */
function silentWav(): Buffer {
	const samples = 800;
	const wav = Buffer.alloc(44 + samples, 0x80);
	wav.write('RIFF', 0, 'ascii');
	wav.writeUInt32LE(36 + samples, 4);
	wav.write('WAVEfmt ', 8, 'ascii');
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20);
	wav.writeUInt16LE(1, 22);
	wav.writeUInt32LE(8000, 24);
	wav.writeUInt32LE(8000, 28);
	wav.writeUInt16LE(1, 32);
	wav.writeUInt16LE(8, 34);
	wav.write('data', 36, 'ascii');
	wav.writeUInt32LE(samples, 40);
	return wav;
}
