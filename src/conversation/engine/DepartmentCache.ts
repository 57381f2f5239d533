import type { Department } from '../../omnichannel/IOmnichannel';

/** How long a department found by name or id is used again without asking Rocket.Chat. */
export const DEPARTMENT_EXPIRY_MS = 10000;
const MAX_DEPARTMENTS = 200;

type Entry = { department: Department; expires: number };

/**
 * Departments found by name or id, kept a few seconds by each instance: a bot hands over to the same few departments
 * again and again, and without the lookup a handover can ask whether anyone is online while it reads the room.
 * Only departments that exist are kept, so a new one is found at once. Rocket.Chat tells apps nothing when a
 * department is renamed or deleted: for up to the expiry, the old name still finds it, and a deleted one answers
 * no-agents-online (nobody is online in it) instead of department-not-found.
 */
export class DepartmentCache {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly now: () => number = () => Date.now()) {}

	public async find(
		idOrName: string,
		lookup: (idOrName: string) => Promise<Department | undefined>,
	): Promise<Department | undefined> {
		const entry = this.entries.get(idOrName);
		if (entry && entry.expires > this.now()) {
			return entry.department;
		}
		this.entries.delete(idOrName);
		const department = await lookup(idOrName);
		if (department) {
			if (this.entries.size >= MAX_DEPARTMENTS) {
				this.entries.clear();
			}
			this.entries.set(idOrName, { department, expires: this.now() + DEPARTMENT_EXPIRY_MS });
		}
		return department;
	}
}
