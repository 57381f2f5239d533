/** A livechat custom field definition, as Rocket.Chat stores it (ILivechatCustomField; `_id` is the field's name). */
export type CustomFieldDefinition = {
	_id: string;
	label: string;
	scope: 'visitor' | 'room';
	visibility: string;
	required?: boolean;
	regexp?: string;
	[other: string]: unknown;
	_updatedAt: Date;
};

/**
 * The workspace's livechat custom field definitions (the `livechat_custom_field` collection), as far as visitor
 * registration needs them. A stand-in: the sandbox's custom field definitions module is written separately, and
 * registration reads definitions through one function only (visitors.ts `visitorScopeFields`), to be pointed at it.
 */
export class CustomFieldDefinitions {
	private readonly byId = new Map<string, CustomFieldDefinition>();

	public get(id: string): CustomFieldDefinition | undefined {
		return this.byId.get(id);
	}

	/** LivechatCustomField.findByScope(scope, options, includeHidden): hidden ones only when asked for. */
	public byScope(scope: CustomFieldDefinition['scope'], includeHidden = true): CustomFieldDefinition[] {
		return [...this.byId.values()].filter(
			(field) => field.scope === scope && (includeHidden || field.visibility !== 'hidden'),
		);
	}

	/**
	 * livechat/custom-fields.save (7.11+): a new field by its `field` name (`Custom Field already exists` when taken),
	 * or the field `customFieldId` updated (`Custom Field Not found` when missing); answers the stored definition.
	 */
	public save(
		customFieldId: string | undefined,
		data: { field: string; label: string; scope: CustomFieldDefinition['scope']; visibility: string } & Record<
			string,
			unknown
		>,
	): CustomFieldDefinition {
		if (customFieldId && !this.byId.has(customFieldId)) {
			throw new Error('Custom Field Not found');
		}
		if (!customFieldId && this.byId.has(data.field)) {
			throw new Error('Custom Field already exists');
		}
		const { field, ...record } = data;
		const id = customFieldId ?? field;
		const saved: CustomFieldDefinition = { ...this.byId.get(id), ...record, _id: id, _updatedAt: new Date() };
		this.byId.set(id, saved);
		return saved;
	}
}
