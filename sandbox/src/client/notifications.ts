import WebSocket from 'ws';

import type { Credentials } from './RocketChatClient';

/** A private answer as the user's client received it (`stream-notify-user`, `<userId>/message`), EJSON dates. */
export type UserNotification = Record<string, unknown> & { _id: string; rid: string; msg?: string };

export type UserNotifications = {
	/** Every private answer received so far, in order; it fills while the watch is open. */
	readonly messages: UserNotification[];
	/** Resolves once the first message arrived that matches (all of `messages` counted), or rejects after the wait. */
	next(match?: (message: UserNotification) => boolean, timeoutMs?: number): Promise<UserNotification>;
	close(): void;
};

type Frame = { msg?: string; id?: string; error?: { reason?: string; error?: unknown }; fields?: unknown };

/**
 * Watches a user's private answers as Rocket.Chat's web client does: DDP at `/websocket`, `connect`, a resume login
 * with the user's login token, then a subscription to `stream-notify-user` for `<userId>/message`
 * (client/startup/incomingMessages.ts). Resolves once the subscription is ready; rejects when Rocket.Chat refuses the
 * login or the subscription.
 */
export async function watchUserNotifications(url: string, credentials: Credentials): Promise<UserNotifications> {
	const socket = new WebSocket(`${url.replace(/^http/, 'ws').replace(/\/$/, '')}/websocket`);
	const messages: UserNotification[] = [];
	const waiters = new Set<() => void>();
	const send = (frame: object) => socket.send(JSON.stringify(frame));
	const ready = new Promise<void>((resolve, reject) => {
		socket.on('error', reject);
		socket.on('message', (data) => {
			let frame: Frame;
			try {
				frame = JSON.parse(String(data)) as Frame;
			} catch {
				return;
			}
			if (frame.msg === 'ping') {
				send({ msg: 'pong' });
			} else if (frame.msg === 'connected') {
				send({ msg: 'method', method: 'login', id: 'login', params: [{ resume: credentials.authToken }] });
			} else if (frame.msg === 'result' && frame.id === 'login') {
				if (frame.error) {
					reject(new Error(`login refused: ${frame.error.reason ?? String(frame.error.error)}`));
					return;
				}
				send({
					msg: 'sub',
					id: 'notifications',
					name: 'stream-notify-user',
					params: [`${credentials.userId}/message`, { useCollection: false, args: [] }],
				});
			} else if (frame.msg === 'ready') {
				resolve();
			} else if (frame.msg === 'nosub' && frame.id === 'notifications') {
				reject(new Error(`subscription refused: ${frame.error?.reason ?? String(frame.error?.error)}`));
			} else if (frame.msg === 'changed') {
				const { args } = (frame.fields ?? {}) as { args?: unknown[] };
				messages.push(args?.[0] as UserNotification);
				waiters.forEach((wake) => wake());
			}
		});
		socket.on('open', () => send({ msg: 'connect', version: '1', support: ['1'] }));
	});
	try {
		await ready;
	} catch (error) {
		socket.terminate();
		throw error;
	}
	return {
		messages,
		next(match = () => true, timeoutMs = 10000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const found = messages.find(match);
					if (found) {
						waiters.delete(check);
						clearTimeout(timer);
						resolve(found);
					}
				};
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`no private answer came within ${timeoutMs} ms (${messages.length} received)`));
				}, timeoutMs);
				waiters.add(check);
				check();
			});
		},
		close() {
			waiters.clear();
			socket.terminate();
		},
	};
}
