import type { AppManager } from '@rocket.chat/apps-engine/server/AppManager';
import {
	AppBridges,
	CloudWorkspaceBridge,
	ContactBridge,
	EmailBridge,
	EnvironmentalVariableBridge,
	ExperimentalBridge,
	ModerationBridge,
	OutboundMessageBridge,
	RoleBridge,
	UiInteractionBridge,
	VideoConferenceBridge,
	type IInternalBridge,
	type IListenerBridge,
} from '@rocket.chat/apps-engine/server/bridges';
import { OAuthAppsBridge } from '@rocket.chat/apps-engine/server/bridges/OAuthAppsBridge';
import { ThreadBridge } from '@rocket.chat/apps-engine/server/bridges/ThreadBridge';

import type { BridgeContext } from './bridges/BridgeContext';
import { SandboxApiBridge } from './bridges/SandboxApiBridge';
import { SandboxCommandBridge } from './bridges/SandboxCommandBridge';
import { SandboxHttpBridge } from './bridges/SandboxHttpBridge';
import {
	SandboxActivationBridge,
	SandboxDetailChangesBridge,
	SandboxFederationBridge,
	SandboxInternalBridge,
} from './bridges/SandboxInternalBridges';
import { SandboxLivechatBridge } from './bridges/SandboxLivechatBridge';
import { SandboxMessageBridge } from './bridges/SandboxMessageBridge';
import { SandboxPersistenceBridge } from './bridges/SandboxPersistenceBridge';
import { SandboxRoomBridge } from './bridges/SandboxRoomBridge';
import { SandboxSchedulerBridge } from './bridges/SandboxSchedulerBridge';
import { SandboxServerSettingBridge } from './bridges/SandboxServerSettingBridge';
import { SandboxUploadBridge } from './bridges/SandboxUploadBridge';
import { SandboxUserBridge } from './bridges/SandboxUserBridge';
import { partialBridge, stubBridge, withFallbacks } from './bridges/stubBridge';
import { asInstance } from './instanceContext';

/** Counts calls of bridge methods (the Rocket.Chat side of every accessor call), for benchmarks and tests. */
export class CallCounter {
	private counts = new Map<string, number>();

	public count(name: string): void {
		this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
	}

	/** Returns the counts since the last reset and starts again from zero. */
	public take(): Record<string, number> {
		const snapshot = Object.fromEntries([...this.counts.entries()].sort());
		this.counts = new Map();
		return snapshot;
	}
}

/**
 * Wraps a bridge so every Rocket.Chat-side method call ("doXxx" is the engine's entry) is counted, and runs as work of
 * the bridges' instance (in a cluster, the events it causes fire there).
 */
function counted<T extends object>(bridge: T, name: string, counter: CallCounter, instance?: number): T {
	return new Proxy(bridge, {
		get(object, property, receiver) {
			const value: unknown = Reflect.get(object, property, receiver);
			if (typeof value === 'function' && typeof property === 'string' && /^do[A-Z]/.test(property)) {
				return (...args: unknown[]) => {
					counter.count(`${name}.${property.slice(2, 3).toLowerCase()}${property.slice(3)}`);
					return asInstance(instance, () => (value as (...a: unknown[]) => unknown).apply(receiver, args));
				};
			}
			return value;
		},
	});
}

/** All the bridges the engine asks for: real ones for what the sandbox models, logged no-ops for the rest. */
export class SandboxBridges extends AppBridges {
	public readonly calls = new CallCounter();

	public readonly api = new SandboxApiBridge();

	public readonly messages: SandboxMessageBridge;

	public readonly scheduler: SandboxSchedulerBridge;

	private manager?: AppManager;

	private readonly bridges: Map<string, object>;

	constructor(context: BridgeContext) {
		super();
		const debug = (line: string) => context.log('debug', line);
		this.messages = partialBridge(SandboxMessageBridge, 'MessageBridge', debug, context);
		this.scheduler = new SandboxSchedulerBridge(context);
		const real: Array<[string, object]> = [
			['ApiBridge', this.api],
			['CommandBridge', new SandboxCommandBridge(context)],
			['MessageBridge', this.messages],
			['LivechatBridge', partialBridge(SandboxLivechatBridge, 'LivechatBridge', debug, context)],
			['RoomBridge', partialBridge(SandboxRoomBridge, 'RoomBridge', debug, context)],
			['UserBridge', partialBridge(SandboxUserBridge, 'UserBridge', debug, context)],
			['UploadBridge', partialBridge(SandboxUploadBridge, 'UploadBridge', debug, context)],
			['PersistenceBridge', new SandboxPersistenceBridge(context)],
			['SchedulerBridge', this.scheduler],
			['ServerSettingBridge', partialBridge(SandboxServerSettingBridge, 'ServerSettingBridge', debug, context)],
			['HttpBridge', new SandboxHttpBridge()],
			['AppActivationBridge', new SandboxActivationBridge(context)],
			['AppDetailChangesBridge', new SandboxDetailChangesBridge(context)],
			['InternalBridge', new SandboxInternalBridge(context)],
		];
		const stubs: Array<[string, abstract new () => object]> = [
			['ContactBridge', ContactBridge],
			['EnvironmentalVariableBridge', EnvironmentalVariableBridge],
			['EmailBridge', EmailBridge],
			['UiInteractionBridge', UiInteractionBridge],
			['CloudWorkspaceBridge', CloudWorkspaceBridge],
			['VideoConferenceBridge', VideoConferenceBridge],
			['OAuthAppsBridge', OAuthAppsBridge],
			['ModerationBridge', ModerationBridge],
			['ThreadBridge', ThreadBridge],
			['RoleBridge', RoleBridge],
			['OutboundMessageBridge', OutboundMessageBridge],
			['ExperimentalBridge', ExperimentalBridge],
		];
		this.bridges = new Map([
			...real.map(([name, bridge]): [string, object] => [
				name,
				counted(withFallbacks(bridge, name, debug), name, this.calls, context.instance),
			]),
			...stubs.map(([name, bridgeClass]): [string, object] => [
				name,
				counted(stubBridge(bridgeClass, name, debug), name, this.calls, context.instance),
			]),
			['InternalFederationBridge', new SandboxFederationBridge()],
		]);
	}

	/** The listener bridge forwards workspace events into the engine, so it needs the manager once it exists. */
	public attach(manager: AppManager): void {
		this.manager = manager;
	}

	private get<T>(name: string): T {
		return this.bridges.get(name) as T;
	}

	public getListenerBridge(): IListenerBridge {
		const manager = () => {
			if (!this.manager) {
				throw new Error('The sandbox engine is not started');
			}
			return this.manager.getListenerManager() as unknown as {
				executeListener(int: unknown, data: unknown): Promise<never>;
			};
		};
		const forward = (int: unknown, data: unknown) => manager().executeListener(int, data);
		return {
			messageEvent: forward,
			roomEvent: forward,
			uiKitInteractionEvent: forward,
			livechatEvent: forward,
		} as IListenerBridge;
	}

	public getCommandBridge(): SandboxCommandBridge {
		return this.get<SandboxCommandBridge>('CommandBridge');
	}

	public getContactBridge(): ContactBridge {
		return this.get<ContactBridge>('ContactBridge');
	}

	public getApiBridge(): SandboxApiBridge {
		return this.get<SandboxApiBridge>('ApiBridge');
	}

	public getAppDetailChangesBridge(): SandboxDetailChangesBridge {
		return this.get<SandboxDetailChangesBridge>('AppDetailChangesBridge');
	}

	public getEnvironmentalVariableBridge(): EnvironmentalVariableBridge {
		return this.get<EnvironmentalVariableBridge>('EnvironmentalVariableBridge');
	}

	public getHttpBridge(): SandboxHttpBridge {
		return this.get<SandboxHttpBridge>('HttpBridge');
	}

	public getLivechatBridge(): SandboxLivechatBridge {
		return this.get<SandboxLivechatBridge>('LivechatBridge');
	}

	public getMessageBridge(): SandboxMessageBridge {
		return this.get<SandboxMessageBridge>('MessageBridge');
	}

	public getPersistenceBridge(): SandboxPersistenceBridge {
		return this.get<SandboxPersistenceBridge>('PersistenceBridge');
	}

	public getAppActivationBridge(): SandboxActivationBridge {
		return this.get<SandboxActivationBridge>('AppActivationBridge');
	}

	public getRoomBridge(): SandboxRoomBridge {
		return this.get<SandboxRoomBridge>('RoomBridge');
	}

	public getInternalBridge(): IInternalBridge {
		return this.get<IInternalBridge>('InternalBridge');
	}

	public getInternalFederationBridge(): SandboxFederationBridge {
		return this.get<SandboxFederationBridge>('InternalFederationBridge');
	}

	public getServerSettingBridge(): SandboxServerSettingBridge {
		return this.get<SandboxServerSettingBridge>('ServerSettingBridge');
	}

	public getUploadBridge(): SandboxUploadBridge {
		return this.get<SandboxUploadBridge>('UploadBridge');
	}

	public getEmailBridge(): EmailBridge {
		return this.get<EmailBridge>('EmailBridge');
	}

	public getUserBridge(): SandboxUserBridge {
		return this.get<SandboxUserBridge>('UserBridge');
	}

	public getUiInteractionBridge(): UiInteractionBridge {
		return this.get<UiInteractionBridge>('UiInteractionBridge');
	}

	public getSchedulerBridge(): SandboxSchedulerBridge {
		return this.get<SandboxSchedulerBridge>('SchedulerBridge');
	}

	public getCloudWorkspaceBridge(): CloudWorkspaceBridge {
		return this.get<CloudWorkspaceBridge>('CloudWorkspaceBridge');
	}

	public getVideoConferenceBridge(): VideoConferenceBridge {
		return this.get<VideoConferenceBridge>('VideoConferenceBridge');
	}

	public getOAuthAppsBridge(): OAuthAppsBridge {
		return this.get<OAuthAppsBridge>('OAuthAppsBridge');
	}

	public getModerationBridge(): ModerationBridge {
		return this.get<ModerationBridge>('ModerationBridge');
	}

	public getThreadBridge(): ThreadBridge {
		return this.get<ThreadBridge>('ThreadBridge');
	}

	public getRoleBridge(): RoleBridge {
		return this.get<RoleBridge>('RoleBridge');
	}

	public getOutboundMessageBridge(): OutboundMessageBridge {
		return this.get<OutboundMessageBridge>('OutboundMessageBridge');
	}

	public getExperimentalBridge(): ExperimentalBridge {
		return this.get<ExperimentalBridge>('ExperimentalBridge');
	}
}
