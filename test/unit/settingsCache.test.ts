import type { ISettingRead } from '@rocket.chat/apps-engine/definition/accessors';

import { SETTINGS_EXPIRY_MS, SettingsCache } from '../../src/settings/SettingsCache';
import { SettingsReader } from '../../src/settings/SettingsReader';

function reader(values: Record<string, unknown>) {
	let now = 0;
	const reads: string[] = [];
	const pending: Array<() => void> = [];
	let hold = false;
	const source = {
		getValueById: async (id: string) => {
			reads.push(id);
			if (hold) {
				await new Promise<void>((resolve) => pending.push(resolve));
			}
			return values[id];
		},
	} as unknown as ISettingRead;
	const cache = new SettingsCache(() => now);
	return {
		settings: new SettingsReader(source, cache),
		cache,
		reads,
		advance: (ms: number) => {
			now += ms;
		},
		holdReads: () => {
			hold = true;
		},
		releaseReads: () => {
			hold = false;
			pending.splice(0).forEach((release) => release());
		},
	};
}

describe('settings: one typed reader over a per-instance cache', () => {
	it('reads what a path needs together, once, and types it', async () => {
		const test = reader({ bot_username: ' rasabot ', rasa_timeout_seconds: '7', typing_indicator: false });

		const first = await test.settings.read('botUsername', 'rasaTimeoutMs', 'typingIndicator', 'handoverMessage');
		await test.settings.read('botUsername', 'rasaTimeoutMs');

		expect(first).toEqual({
			botUsername: 'rasabot',
			rasaTimeoutMs: 7000,
			typingIndicator: false,
			handoverMessage: 'Transferring you to a human agent. Please wait a moment.',
		});
		expect(test.reads.sort()).toEqual(['bot_username', 'handover_message', 'rasa_timeout_seconds', 'typing_indicator']);
	});

	it('takes a change notice at once, and reads again after the expiry when no notice came', async () => {
		const values = { bot_username: 'old' };
		const test = reader(values);
		await test.settings.read('botUsername');

		test.cache.changed('bot_username', 'new');
		expect(await test.settings.read('botUsername')).toEqual({ botUsername: 'new' });

		values.bot_username = 'changed on another instance';
		test.advance(SETTINGS_EXPIRY_MS + 1);
		expect(await test.settings.read('botUsername')).toEqual({ botUsername: 'changed on another instance' });
	});

	it('does not keep a value read before a change arrived', async () => {
		const test = reader({ bot_username: 'old' });
		test.holdReads();
		const stale = test.settings.read('botUsername');
		test.cache.changed('rasa_server_url', 'http://rasa:5005');
		test.releaseReads();
		await stale;

		test.reads.length = 0;
		await test.settings.read('botUsername');
		expect(test.reads).toEqual(['bot_username']);
	});

	it.each([
		[undefined, 15000],
		['abc', 15000],
		[0, 15000],
		[0.2, 1000],
		[120, 25000],
	])('keeps the Rasa timeout %p within 1–25 s (%p ms)', async (value, expected) => {
		const test = reader({ rasa_timeout_seconds: value });
		expect(await test.settings.read('rasaTimeoutMs')).toEqual({ rasaTimeoutMs: expected });
	});

	it('reads roles as a list and the Rasa URL without a trailing slash', async () => {
		const test = reader({ allowed_roles: 'admin,  bot\nlivechat-manager', rasa_server_url: 'http://rasa:5005//' });
		expect(await test.settings.read('allowedRoles', 'rasaServerUrl')).toEqual({
			allowedRoles: ['admin', 'bot', 'livechat-manager'],
			rasaServerUrl: 'http://rasa:5005',
		});
	});
});
