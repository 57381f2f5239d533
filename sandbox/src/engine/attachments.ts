import type { IMessageAttachment } from '@rocket.chat/apps-engine/definition/messages';

/**
 * A message attachment as Rocket.Chat stores it and its REST API returns it (snake_case, flat title): what apps send,
 * and what file messages write (title_link_download, image_*, audio_*, video_*, fileId, format, size).
 */
export type StoredAttachment = Record<string, unknown> & {
	title?: string;
	title_link?: string;
	image_url?: string;
	type?: string;
	description?: string;
	fileId?: string;
};

/** The snake_case fields the converters map one to one (Rocket.Chat's `_convertAttachmentsToApp` map), app name first. */
const ONE_TO_ONE: ReadonlyArray<[string, string]> = [
	['collapsed', 'collapsed'],
	['color', 'color'],
	['text', 'text'],
	['timestampLink', 'message_link'],
	['thumbnailUrl', 'thumb_url'],
	['imageDimensions', 'image_dimensions'],
	['imagePreview', 'image_preview'],
	['imageUrl', 'image_url'],
	['imageType', 'image_type'],
	['imageSize', 'image_size'],
	['audioUrl', 'audio_url'],
	['audioType', 'audio_type'],
	['audioSize', 'audio_size'],
	['videoUrl', 'video_url'],
	['videoType', 'video_type'],
	['videoSize', 'video_size'],
	['fields', 'fields'],
	['actionButtonsAlignment', 'button_alignment'],
	['actions', 'actions'],
	['type', 'type'],
	['description', 'description'],
];

/**
 * App attachment → stored one, as Rocket.Chat's message converter does (`_convertAppAttachments`): every field
 * renamed, the title taken apart, the timestamp as JSON, what the app sent unmapped put back, and the empty ones
 * left out (removeEmpty; a field the app left unset crosses the Deno boundary as null).
 */
export function toStoredAttachment(attachment: IMessageAttachment): StoredAttachment {
	const app = attachment as IMessageAttachment & Record<string, unknown>;
	const stored: Record<string, unknown> = {
		collapsed: app.collapsed,
		color: app.color,
		text: app.text,
		ts: app.timestamp ? new Date(app.timestamp).toJSON() : app.timestamp,
		message_link: app.timestampLink,
		thumb_url: app.thumbnailUrl,
		author_name: app.author?.name,
		author_link: app.author?.link,
		author_icon: app.author?.icon,
		title: app.title?.value,
		title_link: app.title?.link,
		title_link_download: app.title?.displayDownloadLink,
		...Object.fromEntries(
			ONE_TO_ONE.filter(
				([name]) => !['collapsed', 'color', 'text', 'timestampLink', 'thumbnailUrl'].includes(name),
			).map(([name, stored]) => [stored, app[name]]),
		),
		...((app._unmappedProperties_ as Record<string, unknown> | undefined) ?? {}),
	};
	return Object.fromEntries(
		Object.entries(stored).filter(([, value]) => value !== undefined && value !== null),
	) as StoredAttachment;
}

/**
 * Stored attachment → the app's shape, as Rocket.Chat's message converter does (`_convertAttachmentsToApp` through
 * transformMappedData): the one-to-one fields that are set; `author` and `title` always, as objects whose fields may be
 * unset; `timestamp` always, a Date (an invalid one when the attachment has no `ts`, as Rocket.Chat's `new Date(ts)`);
 * where the version maps it, `fileId` (the message's lone file for a file attachment without one); and everything
 * else under `_unmappedProperties_`.
 */
export function toAppAttachment(
	attachment: StoredAttachment,
	fileIds?: { mainFileId?: string; lone: boolean },
): IMessageAttachment {
	const rest: Record<string, unknown> = { ...attachment };
	const app: Record<string, unknown> = {};
	for (const [name, stored] of ONE_TO_ONE) {
		if (rest[stored] !== undefined) {
			app[name] = rest[stored];
		}
		delete rest[stored];
	}
	app.author = { name: rest.author_name, link: rest.author_link, icon: rest.author_icon };
	app.title = { value: rest.title, link: rest.title_link, displayDownloadLink: rest.title_link_download };
	app.timestamp = new Date(rest.ts as string);
	for (const key of ['author_name', 'author_link', 'author_icon', 'title', 'title_link', 'title_link_download', 'ts']) {
		delete rest[key];
	}
	if (fileIds) {
		const fileId =
			!attachment.fileId && attachment.type === 'file' && fileIds.mainFileId && fileIds.lone
				? fileIds.mainFileId
				: attachment.fileId;
		if (fileId !== undefined) {
			app.fileId = fileId;
		}
	}
	return { ...app, _unmappedProperties_: rest } as IMessageAttachment;
}
