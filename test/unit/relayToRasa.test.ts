import { fakeSettings, InMemoryOmnichannel } from './support/InMemoryOmnichannel';
import type { RasaTurn } from '../../src/rasa/RasaBotMessage';
import type { IRasaClient, RasaResult } from '../../src/rasa/RasaClient';
import { relayToRasa } from '../../src/relay/relayToRasa';

class ScriptedRasa implements IRasaClient {
	public readonly turns: RasaTurn[] = [];

	constructor(private readonly result: RasaResult) {}

	public async send(turn: RasaTurn): Promise<RasaResult> {
		this.turns.push(turn);
		return this.result;
	}
}

function relaySettings(
	overrides: { typing?: boolean; handoverOnFailure?: boolean; defaultHandoverDepartment?: string } = {},
) {
	return {
		...fakeSettings({ defaultHandoverDepartment: overrides.defaultHandoverDepartment }),
		typingIndicator: async () => overrides.typing ?? true,
		serviceUnavailableMessage: async () => 'Bot unavailable',
		handoverOnFailure: async () => overrides.handoverOnFailure ?? false,
	};
}

function setup(result: RasaResult, overrides: Parameters<typeof relaySettings>[0] = {}) {
	const omnichannel = new InMemoryOmnichannel()
		.addRoom({ id: 'room1', servedByUsername: 'rasabot', departmentId: 'dep-bots' })
		.addDepartment({ id: 'dep-sales', name: 'Sales' });
	const rasa = new ScriptedRasa(result);
	const logs: string[] = [];
	const deps = {
		omnichannel,
		rasa,
		settings: relaySettings(overrides),
		log: { info: (line: string) => logs.push(line), warn: (line: string) => logs.push(line) },
	};
	return { omnichannel, rasa, logs, deps };
}

const session = {
	id: 'room1',
	isLivechat: true,
	isOpen: true,
	servedByUsername: 'rasabot',
	visitorToken: 'vt',
	departmentId: 'dep-bots',
};

describe('relayToRasa', () => {
	it('sends the room id as sender with metadata, shows typing meanwhile, and posts the replies', async () => {
		const { omnichannel, rasa, deps } = setup({ ok: true, replies: [{ text: 'Hi' }, { text: 'There' }] });

		await relayToRasa(deps, session, 'hello');

		expect(rasa.turns).toEqual([
			{ sender: 'room1', message: 'hello', metadata: { roomId: 'room1', visitorToken: 'vt', department: 'dep-bots' } },
		]);
		expect(omnichannel.typing).toEqual(['start room1', 'stop room1']);
		expect(omnichannel.botMessages.map((entry) => entry.message.text)).toEqual(['Hi', 'There']);
	});

	it('shows no typing indicator when it is switched off', async () => {
		const { omnichannel, deps } = setup({ ok: true, replies: [] }, { typing: false });

		await relayToRasa(deps, session, 'hello');

		expect(omnichannel.typing).toEqual([]);
	});

	it('tells the visitor once when Rasa fails, and logs the problem', async () => {
		const { omnichannel, logs, deps } = setup({ ok: false, problem: 'Rasa answered 500' });

		await relayToRasa(deps, session, 'hello');

		expect(omnichannel.messages.map((message) => message.text)).toEqual(['Bot unavailable']);
		expect(omnichannel.typing).toEqual(['start room1', 'stop room1']);
		expect(logs.join('\n')).toContain('Rasa answered 500');
		expect(omnichannel.transfers).toEqual([]);
	});

	it('hands over to the default department after a failure when configured', async () => {
		const { omnichannel, deps } = setup(
			{ ok: false, problem: 'down' },
			{ handoverOnFailure: true, defaultHandoverDepartment: 'Sales' },
		);

		await relayToRasa(deps, session, 'hello');

		expect(omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: 'dep-sales' }]);
	});

	it('performs control payloads through the actions and stops after a done one', async () => {
		const { omnichannel, deps } = setup({
			ok: true,
			replies: [
				{ text: 'One moment' },
				{ custom: { action: 'handover', targetDepartment: 'Sales' } },
				{ text: 'never shown' },
			],
		});

		await relayToRasa(deps, session, 'human please');

		expect(omnichannel.transfers).toEqual([{ roomId: 'room1', departmentId: 'dep-sales' }]);
		expect(omnichannel.messages.map((message) => message.text)).toEqual(['One moment', 'Transferring you to a human.']);
	});
});
