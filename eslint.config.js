import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import confab from './tooling/eslint/no-foreign-src.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'out/**', 'dist/**', 'data/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  // Workspaces meet through their package names, never through each other's files.
  { plugins: { confab }, rules: { 'confab/no-foreign-src': 'error' } },
  // Where code may run is enforced here: the desktop core runs under plain Node, never Electron.
  {
    files: ['apps/desktop/src/core/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core runs under Node; Electron calls go through src/main.' }] }] },
  },
  // The renderer is a web page: no Node built-ins, no Electron, and only types from the server side.
  {
    files: ['apps/desktop/src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the main process only through the preload bridge.' }],
          patterns: [
            { group: ['node:*', 'fs', 'path', 'child_process', 'better-sqlite3'], message: 'The renderer runs in a browser.' },
            { group: ['@confab/api', '@confab/api/*', '@confab/db'], allowTypeImports: true, message: 'Import only types from the server side.' },
          ],
        },
      ],
    },
  },
);
