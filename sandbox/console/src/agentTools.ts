import type { RocketChatApi } from './api.js';
import { watchPrivateMessages, type PrivateMessage } from './ddp.js';
import { byId, element, failed } from './dom.js';
import { renderMarkdown } from './markdown.js';

/**
 * What apps give an agent in a livechat room, as Rocket.Chat's web client shows it: the apps' room action buttons,
 * slash commands typed into the composer, and the private answers of both (ephemeral messages, never in the room).
 */

/** An app's UI button as GET /api/apps/actionButtons lists it (IUIActionButtonDescriptor with its app's id). */
export type ActionButton = {
	appId: string;
	actionId: string;
	context: string;
	labelI18n: string;
	when?: { roomTypes?: string[] };
};

/** Rocket.Chat's client makes a trigger id for each interaction (Random.id()). */
const triggerId = () => Math.random().toString(36).slice(2, 12) + Math.random().toString(36).slice(2, 9);

/**
 * The apps' buttons of a livechat room's toolbar, read once: context `roomAction`, and room types that take livechat
 * rooms (none named: every room, as applyButtonFilters does). Each is labelled with its app's English text for
 * `labelI18n` (the app's languages, read as the admin), else with the key. A click sends the `actionButton`
 * interaction for the room then selected, as the client's useAppActionButtons does; `done` runs after each.
 */
export async function showRoomActions(
	agent: RocketChatApi,
	admin: RocketChatApi,
	roomId: () => string | undefined,
	done: () => Promise<void>,
): Promise<void> {
	const buttons = (await agent.call<ActionButton[]>('/api/apps/actionButtons')).filter(
		(button) =>
			button.context === 'roomAction' && (!button.when?.roomTypes || button.when.roomTypes.includes('livechat')),
	);
	const texts = await appTexts(
		admin,
		buttons.map((button) => button.appId),
	);
	byId('room-actions').replaceChildren(
		...buttons.map((button) => {
			const node = element('button', {
				className: 'room-action',
				text: texts.get(button.appId)?.[button.labelI18n] ?? button.labelI18n,
				attributes: { 'type': 'button', 'data-action': button.actionId },
			});
			node.addEventListener('click', () => {
				const rid = roomId();
				if (!rid) {
					return;
				}
				node.disabled = true;
				void clickRoomAction(agent, button, rid)
					.then(done)
					.catch(failed(`"${node.textContent ?? button.actionId}" failed`))
					.finally(() => {
						node.disabled = false;
					});
			});
			return node;
		}),
	);
}

/** Each app's English texts (GET /api/apps/:id/languages); an app whose languages cannot be read has none. */
async function appTexts(admin: RocketChatApi, appIds: string[]): Promise<Map<string, Record<string, string>>> {
	const texts = new Map<string, Record<string, string>>();
	for (const appId of new Set(appIds)) {
		const answer = await admin
			.call<{ languages: Record<string, Record<string, string>> }>(`/api/apps/${encodeURIComponent(appId)}/languages`)
			.catch(() => ({ languages: {} as Record<string, Record<string, string>> }));
		texts.set(appId, answer.languages.en ?? {});
	}
	return texts;
}

async function clickRoomAction(agent: RocketChatApi, button: ActionButton, rid: string): Promise<void> {
	await agent.call(`/api/apps/ui.interaction/${encodeURIComponent(button.appId)}`, {
		body: {
			type: 'actionButton',
			actionId: button.actionId,
			rid,
			payload: { context: 'roomAction' },
			triggerId: triggerId(),
		},
	});
}

/** A composer line that is a slash command, as the client reads it: `/<command> <params>`, or undefined. */
export function slashCommand(line: string): { command: string; params: string } | undefined {
	const match = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(line.trim());
	return match ? { command: match[1], params: (match[2] ?? '').trim() } : undefined;
}

/** Runs a slash command in a room as the client does (POST commands.run); what it answers arrives privately. */
export async function runCommand(
	agent: RocketChatApi,
	roomId: string,
	command: { command: string; params: string },
): Promise<void> {
	await agent.call('/api/v1/commands.run', { body: { ...command, roomId, triggerId: triggerId() } });
}

/**
 * Opens the agent's private answers (DDP, stream-notify-user) and lists each in "Only you see these", newest last,
 * with the room it was about (`roomName`). Rejects when the connection, the login or the subscription fails; a
 * connection lost later shows as an error.
 */
export async function showPrivateAnswers(agent: RocketChatApi, roomName: (rid: string) => string): Promise<void> {
	if (!agent.user) {
		throw new Error('the agent is not logged in');
	}
	const list = byId('private-answers');
	await watchPrivateMessages(
		agent.user,
		(message) => {
			list.querySelector('.empty')?.remove();
			list.appendChild(privateAnswer(message, roomName(message.rid)));
			list.lastElementChild?.scrollIntoView({ block: 'nearest' });
		},
		failed('Private answers stopped'),
	);
}

function privateAnswer(message: PrivateMessage, room: string): HTMLElement {
	const at = message.ts ? new Date(message.ts.$date).toLocaleTimeString() : '';
	return element(
		'li',
		{ className: 'private-answer', attributes: { 'data-room': message.rid, 'data-message': message._id } },
		element('div', { className: 'about', text: at ? `${room} · ${at}` : room }),
		element('div', { className: 'text', html: renderMarkdown(message.msg ?? '') }),
	);
}
