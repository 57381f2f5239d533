import type { IUser, IUserCreationOptions } from '@rocket.chat/apps-engine/definition/users';
import { UserBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';

/** User reads, and the app user the engine creates for every installed app. */
export abstract class SandboxUserBridge extends UserBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	protected async getById(id: string): Promise<IUser> {
		return this.context.convert.userById(id) as IUser;
	}

	protected async getByUsername(username: string): Promise<IUser> {
		const user = this.context.workspace.findUserByUsername(username);
		return (user ? this.context.convert.user(user) : undefined) as IUser;
	}

	protected async getAppUser(appId?: string): Promise<IUser | undefined> {
		const user = [...this.context.workspace.users.values()].find((candidate) => candidate.appId === appId);
		return user ? this.context.convert.user(user) : undefined;
	}

	protected async create(data: Partial<IUser>, appId: string, _options?: IUserCreationOptions): Promise<string> {
		const user = this.context.workspace.createUser({
			username: data.username ?? `app-${appId}`,
			name: data.name,
			roles: data.roles?.length ? data.roles : ['app'],
			type: 'app',
			appId,
		});
		return user._id;
	}

	protected async remove(user: IUser): Promise<boolean> {
		return this.context.workspace.removeUser(user.id);
	}

	protected async deleteUsersCreatedByApp(appId: string): Promise<boolean> {
		for (const user of [...this.context.workspace.users.values()]) {
			if (user.appId === appId) {
				this.context.workspace.removeUser(user._id);
			}
		}
		return true;
	}

	protected async getActiveUserCount(): Promise<number> {
		return [...this.context.workspace.users.values()].filter((user) => user.active).length;
	}
}
