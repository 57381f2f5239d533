/**
 * The sandbox's own tests (engine host and workspace model), runnable on their own:
 *   npx jest --config sandbox/jest.config.js
 * They use the project's tsconfig, like the main jest config, so they can later join its roots.
 */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/sandbox/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	testTimeout: 10000,
};
