#!/usr/bin/env node
// Validates an OpenAPI document with @apidevtools/swagger-parser and prints it, dereferenced, as JSON.
// A separate process because the validator's dependencies are ES modules that jest's module system cannot load.
import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2] ?? new URL('../docs/openapi.yaml', import.meta.url).pathname;
try {
	const document = await SwaggerParser.validate(file);
	process.stdout.write(JSON.stringify(document));
} catch (error) {
	console.error(`openapi: ${file} is not valid: ${error.message}`);
	process.exit(1);
}
