import { DepartmentCache } from '../conversation/engine/DepartmentCache';
import { PendingClicks } from '../conversation/engine/PendingClicks';
import { RoomSteps } from '../conversation/engine/RoomSteps';
import { ServerSettingsCache } from '../omnichannel/ServerSettingsCache';
import { ChatCounts } from '../persistence/ChatCounts';
import { CommitTimes } from '../persistence/CommitTimes';
import { KnownWelcomes } from '../persistence/KnownWelcomes';
import { SettingsCache } from '../settings/SettingsCache';

/**
 * What one instance of the app keeps in memory between calls: the settings cache (replaced on every change notice),
 * departments found recently, the rooms' step queues, the quick-reply choices waiting for their message event, the
 * rooms known to be welcomed and the workspace settings the app reads. None of it must be shared across Rocket.Chat
 * instances (see the README); what must be shared lives in app persistence.
 */
export class InstanceState {
	public readonly settingsCache = new SettingsCache();

	public readonly departments = new DepartmentCache();

	public readonly rooms = new RoomSteps();

	public readonly clicks = new PendingClicks();

	public readonly welcomed = new KnownWelcomes();

	public readonly commitTimes = new CommitTimes();

	public readonly serverSettings = new ServerSettingsCache();

	/** This instance's counts for `/rasa status`, written to app persistence as they change. */
	public readonly counts = new ChatCounts();

	/** Problems already logged by this instance (a bad setting is said once, not on every message). */
	private readonly reported = new Set<string>();

	/** True the first time this instance meets `problem`. */
	public firstReport(problem: string): boolean {
		if (this.reported.has(problem) || this.reported.size > 100) {
			return false;
		}
		this.reported.add(problem);
		return true;
	}
}
