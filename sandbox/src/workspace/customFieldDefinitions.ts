import { WorkspaceError } from './WorkspaceError';
import { Match, check } from './meteorCheck';

/** A livechat custom field definition, as Rocket.Chat's LivechatCustomField collection keeps it (its _id is its name). */
export type CustomFieldDefinition = {
	_id: string;
	label: string;
	scope: 'visitor' | 'room';
	visibility: string;
	regexp?: string;
	searchable?: boolean;
	type?: string;
	required?: boolean;
	defaultValue?: string;
	options?: string;
	public?: boolean;
	[extra: string]: unknown;
	_updatedAt: Date;
};

/**
 * The workspace's livechat custom field definitions (Omnichannel > Custom Fields), saved by `livechat:saveCustomField`
 * (app/livechat/server/methods/saveCustomField.ts, LivechatCustomField.createOrUpdateCustomField) and read by a
 * visitor's registration, which keeps only the fields defined with the visitor scope
 * (app/livechat/server/api/v1/visitor.ts).
 */
export class CustomFieldDefinitions {
	private readonly definitions = new Map<string, CustomFieldDefinition>();

	/** livechat:saveCustomField(_id, customFieldData): a new definition (no _id) or an update of one. */
	public save(id: string | null | undefined, data: unknown): CustomFieldDefinition {
		if (id) {
			check(id, String);
		}
		check(
			data,
			Match.objectIncluding({
				field: String,
				label: String,
				scope: String,
				visibility: String,
				regexp: String,
				searchable: Boolean,
			}),
		);
		const { field } = data as { field: string };
		if (!/^[0-9a-zA-Z-_]+$/.test(field)) {
			throw new WorkspaceError(
				'error-invalid-custom-field-name',
				'Invalid custom field name. Use only letters, numbers, hyphens and underscores.',
			);
		}
		if (id && !this.definitions.has(id)) {
			throw new WorkspaceError('error-invalid-custom-field', 'Custom Field Not found');
		}
		if (!id && this.definitions.has(field)) {
			throw new WorkspaceError('error-custom-field-name-already-exists', 'Custom field name already exists');
		}
		return this.store(id ?? null, data as Record<string, unknown> & { field: string });
	}

	/**
	 * LivechatCustomField.createOrUpdateCustomField: the label, scope, visibility and any other field saved under the
	 * definition's id (its `field` for a new one).
	 */
	public store(id: string | null, data: Record<string, unknown> & { field: string }): CustomFieldDefinition {
		const { field, ...fields } = data;
		const key = id || field;
		const saved = {
			...(id ? this.definitions.get(key) : {}),
			...fields,
			_id: key,
			_updatedAt: new Date(),
		} as CustomFieldDefinition;
		this.definitions.set(key, saved);
		return saved;
	}

	public find(id: string): CustomFieldDefinition | undefined {
		return this.definitions.get(id);
	}

	public list(): CustomFieldDefinition[] {
		return [...this.definitions.values()];
	}

	public remove(id: string): boolean {
		return this.definitions.delete(id);
	}

	/** The definitions a visitor's registration may fill (scope `visitor`; LivechatCustomField.findByScope). */
	public visitorFields(): CustomFieldDefinition[] {
		return this.list().filter((definition) => definition.scope === 'visitor');
	}

	/** Their keys: what `livechat/visitor` keeps of a registration's `customFields`. */
	public visitorFieldKeys(): string[] {
		return this.visitorFields().map((definition) => definition._id);
	}
}
