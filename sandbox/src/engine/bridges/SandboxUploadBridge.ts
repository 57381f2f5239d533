import type { IUpload } from '@rocket.chat/apps-engine/definition/uploads';
import type { IUploadDetails } from '@rocket.chat/apps-engine/definition/uploads/IUploadDetails';
import { UploadBridge } from '@rocket.chat/apps-engine/server/bridges';

import type { BridgeContext } from './BridgeContext';

/**
 * Apps' files, as Rocket.Chat's AppUploadBridge (app/apps/server/bridges/uploads.ts) serves them: an upload by id
 * through the uploads converter, its bytes from the store, and a new upload from an app's buffer, which the workspace
 * types, stores behind the store's filter and always posts as a file message (uploadRules.ts). The engine's own
 * UploadBridge checks `upload.read` and `upload.write` first, as in Rocket.Chat.
 */
export abstract class SandboxUploadBridge extends UploadBridge {
	constructor(private readonly context: BridgeContext) {
		super();
	}

	protected async getById(id: string): Promise<IUpload> {
		const record = this.context.workspace.uploads.find(id);
		return (record ? this.context.convert.upload(record) : undefined) as IUpload;
	}

	/**
	 * The bytes of the upload the app passes (converted back by its id). Rocket.Chat reads `file.store` of what the
	 * converter gives back, so no upload at all fails as that read does; bytes that are not there, as its `Unknown error`.
	 */
	protected async getBuffer(upload: IUpload): Promise<Buffer> {
		if (!upload) {
			throw new TypeError("Cannot read properties of undefined (reading 'store')");
		}
		const bytes = this.context.workspace.uploads.bytesOf(upload.id);
		if (!bytes) {
			throw new Error('Unknown error');
		}
		return bytes;
	}

	protected async createUpload(details: IUploadDetails, buffer: Buffer): Promise<IUpload> {
		const record = this.context.workspace.uploadForApp(
			{
				name: details.name,
				rid: details.rid,
				...(details.userId ? { userId: details.userId } : {}),
				...(details.visitorToken ? { visitorToken: details.visitorToken } : {}),
			},
			Buffer.from(buffer),
		);
		return this.context.convert.upload(record);
	}
}
