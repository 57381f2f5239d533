import { Router, type Request } from 'express';

import type { SandboxServices } from './SandboxServices';
import { caller, requireUser } from './authentication';
import { RestFailure, jsonQueryOf, page, paginationOf, queryParams, rcHandle, sortBy, validateParams } from './rcRoute';
import { ok } from './restAnswers';
import type { CommandRunRequest } from '../workspace/commandRun';
import type { SlashCommandRecord } from '../workspace/slashCommands';

/** rest-typings' schema of the commands.run body (api/server/v1/commands.ts, `isCommandsRunBody`). */
const RUN_BODY = {
	type: 'object',
	properties: {
		command: { type: 'string' },
		params: { type: 'string', nullable: true },
		roomId: { type: 'string' },
		tmid: { type: 'string', nullable: true },
		triggerId: { type: 'string', nullable: true },
	},
	required: ['command', 'roomId'],
	additionalProperties: false,
};

const GET_QUERY = {
	type: 'object',
	properties: { command: { type: 'string' } },
	required: ['command'],
	additionalProperties: false,
};

const LIST_QUERY = {
	type: 'object',
	properties: {
		count: { type: 'number', nullable: true },
		offset: { type: 'number', nullable: true },
		sort: { type: 'string', nullable: true },
		query: { type: 'string', nullable: true },
		fields: { type: 'string', nullable: true },
	},
	required: [],
	additionalProperties: false,
};

/** The commands.run body as Rocket.Chat before its ajv schemas checked it, by hand and in this order. */
function checkedByHand(body: Record<string, unknown>): CommandRunRequest {
	if (typeof body.command !== 'string') {
		throw new RestFailure('You must provide a command to run.');
	}
	if (body.params && typeof body.params !== 'string') {
		throw new RestFailure('The parameters for the command must be a single string.');
	}
	if (typeof body.roomId !== 'string') {
		throw new RestFailure("The room's id where to execute this command must be provided and be a string.");
	}
	if (body.tmid && typeof body.tmid !== 'string') {
		throw new RestFailure('The tmid parameter when provided must be a string.');
	}
	return body as CommandRunRequest;
}

/** A command as JSON shows Rocket.Chat's item: its callbacks (functions) are not there. */
function restCommand(record: SlashCommandRecord): Record<string, unknown> {
	const { previewer: _previewer, previewCallback: _previewCallback, ...shown } = record;
	return shown;
}

/**
 * The slash commands of the REST API (apps/meteor/app/api/server/v1/commands.ts): `commands.get` and `commands.list`
 * show what the instance's apps registered, `commands.run` runs one for the caller (SlashCommandRunner). Every route
 * needs a login (401 otherwise). Where versions differ (versionProfile `commandsRunChecks`): the newest checks the
 * parameters with rest-typings' ajv schemas (`invalid-params`), the older routes by hand with their own messages.
 */
export function commandsRoutes({ workspace, events }: SandboxServices): Router {
	// eslint-disable-next-line new-cap -- express's factory is named Router
	const router = Router();
	const byAjv = () => workspace.profile.commandsRunChecks === 'ajv';

	router.get(
		'/api/v1/commands.get',
		requireUser,
		rcHandle((req, res) => {
			const params = queryParams(req);
			if (byAjv()) {
				validateParams(GET_QUERY, params);
			} else if (typeof params.command !== 'string') {
				throw new RestFailure('The query param "command" must be provided.');
			}
			const name = String(params.command);
			const command = events.commands.registered.find(name);
			if (!command) {
				throw new RestFailure(`There is no command in the system by the name of: ${name}`);
			}
			const { params: usage, description, providesPreview } = command;
			ok(res, {
				command: byAjv()
					? { command: command.command, description, params: usage, providesPreview }
					: restCommand(command),
			});
		}),
	);

	router.get(
		'/api/v1/commands.list',
		requireUser,
		rcHandle((req, res) => {
			const params = listParams(req, byAjv());
			const pagination = paginationOf(params);
			const { sort } = jsonQueryOf(params);
			const wanted = typeof params.query === 'string' ? commandFilter(params.query) : undefined;
			const commands = events.commands.registered
				.list()
				.filter((command) => !wanted || command.command === wanted)
				.map(restCommand);
			const shown = page(sortBy(commands, sort ?? { name: 1 }), pagination);
			ok(res, {
				commands: shown,
				...(byAjv() ? { appsLoaded: true } : {}),
				offset: pagination.offset,
				count: shown.length,
				total: commands.length,
			});
		}),
	);

	router.post(
		'/api/v1/commands.run',
		requireUser,
		rcHandle(async (req, res) => {
			const body = (req.body ?? {}) as Record<string, unknown>;
			const request = byAjv() ? validateParams<CommandRunRequest>(RUN_BODY, body) : checkedByHand(body);
			const answer = await events.commands.run(caller(req), request);
			res.status(answer.status).json(answer.body);
		}),
	);

	return router;
}

function listParams(req: Request, byAjv: boolean): Record<string, unknown> {
	const params = queryParams(req);
	return byAjv ? validateParams(LIST_QUERY, params) : params;
}

/** parseJsonQuery's `query`: the command a client filters on (`{"command": "..."}`), if the JSON names one. */
function commandFilter(query: string): string | undefined {
	try {
		const parsed = JSON.parse(query) as { command?: unknown };
		return typeof parsed.command === 'string' ? parsed.command : undefined;
	} catch {
		throw new RestFailure(`Invalid query parameter provided: "${query}"`, 'error-invalid-query');
	}
}
