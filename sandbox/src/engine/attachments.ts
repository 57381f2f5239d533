import type { IMessageAttachment } from '@rocket.chat/apps-engine/definition/messages';

/** A message attachment as Rocket.Chat stores it and its REST API returns it (snake_case, flat title). */
export type StoredAttachment = {
	text?: string;
	color?: string;
	collapsed?: boolean;
	title?: string;
	title_link?: string;
	image_url?: string;
	audio_url?: string;
	video_url?: string;
	thumb_url?: string;
	author_name?: string;
	author_link?: string;
	author_icon?: string;
	type?: string;
	description?: string;
};

const defined = <T extends object>(value: T): T =>
	Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

/** App attachment → stored one, as Rocket.Chat's message converter does (convertAppMessage). */
export function toStoredAttachment(attachment: IMessageAttachment): StoredAttachment {
	return defined({
		text: attachment.text,
		color: attachment.color,
		collapsed: attachment.collapsed,
		title: attachment.title?.value,
		title_link: attachment.title?.link,
		image_url: attachment.imageUrl,
		audio_url: attachment.audioUrl,
		video_url: attachment.videoUrl,
		thumb_url: attachment.thumbnailUrl,
		author_name: attachment.author?.name,
		author_link: attachment.author?.link,
		author_icon: attachment.author?.icon,
		type: attachment.type,
		description: attachment.description,
	});
}

/** Stored attachment → the app's shape, as Rocket.Chat's message converter does (convertMessage). */
export function toAppAttachment(attachment: StoredAttachment): IMessageAttachment {
	return defined({
		text: attachment.text,
		color: attachment.color,
		collapsed: attachment.collapsed,
		title:
			attachment.title || attachment.title_link
				? { value: attachment.title ?? '', link: attachment.title_link }
				: undefined,
		imageUrl: attachment.image_url,
		audioUrl: attachment.audio_url,
		videoUrl: attachment.video_url,
		thumbnailUrl: attachment.thumb_url,
		author: attachment.author_name
			? { name: attachment.author_name, link: attachment.author_link, icon: attachment.author_icon }
			: undefined,
		type: attachment.type,
		description: attachment.description,
	}) as IMessageAttachment;
}
