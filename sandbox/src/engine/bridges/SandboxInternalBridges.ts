import { generateKeyPairSync } from 'crypto';

import type { AppStatus } from '@rocket.chat/apps-engine/definition/AppStatus';
import { SettingType, type ISetting } from '@rocket.chat/apps-engine/definition/settings';
import type { ProxiedApp } from '@rocket.chat/apps-engine/server/ProxiedApp';
import {
	AppActivationBridge,
	AppDetailChangesBridge,
	type IInternalBridge,
	type IInternalFederationBridge,
} from '@rocket.chat/apps-engine/server/bridges';
import { InternalBridge } from '@rocket.chat/apps-engine/server/bridges/InternalBridge';

import type { BridgeContext } from './BridgeContext';

/** Room usernames and the (empty) workspace cloud key, which only marketplace apps' signatures would need. */
export class SandboxInternalBridge extends InternalBridge implements IInternalBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	private usernames(roomId: string): string[] {
		const room = this.context.workspace.findRoom(roomId);
		return room ? [room.v.username, ...(room.servedBy ? [room.servedBy.username] : [])] : [];
	}

	protected async getUsernamesOfRoomById(roomId: string): Promise<string[]> {
		return this.usernames(roomId);
	}

	protected getUsernamesOfRoomByIdSync(roomId: string): string[] {
		return this.usernames(roomId);
	}

	protected async getWorkspacePublicKey(): Promise<ISetting> {
		return {
			id: 'Cloud_Workspace_PublicKey',
			type: SettingType.STRING,
			packageValue: '',
			value: '',
			required: false,
			public: false,
			i18nLabel: '',
		};
	}
}

/** The key pair the engine signs installed apps with; one per sandbox, made at start. */
export class SandboxFederationBridge implements IInternalFederationBridge {
	private readonly keys = generateKeyPairSync('rsa', {
		modulusLength: 2048,
		publicKeyEncoding: { type: 'spki', format: 'pem' },
		privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
	});

	public async getPrivateKey(): Promise<string> {
		return this.keys.privateKey;
	}

	public async getPublicKey(): Promise<string> {
		return this.keys.publicKey;
	}
}

/** App lifecycle notifications: logged, as Rocket.Chat broadcasts them to its cluster. */
export class SandboxActivationBridge extends AppActivationBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	protected async appAdded(app: ProxiedApp): Promise<void> {
		this.context.log('info', `app ${app.getName()} ${app.getVersion()} installed`);
	}

	protected async appUpdated(app: ProxiedApp): Promise<void> {
		this.context.log('info', `app ${app.getName()} updated to ${app.getVersion()}`);
	}

	protected async appRemoved(app: ProxiedApp): Promise<void> {
		this.context.log('info', `app ${app.getName()} removed`);
	}

	protected async appStatusChanged(app: ProxiedApp, status: AppStatus): Promise<void> {
		this.context.log('info', `app ${app.getName()} is now ${status}`);
	}

	protected async actionsChanged(): Promise<void> {
		// UI actions (buttons) are not shown anywhere in the sandbox.
	}
}

export class SandboxDetailChangesBridge extends AppDetailChangesBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	protected onAppSettingsChange(appId: string, setting: ISetting): void {
		// Never the value: settings may hold secrets (a callback token).
		this.context.log('info', `app ${appId} setting ${setting.id} changed`);
	}
}
