/**
 * The port of Rocket.Chat's test harness (apps/meteor/tests/data/api-data.ts, data/user.ts, data/supertest.ts,
 * data/permissions.helper.ts) onto a local sandbox: one sandbox per test file, the admin's credentials, and a tiny
 * supertest-like request builder so that each ported case reads like Rocket.Chat's own.
 *
 * The one deliberate difference from supertest: the `.expect(...)` assertions of one request are all evaluated
 * (softly), and the request fails with every mismatch listed, instead of stopping at the first. A case passes exactly
 * when supertest would have passed it; a failing case just says more about why.
 */
import { httpCall, multipartForm } from '../../../sandbox/src/client/http';
import { startSandbox, type RunningSandbox } from '../../../sandbox/src/startSandbox';
import { lookupType } from '../../../sandbox/src/workspace/mimeTypes';

/**
 * Rocket.Chat's e2e suites run twice, with and without an Enterprise licence (tests/e2e/config/constants.ts IS_EE).
 * The sandbox imitates a licensed workspace as far as this project needs one (a private app that runs enabled,
 * several departments, bots taking new chats), so the port runs the `IS_EE` branch; the Enterprise-only *features*
 * (priorities, units, monitors, SLAs, business hours, tags, canned responses, MAC...) are not ported at all.
 */
export const IS_EE = true;

/** data/user.ts: the admin of the test workspace, and the password every created user gets. */
export const adminUsername = 'admin';
export const adminPassword = 'rc-port-admin';
export const password = 'rocket.chat';

/** @rocket.chat/api-client's Credentials: the headers supertest sets. */
export type Credentials = { 'X-User-Id': string; 'X-Auth-Token': string };

/** api-data.ts `credentials`: the admin's, filled by getCredentials(). */
export const credentials = { 'X-User-Id': '', 'X-Auth-Token': '' } as Credentials;

let baseUrl = '';

/** The running sandbox's address (TEST_API_URL in Rocket.Chat's suites). */
export function serverUrl(): string {
	return baseUrl;
}

export function api(path: string): string {
	return `/api/v1/${path}`;
}

export function methodCall(methodName: string): string {
	return api(`method.call/${methodName}`);
}

/** data/apps/apps-data.ts */
export function apps(path = ''): string {
	return `/api/apps${path}`;
}

export type Response = {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	/** superagent's alias of headers */
	header: Record<string, string | string[] | undefined>;
	text: string;
	/** The body parsed as JSON; {} when it is not JSON (as superagent). */
	body: any;
	/** superagent's HTTP error for a 4xx/5xx answer, false otherwise. */
	error: false | { status: number; text: string; method: string; path: string };
	request: { method: string; url: string };
};

type Assertion = { label: string; check: (res: Response) => void | Promise<void> };

/** qs.stringify(obj, { indices: false }) as superagent sends `.query(obj)`: nested keys in brackets, arrays repeated. */
function stringifyQuery(value: unknown, prefix: string, pairs: string[]): void {
	if (value === undefined) {
		return;
	}
	if (value instanceof Date) {
		pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(value.toISOString())}`);
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((item) => stringifyQuery(item, prefix, pairs));
		return;
	}
	if (value !== null && typeof value === 'object') {
		for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
			stringifyQuery(item, prefix ? `${prefix}[${key}]` : key, pairs);
		}
		return;
	}
	pairs.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(value === null ? '' : String(value))}`);
}

function describeAnswer(res: Response): string {
	const text = res.text.length > 400 ? `${res.text.slice(0, 400)}…` : res.text;
	return `${res.request.method} ${res.request.url.replace(baseUrl, '')} → ${res.status} ${String(res.headers['content-type'] ?? '')} ${text}`;
}

/** A supertest `Test`: build, `.expect(...)`, then await it. */
export class Test implements PromiseLike<Response> {
	private readonly headers: Record<string, string> = {};

	private readonly queryParts: string[] = [];

	private body: string | Buffer | object | undefined;

	private readonly assertions: Assertion[] = [];

	private running?: Promise<Response>;

	constructor(
		private readonly method: string,
		private readonly path: string,
	) {}

	public set(name: string | Record<string, string | undefined>, value?: string): this {
		const entries = typeof name === 'string' ? [[name, value]] : Object.entries(name);
		for (const [key, val] of entries) {
			if (key && typeof val === 'string') {
				this.headers[key] = val;
			}
		}
		return this;
	}

	public query(query: string | Record<string, unknown>): this {
		if (typeof query === 'string') {
			if (query) {
				this.queryParts.push(query);
			}
		} else {
			const pairs: string[] = [];
			stringifyQuery(query, '', pairs);
			if (pairs.length) {
				this.queryParts.push(pairs.join('&'));
			}
		}
		return this;
	}

	public send(body?: unknown): this {
		if (body !== undefined) {
			this.body = body as object;
		}
		return this;
	}

	/**
	 * A multipart upload of one file (supertest's `.attach(field, file)`), typed by its name as form-data types a file
	 * stream (mime-types' lookup, else application/octet-stream).
	 */
	public attach(field: string, content: Buffer, filename: string): this {
		const type = lookupType(filename) ?? 'application/octet-stream';
		const { body, contentType } = multipartForm([{ field, filename, type, bytes: content }]);
		this.body = body;
		this.headers['Content-Type'] = contentType;
		return this;
	}

	/** `.expect(status)`, `.expect(header, value)` or `.expect((res) => ...)`, as supertest. */
	public expect(statusOrHeaderOrFn: number | string | ((res: Response) => unknown), value?: string): this {
		if (typeof statusOrHeaderOrFn === 'number') {
			const status = statusOrHeaderOrFn;
			this.assertions.push({
				label: `status ${status}`,
				check: (res) => {
					if (res.status !== status) {
						throw new Error(`expected ${status}, got ${res.status}`);
					}
				},
			});
		} else if (typeof statusOrHeaderOrFn === 'string') {
			const field = statusOrHeaderOrFn;
			this.assertions.push({
				label: `header ${field}`,
				check: (res) => {
					const actual = res.headers[field.toLowerCase()];
					if (actual === undefined) {
						throw new Error(`expected "${field}" header field`);
					}
					// supertest's _assertHeader: an exact match (a single-element array as its string).
					if ((Array.isArray(actual) ? actual.toString() : actual) !== value) {
						throw new Error(`expected "${field}" of "${value}", got "${String(actual)}"`);
					}
				},
			});
		} else {
			const fn = statusOrHeaderOrFn;
			this.assertions.push({ label: 'body', check: async (res) => void (await fn(res)) });
		}
		return this;
	}

	/** Rocket.Chat's `.success()` (data/supertest.ts): Content-Type application/json and 200. */
	public success(): this {
		return this.expect('Content-Type', 'application/json').expect(200);
	}

	private async perform(): Promise<Response> {
		const query = this.queryParts.join('&');
		const url = `${baseUrl}${this.path}${query ? (this.path.includes('?') ? '&' : '?') + query : ''}`;
		const answer = await httpCall(url, { method: this.method, headers: this.headers, body: this.body });
		const res: Response = {
			status: answer.status,
			headers: answer.headers as Response['headers'],
			header: answer.headers as Response['headers'],
			text: answer.text,
			body: answer.json !== undefined && answer.json !== null && typeof answer.json === 'object' ? answer.json : {},
			error:
				answer.status >= 400
					? { status: answer.status, text: answer.text, method: this.method, path: this.path }
					: false,
			request: { method: this.method, url },
		};
		const failures: string[] = [];
		for (const assertion of this.assertions) {
			try {
				await assertion.check(res);
			} catch (error) {
				failures.push(`[${assertion.label}] ${error instanceof Error ? error.message : String(error)}`);
			}
		}
		if (failures.length) {
			throw new Error(`${describeAnswer(res)}\n${failures.join('\n')}`);
		}
		return res;
	}

	public then<TResult1 = Response, TResult2 = never>(
		onfulfilled?: ((value: Response) => TResult1 | PromiseLike<TResult1>) | null,
		onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
	): Promise<TResult1 | TResult2> {
		this.running = this.running ?? this.perform();
		return this.running.then(onfulfilled, onrejected);
	}
}

/** api-data.ts `request` (supertest bound to the server). */
export const request = {
	get: (path: string) => new Test('GET', path),
	post: (path: string) => new Test('POST', path),
	put: (path: string) => new Test('PUT', path),
	delete: (path: string) => new Test('DELETE', path),
};

/**
 * Rocket.Chat's helpers check `.success()` or `.expect(200)` on their set-up requests. The port keeps their status
 * checks but not the exact `Content-Type: application/json` of `.success()`: the sandbox answers
 * `application/json; charset=utf-8` everywhere, and that one header difference would otherwise stop every file at its
 * first setting. The cases themselves keep the header assertion wherever Rocket.Chat wrote it.
 */
async function setupCall(test: Test, label: string, status = 200): Promise<Response> {
	const res = await test;
	if (res.status !== status) {
		throw new Error(`${label}: ${describeAnswer(res)} (Rocket.Chat's helper expects ${status})`);
	}
	return res;
}

/** api-data.ts getCredentials */
export async function getCredentials(): Promise<void> {
	const res = await setupCall(
		request.post(api('login')).send({ user: adminUsername, password: adminPassword }),
		'getCredentials',
	);
	credentials['X-Auth-Token'] = res.body.data.authToken;
	credentials['X-User-Id'] = res.body.data.userId;
}

/** permissions.helper.ts updateSetting: POST /api/v1/settings/:id {value} and `.success()`. */
export async function updateSetting(setting: string, value: unknown): Promise<void> {
	await setupCall(
		request.post(`/api/v1/settings/${setting}`).set(credentials).send({ value }),
		`updateSetting(${setting})`,
	);
}

/** permissions.helper.ts updateEESetting: only sent when IS_EE. */
export async function updateEESetting(setting: string, value: unknown): Promise<void> {
	if (IS_EE) {
		await updateSetting(setting, value);
	}
}

/** permissions.helper.ts getSettingValueById: GET /api/v1/settings/:id, `.expect(200)`, the body's value. */
export async function getSettingValueById(setting: string): Promise<unknown> {
	const res = await setupCall(
		request.get(`/api/v1/settings/${setting}`).set(credentials),
		`getSettingValueById(${setting})`,
	);
	return res.body.value;
}

/** permissions.helper.ts updatePermission: POST permissions.update and `.success()`. */
export async function updatePermission(permission: string, roles: string[]): Promise<void> {
	await setupCall(
		request
			.post(api('permissions.update'))
			.set(credentials)
			.send({ permissions: [{ _id: permission, roles }] }),
		`updatePermission(${permission})`,
	);
}

/**
 * permissions.helper.ts restorePermissionToRoles puts a permission back to its default roles after another case of the
 * shared test server removed it. Each ported file runs on a fresh sandbox whose permissions are Rocket.Chat's defaults
 * and the port ports no case that removes a permission, so restoring is a no-op here (the sandbox has no
 * permissions.update; calling it would stop every makeAgentAvailable()).
 */
export async function restorePermissionToRoles(_permission: string): Promise<void> {
	// nothing to restore on a fresh workspace
}

/** data/livechat/utils.ts sleep */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A test's cleanup at its end (deleteDepartment, deleteUser, deleteVisitor, removing an app): the shared server of
 * Rocket.Chat's suites needs it, a throwaway sandbox does not. Sent as Rocket.Chat sends it, but its failure (the
 * sandbox lacks most delete routes) does not fail the case: only the case's assertions do.
 */
export async function cleanup(...steps: Array<Promise<unknown> | (() => Promise<unknown>)>): Promise<void> {
	for (const step of steps) {
		try {
			await (typeof step === 'function' ? step() : step);
		} catch {
			// cleanup only
		}
	}
}

/** One sandbox per test file, as the project's e2e tests start it; the admin logged in. */
export async function startRocketChat(): Promise<RunningSandbox> {
	const sandbox = await startSandbox({
		port: 0,
		adminPassword,
		logLevel: (process.env.SANDBOX_LOG_LEVEL as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'error',
	});
	baseUrl = sandbox.url;
	try {
		await getCredentials();
	} catch (error) {
		await sandbox.stop();
		throw error;
	}
	return sandbox;
}

/** chai's type-detect names, for the `to.be.a(...)`/`to.be.an(...)` checks Rocket.Chat writes. */
export function typeOf(value: unknown): string {
	if (value === null) {
		return 'null';
	}
	if (Array.isArray(value)) {
		return 'array';
	}
	if (value instanceof Date) {
		return 'date';
	}
	return typeof value;
}
