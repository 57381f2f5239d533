import http from 'http';
import type { AddressInfo } from 'net';

import WebSocket from 'ws';

import { DdpServer } from '../src/realtime/DdpServer';
import { Workspace } from '../src/workspace/Workspace';

type Frame = Record<string, unknown>;

/** A workspace with a bot serving one visitor's chat, and the realtime API on a free port. */
async function realtime() {
	const workspace = new Workspace();
	const bot = workspace.createUser({ username: 'rasabot', password: 'pw', roles: ['bot', 'livechat-agent'] });
	workspace.setAgentStatus(bot._id, 'available');
	workspace.settings.Livechat_assign_new_conversation_to_bot = true;
	workspace.registerVisitor({ token: 'token-a', name: 'A' });
	workspace.registerVisitor({ token: 'token-b', name: 'B' });
	const { room } = workspace.openRoom('token-a');
	const server = http.createServer();
	const ddp = new DdpServer(workspace, () => undefined);
	ddp.attach(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/websocket`;
	return {
		workspace,
		room,
		bot,
		ddp,
		async connect() {
			const socket = new WebSocket(url);
			const frames: Frame[] = [];
			socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
			await new Promise((resolve) => socket.once('open', resolve));
			const send = (frame: Frame) => socket.send(JSON.stringify(frame));
			const next = async (match: (frame: Frame) => boolean) => {
				const deadline = Date.now() + 3000;
				while (Date.now() < deadline) {
					const found = frames.find(match);
					if (found) {
						frames.splice(frames.indexOf(found), 1);
						return found;
					}
					await new Promise((resolve) => setTimeout(resolve, 10));
				}
				throw new Error(`no frame came: ${JSON.stringify(frames)}`);
			};
			send({ msg: 'connect', version: '1', support: ['1'] });
			await next((frame) => frame.msg === 'connected');
			return { socket, send, next, frames };
		},
		async close() {
			ddp.close();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

const sub = (id: string, name: string, eventName: string, token: string) => ({
	msg: 'sub',
	id,
	name,
	params: [eventName, { useCollection: false, args: [{ token, visitorToken: token }] }],
});

describe("the realtime API (DDP) as the livechat widget uses it, as Rocket.Chat's streamer answers", () => {
	it("answers connect, ping and the widget's setUpConnection, and refuses unknown methods", async () => {
		const api = await realtime();
		const client = await api.connect();

		client.send({ msg: 'ping', id: 'p1' });
		client.send({ msg: 'method', method: 'livechat:setUpConnection', params: [{ token: 'token-a' }], id: 'ddp-1' });
		client.send({ msg: 'method', method: 'nope', params: [], id: 'ddp-2' });

		expect(await client.next((frame) => frame.msg === 'pong')).toEqual({ msg: 'pong', id: 'p1' });
		expect(await client.next((frame) => frame.id === 'ddp-1')).toEqual({ msg: 'result', id: 'ddp-1' });
		expect(await client.next((frame) => frame.id === 'ddp-2')).toMatchObject({
			msg: 'result',
			error: { error: 404, errorType: 'Meteor.Error' },
		});
		client.socket.close();
		await api.close();
	});

	it("refuses a subscription to another visitor's room with nosub not-allowed, and sends its own room's messages", async () => {
		const api = await realtime();
		const owner = await api.connect();
		const stranger = await api.connect();

		stranger.send(sub('s1', 'stream-room-messages', api.room._id, 'token-b'));
		stranger.send(sub('s2', 'stream-livechat-room', api.room._id, 'token-b'));
		stranger.send(sub('s3', 'stream-notify-room', `${api.room._id}/typing`, 'token-b'));
		owner.send(sub('o1', 'stream-room-messages', api.room._id, 'token-a'));
		owner.send(sub('o2', 'stream-notify-room', `${api.room._id}/typing`, 'token-a'));

		for (const id of ['s1', 's2', 's3']) {
			expect(await stranger.next((frame) => frame.id === id)).toEqual({
				msg: 'nosub',
				id,
				error: { isClientSafe: true, error: 'not-allowed', message: '[not-allowed]', errorType: 'Meteor.Error' },
			});
		}
		await owner.next((frame) => frame.msg === 'ready' && (frame.subs as string[])[0] === 'o1');
		await owner.next((frame) => frame.msg === 'ready' && (frame.subs as string[])[0] === 'o2');

		const sent = api.workspace.sendVisitorMessage('token-a', api.room._id, 'hello');
		api.workspace.setTyping(api.room._id, 'rasabot', true);

		const changed = await owner.next((frame) => frame.collection === 'stream-room-messages');
		expect(changed).toMatchObject({
			msg: 'changed',
			id: 'id',
			fields: { eventName: api.room._id, args: [{ _id: sent._id, msg: 'hello', ts: { $date: sent.ts.getTime() } }] },
		});
		expect(await owner.next((frame) => frame.collection === 'stream-notify-room')).toMatchObject({
			fields: { eventName: `${api.room._id}/typing`, args: ['rasabot', true] },
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(stranger.frames.filter((frame) => frame.msg === 'changed')).toEqual([]);
		owner.socket.close();
		stranger.socket.close();
		await api.close();
	});

	it('tells the room who serves it when an agent takes it, and forgets closed connections', async () => {
		const api = await realtime();
		const owner = await api.connect();
		owner.send(sub('o1', 'stream-livechat-room', api.room._id, 'token-a'));
		await owner.next((frame) => frame.msg === 'ready');
		const alice = api.workspace.createUser({ username: 'alice', password: 'pw', roles: ['user', 'livechat-agent'] });
		api.workspace.setUserStatus(alice._id, 'online');
		api.workspace.setAgentStatus(alice._id, 'available');

		api.workspace.transferToAgent(api.room._id, true, alice._id, { _id: 'x', username: 'x', type: 'app' });

		expect(await owner.next((frame) => frame.collection === 'stream-livechat-room')).toMatchObject({
			fields: { eventName: api.room._id, args: [{ type: 'agentData', data: { username: 'alice' } }] },
		});
		expect(api.ddp.subscriptionCount).toBe(1);
		owner.socket.close();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(api.ddp.subscriptionCount).toBe(0);
		await api.close();
	});
});
