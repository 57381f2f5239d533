/**
 * The incoming API's contract and one relayed turn, written once and run against every engine the app claims
 * (compat/test/*.test.ts): the app answers the same on Apps-Engine 1.33, 1.42 and 1.62.
 */

export type Answer = {
	status: number;
	text: string;
	json: { error?: string; msg?: string; message?: string } | undefined;
};

export type ContractDriver = {
	readonly salesName: string;
	readonly agentUsername: string;
	readonly botUsername: string;
	/** Calls incoming as the bot (allowed role), as a user with no allowed role, or without credentials. */
	incoming(body: unknown, as?: 'bot' | 'plain' | 'anonymous'): Promise<Answer>;
	/** A new visitor whose chat the workspace routed to the bot. */
	newBotRoom(): Promise<{ id: string }>;
	room(id: string): Promise<{ open?: boolean; servedBy?: { username: string } }>;
	/** The visitor writes; resolves when the bot has answered (or the wait ran out). */
	visitorSays(roomId: string, text: string): Promise<void>;
	botTexts(roomId: string): Promise<string[]>;
	/** What the scripted Rasa received: sender and message of each turn. */
	rasaTurns(): Array<{ sender: string; message: string }>;
	setAppSetting(id: string, value: unknown): Promise<void>;
	/**
	 * The visitor clicks a button of the bot's message with this text, as the livechat widget posts the click, `times`
	 * times in a row (a double click sends the second before the buttons are gone).
	 */
	click(roomId: string, questionText: string, index: number, times?: number): Promise<void>;
	/** What the visitor wrote (or clicked) in the room, in order. */
	visitorTexts(roomId: string): Promise<string[]>;
	close(): Promise<void>;
};

export function describeIncomingContract(engine: string, open: () => Promise<ContractDriver>): void {
	describe(`the app on ${engine}`, () => {
		let driver: ContractDriver;

		beforeAll(async () => {
			driver = await open();
		}, 180000);

		afterAll(async () => {
			await driver?.close();
		});

		it('closes a chat: 200 with the published body, and the room is closed', async () => {
			const room = await driver.newBotRoom();

			const answer = await driver.incoming({ action: 'close-chat', sessionId: room.id });

			expect(answer.text).toBe('{"msg":" Close chat request handled successfully"}');
			expect((await driver.room(room.id)).open).toBeFalsy();
		});

		it('hands over: 200 with the published body, and an agent of the department serves the room', async () => {
			const room = await driver.newBotRoom();

			const answer = await driver.incoming({
				action: 'handover',
				sessionId: room.id,
				actionData: { targetDepartment: driver.salesName },
			});

			expect(answer.text).toBe('{"msg":" Perform Handover request handled successfully"}');
			expect((await driver.room(room.id)).servedBy?.username).toBe(driver.agentUsername);
		});

		it('answers 401 with the published body to a caller who is not logged in', async () => {
			const answer = await driver.incoming({ action: 'close-chat', sessionId: 'x' }, 'anonymous');

			expect([answer.status, answer.text]).toEqual([
				401,
				'{"status":"error","message":"You must be logged in to do this."}',
			]);
		});

		it('answers 403 not-allowed to a caller without an allowed role, and the room stays open', async () => {
			const room = await driver.newBotRoom();

			const answer = await driver.incoming({ action: 'close-chat', sessionId: room.id }, 'plain');

			expect([answer.status, answer.json?.error]).toEqual([403, 'not-allowed']);
			expect((await driver.room(room.id)).open).toBe(true);
		});

		it.each([
			[{ action: 'transfer', sessionId: 'x' }, 'valid actions are'],
			[{ action: 'close-chat' }, '"sessionId" is missing'],
			[{ action: 'handover', sessionId: 'x', actionData: { targetDepartment: 3 } }, 'actionData.targetDepartment'],
		])('answers 400 invalid-request naming the field (%#)', async (body, message) => {
			const answer = await driver.incoming(body);

			expect([answer.status, answer.json?.error]).toEqual([400, 'invalid-request']);
			expect(answer.json?.message).toContain(message);
		});

		it('answers 404 session-not-found for an unknown room, and 404 department-not-found', async () => {
			const room = await driver.newBotRoom();

			const unknownRoom = await driver.incoming({ action: 'close-chat', sessionId: 'no-such-room' });
			const unknownDepartment = await driver.incoming({
				action: 'handover',
				sessionId: room.id,
				actionData: { targetDepartment: 'Nowhere' },
			});

			expect([unknownRoom.status, unknownRoom.json?.error]).toEqual([404, 'session-not-found']);
			expect([unknownDepartment.status, unknownDepartment.json?.error]).toEqual([404, 'department-not-found']);
		});

		it('answers 409 room-closed for a closed chat and not-served-by-bot once a human serves it', async () => {
			const closedRoom = await driver.newBotRoom();
			await driver.incoming({ action: 'close-chat', sessionId: closedRoom.id });
			const humanRoom = await driver.newBotRoom();
			await driver.incoming({
				action: 'handover',
				sessionId: humanRoom.id,
				actionData: { targetDepartment: driver.salesName },
			});

			const closed = await driver.incoming({ action: 'close-chat', sessionId: closedRoom.id });
			const human = await driver.incoming({
				action: 'handover',
				sessionId: humanRoom.id,
				actionData: { targetDepartment: driver.salesName },
			});

			expect([closed.status, closed.json?.error]).toEqual([409, 'room-closed']);
			expect([human.status, human.json?.error]).toEqual([409, 'not-served-by-bot']);
		});

		it("welcome on, two quick-reply rounds in one room: each click reaches Rasa once and shows as the visitor's", async () => {
			await driver.setAppSetting('welcome_intent', '/greet');
			try {
				const room = await driver.newBotRoom();
				const turns = () =>
					driver
						.rasaTurns()
						.filter((turn) => turn.sender === room.id)
						.map((turn) => turn.message);
				await waitUntil(() => turns().length === 1);

				for (const [index, expected] of [
					[0, 2],
					[1, 3],
				]) {
					await driver.incoming({
						action: 'send-message',
						sessionId: room.id,
						actionData: {
							messages: [
								{
									text: `Which team? (${index})`,
									buttons: [
										{ title: 'Sales', payload: '/sales' },
										{ title: 'Support', payload: '/support' },
									],
								},
							],
						},
					});
					await driver.click(room.id, `Which team? (${index})`, index, 2);
					await waitUntil(() => turns().length === expected);
				}
				await new Promise((resolve) => setTimeout(resolve, 300));

				expect(turns()).toEqual(['/greet', '/sales', '/support']);
				expect(await driver.visitorTexts(room.id)).toEqual(['Sales', 'Support']);
			} finally {
				await driver.setAppSetting('welcome_intent', '');
			}
		});

		it("relays a visitor's message to Rasa with the room id as sender and shows the bot's reply", async () => {
			const room = await driver.newBotRoom();

			await driver.visitorSays(room.id, 'hello');

			expect(
				driver
					.rasaTurns()
					.filter((turn) => turn.sender === room.id)
					.map((turn) => turn.message),
			).toContain('hello');
			expect(await driver.botTexts(room.id)).toContain('You said: hello');
		});
	});
}

async function waitUntil(done: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!done() && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
