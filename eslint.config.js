import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Process boundaries are enforced here as well as by each folder's tsconfig:
// the renderer never imports Node, Electron or main; main never imports the renderer.
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'e2e/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['bin/**/*.js', '.ci/**/*.mjs', 'e2e/**/*.{ts,js}', '*.config.{ts,js}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*', 'better-sqlite3'], message: 'The renderer runs in a sandbox: no Node or Electron.' },
            { group: ['**/main/**', '../../main/*'], message: 'The renderer talks to main only through the bridge (renderer/src/api).' },
            {
              group: ['**/preload/index*'],
              message: 'Only the contract (and wire) may be imported from preload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'main never imports the renderer.' }] },
      ],
    },
  },
  {
    files: ['preload/contract.ts', 'preload/wire.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'node:*', '*'], message: 'The contract is environment-neutral: it imports nothing.' }] },
      ],
    },
  },
);
