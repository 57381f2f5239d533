import type { Credentials } from './api.js';

/** A private answer as Rocket.Chat's streamer sends it (`stream-notify-user`, `<userId>/message`): EJSON dates. */
export type PrivateMessage = { _id: string; rid: string; msg?: string; ts?: { $date: number } };

type Frame = {
	msg?: string;
	id?: string;
	error?: { reason?: string; error?: string | number };
	fields?: { args?: unknown[] };
};

const reasonOf = (error: Frame['error']) => error?.reason ?? String(error?.error ?? 'no reason given');

/**
 * A user's private answers as Rocket.Chat's web client receives them (client/startup/incomingMessages.ts): DDP at
 * `/websocket` of this page's host, `connect`, Meteor's resume login with the user's login token, then a
 * subscription to `stream-notify-user` for `<userId>/message`. Resolves once the subscription is ready, with a way to
 * close it; rejects when the connection fails or Rocket.Chat refuses the login or the subscription. Each answer goes
 * to `onMessage`; a connection lost later goes to `onLost`.
 */
export function watchPrivateMessages(
	credentials: Credentials,
	onMessage: (message: PrivateMessage) => void,
	onLost: (error: Error) => void,
): Promise<{ close(): void }> {
	const socket = new WebSocket(
		`${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/websocket`,
	);
	const send = (frame: object) => socket.send(JSON.stringify(frame));
	let ready = false;
	let closing = false;
	return new Promise((resolve, reject) => {
		const fail = (error: Error) => {
			if (ready) {
				onLost(error);
			} else {
				reject(error);
			}
			closing = true;
			socket.close();
		};
		socket.addEventListener('open', () => send({ msg: 'connect', version: '1', support: ['1'] }));
		socket.addEventListener('close', (event) => {
			if (!closing) {
				fail(new Error(`the connection to /websocket closed (${event.code}${event.reason ? ` ${event.reason}` : ''})`));
			}
		});
		socket.addEventListener('message', (event) => {
			let frame: Frame;
			try {
				frame = JSON.parse(String(event.data)) as Frame;
			} catch {
				return;
			}
			if (frame.msg === 'ping') {
				send({ msg: 'pong', ...(frame.id ? { id: frame.id } : {}) });
			} else if (frame.msg === 'connected') {
				send({ msg: 'method', method: 'login', id: 'login', params: [{ resume: credentials.authToken }] });
			} else if (frame.msg === 'result' && frame.id === 'login') {
				if (frame.error) {
					fail(new Error(`the login was refused: ${reasonOf(frame.error)}`));
					return;
				}
				send({
					msg: 'sub',
					id: 'private-messages',
					name: 'stream-notify-user',
					params: [`${credentials.userId}/message`, { useCollection: false, args: [] }],
				});
			} else if (frame.msg === 'ready') {
				ready = true;
				resolve({
					close() {
						closing = true;
						socket.close();
					},
				});
			} else if (frame.msg === 'nosub' && frame.id === 'private-messages') {
				fail(new Error(`the subscription was refused: ${reasonOf(frame.error)}`));
			} else if (frame.msg === 'changed' && frame.fields?.args?.[0]) {
				onMessage(frame.fields.args[0] as PrivateMessage);
			}
		});
	});
}
