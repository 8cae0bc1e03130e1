// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'http',
  'net',
];

/**
 * Boundaries are enforced here, not by hope:
 * - contract/ imports only zod and itself;
 * - core/ never imports electron, the renderer, or the transports;
 * - the renderer never imports Node, electron or the core (only the contract);
 * - only electron/, the preload and the Electron e2e suite import electron.
 */
export default tseslint.config(
  {
    ignores: [
      'out/**',
      'build/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            'bin/*.mjs',
            'scripts/*.mjs',
            'tests/e2e/support/*.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'electron may only be imported in src-main/electron and src-preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod$|\\.{1,2}/).*',
              message: 'The contract is pure: it imports only zod and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core runs under plain Node: never import electron.' },
          ],
          patterns: [
            {
              group: ['@renderer/*', 'react', 'react-dom', 'zustand'],
              message: 'The core has no UI.',
            },
            {
              group: ['**/electron/*', '**/server/*', '**/cli/*'],
              message: 'The core does not know its transports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The React Compiler is not used; TanStack Virtual's hook is used as its docs show.
      'react-hooks/incompatible-library': 'off',
      // Event handlers may be async; React ignores their return value.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer talks to the core only through the API client.',
            },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer has no Node and no file system.' },
            {
              group: [
                '@core/*',
                '**/src-main/core/*',
                '**/src-main/electron/*',
                '**/src-main/server/*',
              ],
              message: 'The renderer imports only @contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-preload/**/*.ts', 'tests/e2e/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
