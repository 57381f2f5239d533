/** One jest run for every test: unit tests of the modules and end-to-end tests of the packaged app in the sandbox. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/sandbox/test', '<rootDir>/compat/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	// The end-to-end suites start the Apps-Engine runtime; they set their own, longer timeouts.
	testTimeout: 10000,
	globalSetup: '<rootDir>/test/e2e/support/globalSetup.ts',
};
