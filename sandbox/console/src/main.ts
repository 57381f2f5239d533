import { runCommand, showPrivateAnswers, showRoomActions, slashCommand } from './agentTools.js';
import {
	RocketChatApi,
	type AppSetting,
	type Block,
	type Department,
	type Inquiry,
	type Message,
	type Room,
} from './api.js';
import { byId, element, failed, notice } from './dom.js';
import { renderMarkdown } from './markdown.js';

/**
 * The sandbox console: a Rocket.Chat client in one page. The visitor's side (the livechat widget's calls), an agent's
 * side (the REST API an agent's client uses, with the apps' room buttons, slash commands and private answers) and the
 * app's settings (Administration → Apps), all through the sandbox's Rocket.Chat REST API and the app's own endpoints,
 * polled once a second; only private answers come over DDP, as they do to Rocket.Chat's web client.
 */

const POLL_MS = 1000;

const state = {
	admin: new RocketChatApi(),
	agent: undefined as RocketChatApi | undefined,
	agentName: '',
	appId: '',
	rooms: [] as Room[],
	departments: new Map<string, string>(),
	selected: '',
	transcriptKey: '',
	/** The app's "Bot username": rooms it serves are marked as served by the bot. */
	botUsernames: new Set<string>(),
};

// ---- who serves a room

function servedLabel(room: Room): { label: string; kind: string } {
	if (!room.open) {
		return { label: 'closed', kind: 'closed' };
	}
	if (!room.servedBy) {
		return { label: 'queued', kind: 'queued' };
	}
	const isBot = state.botUsernames.has(room.servedBy.username);
	return { label: `${isBot ? 'bot' : 'agent'}: ${room.servedBy.username}`, kind: isBot ? 'bot' : 'human' };
}

// ---- rooms

async function refreshRooms(): Promise<void> {
	const answer = await state.admin.call<{ rooms: Room[] }>('/api/v1/livechat/rooms');
	state.rooms = answer.rooms;
	const list = byId('rooms');
	list.replaceChildren(
		...state.rooms.map((room) => {
			const served = servedLabel(room);
			const department = room.departmentId ? state.departments.get(room.departmentId) : undefined;
			const item = element(
				'li',
				{
					className: `room ${room._id === state.selected ? 'selected' : ''}`,
					attributes: { 'data-room': room._id, 'data-served': served.kind },
				},
				element('span', { className: 'room-name', text: room.fname }),
				element('span', { className: `badge ${served.kind}`, text: served.label }),
				department ? element('span', { className: 'department', text: department }) : undefined,
			);
			item.addEventListener('click', () => {
				state.selected = room._id;
				state.transcriptKey = '';
				void refresh();
			});
			return item;
		}),
	);
	if (state.rooms.length === 0) {
		list.replaceChildren(element('li', { className: 'empty', text: 'No chats yet: start one with "New visitor".' }));
	}
}

async function newVisitor(): Promise<void> {
	const token = `console-${Math.random().toString(36).slice(2, 12)}`;
	const name = (byId<HTMLInputElement>('visitor-name').value || 'Console visitor').trim();
	const department = byId<HTMLSelectElement>('visitor-department').value;
	await state.admin.call('/api/v1/livechat/visitor', {
		body: { visitor: { token, name, ...(department ? { department } : {}) } },
	});
	const answer = await state.admin.call<{ room: Room }>(`/api/v1/livechat/room?token=${encodeURIComponent(token)}`);
	state.selected = answer.room._id;
	state.transcriptKey = '';
	await refresh();
}

// ---- the transcript, as the visitor sees it

const selectedRoom = (): Room | undefined => state.rooms.find((room) => room._id === state.selected);

async function refreshTranscript(): Promise<void> {
	const room = selectedRoom();
	const header = byId('room-header');
	const box = byId('transcript');
	if (!room) {
		header.textContent = 'Pick a chat, or start one with "New visitor".';
		box.replaceChildren();
		byId<HTMLFormElement>('visitor-form').hidden = true;
		return;
	}
	const served = servedLabel(room);
	header.replaceChildren(
		element('strong', { text: room.fname }),
		element('span', { className: `badge ${served.kind}`, text: served.label }),
		element('span', { className: 'room-id', text: room._id }),
	);
	byId<HTMLFormElement>('visitor-form').hidden = !room.open;
	const answer = await state.admin.call<{ messages: Message[] }>(
		`/api/v1/livechat/messages.history/${encodeURIComponent(room._id)}?token=${encodeURIComponent(room.v.token)}&limit=500`,
	);
	// Rocket.Chat answers newest first.
	answer.messages.reverse();
	const key = JSON.stringify(answer.messages.map((message) => [message._id, message.msg, message.blocks?.length]));
	if (key === state.transcriptKey) {
		return;
	}
	state.transcriptKey = key;
	box.replaceChildren(
		...answer.messages
			.filter((message) => !HIDDEN_BY_THE_WIDGET.includes(message.t ?? ''))
			.map((message) => renderMessage(room, message)),
	);
	box.scrollTop = box.scrollHeight;
}

function renderMessage(room: Room, message: Message): HTMLElement {
	if (message.t) {
		return element('div', { className: 'system', text: systemText(message) });
	}
	const fromVisitor = message.u._id === room.v._id;
	const bubble = element(
		'div',
		{ className: `message ${fromVisitor ? 'visitor' : 'staff'}`, attributes: { 'data-message': message._id } },
		element('div', { className: 'author', text: fromVisitor ? 'Visitor' : (message.u.name ?? message.u.username) }),
		message.msg ? element('div', { className: 'text', html: renderMarkdown(message.msg) }) : undefined,
	);
	for (const attachment of message.attachments ?? []) {
		const shown = renderAttachment(attachment);
		if (shown) {
			bubble.appendChild(shown);
		}
	}
	for (const block of message.blocks ?? []) {
		const actions = renderActions(room, message, block);
		if (actions) {
			bubble.appendChild(actions);
		}
	}
	return bubble;
}

/** The system messages the livechat widget never shows (canRenderMessage). */
const HIDDEN_BY_THE_WIDGET = ['livechat_video_call', 'livechat_navigation_history', 'au', 'command', 'uj', 'ul'];
/** An actions block shows this many elements, then "+ N more" (ActionsBlock). */
const WIDGET_VISIBLE_BUTTONS = 5;

function systemText(message: Message): string {
	switch (message.t) {
		case 'livechat-close':
			return `Chat closed by ${message.u.username}${message.msg ? `: ${message.msg}` : ''}`;
		case 'livechat_transfer_history':
			return `Transferred to ${message.transferData?.nextDepartment?.name ?? 'another department'}`;
		default:
			return `${message.t}${message.msg ? `: ${message.msg}` : ''}`;
	}
}

/**
 * An attachment as Rocket.Chat's livechat widget shows it (packages/livechat Messages/Message): the first of audio,
 * video, image, a file link (title_link) or a quote that it has; anything else shows nothing, there as here.
 */
function renderAttachment(attachment: NonNullable<Message['attachments']>[number]): HTMLElement | undefined {
	// A path is on the workspace (the app posts its own files so), as Rocket.Chat's clients resolve it.
	const link = (url: string | undefined) => {
		const resolved = url ? new URL(url, window.location.origin).href : undefined;
		return resolved && /^https?:\/\//.test(resolved) ? resolved : undefined;
	};
	if (attachment.audio_url || attachment.video_url) {
		const media = link(attachment.audio_url ?? attachment.video_url);
		return media
			? element(attachment.audio_url ? 'audio' : 'video', { attributes: { src: media, controls: '' } })
			: undefined;
	}
	const image = link(attachment.image_url);
	if (image) {
		return element(
			'div',
			{ className: 'attachment' },
			element('img', { attributes: { src: image, alt: attachment.title ?? 'image' } }),
		);
	}
	const file = link(attachment.title_link);
	if (file) {
		return element(
			'div',
			{ className: 'attachment' },
			element('a', {
				text: attachment.title ?? file,
				attributes: { href: file, target: '_blank', rel: 'noopener noreferrer' },
			}),
		);
	}
	if ((attachment.message_link || attachment.tmid) && attachment.text) {
		return element('blockquote', { className: 'attachment', html: renderMarkdown(attachment.text) });
	}
	return undefined;
}

function renderActions(room: Room, message: Message, block: Block): HTMLElement | undefined {
	if (block.type !== 'actions' || !block.elements?.length) {
		return undefined;
	}
	const buttons = block.elements
		.filter((button) => button.type === 'button')
		.map((button) => {
			const node = element('button', { className: 'quick-reply', text: button.text?.text ?? button.actionId });
			node.disabled = !room.open;
			node.addEventListener('click', () => {
				node.disabled = true;
				void clickButton(room, message, button.actionId, button.value).catch(failed('The click failed'));
			});
			return node;
		});
	const actions = element('div', { className: 'actions' }, ...buttons.slice(0, WIDGET_VISIBLE_BUTTONS));
	const hidden = buttons.slice(WIDGET_VISIBLE_BUTTONS);
	if (hidden.length > 0) {
		// As the widget's ActionsBlock: five elements, then a button that shows the rest.
		const more = element('button', { className: 'quick-reply more', text: `+ ${hidden.length} more` });
		more.addEventListener('click', () => more.replaceWith(...hidden));
		actions.appendChild(more);
	}
	return actions;
}

/** What the livechat widget (lib/uiKit.js) posts when a visitor clicks a button of an app's message. */
async function clickButton(room: Room, message: Message, actionId: string, value?: string) {
	await state.admin.call(`/api/apps/ui.interaction/${state.appId}`, {
		body: {
			type: 'blockAction',
			actionId,
			rid: room._id,
			mid: message._id,
			viewId: null,
			container: { type: 'message', id: message._id },
			payload: { value },
		},
		headers: { 'x-visitor-token': room.v.token },
	});
	state.transcriptKey = '';
	await refresh();
}

async function sendAsVisitor(event: Event): Promise<void> {
	event.preventDefault();
	const room = selectedRoom();
	const input = byId<HTMLInputElement>('visitor-text');
	const msg = input.value.trim();
	if (!room || !msg) {
		return;
	}
	input.value = '';
	await state.admin.call('/api/v1/livechat/message', { body: { token: room.v.token, rid: room._id, msg } });
	await refresh();
}

// ---- the agent's side

async function agentLogin(event: Event): Promise<void> {
	event.preventDefault();
	const user = byId<HTMLInputElement>('agent-user').value.trim();
	const password = byId<HTMLInputElement>('agent-password').value;
	const agent = new RocketChatApi();
	await agent.login(user, password);
	state.agent = agent;
	state.agentName = user;
	byId('agent-login').hidden = true;
	byId('agent-panel').hidden = false;
	byId('agent-name').textContent = user;
	await Promise.all([
		showRoomActions(agent, state.admin, () => selectedRoom()?._id, refresh).catch(
			failed("The apps' room buttons could not be read"),
		),
		showPrivateAnswers(agent, (rid) => state.rooms.find((room) => room._id === rid)?.fname ?? rid).catch(
			failed('Private answers cannot arrive'),
		),
	]);
	await refresh();
}

async function refreshAgent(): Promise<void> {
	if (!state.agent) {
		return;
	}
	const answer = await state.agent.call<{ inquiries: Inquiry[] }>('/api/v1/livechat/inquiries.queuedForUser');
	const queue = byId('queue');
	queue.replaceChildren(
		...answer.inquiries.map((inquiry) => {
			const take = element('button', { text: 'Take' });
			take.addEventListener('click', () => {
				void state.agent
					?.call('/api/v1/livechat/inquiries.take', { body: { inquiryId: inquiry._id } })
					.then(() => {
						state.selected = inquiry.rid;
						return refresh();
					})
					.catch(failed('Taking the chat failed'));
			});
			return element(
				'li',
				{ attributes: { 'data-inquiry': inquiry._id } },
				element('span', { text: inquiry.name ?? inquiry.rid }),
				take,
			);
		}),
	);
	if (answer.inquiries.length === 0) {
		queue.replaceChildren(element('li', { className: 'empty', text: 'Nobody waits.' }));
	}
	const room = selectedRoom();
	const mine = !!room?.open && room.servedBy?._id === state.agent.user?.userId;
	byId('agent-room').hidden = !mine;
	byId('agent-not-mine').hidden = mine;
}

async function sendAsAgent(event: Event): Promise<void> {
	event.preventDefault();
	const room = selectedRoom();
	const input = byId<HTMLInputElement>('agent-text');
	const msg = input.value.trim();
	if (!room || !msg || !state.agent) {
		return;
	}
	input.value = '';
	// As Rocket.Chat's composer: a line that starts with a slash runs as that command; its answer comes privately.
	const command = slashCommand(msg);
	if (command) {
		await runCommand(state.agent, room._id, command).catch(failed(`/${command.command} failed`));
	} else {
		await state.agent.call('/api/v1/chat.sendMessage', { body: { message: { rid: room._id, msg } } });
	}
	await refresh();
}

async function closeAsAgent(): Promise<void> {
	const room = selectedRoom();
	if (!room || !state.agent) {
		return;
	}
	await state.agent.call('/api/v1/livechat/room.closeByUser', {
		body: { rid: room._id, comment: byId<HTMLInputElement>('close-comment').value || 'Closed from the console' },
	});
	await refresh();
}

// ---- the app's settings, as Administration → Apps → Rasa → Settings edits them

const INPUT_TYPES: Record<string, string> = { password: 'password', number: 'number' };

function valueOf(input: HTMLInputElement): unknown {
	switch (input.dataset.type) {
		case 'boolean':
			return input.checked;
		case 'number':
			return Number(input.value);
		default:
			return input.value;
	}
}

async function loadSettings(): Promise<void> {
	const [answer, languages] = await Promise.all([
		state.admin.call<{ settings: Record<string, AppSetting> }>(`/api/apps/${state.appId}/settings`),
		state.admin
			.call<{ languages: Record<string, Record<string, string>> }>(`/api/apps/${state.appId}/languages`)
			.catch(() => ({ languages: {} as Record<string, Record<string, string>> })),
	]);
	const english = languages.languages.en ?? {};
	const form = byId<HTMLFormElement>('settings');
	const fields = Object.values(answer.settings).map((setting) => {
		const value = setting.value ?? setting.packageValue;
		let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
		if (setting.type === 'boolean') {
			input = element('input', { attributes: { type: 'checkbox' } });
			input.checked = value === true;
		} else if (setting.type === 'select') {
			input = element(
				'select',
				{},
				...(setting.values ?? []).map((option) =>
					element('option', { text: option.key, attributes: { value: option.key } }),
				),
			);
			input.value = String(value ?? '');
		} else if (setting.multiline) {
			input = element('textarea', { attributes: { rows: '2' } });
			input.value = String(value ?? '');
		} else {
			input = element('input', { attributes: { type: INPUT_TYPES[setting.type] ?? 'text' } });
			input.value = String(value ?? '');
		}
		input.name = setting.id;
		input.dataset.type = setting.type;
		const description = english[`${setting.id}_description`];
		return element(
			'label',
			{ className: 'setting' },
			element('span', { className: 'label', text: english[setting.i18nLabel ?? ''] ?? setting.id }),
			input,
			description ? element('small', { text: description }) : undefined,
		);
	});
	const save = element('button', { text: 'Save settings', attributes: { type: 'submit' } });
	form.replaceChildren(...fields, save);
}

async function saveSettings(event: Event): Promise<void> {
	event.preventDefault();
	const inputs = Array.from(byId<HTMLFormElement>('settings').querySelectorAll<HTMLInputElement>('[name]'));
	const settings = inputs.map((input) => ({ id: input.name, value: valueOf(input) }));
	await state.admin.call(`/api/apps/${state.appId}/settings`, { body: { settings } });
	const saved = await state.admin.call<{ settings: Record<string, AppSetting> }>(`/api/apps/${state.appId}/settings`);
	showAssistants(saved.settings);
	notice('Settings saved: the app logs a "Rasa health" line for each assistant when a Rasa URL or channel changes.');
}

// ---- start

async function refresh(): Promise<void> {
	await refreshRooms();
	await refreshTranscript();
	await refreshAgent();
}

async function adminLogin(event: Event): Promise<void> {
	event.preventDefault();
	await state.admin.login(
		byId<HTMLInputElement>('admin-user').value.trim(),
		byId<HTMLInputElement>('admin-password').value,
	);
	const apps = await state.admin.call<{ apps: Array<{ id: string; nameSlug: string }> }>('/api/apps/installed');
	state.appId = apps.apps.find((app) => app.nameSlug === 'rasa')?.id ?? '';
	if (!state.appId) {
		notice('The Rasa app is not installed in this workspace.', 'error');
	}
	const departments = await state.admin.call<{ departments: Department[] }>('/api/v1/livechat/department');
	const select = byId<HTMLSelectElement>('visitor-department');
	for (const department of departments.departments) {
		state.departments.set(department._id, department.name);
		select.appendChild(element('option', { text: department.name, attributes: { value: department._id } }));
	}
	const settings = state.appId
		? await state.admin.call<{ settings: Record<string, AppSetting> }>(`/api/apps/${state.appId}/settings`)
		: undefined;
	showAssistants(settings?.settings ?? {});
	byId('login').hidden = true;
	byId('workspace').hidden = false;
	if (state.appId) {
		await loadSettings();
	}
	await refresh();
	window.setInterval(() => void refresh().catch(failed('Live update failed')), POLL_MS);
}

/**
 * The app's assistants as its settings define them: the bot of "Bot username" with "Rasa server URL", then each entry
 * of "Assistants" (a JSON list; a malformed one counts for nothing, as in the app).
 */
function showAssistants(settings: Record<string, AppSetting>): void {
	const value = (id: string) => String(settings[id]?.value ?? settings[id]?.packageValue ?? '');
	const list: Array<{ botUsername: string; rasaServerUrl: string; rasaMode?: string }> = [
		{ botUsername: value('bot_username'), rasaServerUrl: value('rasa_server_url'), rasaMode: value('rasa_mode') },
	];
	try {
		const more = JSON.parse(value('assistants') || '[]') as unknown;
		if (Array.isArray(more)) {
			list.push(...(more as typeof list));
		}
	} catch {
		// The app ignores a malformed list too.
	}
	const bots = list.filter((assistant) => assistant.botUsername);
	state.botUsernames = new Set(bots.map((assistant) => assistant.botUsername));
	byId('assistants').replaceChildren(
		...bots.map((assistant) =>
			element(
				'li',
				{},
				element('strong', { text: assistant.botUsername }),
				element('span', {
					text: ` → ${assistant.rasaServerUrl.replace(/\/\/[^/@]*@/, '//')} (${assistant.rasaMode || 'rest'})`,
				}),
			),
		),
	);
}

function start(): void {
	byId('login-form').addEventListener('submit', (event) => void adminLogin(event).catch(failed('Login failed')));
	byId('new-visitor').addEventListener('click', () => void newVisitor().catch(failed('Starting a chat failed')));
	byId('visitor-form').addEventListener('submit', (event) => void sendAsVisitor(event).catch(failed('Sending failed')));
	byId('agent-login').addEventListener('submit', (event) => void agentLogin(event).catch(failed('Agent login failed')));
	byId('agent-reply').addEventListener('submit', (event) => void sendAsAgent(event).catch(failed('Sending failed')));
	byId('agent-close').addEventListener('click', () => void closeAsAgent().catch(failed('Closing failed')));
	byId('settings').addEventListener('submit', (event) => void saveSettings(event).catch(failed('Saving failed')));
}

start();
