/** A refusal with Rocket.Chat's error code, formatted as Meteor.Error formats its message: "reason [code]". */
export class WorkspaceError extends Error {
	constructor(
		public readonly code: string,
		reason?: string,
	) {
		super(reason ? `${reason} [${code}]` : `[${code}]`);
		this.name = 'WorkspaceError';
	}
}
