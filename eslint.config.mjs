// Rocket.Chat's own ESLint config (type-aware, with Prettier), plus the few adjustments an Apps-Engine app needs.
import rocketChat from '@rocket.chat/eslint-config';

export default [
	...rocketChat,
	{
		ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'bench/results/'],
	},
	{
		files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
		languageOptions: {
			sourceType: 'commonjs',
			globals: {
				require: 'readonly',
				module: 'writable',
				process: 'readonly',
				__dirname: 'readonly',
				console: 'readonly',
			},
		},
	},
	{
		files: ['eslint.config.mjs'],
		languageOptions: { sourceType: 'module' },
	},
];
