import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Layer rules (DESIGN.md, Conventions): shared imports nothing platform-specific; the renderer imports
// only shared and its own files; only src/main/index.ts and the preload import electron.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'http', 'url'];

export default tseslint.config(
  { ignores: ['out/**', 'build/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig } },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', ...nodeBuiltins, '**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared is platform-free: it may import only zod and other shared files.' }] }],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', ...nodeBuiltins, '**/main/**', '**/preload/**', 'better-sqlite3', 'onnxruntime-node'], message: 'The renderer talks to the Node side only through lib/api.ts and imports only src/shared.' }] }],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', '**/renderer/**', '**/preload/**'], message: 'Only src/main/index.ts imports electron; the Node side never imports the renderer.' }] }],
    },
  },
);
