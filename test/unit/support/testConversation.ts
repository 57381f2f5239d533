import type { ISettingRead } from '@rocket.chat/apps-engine/definition/accessors';

import { InMemoryOmnichannel } from './InMemoryOmnichannel';
import { InstanceState } from '../../../src/context/InstanceState';
import { ACTIONS } from '../../../src/conversation/actions/registry';
import type { Conversation } from '../../../src/conversation/engine/Conversation';
import type { IRoomMemory, RoomLease, WelcomeClaim } from '../../../src/conversation/engine/IRoomMemory';
import type { FetchedImage, ImageLimits } from '../../../src/files/fetchImage';
import type { RasaTurn } from '../../../src/rasa/RasaBotMessage';
import type { IRasaClient, RasaResult } from '../../../src/rasa/RasaClient';
import { SettingsReader } from '../../../src/settings/SettingsReader';
import { readAssistants } from '../../../src/settings/assistants';
import { noCounts, type Counted } from '../../../src/shared/chatCounts';

/** Room memory in a Map, as app persistence would keep it. */
export class InMemoryRoomMemory implements IRoomMemory {
	public readonly welcomed = new Set<string>();

	public readonly answered = new Map<string, Set<string>>();

	/** Rooms whose welcome went to Rasa. */
	public readonly welcomeSent = new Set<string>();

	public async claimWelcome(roomId: string): Promise<WelcomeClaim> {
		await new Promise((resolve) => setImmediate(resolve));
		if (this.welcomed.has(roomId)) {
			return this.welcomeSent.has(roomId) ? 'done' : 'pending';
		}
		this.welcomed.add(roomId);
		return 'ours';
	}

	public async welcomeDone(roomId: string): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		this.welcomeSent.add(roomId);
	}

	public async awaitWelcome(roomId: string, maxWaitMs: number): Promise<boolean> {
		const since = Date.now();
		while (!this.welcomeSent.has(roomId)) {
			if (Date.now() - since >= maxWaitMs) {
				return false;
			}
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		return true;
	}

	public async claimQuickReply(roomId: string, messageId: string): Promise<boolean> {
		await new Promise((resolve) => setImmediate(resolve));
		const answered = this.answered.get(roomId) ?? new Set<string>();
		if (answered.has(messageId)) {
			return false;
		}
		this.answered.set(roomId, answered.add(messageId));
		return true;
	}

	public readonly once = new Map<string, Set<string>>();

	public readonly activity = new Map<string, number>();

	public async claimOnce(roomId: string, what: string): Promise<boolean> {
		await new Promise((resolve) => setImmediate(resolve));
		const done = this.once.get(roomId) ?? new Set<string>();
		if (done.has(what)) {
			return false;
		}
		this.once.set(roomId, done.add(what));
		return true;
	}

	public async note(roomId: string, what: string): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		this.once.set(roomId, (this.once.get(roomId) ?? new Set<string>()).add(what));
	}

	public async claimed(roomId: string, what: string): Promise<boolean> {
		return this.once.get(roomId)?.has(what) ?? false;
	}

	/** One instance holds no lease against itself: the room's steps already queue its work. */
	public takeLease(): RoomLease {
		const held = { holds: true, contended: false };
		return {
			stored: Promise.resolve(),
			check: async () => held,
			waitUntilHeld: async () => held,
			release: async () => undefined,
		};
	}

	public async noteActivity(roomId: string, at: number): Promise<void> {
		await new Promise((resolve) => setImmediate(resolve));
		this.activity.set(roomId, at);
	}

	public async activityOf(roomId: string): Promise<number | undefined> {
		return this.activity.get(roomId);
	}

	public async activities(): Promise<ReadonlyArray<{ roomId: string; at: number }>> {
		return [...this.activity].map(([roomId, at]) => ({ roomId, at }));
	}

	public async forgetActivity(roomId: string): Promise<void> {
		this.activity.delete(roomId);
	}

	public async forgetClosedRooms(isOpen: (roomId: string) => Promise<boolean>): Promise<number> {
		const rooms = [
			...new Set([...this.welcomed, ...this.answered.keys(), ...this.once.keys(), ...this.activity.keys()]),
		];
		const closed = [];
		for (const roomId of rooms) {
			if (!(await isOpen(roomId))) {
				closed.push(roomId);
				this.welcomed.delete(roomId);
				this.answered.delete(roomId);
				this.once.delete(roomId);
				this.activity.delete(roomId);
			}
		}
		return closed.length;
	}
}

/** A Rasa stand-in: answers each turn with what `answer` says, after the other side had its chance to act. */
export class ScriptedRasa implements IRasaClient {
	public readonly turns: RasaTurn[] = [];

	public readonly timeouts: Array<number | undefined> = [];

	/** Which assistant's Rasa each turn went to (its bot's username). */
	public readonly assistants: string[] = [];

	constructor(public answer: (turn: RasaTurn) => Promise<RasaResult> | RasaResult = () => replies()) {}

	public async send(turn: RasaTurn, timeoutMs?: number): Promise<RasaResult> {
		this.turns.push(turn);
		this.timeouts.push(timeoutMs);
		await new Promise((resolve) => setImmediate(resolve));
		return this.answer(turn);
	}
}

export const replies = (...messages: Array<Record<string, unknown>>): RasaResult => ({
	ok: true,
	replies: messages,
	dropped: 0,
});

export const BOT = { id: 'bot1', username: 'rasabot' };

/**
 * A Conversation over in-memory parts: the Omnichannel port, settings (as Rocket.Chat stores them, by id), room
 * memory and a scripted Rasa. Settings reads and log lines are recorded.
 */
export function testConversation(
	options: {
		omnichannel?: InMemoryOmnichannel;
		settings?: Record<string, unknown>;
		rasa?: ScriptedRasa;
		deadline?: number;
		instance?: InstanceState;
		/** Images on other hosts, by URL, as fetchImage would answer for them (unlisted: not found). */
		images?: Record<string, FetchedImage>;
	} = {},
) {
	const omnichannel =
		options.omnichannel ??
		new InMemoryOmnichannel()
			.addRoom({
				id: 'room1',
				servedByUsername: BOT.username,
				servedById: BOT.id,
				departmentId: 'dep-bots',
				visitorToken: 'vt',
			})
			.addDepartment({ id: 'dep-sales', name: 'Sales' })
			.addDepartment({ id: 'dep-bots', name: 'Bots' });
	const values = new Map<string, unknown>(Object.entries({ bot_username: BOT.username, ...options.settings }));
	const settingReads: string[] = [];
	const source = {
		getValueById: async (id: string) => {
			settingReads.push(id);
			return values.get(id);
		},
	} as unknown as ISettingRead;
	const instance = options.instance ?? new InstanceState();
	const memory = new InMemoryRoomMemory();
	const rasa = options.rasa ?? new ScriptedRasa();
	const logs: string[] = [];
	const fetchedImages: Array<{ url: string; limits: ImageLimits }> = [];
	const counted: Counted[] = [];
	const settings = new SettingsReader(source, instance.settingsCache);
	const conversation: Conversation = {
		actions: ACTIONS,
		omnichannel,
		settings,
		assistants: () => readAssistants(settings),
		rasaFor: async (assistant) => ({
			send: (turn, timeoutMs) => {
				rasa.assistants.push(assistant.botUsername);
				return rasa.send(turn, timeoutMs);
			},
		}),
		memory,
		counter: { count: (what) => counted.push(what) },
		countsSince: async () => {
			const counts = noCounts();
			for (const what of counted) {
				counts[what] += 1;
			}
			return counts;
		},
		rasaHealth: async (assistant) => ({
			healthy: true,
			reachable: true,
			version: '3.6.20',
			channel: assistant.rasaMode,
			channelAnswers: true,
			line: 'Rasa health: fine',
		}),
		fetchImage: async (url: string, limits: ImageLimits) => {
			fetchedImages.push({ url, limits });
			return options.images?.[url] ?? { ok: false, problem: `the image at ${url} answered 404` };
		},
		departments: instance.departments,
		rooms: instance.rooms,
		clicks: instance.clicks,
		log: {
			info: (line) => logs.push(`info ${line}`),
			warn: (line) => logs.push(`warn ${line}`),
			error: (line) => logs.push(`error ${line}`),
		},
		deadline: options.deadline,
		now: () => Date.now(),
	};
	return { conversation, omnichannel, memory, rasa, logs, settingReads, instance, values, fetchedImages, counted };
}
