/**
 * Port of the cases of Rocket.Chat's general REST suites that concern what the sandbox serves (its own /api/info,
 * login, me and chat.sendMessage), in one sandbox:
 * - apps/meteor/tests/end-to-end/api/miscellaneous.ts (commit 0037f0424cd2fbd9e1cfbb065f35c72675838162)
 * - apps/meteor/tests/end-to-end/api/chat.ts (the 7.x-era version the search index holds: file id 932272953)
 */
import {
	adminPassword,
	adminUsername,
	api,
	credentials,
	password,
	request,
	startRocketChat,
	cleanup,
	typeOf,
} from './support/api';
import { createUser, deleteUser, login as doLogin, type TestUser } from './support/users';

jest.setTimeout(30000);

let sandbox: Awaited<ReturnType<typeof startRocketChat>>;

beforeAll(async () => {
	sandbox = await startRocketChat();
}, 180000);

afterAll(async () => {
	await sandbox?.stop();
});

describe('miscellaneous', () => {
	/**
	 * data/user.ts adminEmail: Rocket.Chat's test admin has an e-mail address. The sandbox creates its admin without one
	 * and has no route to give it one, so the e-mail login cases log in as a user created with an address and a password
	 * (the route under test does not depend on who logs in).
	 */
	let emailUser: TestUser;
	const emailUserPassword = password;

	beforeAll(async () => {
		emailUser = await createUser();
	});

	afterAll(() => cleanup(deleteUser(emailUser)));

	describe('API default', () => {
		// Required by mobile apps
		describe('/info', () => {
			let version: string;
			// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › API default › /info › should return "version", "build", "commit" and "marketplaceApiVersion" when the user is logged in
			it('should return "version", "build", "commit" and "marketplaceApiVersion" when the user is logged in', async () => {
				await request
					.get('/api/info')
					.set(credentials)
					.expect('Content-Type', 'application/json')
					.expect(200)
					.expect((res) => {
						expect(typeOf(res.body.version)).toBe('string');
						expect(typeOf(res.body.info.version)).toBe('string');
						expect(typeOf(res.body.info.build)).toBe('object');
						expect(typeOf(res.body.info.commit)).toBe('object');
						expect(typeOf(res.body.info.marketplaceApiVersion)).toBe('string');
						version = res.body.info.version;
					});
			});
			// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › API default › /info › should return only "version" and the version should not have patch info when the user is not logged in
			it('should return only "version" and the version should not have patch info when the user is not logged in', async () => {
				await request
					.get('/api/info')
					.expect('Content-Type', 'application/json')
					.expect(200)
					.expect((res) => {
						expect(res.body).toHaveProperty('version');
						expect(res.body).not.toHaveProperty('info');
						expect(res.body.version).toBe(version.replace(/(\d+\.\d+).*/, '$1'));
					});
			});
		});
	});

	// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › /login
	it('/login', () => {
		expect(credentials['X-Auth-Token'].length).toBeGreaterThanOrEqual(1);
		expect(credentials['X-User-Id'].length).toBeGreaterThanOrEqual(1);
	});

	const expectLoginData = (res: { body: any }) => {
		expect(res.body).toHaveProperty('status', 'success');
		expect(res.body).toHaveProperty('data');
		expect(typeOf(res.body.data)).toBe('object');
		expect(res.body.data).toHaveProperty('userId');
		expect(res.body.data).toHaveProperty('authToken');
		expect(res.body.data).toHaveProperty('me');
	};

	// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › /login (wrapper username)
	it('/login (wrapper username)', async () => {
		await request
			.post(api('login'))
			.send({
				user: {
					username: adminUsername,
				},
				password: adminPassword,
			})
			.expect('Content-Type', 'application/json')
			.expect(200)
			.expect(expectLoginData);
	});

	// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › /login (wrapper email)
	it('/login (wrapper email)', async () => {
		await request
			.post(api('login'))
			.send({
				user: {
					email: emailUser.emails[0].address,
				},
				password: emailUserPassword,
			})
			.expect('Content-Type', 'application/json')
			.expect(200)
			.expect(expectLoginData);
	});

	// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › /login by user
	it('/login by user', async () => {
		await request
			.post(api('login'))
			.send({
				user: emailUser.emails[0].address,
				password: emailUserPassword,
			})
			.expect('Content-Type', 'application/json')
			.expect(200)
			.expect(expectLoginData);
	});

	// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › /login by username
	it('/login by username', async () => {
		await request
			.post(api('login'))
			.send({
				username: adminUsername,
				password: adminPassword,
			})
			.expect('Content-Type', 'application/json')
			.expect(200)
			.expect(expectLoginData);
	});

	// apps/meteor/tests/end-to-end/api/miscellaneous.ts › miscellaneous › /me
	it('/me', async () => {
		const user = await createUser();
		const userCredentials = await doLogin(user.username, password);

		await request
			.get(api('me'))
			.set(userCredentials)
			.expect('Content-Type', 'application/json')
			.expect(200)
			.expect((res) => {
				const allUserPreferencesKeys = [
					'alsoSendThreadToChannel',
					// 'language',
					'newRoomNotification',
					'newMessageNotification',
					'showThreadsInMainChannel',
					// 'clockMode',
					'useEmojis',
					'convertAsciiEmoji',
					'saveMobileBandwidth',
					'collapseMediaByDefault',
					'autoImageLoad',
					'emailNotificationMode',
					'unreadAlert',
					'notificationsSoundVolume',
					'omnichannelTranscriptEmail',
					'omnichannelTranscriptPDF', // IS_EE ? 'omnichannelTranscriptPDF' : false
					'desktopNotifications',
					'pushNotifications',
					'enableAutoAway',
					// 'highlights',
					'desktopNotificationRequireInteraction',
					'hideUsernames',
					'hideRoles',
					'displayAvatars',
					'hideFlexTab',
					'sendOnEnter',
					'idleTimeLimit',
					'sidebarShowFavorites',
					'sidebarShowUnread',
					'themeAppearence',
					'sidebarSortby',
					'sidebarViewMode',
					'sidebarDisplayAvatar',
					'sidebarGroupByType',
					'sidebarSectionsOrder',
					'muteFocusedConversations',
					'notifyCalendarEvents',
					'enableMobileRinging',
					'featuresPreview',
				];

				expect(res.body).toHaveProperty('success', true);
				expect(res.body).toHaveProperty('_id', user._id);
				expect(res.body).toHaveProperty('username', user.username);
				expect(res.body).toHaveProperty('active');
				expect(res.body).toHaveProperty('name');
				expect(res.body).toHaveProperty('roles');
				expect(typeOf(res.body.roles)).toBe('array');
				expect(res.body.emails?.[0]?.address).toBe(user.emails[0].address);
				expect(typeOf(res.body.settings?.preferences)).toBe('object');
				// chai `to.have.all.keys`: exactly these keys
				expect(Object.keys(res.body.settings.preferences).sort()).toEqual([...allUserPreferencesKeys].sort());
				// chai's property assertions refuse a null or undefined target, negated or not
				expect(res.body.services).not.toBeUndefined();
				expect(res.body.services).not.toBeNull();
				expect(res.body.services?.password?.bcrypt).toBeUndefined();
			});

		await cleanup(deleteUser(user));
	});
});

describe('[Chat]', () => {
	describe('/chat.sendMessage', () => {
		// apps/meteor/tests/end-to-end/api/chat.ts › [Chat] › /chat.sendMessage › should throw an error when the required param 'rid' is not sent
		it("should throw an error when the required param 'rid' is not sent", async () => {
			await request
				.post(api('chat.sendMessage'))
				.set(credentials)
				.send({
					message: {
						text: 'Sample message',
						alias: 'Gruggy',
						emoji: ':smirk:',
						avatar: 'http://res.guggy.com/logo_128.png',
					},
				})
				.expect('Content-Type', 'application/json')
				.expect(400)
				.expect((res) => {
					expect(res.body).toHaveProperty('success', false);
					expect(res.body).toHaveProperty('error', "The 'rid' property on the message object is missing.");
				});
		});
	});
});
