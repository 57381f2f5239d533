import { scrubRequestLog } from '../../src/endpoints/scrubRequestLog';

describe("scrubbing the engine's log of an endpoint call", () => {
	it('blanks credentials in the logged request headers and query, drops the body, and keeps the rest', () => {
		const logger = {
			entries: [
				{
					args: [
						"incoming's api:incoming:post is being executed...",
						{
							method: 'post',
							headers: { 'x-auth-token': 'tok', 'x-user-id': 'uid', 'content-type': 'application/json' },
							query: { token: 'cb-secret', page: '1' },
							content: { action: 'close-chat' },
						},
					],
				},
				{ args: ['plain line'] },
			],
		};

		scrubRequestLog(logger);

		const text = JSON.stringify(logger);
		expect(text).not.toMatch(/"tok"|"uid"|cb-secret/);
		expect(logger.entries[0].args[1]).toMatchObject({
			headers: { 'content-type': 'application/json' },
			query: { page: '1' },
			content: '[body omitted by the Rasa app]',
		});
		expect(logger.entries[1].args).toEqual(['plain line']);
	});

	it('leaves a logger it does not know alone', () => {
		expect(() => scrubRequestLog(undefined)).not.toThrow();
		expect(() => scrubRequestLog({ entries: 'x' })).not.toThrow();
	});
});
