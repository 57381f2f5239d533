import fs from 'fs';
import path from 'path';

import type { Browser, Page } from 'playwright-core';

import { launchChromium } from '../../sandbox/src/browser/chromium';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { connectEchoBot } from '../../sandbox/src/demo/connectEchoBot';
import { seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip, projectRoot } from '../../sandbox/src/packagedApp';
import type { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/startSandbox';

const SCREENSHOTS = path.join(projectRoot, 'build', 'screenshots');

/**
 * The console in a real browser, as a person uses it: a visitor is greeted by the echo bot, clicks its buttons, asks
 * for a human; the agent logs in, answers and closes the chat. Each step must show on the page; a screenshot of each
 * is saved under build/screenshots/.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox('the sandbox console in a browser', () => {
	let sandbox: RunningSandbox;
	let rasa: FakeRasa;
	let seed: DemoWorkspaceSeed;
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		sandbox = await startSandbox({ port: 0, adminPassword: 'console-admin', logLevel: 'error' });
		const anonymous = new RocketChatClient(sandbox.url);
		const admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		rasa = await connectEchoBot(admin, seed, APP_ID, sandbox.url);
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
	}, 180000);

	afterAll(async () => {
		await browser?.close();
		await sandbox?.stop();
		await rasa?.stop();
	});

	const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
	const transcript = () => page.locator('#transcript');

	async function openConsole(): Promise<void> {
		await page.goto(`${sandbox.url}/`);
		await page.fill('#admin-password', 'console-admin');
		await page.click('#login-form button');
		await page.locator('#workspace').waitFor({ state: 'visible' });
	}

	async function logInAsAgent(): Promise<void> {
		await page.fill('#agent-user', seed.agentUsername);
		await page.fill('#agent-password', seed.password);
		await page.click('#agent-login button');
	}

	it('greets a new visitor with buttons, answers a click, hands over, lets the agent answer and close', async () => {
		await openConsole();

		// A visitor arrives: the bot is assigned, the app sends the welcome intent, the echo bot answers.
		await page.click('#new-visitor');
		await transcript().getByText("I'm the sandbox's").waitFor();
		await transcript().getByRole('button', { name: 'Show me a picture' }).waitFor();
		expect(await transcript().locator('strong', { hasText: 'echo bot' }).count()).toBe(1);
		await shot('01-greeted');

		// A click shows the visitor's choice and the bot's image; the clicked buttons go.
		await transcript().getByRole('button', { name: 'Show me a picture' }).first().click();
		await transcript().locator('.message.visitor', { hasText: 'Show me a picture' }).waitFor();
		await transcript().locator('.attachment img').waitFor();
		await shot('02-clicked');

		// The visitor asks for a human: the bot hands over to Sales, where the agent is online.
		await transcript().getByRole('button', { name: 'Talk to a human' }).last().click();
		await transcript().getByText('Transferring you to a human agent').waitFor();
		await page.locator('#room-header .badge', { hasText: `agent: ${seed.agentUsername}` }).waitFor();
		await transcript().getByText(`Transferred to ${seed.salesDepartment.name}`).waitFor();
		await shot('03-handed-over');

		// The agent logs in, answers in the chat they now serve, and closes it.
		await logInAsAgent();
		await page.locator('#agent-room').waitFor({ state: 'visible' });
		await page.fill('#agent-text', 'Hello, Alice from Sales here. How can I help?');
		await page.click('#agent-reply button');
		await transcript().locator('.message.staff', { hasText: 'Alice from Sales here' }).waitFor();
		await shot('04-agent-answered');

		await page.fill('#close-comment', 'Solved by Sales');
		await page.click('#agent-close');
		await transcript().getByText(`Chat closed by ${seed.agentUsername}: Solved by Sales`).waitFor();
		await page.locator('#room-header .badge', { hasText: 'closed' }).waitFor();
		expect(await page.locator('#visitor-form').isHidden()).toBe(true);
		await shot('05-closed');

		expect(fs.readdirSync(SCREENSHOTS).filter((file) => /^0\d-/.test(file)).length).toBe(5);
	}, 90000);

	it("gives the agent the app's room button and /rasa, answered privately: back to the bot, and help", async () => {
		await openConsole();
		await page.fill('#visitor-name', 'Returning visitor');
		await page.click('#new-visitor');
		await transcript().getByRole('button', { name: 'Talk to a human' }).first().click();
		await page.locator('#room-header .badge', { hasText: `agent: ${seed.agentUsername}` }).waitFor();
		await logInAsAgent();
		await page.locator('#agent-room').waitFor({ state: 'visible' });
		const privately = page.locator('#private-answers .private-answer');

		// A slash command in the agent's composer runs as a command: its answer is the agent's alone.
		await page.fill('#agent-text', '/rasa help');
		await page.click('#agent-reply button');
		await privately.filter({ hasText: '/rasa back: send this chat back to the bot that served it' }).waitFor();
		expect(await privately.locator('strong', { hasText: '/rasa status [hours]' }).count()).toBe(1);

		// The app's button, labelled with the app's English text, sends the chat back to the bot.
		const button = page.locator('#room-actions').getByRole('button', { name: 'Back to the bot', exact: true });
		await shot('10-agent-tools');
		await button.click();
		const answer = privately.filter({ hasText: 'The chat goes back to the bot, with what was said here meanwhile.' });
		await answer.waitFor();
		expect(await answer.locator('.about').textContent()).toContain('Returning visitor');
		expect(await privately.count()).toBe(2);
		await page.locator('#room-header .badge', { hasText: `bot: ${seed.botUsername}` }).waitFor();
		await page.locator('#agent-room').waitFor({ state: 'hidden' });
		// Private answers are no messages of the room: the visitor never sees them.
		expect(await transcript().getByText('The chat goes back to the bot').count()).toBe(0);
		expect(await transcript().getByText('/rasa help').count()).toBe(0);
		expect(await page.locator('#notice.error').count()).toBe(0);
		await shot('11-back-to-the-bot');
	}, 90000);
});
