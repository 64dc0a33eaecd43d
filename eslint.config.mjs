import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-demo/',
      'node_modules/',
      '.tmp/',
      '.strapi/',
      'types/',
      'coverage/',
      'scratch/',
      'test-artifacts/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Pure logic: a newcomer reads and tests it alone, with nothing of Strapi.
    files: ['server/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@strapi/*', 'koa', 'knex'],
              message: 'domain/ holds pure logic: no Strapi (or Koa, Knex) imports.',
            },
          ],
        },
      ],
    },
  },
  {
    // One namespace per route, with its Request and Response, as Strapi's own contracts.
    files: ['shared/contracts/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }] },
  },
  {
    files: ['admin/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // A rejected fetch is an unhandled rejection: every call awaits or handles its failure.
      '@typescript-eslint/no-floating-promises': 'error',
    },
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { project: './admin/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  }
);
