import type { IHttp, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { checkRasa } from '../../src/rasa/healthCheck';

type Answer = Partial<IHttpResponse> | Error;

function http(answers: Record<string, Answer>) {
	const calls: Array<{ url: string; headers?: Record<string, string> }> = [];
	const fake = {
		get: async (url: string, options: { headers?: Record<string, string> }) => {
			calls.push({ url, headers: options.headers });
			const answer = answers[new URL(url).pathname];
			if (answer instanceof Error) {
				throw answer;
			}
			return answer ?? { statusCode: 404, content: 'Not Found' };
		},
	} as unknown as IHttp;
	return { fake, calls };
}

const hello = { statusCode: 200, content: 'Hello from Rasa: 3.6.20' };
const channelOk = { statusCode: 200, content: '{"status":"ok"}' };

describe('the Rasa health check', () => {
	it('says the server is reachable when it greets as Rasa and the channel answers', async () => {
		const { fake } = http({ '/': hello, '/webhooks/rest/': channelOk });

		const health = await checkRasa(fake, { url: 'http://rasa:5005', mode: 'rest' });

		expect(health).toEqual({
			healthy: true,
			reachable: true,
			version: '3.6.20',
			channel: 'rest',
			channelAnswers: true,
			line: 'Rasa health: http://rasa:5005 is reachable (Hello from Rasa: 3.6.20); its rest channel answers.',
		});
	});

	it('checks the callback channel in callback mode, and says how to enable it', async () => {
		const { fake } = http({ '/': hello, '/webhooks/rest/': channelOk });

		const health = await checkRasa(fake, { url: 'http://rasa:5005', mode: 'callback' });

		expect(health.healthy).toBe(false);
		expect(health.line).toMatch(/callback channel does not answer on \/webhooks\/callback\/ \(404\).*credentials\.yml/);
	});

	it('says why a server cannot be reached, without the credentials or the query of its URL', async () => {
		const { fake, calls } = http({
			'/': new Error('connect ECONNREFUSED http://bot:secret@rasa:5005/?token=abc'),
			'/webhooks/rest/': new Error('connect ECONNREFUSED'),
		});

		const health = await checkRasa(fake, { url: 'http://bot:secret@rasa:5005?token=abc', mode: 'rest' });

		expect(health.healthy).toBe(false);
		expect(health.line).toMatch(/^Rasa health: http:\/\/rasa:5005 cannot be reached \(connect ECONNREFUSED/);
		expect(health.line).not.toMatch(/secret|abc/);
		expect(calls[0].headers).toEqual({ Authorization: `Basic ${Buffer.from('bot:secret').toString('base64')}` });
	});

	it('says when the URL answers but is not Rasa', async () => {
		const { fake } = http({ '/': { statusCode: 200, content: '<html>Welcome to nginx</html>' } });

		const health = await checkRasa(fake, { url: 'http://rasa:5005', mode: 'rest' });

		expect(health.line).toMatch(/not what a Rasa server answers/);
	});

	it('refuses a URL that is not http(s)', async () => {
		const { fake, calls } = http({});

		const health = await checkRasa(fake, { url: 'localhost:5005', mode: 'rest' });

		expect(health.healthy).toBe(false);
		expect(calls).toEqual([]);
	});
});
