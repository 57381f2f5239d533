import { escapeHtml } from './markdown.js';

/** docs/openapi.yaml, rendered: the one source of the API reference, as JSON the build made of it. */

type Schema = {
	type?: string;
	description?: string;
	enum?: unknown[];
	properties?: Record<string, Schema>;
	required?: string[];
	items?: Schema;
	oneOf?: Schema[];
	allOf?: Schema[];
};
type Response = {
	description?: string;
	content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }>;
};
type Operation = {
	summary?: string;
	description?: string;
	requestBody?: { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> };
	responses?: Record<string, Response>;
};
type Document = {
	info: { title: string; version: string; description?: string };
	paths: Record<string, Record<string, Operation>>;
	components?: { schemas?: Record<string, Schema> };
};

/** The reference's own prose: paragraphs, `code`, fenced code blocks. */
function prose(text: string | undefined): string {
	if (!text) {
		return '';
	}
	const blocks = text.split(/```(?:\w+)?\n([\s\S]*?)```/);
	return blocks
		.map((block, index) =>
			index % 2
				? `<pre>${escapeHtml(block)}</pre>`
				: block
						.split(/\n\s*\n/)
						.filter((paragraph) => paragraph.trim())
						.map((paragraph) => `<p>${escapeHtml(paragraph).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
						.join(''),
		)
		.join('');
}

const json = (value: unknown) => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

function schemaTable(schema: Schema | undefined): string {
	const properties =
		schema?.properties ??
		schema?.allOf?.reduce<Record<string, Schema>>((all, part) => ({ ...all, ...(part.properties ?? {}) }), {});
	if (!properties || Object.keys(properties).length === 0) {
		return '';
	}
	const rows = Object.entries(properties).map(([name, property]) => {
		const type = property.enum
			? property.enum.map((value) => JSON.stringify(value)).join(' | ')
			: (property.type ?? 'any');
		const required = schema?.required?.includes(name) ? ' (required)' : '';
		return `<tr><td><code>${escapeHtml(name)}</code>${required}</td><td>${escapeHtml(type)}</td><td>${prose(property.description)}${schemaTable(property)}</td></tr>`;
	});
	return `<table><tr><th>Field</th><th>Type</th><th>Meaning</th></tr>${rows.join('')}</table>`;
}

function operation(path: string, method: string, spec: Operation): string {
	const body = Object.entries(spec.requestBody?.content ?? {})
		.map(
			([type, content]) =>
				`<h4>Body: ${escapeHtml(type)}</h4>${schemaTable(content.schema)}${Object.entries(content.examples ?? {})
					.map(([name, example]) => `<p>Example: ${escapeHtml(name)}</p>${json(example.value)}`)
					.join('')}`,
		)
		.join('');
	const responses = Object.entries(spec.responses ?? {})
		.map(([status, response]) => {
			const examples = Object.values(response.content ?? {}).flatMap((content) => [
				...(content.example !== undefined ? [content.example] : []),
				...Object.values(content.examples ?? {}).map((example) => example.value),
			]);
			return `<div class="response"><span class="status">${escapeHtml(status)}</span>${prose(response.description)}${examples.map(json).join('')}</div>`;
		})
		.join('');
	return `<section class="operation" id="${escapeHtml(path)}"><h3><span class="method">${escapeHtml(method.toUpperCase())}</span><code>${escapeHtml(path)}</code> ${escapeHtml(spec.summary ?? '')}</h3>${prose(spec.description)}${body}<h4>Answers</h4>${responses}</section>`;
}

async function render(): Promise<void> {
	const target = document.getElementById('reference');
	if (!target) {
		return;
	}
	const reference = (await (await fetch('/docs/openapi.json')).json()) as Document;
	const operations = Object.entries(reference.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, spec]) => operation(path, method, spec)),
	);
	target.innerHTML = `<h2>${escapeHtml(reference.info.title)} <small>${escapeHtml(reference.info.version)}</small></h2>${prose(reference.info.description)}${operations.join('')}`;
}

void render();
