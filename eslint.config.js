// Lint rules: typescript-eslint's recommended and strict sets; the project's few choices are here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'manifest/build/', '.data/', 'bot/tab/client/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A leading underscore marks what is dropped on purpose (`const { note: _n, ...rest } = a`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      eqeqeq: ['error', 'always'],
    },
  },
  // The architecture, checked: only bot/teams speaks botbuilder; storage, cards and the records know nothing of
  // the bot; the rules and the minutes readers are pure (no storage, no configuration).
  {
    files: ['bot/**/*.ts'],
    ignores: ['bot/teams/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'only bot/teams imports botbuilder' },
          ],
        },
      ],
    },
  },
  {
    files: ['storage/**/*.ts', 'cards/**/*.ts', 'model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/bot/**', 'botbuilder', 'botframework-*'],
              message: 'storage, cards and model import nothing from the bot',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bot/rules/**/*.ts', 'bot/minutes/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/storage/**',
                '**/config.ts',
                '@azure/*',
                'botbuilder',
                'botframework-*',
                'node:fs',
                'node:http',
                'node:net',
              ],
              message: 'the rules are pure: pass values in',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    // Tests read what they just checked is there; child processes get environments with variables removed by name.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-dynamic-delete': 'off' },
  },
);
