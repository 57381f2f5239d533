import fs from 'fs';
import path from 'path';

import { startLocalWorkspace, type RunningWorkspace } from './support/localWorkspace';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { multipartFile } from '../../sandbox/src/client/http';
import { ensurePackagedApp, projectRoot } from '../../sandbox/src/packagedApp';

const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

const testerZip = () => fs.readFileSync(ensurePackagedApp(path.join(projectRoot, 'test', 'fixtures', 'tester-app')));

/**
 * The host's side of what an app serves, with the fixture app of the ported Rocket.Chat tests: an endpoint whose path
 * has parameters (Rocket.Chat's apps/app-api-endpoint-params.ts case, whose app package the search tools cannot
 * retrieve), UIKit interactions from a logged-in user and a visitor, and a room the app refuses.
 */
describeSandbox('the fixture app of the ported tests on the sandbox', () => {
	let sandbox: RunningWorkspace;
	let admin: RocketChatClient;
	let appId = '';

	beforeAll(async () => {
		sandbox = await startLocalWorkspace();
		admin = new RocketChatClient(sandbox.url);
		admin = admin.as(await admin.login(sandbox.adminUsername, sandbox.adminPassword));
		const { body, contentType } = multipartFile('app', 'sandboxtester.zip', testerZip());
		const installed = await admin.call('/api/apps', { body, headers: { 'Content-Type': contentType } });
		appId = installed.json.app.id;
	}, 180000);

	afterAll(async () => {
		await sandbox?.stop();
	});

	it('fills request.params from an endpoint path with parameters, as express parses a route', async () => {
		const answer = await admin.call(`/api/apps/public/${appId}/api/test-value-1/test-value-2/test`);

		// Rocket.Chat's case: 200, text/plain, "Param1: test-value-1, Param2: test-value-2".
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toContain('text/plain');
		expect(answer.text).toBe('Param1: test-value-1, Param2: test-value-2');
		// Each parameter decoded; a route matched case-insensitively and with a trailing slash; one segment per parameter.
		expect((await admin.call(`/api/apps/public/${appId}/API/hello%20world/123-456/TEST/`)).text).toBe(
			'Param1: hello world, Param2: 123-456',
		);
		expect((await admin.call(`/api/apps/public/${appId}/api/a/b/c/test`)).status).toBe(404);
	});

	it("answers a logged-in user's interaction with the app's answer, a visitor-less anonymous one with 401", async () => {
		const interact = (body: object, headers: Record<string, string> = admin.authHeaders()) =>
			admin.call(`/api/apps/ui.interaction/${appId}`, { body, headers });

		const submitted = await interact({ type: 'viewSubmit', actionId: 'a', triggerId: 't', payload: { view: {} } });
		expect([submitted.status, submitted.json]).toEqual([200, { success: true }]);
		const refused = await new RocketChatClient(sandbox.url).call(`/api/apps/ui.interaction/${appId}`, {
			body: { type: 'blockAction', actionId: 'a' },
		});
		expect([refused.status, refused.json]).toEqual([
			401,
			{ status: 'error', message: 'You must be logged in to do this.' },
		]);
		const unknown = await interact({ type: 'somethingElse' });
		expect([unknown.status, unknown.json]).toEqual([400, { error: 'Unknown action' }]);
	});

	it("refuses a chat the app's IPreLivechatRoomCreatePrevent refuses, with error-app-prevented", async () => {
		// Rocket.Chat asks the apps once a chat could be served: here by nobody, as the workspace accepts that.
		await admin.setSetting('Livechat_accept_chats_with_no_agents', true);
		await admin.call('/api/v1/livechat/visitor', {
			body: { visitor: { token: 'refused-visitor', name: 'visitor prevent from app' } },
		});
		const refused = await admin.call('/api/v1/livechat/room?token=refused-visitor');

		expect(refused.status).toBe(400);
		expect(refused.json).toMatchObject({ success: false, error: expect.stringContaining('[error-app-prevented]') });
		expect([...sandbox.workspace.rooms.values()].some((room) => room.v.token === 'refused-visitor')).toBe(false);
	});
});
