import type { RasaReply } from './FakeRasa';

type Language = 'en' | 'de';

const TEXTS = {
	en: {
		menu: ['Show me a picture', 'Talk to a human', 'Goodbye'],
		greeting: "Hi! I'm the sandbox's *echo bot*, standing in for your Rasa server.",
		question: 'What would you like to try?',
		picture: 'Here is one, sent as an image:',
		anythingElse: 'Anything else?',
		colleague: (department: string) => `Let me find a colleague in _${department}_.`,
		bye: 'Goodbye! Closing the chat.',
		echo: (text: string) => `You said: ${text}`,
		tryThese: 'Try one of these:',
	},
	de: {
		menu: ['Zeig mir ein Bild', 'Mit einem Menschen sprechen', 'Tschüss'],
		greeting: 'Hallo! Ich bin der *Echo-Bot* der Sandbox und vertrete deinen Rasa-Server.',
		question: 'Was möchtest du ausprobieren?',
		picture: 'Hier ist eins, als Bild geschickt:',
		anythingElse: 'Noch etwas?',
		colleague: (department: string) => `Ich suche jemanden in _${department}_.`,
		bye: 'Tschüss! Ich schließe den Chat.',
		echo: (text: string) => `Du sagtest: ${text}`,
		tryThese: 'Probier eins davon:',
	},
};

const PAYLOADS = ['/picture', '/human', '/bye'];

/**
 * The built-in echo bot of `npm start`: what a small Rasa bot would answer, showing everything the app relays —
 * text with markdown, buttons, an image, and custom payloads that hand the visitor over and close the chat. It
 * speaks English or German, so two assistants can be shown side by side. `humanDepartment` is where "Talk to a
 * human" hands over; `imageUrl` an image the sandbox itself serves.
 */
export function echoBot(options: { humanDepartment: string; imageUrl: string; language?: Language }) {
	const say = TEXTS[options.language ?? 'en'];
	const menu = say.menu.map((title, index) => ({ title, payload: PAYLOADS[index] }));
	return (text: string): RasaReply[] => {
		switch (text.trim()) {
			case '/greet':
				return [{ text: say.greeting }, { text: say.question, buttons: menu }];
			case '/picture':
				return [{ text: say.picture }, { image: options.imageUrl }, { text: say.anythingElse, buttons: menu }];
			case '/human':
				return [
					{ text: say.colleague(options.humanDepartment) },
					{ custom: { action: 'handover', targetDepartment: options.humanDepartment } },
				];
			case '/bye':
				return [{ text: say.bye }, { custom: { action: 'close-chat' } }];
			default:
				return [{ text: say.echo(text) }, { text: say.tryThese, buttons: menu }];
		}
	};
}
