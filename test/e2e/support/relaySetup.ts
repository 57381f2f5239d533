import { openDemoWorkspace, type BotRoom, type DemoWorkspace } from './demoWorkspace';
import { APP_ID } from '../../../sandbox/src/packagedApp';
import { FakeRasa, type RasaReply } from '../../../sandbox/src/rasa/FakeRasa';

export type HistoryMessage = {
	_id: string;
	msg: string;
	u: { username: string };
	t?: string;
	attachments?: unknown[];
	blocks?: unknown[];
};

export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		value = await read();
	}
	return value;
}

/** A Rasa text of 12,000 characters in numbered sentences, so that order and completeness can be read back. */
export const LONG_TEXT = Array.from({ length: 900 }, (_, index) => `Line ${String(index).padStart(4, '0')} ok. `)
	.join('')
	.slice(0, 12000);

/** What the scripted Rasa of the relay suites answers, by the visitor's text. */
function script(salesName: () => string, imageHost: () => string) {
	return (text: string): RasaReply[] => {
		switch (text) {
			case 'long':
				return [{ text: LONG_TEXT }, { text: 'After the long one.' }];
			case 'hello':
				return [{ text: 'Hi! How can I help?' }, { text: 'Ask me anything.' }];
			case 'menu':
				return [
					{
						text: 'Which team?',
						buttons: [
							{ title: 'Sales team', payload: '/inform{"dept":"sales"}' },
							{ title: 'Support', payload: '/support' },
						],
					},
				];
			case 'image':
				return [{ image: `${imageHost()}/images/cat.png` }];
			case 'brochure':
				return [
					{ attachment: { type: 'file', payload: { src: 'https://example.com/brochure.pdf', title: 'Brochure' } } },
				];
			case 'human':
				return [
					{ text: 'Let me find a colleague.' },
					{ custom: { action: 'handover', targetDepartment: salesName() } },
				];
			case 'bye':
				return [{ text: 'Goodbye!' }, { custom: { action: 'close-chat' } }];
			case 'widget':
				return [{ custom: { map: { lat: 1, lng: 2 } }, unknown_key: true }, { text: 'After the widget.' }];
			case 'silence':
				return [];
			default:
				return [{ text: `You said: ${text}` }];
		}
	};
}

export type RelaySetup = {
	ws: DemoWorkspace;
	rasa: FakeRasa;
	history(room: BotRoom): Promise<HistoryMessage[]>;
	botMessages(room: BotRoom): Promise<HistoryMessage[]>;
	say(room: BotRoom, text: string): Promise<void>;
	waitForBot(room: BotRoom, count: number): Promise<HistoryMessage[]>;
	close(): Promise<void>;
};

/**
 * A demo workspace whose app talks to a scripted Rasa on this machine's loopback (which a remote workspace cannot
 * reach: the relay suites run in the sandbox only), with the helpers the relay suites share.
 */
export async function openRelaySetup(settings: Record<string, unknown> = {}): Promise<RelaySetup> {
	let salesName = '';
	let imageHost = '';
	// The scripted Rasa is also the site its images are on (not the workspace's: the app fetches them).
	const rasa = await FakeRasa.start(
		script(
			() => salesName,
			() => imageHost,
		),
	);
	imageHost = rasa.url;
	const ws = await openDemoWorkspace().catch(async (error: unknown) => {
		await rasa.stop();
		throw error;
	});
	salesName = ws.salesName;
	await ws.admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url, rasa_timeout_seconds: 1, ...settings });
	const history = (room: BotRoom) => ws.admin.visitorHistory(room.visitorToken, room.id) as Promise<HistoryMessage[]>;
	const botMessages = async (room: BotRoom) =>
		(await history(room)).filter((message) => message.u.username === ws.botUsername && !message.t);
	return {
		ws,
		rasa,
		history,
		botMessages,
		say: (room, text) => ws.admin.sendVisitorMessage(room.visitorToken, room.id, text),
		waitForBot: (room, count) =>
			eventually(
				() => botMessages(room),
				(messages) => messages.length >= count,
			),
		async close() {
			await ws.close();
			await rasa.stop();
		},
	};
}
