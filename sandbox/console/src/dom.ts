import { ApiError } from './api.js';

/** The console's page helpers: its elements by id, new elements, and the notice bar where outcomes and errors show. */

export const byId = <T extends HTMLElement>(id: string): T => {
	const element = document.getElementById(id);
	if (!element) {
		throw new Error(`The page has no #${id}`);
	}
	return element as T;
};

export function element<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	options: { className?: string; text?: string; html?: string; attributes?: Record<string, string> } = {},
	...children: Array<Node | undefined>
): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	if (options.className) {
		node.className = options.className;
	}
	if (options.text !== undefined) {
		node.textContent = options.text;
	}
	if (options.html !== undefined) {
		node.innerHTML = options.html;
	}
	for (const [name, value] of Object.entries(options.attributes ?? {})) {
		node.setAttribute(name, value);
	}
	for (const child of children) {
		if (child) {
			node.appendChild(child);
		}
	}
	return node;
}

export function notice(text: string, kind: 'info' | 'error' = 'info'): void {
	const bar = byId('notice');
	bar.textContent = text;
	bar.className = `notice ${kind}`;
	if (kind === 'info') {
		window.setTimeout(() => {
			if (bar.textContent === text) {
				bar.textContent = '';
				bar.className = 'notice';
			}
		}, 4000);
	}
}

export const failed = (what: string) => (error: unknown) =>
	notice(`${what}: ${error instanceof ApiError || error instanceof Error ? error.message : String(error)}`, 'error');
