import type { EphemeralMessage } from './ephemeral';
import type { MessageRecord, RoomRecord, UserRecord } from './types';

/** What happened in the workspace; sandbox/src/engine/appEvents.ts turns each into the app event Rocket.Chat fires. */
export type WorkspaceEvent =
	| { type: 'message-sent'; message: MessageRecord; room: RoomRecord }
	| { type: 'message-updated'; message: MessageRecord; room: RoomRecord }
	| { type: 'room-started'; room: RoomRecord }
	| { type: 'agent-assigned'; room: RoomRecord; agent: UserRecord }
	| { type: 'agent-unassigned'; room: RoomRecord; agent: UserRecord }
	| { type: 'room-transferred'; room: RoomRecord; scope: 'agent' | 'department'; from?: string; to: string }
	| { type: 'room-closed'; room: RoomRecord }
	| { type: 'typing'; roomId: string; username: string; typing: boolean }
	/** A private answer to one user (an app's notifier): stored nowhere, only sent to that user's clients. */
	| { type: 'user-notified'; userId: string; roomId: string; message: EphemeralMessage };

/** Everyone who listens to the workspace (each instance's app events, the realtime API), told synchronously. */
export class WorkspaceEvents {
	private readonly listeners: Array<(event: WorkspaceEvent) => void> = [];

	public on(listener: (event: WorkspaceEvent) => void): void {
		this.listeners.push(listener);
	}

	public emit(event: WorkspaceEvent): void {
		for (const listener of this.listeners) {
			listener(event);
		}
	}
}
