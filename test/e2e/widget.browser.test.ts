import fs from 'fs';
import path from 'path';

import type { Browser, Locator, Page } from 'playwright-core';

import { launchChromium } from '../../sandbox/src/browser/chromium';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { connectEchoBot } from '../../sandbox/src/demo/connectEchoBot';
import { seedDemo, type DemoWorkspaceSeed } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip, projectRoot } from '../../sandbox/src/packagedApp';
import type { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/startSandbox';

const SCREENSHOTS = path.join(projectRoot, 'build', 'screenshots');

/**
 * Rocket.Chat's own livechat widget (@rocket.chat/livechat 1.13.3) in a real browser, served by the sandbox over
 * its REST routes and realtime API, with the packaged app and the echo bot behind it. The test acts only through the
 * widget, as a visitor does, and counts what the page shows: the visitor registers, opens the chat with a first
 * message, is greeted and answered, sees an image, clicks a quick reply (their choice shows once, as theirs, and the
 * buttons go), asks for a human and sees the transfer, reads the agent's answer and sees the chat end. A screenshot
 * of each step goes to build/screenshots/widget-*.png.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox("Rocket.Chat's livechat widget in a browser", () => {
	let sandbox: RunningSandbox;
	let rasa: FakeRasa;
	let seed: DemoWorkspaceSeed;
	let admin: RocketChatClient;
	let browser: Browser;
	let page: Page;
	const failures: string[] = [];
	let readySubscriptions = 0;

	beforeAll(async () => {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		sandbox = await startSandbox({ port: 0, adminPassword: 'widget-admin', logLevel: 'error' });
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		seed = await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		rasa = await connectEchoBot(admin, seed, APP_ID, sandbox.url);
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 440, height: 1180 } });
		watch(page);
	}, 180000);

	afterAll(async () => {
		await browser?.close();
		await sandbox?.stop();
		await rasa?.stop();
	});

	/** Records the page's errors and counts the stream subscriptions the widget got. */
	const watch = (target: Page) => {
		// The widget plays a sound for each new message; a headless browser may cut one short: not the chat's failure.
		target.on('pageerror', (error) => {
			if (!/play\(\) request was interrupted/.test(error.message)) {
				failures.push(error.message);
			}
		});
		target.on('websocket', (socket) =>
			socket.on('framereceived', (frame) => {
				if (String(frame.payload).includes('"msg":"ready"')) {
					readySubscriptions++;
				}
			}),
		);
	};

	const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `widget-${name}.png`) });
	/** Each message the widget lists, by the classes its build gives them. */
	const messages = () => page.locator('li[class*="message-container"]');
	const fromVisitor = () => page.locator('li[class*="message-container--reverse"]');
	const fromStaff = () => page.locator('li[class*="message-container"]:not([class*="message-container--reverse"])');
	const count = (where: Locator, text: string) => where.filter({ hasText: text }).count();
	const buttonsOf = (where: Locator) => where.locator('button[class*="uikit-button"]');
	const composer = () => page.locator('[contenteditable="true"]').first();
	const say = async (text: string) => {
		await composer().click();
		await page.keyboard.type(text);
		await page.keyboard.press('Enter');
	};

	it('runs a whole chat: register, first message, welcome and answer, image, click, handover, agent, close', async () => {
		await page.goto(`${sandbox.url}/livechat?mode=popout`);

		// Registration, as the workspace's widget settings ask for it.
		await page.getByPlaceholder('Insert your Name here...').fill('Ana');
		await page.getByPlaceholder('Insert your Email here...').fill('ana@example.com');
		await shot('01-registration');
		await page.getByRole('button', { name: 'Start chat' }).click();
		await composer().waitFor();

		// The first message opens the chat: Rasa greets first, then answers it.
		await say('hello');
		await fromStaff().filter({ hasText: 'You said: hello' }).waitFor();
		await fromStaff().filter({ hasText: 'Try one of these:' }).waitFor();
		// Half a second after opening a chat the widget reloads its history and subscribes to the room's six streams
		// again; what the room says while it re-subscribes shows only after a reload (Rocket.Chat behaves the same).
		// A visitor does not click that fast: wait for the second round of subscriptions.
		expect(
			await until(
				async () => readySubscriptions,
				(ready) => ready >= 12,
			),
		).toBeGreaterThanOrEqual(12);
		expect(await count(fromVisitor(), 'hello')).toBe(1);
		expect(await count(fromStaff(), 'echo bot')).toBe(1);
		expect(await count(fromStaff(), 'You said: hello')).toBe(1);
		const greeting = await messages().allInnerTexts();
		const welcomeAt = greeting.findIndex((text) => text.includes('echo bot'));
		expect(welcomeAt).toBeGreaterThanOrEqual(0);
		expect(welcomeAt).toBeLessThan(greeting.findIndex((text) => text.includes('You said: hello')));
		await expect(page.locator('[class*="header__title"]').innerText()).resolves.toBe('Rasa bot');
		await shot('02-greeted-and-answered');

		// A quick reply: the visitor's choice shows once, as theirs; that question's buttons go; the image shows.
		const question = fromStaff().filter({ hasText: 'Try one of these:' }).last();
		expect(await buttonsOf(question).count()).toBe(3);
		await buttonsOf(question).filter({ hasText: 'Show me a picture' }).click();
		await fromVisitor().filter({ hasText: 'Show me a picture' }).waitFor();
		const image = page.locator('img[class*="image-attachment"]');
		await image.waitFor();
		// Loaded, not a broken image.
		expect(
			await until(
				() => image.evaluate((element: { naturalWidth: number }) => element.naturalWidth),
				(width) => width > 0,
			),
		).toBeGreaterThan(0);
		expect(
			await until(
				() => buttonsOf(question).count(),
				(left) => left === 0,
			),
		).toBe(0);
		expect(await count(fromVisitor(), 'Show me a picture')).toBe(1);
		expect(await count(fromStaff(), 'Here is one, sent as an image:')).toBe(1);
		await shot('03-clicked-with-image');

		// The visitor asks for a human: the transfer shows, and the header names the agent.
		const next = fromStaff().filter({ hasText: 'Anything else?' }).last();
		await buttonsOf(next).filter({ hasText: 'Talk to a human' }).click();
		await page.getByText(`transferred the chat to the department ${seed.salesDepartment.name}`).waitFor();
		const header = () => page.locator('[class*="header__title"]').innerText();
		expect(await until(header, (title) => title === 'Alice (Sales)')).toBe('Alice (Sales)');
		expect(await count(fromStaff(), 'Transferring you to a human agent')).toBe(1);
		expect(await count(fromVisitor(), 'Talk to a human')).toBe(1);
		await shot('04-handed-over');

		// The agent answers through Rocket.Chat's REST API, and closes the chat.
		const anonymous = new RocketChatClient(sandbox.url);
		const agent = anonymous.as(await anonymous.login(seed.agentUsername, seed.password));
		const rooms = (await admin.call('/api/v1/livechat/rooms?open=true')).json.rooms as Array<{
			_id: string;
			servedBy?: { username: string };
		}>;
		const room = rooms.find((candidate) => candidate.servedBy?.username === seed.agentUsername);
		expect(room).toBeDefined();
		const sent = await agent.call('/api/v1/chat.sendMessage', {
			body: { message: { rid: room?._id, msg: 'Hello Ana, Alice from Sales here.' } },
		});
		expect(sent.status).toBe(200);
		await fromStaff().filter({ hasText: 'Alice from Sales here' }).waitFor();
		expect(await count(fromStaff(), 'Alice from Sales here')).toBe(1);
		await shot('05-agent-answered');

		const closed = await agent.call('/api/v1/livechat/room.closeByUser', {
			body: { rid: room?._id, comment: 'Solved' },
		});
		expect(closed.status).toBe(200);
		await page.getByText('Chat Finished').waitFor();
		await page.getByRole('button', { name: 'New Chat' }).waitFor();
		await shot('06-closed');

		expect(failures).toEqual([]);
		expect(fs.readdirSync(SCREENSHOTS).filter((file) => /^widget-0[1-6]-/.test(file)).length).toBe(6);
	}, 90000);

	it('shows five of seven buttons and "+ 2 more", and a click on a hidden one still reaches the bot once', async () => {
		const context = await browser.newContext({ viewport: { width: 440, height: 1180 } });
		page = await context.newPage();
		watch(page);
		readySubscriptions = 0;
		await page.goto(`${sandbox.url}/livechat?mode=popout`);
		await page.getByPlaceholder('Insert your Name here...').fill('Bo');
		await page.getByPlaceholder('Insert your Email here...').fill('bo@example.com');
		await page.getByRole('button', { name: 'Start chat' }).click();
		await say('hi');
		await fromStaff().filter({ hasText: 'You said: hi' }).waitFor();
		expect(
			await until(
				async () => readySubscriptions,
				(ready) => ready >= 12,
			),
		).toBeGreaterThanOrEqual(12);
		const rooms = (await admin.call('/api/v1/livechat/rooms?open=true')).json.rooms as Array<{
			_id: string;
			fname: string;
		}>;
		const room = rooms.find((candidate) => candidate.fname === 'Bo');
		const titles = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven'];
		const asked = await admin.call(`/api/apps/public/${APP_ID}/incoming`, {
			body: {
				action: 'send-message',
				sessionId: room?._id,
				actionData: {
					messages: [{ text: 'Pick a number', buttons: titles.map((title) => ({ title, payload: `/${title}` })) }],
				},
			},
			headers: admin.authHeaders(seed.bot),
		});
		expect(asked.status).toBe(200);

		const question = fromStaff().filter({ hasText: 'Pick a number' }).last();
		await question.waitFor();
		expect(await buttonsOf(question).allInnerTexts()).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
		await question.getByRole('button', { name: '+ 2 more' }).click();
		expect(await buttonsOf(question).count()).toBe(7);
		await buttonsOf(question).filter({ hasText: 'Seven' }).click();
		await fromVisitor().filter({ hasText: 'Seven' }).waitFor();
		await fromStaff().filter({ hasText: 'You said: /Seven' }).waitFor();
		await shot('07-more-buttons');

		expect(await count(fromVisitor(), 'Seven')).toBe(1);
		expect(rasa.turnsOf(room?._id ?? '').filter((turn) => turn.message === '/Seven')).toHaveLength(1);
		expect(failures).toEqual([]);
		await context.close();
	}, 60000);
});

/** Reads until `done` holds or 8 s passed; answers the last value read. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
	const deadline = Date.now() + 8000;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		value = await read();
	}
	return value;
}
