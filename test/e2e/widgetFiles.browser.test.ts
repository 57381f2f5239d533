import fs from 'fs';
import path from 'path';

import type { Browser, Locator, Page } from 'playwright-core';

import { samplePng } from './support/images';
import { launchChromium } from '../../sandbox/src/browser/chromium';
import { RocketChatClient } from '../../sandbox/src/client/RocketChatClient';
import { seedDemo } from '../../sandbox/src/demo/seedDemo';
import { APP_ID, packagedAppZip, projectRoot } from '../../sandbox/src/packagedApp';
import { FakeRasa } from '../../sandbox/src/rasa/FakeRasa';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/startSandbox';

const SCREENSHOTS = path.join(projectRoot, 'build', 'screenshots');

/**
 * Files both ways through Rocket.Chat's own livechat widget (@rocket.chat/livechat 1.13.3) in a real browser: the
 * visitor attaches a PNG with the widget's upload button, Rasa gets one turn for it (the app's file intent, with the
 * file described in metadata.files by an absolute URL the visitor may read), and answers with an image hosted on
 * another site, which the app fetches and posts as a file of the workspace, so the widget shows it loaded (widget
 * 1.13.3 prefixes any image URL with the workspace's address: a foreign one would show broken). Screenshots go to
 * build/screenshots/widget-files-*.png.
 */
const describeSandbox = process.env.ROCKETCHAT_URL ? describe.skip : describe;

describeSandbox("files both ways through Rocket.Chat's livechat widget", () => {
	let sandbox: RunningSandbox;
	let rasa: FakeRasa;
	let admin: RocketChatClient;
	let browser: Browser;
	let page: Page;
	const failures: string[] = [];
	let readySubscriptions = 0;

	beforeAll(async () => {
		fs.mkdirSync(SCREENSHOTS, { recursive: true });
		sandbox = await startSandbox({ port: 0, adminPassword: 'widget-files-admin', logLevel: 'error' });
		const anonymous = new RocketChatClient(sandbox.url);
		admin = anonymous.as(await anonymous.login(sandbox.adminUsername, sandbox.adminPassword));
		await seedDemo(admin, { zip: packagedAppZip(), appId: APP_ID, withVisitorRoom: false });
		// The scripted Rasa: a picture for the file intent, an invitation to send one for anything else.
		rasa = await FakeRasa.start((text) =>
			text === '/file_received'
				? [{ text: 'Thanks, here is ours:' }, { image: `${rasa.url}/images/photo.png` }]
				: [{ text: 'Send me a picture, please.' }],
		);
		// seedDemo named the bot user (bot_username); of connectEchoBot's settings only the Rasa URL is needed (REST).
		await admin.setAppSettings(APP_ID, { rasa_server_url: rasa.url, file_intent: '/file_received' });
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 440, height: 1180 } });
		// The widget plays a sound for each new message; a headless browser may cut one short: not the chat's failure.
		page.on('pageerror', (error) => {
			if (!/play\(\) request was interrupted/.test(error.message)) {
				failures.push(error.message);
			}
		});
		page.on('websocket', (socket) =>
			socket.on('framereceived', (frame) => {
				if (String(frame.payload).includes('"msg":"ready"')) {
					readySubscriptions++;
				}
			}),
		);
	}, 180000);

	afterAll(async () => {
		await browser?.close();
		await sandbox?.stop();
		await rasa?.stop();
	});

	const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `widget-files-${name}.png`) });
	const fromVisitor = () => page.locator('li[class*="message-container--reverse"]');
	const fromStaff = () => page.locator('li[class*="message-container"]:not([class*="message-container--reverse"])');
	const imagesIn = (where: Locator) => where.locator('img[class*="image-attachment"]');
	const count = (where: Locator, text: string) => where.filter({ hasText: text }).count();
	const widthOf = (image: Locator) => image.evaluate((element: { naturalWidth: number }) => element.naturalWidth);
	const composer = () => page.locator('[contenteditable="true"]').first();

	it('carries a visitor upload to Rasa by the file intent and shows Rasa’s foreign image as a workspace file', async () => {
		const bytes = samplePng();
		await page.goto(`${sandbox.url}/livechat?mode=popout`);
		await page.getByPlaceholder('Insert your Name here...').fill('Ana');
		await page.getByPlaceholder('Insert your Email here...').fill('ana@example.com');
		// eslint-disable-next-line testing-library/prefer-screen-queries -- a Playwright page, not a testing-library render
		await page.getByRole('button', { name: 'Start chat' }).click();
		await composer().click();
		await page.keyboard.type('hello');
		await page.keyboard.press('Enter');
		await fromStaff().filter({ hasText: 'Send me a picture, please.' }).waitFor();
		// The widget subscribes to the room's streams a second time half a second after the chat opens (see
		// widget.browser.test.ts): upload only once it has, as a visitor would.
		expect(
			await until(
				async () => readySubscriptions,
				(ready) => ready >= 12,
			),
		).toBeGreaterThanOrEqual(12);
		await shot('01-chat-open');

		const rooms = (await admin.call('/api/v1/livechat/rooms?open=true')).json.rooms as Array<{
			_id: string;
			fname: string;
			v: { token: string };
		}>;
		const room = rooms.find((candidate) => candidate.fname === 'Ana');
		expect(room).toBeDefined();
		const roomId = room?._id ?? '';
		const visitorToken = room?.v.token ?? '';

		// The composer's upload button shows while the composer is empty and livechat/config says fileUpload.
		const attach = page.locator('button[class*="composer__action"]:not([class*="emoji-picker-icon"])');
		expect(await attach.count()).toBe(1);
		const chooser = page.waitForEvent('filechooser');
		await attach.click();
		await (await chooser).setFiles({ name: 'sample.png', mimeType: 'image/png', buffer: bytes });

		// The visitor's file shows as theirs, loaded from the workspace.
		const sent = imagesIn(fromVisitor());
		await sent.waitFor();
		expect(
			await until(
				() => widthOf(sent),
				(width) => width > 0,
			),
		).toBe(64);
		expect(await sent.count()).toBe(1);

		// Rasa got exactly one turn for the file: the file intent, not the file's name, with the file described by the
		// same absolute address the widget shows it from.
		const turns = await until(
			async () => rasa.turnsOf(roomId),
			(all) => all.length >= 2,
		);
		expect(turns.map((turn) => turn.message)).toEqual(['hello', '/file_received']);
		const files = turns[1].metadata?.files as Array<{ name: string; type: string; size: number; url: string }>;
		expect(files).toEqual([
			{
				name: 'sample.png',
				type: 'image/png',
				size: bytes.length,
				url: expect.stringMatching(/\/file-upload\/[^/]+\/sample\.png$/),
			},
		]);
		expect(files[0].url.startsWith(`${sandbox.url}/file-upload/`)).toBe(true);
		expect(files[0].url).toBe(await sent.getAttribute('src'));
		// Rasa (or an action server) can read it as the visitor can: the very bytes the widget uploaded.
		const fetched = await admin.fetchFile(files[0].url, { visitorToken, roomId });
		expect(fetched.status).toBe(200);
		expect(fetched.type).toBe('image/png');
		expect(fetched.bytes.equals(bytes)).toBe(true);

		// Rasa's answer: its text, then its picture, which the widget loads from the workspace, not from Rasa's site.
		await fromStaff().filter({ hasText: 'Thanks, here is ours:' }).waitFor();
		const answered = imagesIn(fromStaff());
		await answered.waitFor();
		expect(
			await until(
				() => widthOf(answered),
				(width) => width > 0,
			),
		).toBeGreaterThan(0);
		const src = (await answered.getAttribute('src')) ?? '';
		expect(src).toMatch(/\/file-upload\/[^/]+\/photo\.png$/);
		expect(src.startsWith(`${sandbox.url}/file-upload/`)).toBe(true);
		expect(src).not.toContain(rasa.url);
		await shot('02-files-both-ways');

		// What the visitor sees, counted: one file of theirs, one answer, one picture back, nothing twice; no more turns.
		expect(await imagesIn(fromVisitor()).count()).toBe(1);
		expect(await imagesIn(fromStaff()).count()).toBe(1);
		expect(await count(fromVisitor(), 'hello')).toBe(1);
		expect(await count(fromStaff(), 'Thanks, here is ours:')).toBe(1);
		expect(await count(fromStaff(), 'Send me a picture, please.')).toBe(1);
		expect(rasa.turnsOf(roomId)).toHaveLength(2);

		expect(failures).toEqual([]);
	}, 90000);
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
