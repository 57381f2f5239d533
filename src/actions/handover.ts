import { failed, succeeded, type Failure, type Outcome } from './Outcome';
import { findOpenSession, isFailure } from './findOpenSession';
import type { Department, IOmnichannel, Session, TransferRefusal } from '../omnichannel/IOmnichannel';

export type HandoverRequest = {
	readonly sessionId: string;
	/** Department name or id asked for by the caller; the default department is used when absent. */
	readonly targetDepartment?: string;
};

/** Settings are read only when needed: each read is a round trip to the server. */
export interface IHandoverSettings {
	/** The bot user that must be serving the room: only the bot hands over, so a chat is never handed over twice. */
	botUsername(): Promise<string>;
	defaultHandoverDepartment(): Promise<string>;
	/** Told to the visitor before the transfer. */
	handoverMessage(): Promise<string>;
	/** Told to the visitor when nobody can take the chat. */
	handoverFailedMessage(): Promise<string>;
}

/** Hands a visitor served by the bot over to a human department. */
export async function handover(
	omnichannel: IOmnichannel,
	settings: IHandoverSettings,
	request: HandoverRequest,
): Promise<Outcome> {
	const wanted = request.targetDepartment || (await settings.defaultHandoverDepartment());
	if (!wanted) {
		return failed(
			'invalid-request',
			'actionData.targetDepartment is required because the app has no "Default handover department" set.',
		);
	}
	const botUsername = await settings.botUsername();
	if (!botUsername) {
		return failed(
			'not-configured',
			'The app has no "Bot username" set; an administrator must set it in the Rasa app settings.',
		);
	}

	const session = await findOpenSession(omnichannel, request.sessionId);
	if (isFailure(session)) {
		return session;
	}
	if (session.servedByUsername !== botUsername) {
		return failed(
			'not-served-by-bot',
			`The livechat room "${session.id}" is not served by the bot "${botUsername}" ` +
				`(${session.servedByUsername ? `it is served by "${session.servedByUsername}"` : 'nobody serves it'}), ` +
				"so it is not the bot's to hand over.",
		);
	}

	const department = await omnichannel.findDepartment(wanted);
	if (!department) {
		return failed('department-not-found', `No department has the name or id "${wanted}".`);
	}
	if (session.departmentId === department.id) {
		return alreadyInDepartment(department);
	}
	if (!(await omnichannel.isDepartmentOnline(department.id))) {
		await omnichannel.postAsServingAgent(session, await settings.handoverFailedMessage());
		return noAgentsOnline(department);
	}

	await omnichannel.postAsServingAgent(session, await settings.handoverMessage());
	const result = await omnichannel.transferSession(session, department.id);
	if (result.ok) {
		return succeeded('handed-over');
	}
	if (result.refusal === 'no-agents-online') {
		// Agents went offline between the check and the transfer: the visitor was just told a human is coming.
		await omnichannel.postAsServingAgent(session, await settings.handoverFailedMessage());
	}
	return explainTransferRefusal(session, department, result.refusal);
}

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

function explainTransferRefusal(session: Session, department: Department, refusal: TransferRefusal): Failure {
	switch (refusal) {
		case 'same-department':
			return alreadyInDepartment(department);
		case 'no-agents-online':
			return noAgentsOnline(department);
		case 'department-not-found':
			return failed('department-not-found', `Rocket.Chat does not accept "${department.name}" as a transfer target.`);
		case 'room-closed':
			return failed('room-closed', `The livechat room "${session.id}" was closed before it could be handed over.`);
		case 'room-on-hold':
			return failed(
				'transfer-failed',
				`The livechat room "${session.id}" is on hold; resume it before handing it over.`,
			);
		default:
			return failed(
				'transfer-failed',
				`Rocket.Chat did not transfer the livechat room "${session.id}" to "${department.name}"; see the app logs.`,
			);
	}
}
