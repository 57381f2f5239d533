import type { WorkspaceStore } from './WorkspaceStore';
import type { NewMessage } from './messages';
import { canAccessLivechatRoom } from './roomAccess';

/** getMessageUrlRegex (packages/tools): the URLs parseUrlsInMessage finds in a message's text. */
const URL_PATTERN =
	/([A-Za-z]{3,9}):\/\/([-;:&=+$,\w]+@{1})?([-A-Za-z0-9.]+)+:?(\d+)?((\/[-+=!:~%/.@,()\w]*)?\??([-+=&!:;%@/.,\w]+)?(?:#([^\s)]+))?)?/g;

type QuoteAttachment = { message_link?: string } & Record<string, unknown>;

/**
 * jumpToMessage (app/oembed/server/jumpToMessage.ts, a beforeSaveMessage callback, so on every message sent): each link
 * in the text to a message of this workspace (the site's address with `?msg=<id>`) that the sender may see (a livechat
 * visitor the room of that message, by token; a user as canAccessRoom decides) is quoted as an attachment
 * (createQuoteAttachment: its text, its author's username and avatar, its attachments, its time), replacing a quote of
 * the same link.
 */
export function quoteLinkedMessages(store: WorkspaceStore, input: NewMessage): NewMessage {
	const site = store.settings.Site_Url.endsWith('/') ? store.settings.Site_Url : `${store.settings.Site_Url}/`;
	const links = (input.msg ?? '').match(URL_PATTERN) ?? [];
	let attachments = input.attachments as QuoteAttachment[] | undefined;
	for (const link of links) {
		if (!link.includes(site)) {
			continue;
		}
		const messageId = new URL(link).searchParams.getAll('msg');
		const quoted = messageId.length === 1 ? store.findMessage(messageId[0]) : undefined;
		const room = quoted && store.rooms.get(quoted.rid);
		if (!quoted || !room) {
			continue;
		}
		const visitor = !!input.token && input.token === room.v.token;
		const user = store.findUser(input.u._id);
		if (!visitor && !(user && canAccessLivechatRoom(store, user, room))) {
			continue;
		}
		attachments = [
			...(attachments ?? []).filter((attachment) => attachment.message_link !== link),
			{
				text: quoted.msg,
				message_link: link,
				author_name: quoted.u.username,
				author_icon: `/avatar/${quoted.u.username}`,
				attachments: quoted.attachments ?? [],
				ts: quoted.ts,
			},
		];
	}
	return attachments === input.attachments ? input : { ...input, attachments };
}
