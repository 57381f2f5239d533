import type { Agent, Department, Session, TransferRefusal } from '../../omnichannel/IOmnichannel';
import type { Assistants } from '../../settings/assistants';
import type { Settings } from '../../settings/declarations';
import { failed, isFailure, type Failure } from '../../shared/Outcome';
import { oneLine } from '../../text/oneLine';
import type { Conversation } from '../engine/Conversation';
import {
	actionDone,
	invalid,
	LeaseLost,
	parsed,
	type ActionResult,
	type Parsed,
	type StepAction,
} from '../engine/ConversationAction';
import { readOpenSession, requireServedByAssistant } from '../engine/sessionGuards';

const MAX_DEPARTMENT_LENGTH = 256;
const MAX_USERNAME_LENGTH = 120;

type HandoverData = {
	/** Department name or id; the default handover department when absent and no agent is named. */
	readonly targetDepartment?: string;
	/** The username of the agent to hand over to. */
	readonly targetAgent?: string;
};

type Prepared = {
	readonly settings: Pick<Settings, 'defaultHandoverDepartment'>;
	readonly assistants: Assistants;
	readonly wanted: string;
	/** The department found, and whether anyone in it is online: asked beside the room's read, as it needs no room. */
	readonly target?: { readonly department: Department; readonly online: Promise<Settled<boolean>> };
	/** The agent asked for, looked up beside the room's read. */
	readonly agent?: { readonly username: string; readonly found: Promise<Settled<Agent | undefined>> };
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

/** targetAgent: a username (a leading @ is allowed); absent, null or blank means "no agent in particular". */
export function readTargetAgent(value: unknown): Parsed<string | undefined> {
	if (value === undefined || value === null) {
		return parsed(undefined);
	}
	if (typeof value !== 'string' || value.length > MAX_USERNAME_LENGTH) {
		const got = typeof value === 'string' ? 'too long' : `a ${Array.isArray(value) ? 'list' : typeof value}`;
		return invalid(`"actionData.targetAgent" is ${got}; it must be an agent's username.`);
	}
	return parsed(value.trim().replace(/^@/, '') || undefined);
}

/** Hands a visitor served by the bot over to a human: a department, an agent, or an agent of a department. */
export const handover: StepAction<HandoverData, Prepared, Conversation> = {
	name: 'handover',
	dataFields: ['targetDepartment', 'targetAgent'],
	readData: (data) => {
		const department = readTargetDepartment(data.targetDepartment);
		if (!department.ok) {
			return department;
		}
		const agent = readTargetAgent(data.targetAgent);
		if (!agent.ok) {
			return agent;
		}
		return parsed({
			...(department.value ? { targetDepartment: department.value } : {}),
			...(agent.value ? { targetAgent: agent.value } : {}),
		});
	},
	successMessage: ' Perform Handover request handled successfully',
	botMayAsk: true,
	// Rocket.Chat checks a transfer against the room the app read: two instances could both transfer and post.
	exclusive: true,
	runs: 'step',
	async prepare(conversation, data) {
		const [settings, assistants] = await Promise.all([
			conversation.settings.read('defaultHandoverDepartment'),
			conversation.assistants(),
		]);
		// A named agent alone goes to that agent; the default department applies only when nobody is named.
		const wanted = data.targetDepartment ?? (data.targetAgent ? '' : settings.defaultHandoverDepartment);
		const { omnichannel, departments } = conversation;
		const agent = data.targetAgent
			? { username: data.targetAgent, found: settle(omnichannel.findAgent(data.targetAgent)) }
			: undefined;
		const department = wanted ? await departments.find(wanted, (key) => omnichannel.findDepartment(key)) : undefined;
		// Whether anyone is online counts only when no agent is named: then that agent's own state decides.
		const target = department && {
			department,
			online: agent ? Promise.resolve({ value: true }) : settle(omnichannel.isDepartmentOnline(department.id)),
		};
		return { settings, assistants, wanted, target, agent };
	},
	async perform({ conversation, session, caller, stillHolds, prepared: { assistants, wanted, target, agent } }) {
		if (!wanted && !agent) {
			return invalid(
				'actionData.targetDepartment (or actionData.targetAgent) is required because the app has no "Default ' +
					'handover department" set.',
			);
		}
		// The messages are the serving assistant's own.
		const settings = requireServedByAssistant(session, assistants, "so it is not the bot's to hand over", caller);
		if (isFailure(settings)) {
			return settings;
		}
		if (wanted && !target) {
			return failed('department-not-found', `No department has the name or id "${oneLine(wanted, 60)}".`);
		}
		if (target && session.departmentId === target.department.id) {
			return alreadyInDepartment(target.department);
		}
		const { omnichannel } = conversation;
		// Whether the lease is still ours is asked beside the last reads, and known before the bot says anything.
		const holding = settle(stillHolds());
		const mayAct = async () => {
			if (!(await valueOf(holding))) {
				throw new LeaseLost(session.id);
			}
		};
		const toAgent = agent ? await valueOf(agent.found) : undefined;
		if (agent) {
			const refused = refuseAgent(agent.username, toAgent, session);
			if (refused) {
				if (refused.code === 'agent-not-available') {
					await mayAct();
					await omnichannel.postBotMessage(session, { text: settings.handoverFailedMessage });
				}
				return refused;
			}
		}
		const online = target ? await valueOf(target.online) : true;
		await mayAct();
		if (!online && target) {
			await omnichannel.postBotMessage(session, { text: settings.handoverFailedMessage });
			return noAgentsOnline(target.department);
		}
		// Whether a named agent is available for livechat is Rocket.Chat's to know: no accessor of any claimed version
		// shows it (the user converter drops statusLivechat), so only the transfer can tell. Announcing it first could
		// promise a human the transfer then refuses; after the transfer the bot may no longer post, and the visitor
		// reads Rocket.Chat's own "<app> transferred the chat to <agent>" instead.
		if (!toAgent) {
			await omnichannel.postBotMessage(session, { text: settings.handoverMessage });
		}
		const result = await omnichannel.transferSession(session, {
			...(target ? { departmentId: target.department.id } : {}),
			...(toAgent ? { agentId: toAgent.id } : {}),
		});
		if (result.ok) {
			conversation.counter.count('handedOver');
			return actionDone;
		}
		if (result.refusal === 'no-agents-online' || result.refusal === 'agent-offline') {
			// Nobody could take the chat after all (agents went offline since the check, or the named one is not
			// available): the bot keeps the visitor and says so.
			await omnichannel.postBotMessage(session, { text: settings.handoverFailedMessage });
		}
		return explainRefusal(conversation, session, { department: target?.department, agent: toAgent }, result.refusal);
	},
};

/** Why the named agent cannot take the chat, checked before anything is posted; undefined when they may. */
function refuseAgent(username: string, agent: Agent | undefined, session: Session): Failure | undefined {
	const name = oneLine(username, 60);
	if (!agent) {
		return failed('agent-not-found', `No user has the username "${name}".`);
	}
	if (!agent.isAgent) {
		return notAnAgent(name);
	}
	if (agent.username === session.servedByUsername) {
		return invalid(`"actionData.targetAgent" is "${name}", who serves the chat already.`);
	}
	return agent.isOnline ? undefined : agentNotAvailable(name);
}

const notAnAgent = (name: string): Failure =>
	failed('not-an-agent', `The user "${name}" is not a livechat agent; make them one in Omnichannel → Agents.`);

const agentNotAvailable = (name: string): Failure =>
	failed(
		'agent-not-available',
		`The agent "${name}" is offline or not available; the visitor was told and the bot keeps the chat.`,
	);

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
	target: { department?: Department; agent?: Agent },
	refusal: TransferRefusal,
): Promise<ActionResult> {
	const { department, agent } = target;
	const where = department?.name ?? agent?.username ?? '';
	switch (refusal) {
		case 'same-department':
			return department
				? alreadyInDepartment(department)
				: failed('transfer-failed', 'Rocket.Chat refused the transfer.');
		case 'no-agents-online':
			return department ? noAgentsOnline(department) : agentNotAvailable(where);
		case 'agent-offline':
			return agentNotAvailable(agent?.username ?? '');
		case 'not-an-agent':
			return notAnAgent(agent?.username ?? '');
		case 'agent-not-in-department':
			return failed(
				'agent-not-in-department',
				`The agent "${agent?.username ?? ''}" is not in the department "${department?.name ?? ''}"; name one of its agents, or only the department.`,
			);
		case 'same-agent':
			return invalid(`"actionData.targetAgent" is "${agent?.username ?? ''}", who serves the chat already.`);
		case 'department-not-found':
			return failed('department-not-found', `Rocket.Chat does not accept "${where}" as a transfer target.`);
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
				`Rocket.Chat did not transfer the livechat room "${session.id}" to "${where}"; see the app logs.`,
			);
		}
	}
}
