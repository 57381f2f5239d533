import type { IApp } from '@rocket.chat/apps-engine/definition/IApp';
import type { ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import type { RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';
import { RoomType } from '@rocket.chat/apps-engine/definition/rooms';

import { AppPersistence } from '../../../sandbox/src/workspace/AppPersistence';
import { profileOf } from '../../../sandbox/src/workspace/versionProfile';

/**
 * Just enough of IRead/IModify for unit tests of the endpoint and the Apps-Engine adapter. Rooms use the
 * Apps-Engine shapes (ILivechatRoom); refusals are thrown as Rocket.Chat throws them, with a code in the message.
 * The real runtime is exercised by test/e2e against the sandbox.
 */
export type FakeRoom = {
	id: string;
	type?: RoomType;
	isOpen?: boolean;
	servedBy?: { id: string; username: string };
	department?: { id: string; name: string };
	visitor?: { id: string; token: string; username: string };
};

const APP = 'app';
const plain = (associations: RocketChatAssociationRecord[]) =>
	associations.map((association) => ({ model: association.getModel(), id: association.getID() }));

export class FakeWorkspace {
	public readonly rooms = new Map<string, FakeRoom>();

	public readonly departments: Array<{ id: string; name: string }> = [];

	public readonly online = new Set<string>();

	public readonly settings = new Map<string, unknown>();

	public readonly closes: Array<{ roomId: string; comment: string; closer?: string }> = [];

	public readonly transfers: Array<{ roomId: string; departmentId?: string }> = [];

	public readonly messages: Array<{ roomId: string; sender: string; text: string }> = [];

	public readonly logs: string[] = [];

	public readonly calls: string[] = [];

	/** Error message Rocket.Chat would throw on the next transfer/close, e.g. "[error-room-closed]". */
	public transferError?: string;

	public transferReturns = true;

	public closeError?: string;

	public addRoom(room: FakeRoom): this {
		this.rooms.set(room.id, { type: RoomType.LIVE_CHAT, isOpen: true, ...room });
		return this;
	}

	public snapshot(): string {
		return JSON.stringify({
			rooms: [...this.rooms.values()],
			closes: this.closes,
			transfers: this.transfers,
			messages: this.messages,
		});
	}

	public read(): IRead {
		const call = (name: string) => this.calls.push(name);
		const reader = {
			getRoomReader: () => ({
				getById: async (id: string) => {
					call('room.getById');
					const room = this.rooms.get(id);
					return room ? JSON.parse(JSON.stringify(room)) : undefined;
				},
			}),
			getLivechatReader: () => ({
				getLivechatDepartmentByIdOrName: async (value: string) => {
					call('livechat.getLivechatDepartmentByIdOrName');
					return this.departments.find((d) => d.id === value || d.name === value);
				},
				isOnlineAsync: async (departmentId?: string) => {
					call('livechat.isOnlineAsync');
					return departmentId !== undefined && this.online.has(departmentId);
				},
			}),
			getPersistenceReader: () => ({
				readByAssociations: async (associations: RocketChatAssociationRecord[]) => {
					call('persistence.readByAssociations');
					return this.stored.readByAssociations(APP, plain(associations));
				},
			}),
			getEnvironmentReader: () => ({
				getSettings: () => ({
					getValueById: async (id: string) => {
						call(`setting.${id}`);
						return this.settings.get(id);
					},
				}),
			}),
		};
		return reader as unknown as IRead;
	}

	/** App persistence, answering as the newest Rocket.Chat's bridge does. */
	public readonly stored = new AppPersistence(() => profileOf('latest'));

	public persistence(): IPersistence {
		const call = (name: string) => this.calls.push(name);
		const writer = {
			createWithAssociations: async (data: object, associations: RocketChatAssociationRecord[]) => {
				call('persistence.createWithAssociations');
				return this.stored.create(APP, data, plain(associations));
			},
			removeByAssociations: async (associations: RocketChatAssociationRecord[]) => {
				call('persistence.removeByAssociations');
				return this.stored.removeByAssociations(APP, plain(associations));
			},
			updateByAssociations: async (associations: RocketChatAssociationRecord[], data: object, upsert: boolean) => {
				call('persistence.updateByAssociations');
				return this.stored.updateByAssociations(APP, plain(associations), data, upsert);
			},
		};
		return writer as unknown as IPersistence;
	}

	public modify(): IModify {
		const call = (name: string) => this.calls.push(name);
		const livechatUpdater = {
			closeRoom: async (room: FakeRoom, comment: string, closer?: { username: string }) => {
				call('livechat.closeRoom');
				if (this.closeError) {
					throw new Error(this.closeError);
				}
				const stored = this.rooms.get(room.id)!;
				if (!stored.isOpen) {
					throw new Error('Room closed [error-room-closed]');
				}
				stored.isOpen = false;
				this.closes.push({ roomId: room.id, comment, closer: closer?.username });
				return true;
			},
			transferVisitor: async (_visitor: unknown, data: { currentRoom: FakeRoom; targetDepartment?: string }) => {
				call('livechat.transferVisitor');
				if (this.transferError) {
					throw new Error(this.transferError);
				}
				if (!this.transferReturns) {
					return false;
				}
				const stored = this.rooms.get(data.currentRoom.id)!;
				stored.department = this.departments.find((d) => d.id === data.targetDepartment);
				stored.servedBy = { id: 'agent1', username: 'alice' };
				this.transfers.push({ roomId: data.currentRoom.id, departmentId: data.targetDepartment });
				return true;
			},
		};
		const builder = () => {
			const message: { roomId?: string; sender?: string; text?: string } = {};
			const chain = {
				message,
				setRoom(room: FakeRoom) {
					message.roomId = room.id;
					return chain;
				},
				setSender(user: { username: string }) {
					message.sender = user.username;
					return chain;
				},
				setText(text: string) {
					message.text = text;
					return chain;
				},
			};
			return chain;
		};
		const modify = {
			getUpdater: () => ({ getLivechatUpdater: () => livechatUpdater }),
			getCreator: () => ({
				startMessage: builder,
				finish: async (chain: ReturnType<typeof builder>) => {
					call('message.create');
					this.messages.push(chain.message as { roomId: string; sender: string; text: string });
					return 'msg-id';
				},
			}),
		};
		return modify as unknown as IModify;
	}

	public app(): IApp {
		const log =
			(level: string) =>
			(...items: unknown[]) =>
				this.logs.push(`${level} ${items.map(String).join(' ')}`);
		const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
		return { getLogger: () => logger as unknown as ILogger } as unknown as IApp;
	}
}
