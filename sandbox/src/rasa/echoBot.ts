import type { RasaReply } from './FakeRasa';

const MENU = [
	{ title: 'Show me a picture', payload: '/picture' },
	{ title: 'Talk to a human', payload: '/human' },
	{ title: 'Goodbye', payload: '/bye' },
];

/**
 * The built-in echo bot of `npm start`: what a small Rasa bot would answer, showing everything the app relays —
 * text with markdown, buttons, an image, and custom payloads that hand the visitor over and close the chat.
 * `humanDepartment` is where "Talk to a human" hands over; `imageUrl` an image the sandbox itself serves.
 */
export function echoBot(options: { humanDepartment: string; imageUrl: string }) {
	return (text: string): RasaReply[] => {
		switch (text.trim()) {
			case '/greet':
				return [
					{ text: "Hi! I'm the sandbox's *echo bot*, standing in for your Rasa server." },
					{ text: 'What would you like to try?', buttons: MENU },
				];
			case '/picture':
				return [
					{ text: 'Here is one, sent as an image:' },
					{ image: options.imageUrl },
					{ text: 'Anything else?', buttons: MENU },
				];
			case '/human':
				return [
					{ text: `Let me find a colleague in _${options.humanDepartment}_.` },
					{ custom: { action: 'handover', targetDepartment: options.humanDepartment } },
				];
			case '/bye':
				return [{ text: 'Goodbye! Closing the chat.' }, { custom: { action: 'close-chat' } }];
			default:
				return [{ text: `You said: ${text}` }, { text: 'Try one of these:', buttons: MENU }];
		}
	};
}
