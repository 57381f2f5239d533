import { actionDone, invalid, parsed, type ActionResult, type Parsed, type StepAction } from './ConversationAction';
import type { Department, Session, TransferRefusal } from '../../omnichannel/IOmnichannel';
import type { Settings } from '../../settings/SettingsReader';
import { oneLine } from '../../text/oneLine';
import type { Conversation } from '../Conversation';
import { failed, isFailure, type Failure } from '../Outcome';
import { readOpenSession, requireServedByBot } from '../sessionGuards';

const MAX_DEPARTMENT_LENGTH = 256;

type HandoverData = {
	/** Department name or id; the default handover department when absent. */
	readonly targetDepartment?: string;
};

type Prepared = {
	readonly settings: Pick<
		Settings,
		'botUsername' | 'defaultHandoverDepartment' | 'handoverMessage' | 'handoverFailedMessage'
	>;
	readonly wanted: string;
	/** The department found, and whether anyone in it is online: asked beside the room's read, as it needs no room. */
	readonly target?: { readonly department: Department; readonly online: Promise<Settled<boolean>> };
};

type Settled<T> = { readonly value: T } | { readonly error: unknown };

/** A promise that never rejects, so an answer nobody waits for (a guard refused first) is not an unhandled error. */
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
	promise.then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);

async function valueOf<T>(settled: Promise<Settled<T>>): Promise<T> {
	const result = await settled;
	if ('error' in result) {
		throw result.error;
	}
	return result.value;
}

/** targetDepartment: absent, null or blank means "the default handover department". */
export function readTargetDepartment(value: unknown): Parsed<string | undefined> {
	if (value === undefined || value === null) {
		return parsed(undefined);
	}
	if (typeof value !== 'string' || value.length > MAX_DEPARTMENT_LENGTH) {
		const got = typeof value === 'string' ? 'too long' : `a ${Array.isArray(value) ? 'list' : typeof value}`;
		return invalid(`"actionData.targetDepartment" is ${got}; it must be a department name or id.`);
	}
	return parsed(value.trim() || undefined);
}

/** Hands a visitor served by the bot over to a human department. */
export const handover: StepAction<HandoverData, Prepared> = {
	name: 'handover',
	dataFields: ['targetDepartment'],
	readData: (data) => {
		const department = readTargetDepartment(data.targetDepartment);
		return department.ok ? parsed(department.value ? { targetDepartment: department.value } : {}) : department;
	},
	successMessage: ' Perform Handover request handled successfully',
	botMayAsk: true,
	runs: 'step',
	async prepare(conversation, data) {
		const settings = await conversation.settings.read(
			'botUsername',
			'defaultHandoverDepartment',
			'handoverMessage',
			'handoverFailedMessage',
		);
		const wanted = data.targetDepartment ?? settings.defaultHandoverDepartment;
		const { omnichannel, departments } = conversation;
		const department = wanted ? await departments.find(wanted, (key) => omnichannel.findDepartment(key)) : undefined;
		const target = department && { department, online: settle(omnichannel.isDepartmentOnline(department.id)) };
		return { settings, wanted, target };
	},
	async perform({ conversation, session, prepared: { settings, wanted, target } }) {
		if (!wanted) {
			return invalid(
				'actionData.targetDepartment is required because the app has no "Default handover department" set.',
			);
		}
		const notTheBots = requireServedByBot(session, settings.botUsername, "so it is not the bot's to hand over");
		if (notTheBots) {
			return notTheBots;
		}
		if (!target) {
			return failed('department-not-found', `No department has the name or id "${oneLine(wanted, 60)}".`);
		}
		const { department, online } = target;
		if (session.departmentId === department.id) {
			return alreadyInDepartment(department);
		}
		const { omnichannel } = conversation;
		if (!(await valueOf(online))) {
			await omnichannel.postBotMessage(session, { text: settings.handoverFailedMessage });
			return noAgentsOnline(department);
		}
		await omnichannel.postBotMessage(session, { text: settings.handoverMessage });
		const result = await omnichannel.transferSession(session, department.id);
		if (result.ok) {
			return actionDone;
		}
		if (result.refusal === 'no-agents-online') {
			// Agents went offline between the check and the transfer: the visitor was just told a human is coming.
			await omnichannel.postBotMessage(session, { text: settings.handoverFailedMessage });
		}
		return explainRefusal(conversation, session, department, result.refusal);
	},
};

function alreadyInDepartment(department: Department): Failure {
	return failed(
		'already-in-department',
		`The chat is already in the department "${department.name}", and Rocket.Chat cannot forward a chat to its own ` +
			'department; put the bot in a department of its own (or none) and hand over to the human department.',
	);
}

function noAgentsOnline(department: Department): Failure {
	return failed(
		'no-agents-online',
		`No agent of the department "${department.name}" is online; the visitor was told and the bot keeps the chat.`,
	);
}

async function explainRefusal(
	conversation: Conversation,
	session: Session,
	department: Department,
	refusal: TransferRefusal,
): Promise<ActionResult> {
	switch (refusal) {
		case 'same-department':
			return alreadyInDepartment(department);
		case 'no-agents-online':
			return noAgentsOnline(department);
		case 'department-not-found':
			return failed('department-not-found', `Rocket.Chat does not accept "${department.name}" as a transfer target.`);
		case 'room-on-hold':
			return failed(
				'transfer-failed',
				`The livechat room "${session.id}" is on hold; resume it before handing it over.`,
			);
		default: {
			// Rocket.Chat answers false for a room that is no longer open (closed meanwhile elsewhere): read it again.
			const now = await readOpenSession(conversation.omnichannel, session.id);
			if (isFailure(now) && now.code === 'room-closed') {
				return now;
			}
			return failed(
				'transfer-failed',
				`Rocket.Chat did not transfer the livechat room "${session.id}" to "${department.name}"; see the app logs.`,
			);
		}
	}
}
