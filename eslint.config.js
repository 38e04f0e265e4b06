// ESLint enforces the layering the README's code map describes, so a boundary is a failing test rather than a
// paragraph someone has to remember. `npm test` runs it first (`npm run lint`).
//
//   src/core      pure TypeScript: no React, DOM, TipTap, fetch or storage; imports only core
//   src/editor    TipTap extensions: may import core, never features or the app
//   src/shared    the wire protocol and its client: imports only core and shared
//   src/storage   IndexedDB access: imports only core and storage
//   src/server    the proxy and sync server: never the browser layers
//   src/features  UI by feature: another feature only through its public index.ts
//   src/app       the composition root: may import everything
//
// State has one home: no `let` and no empty Map/Set/WeakMap (a table filled at declaration is a constant) at module level in the browser layers; services
// created by the composition root (or the store) hold state instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const moduleState = [
  {
    selector: 'Program > VariableDeclaration[kind="let"]',
    message: 'No mutable state at module level: keep it in a service built by src/app or in the store.',
  },
  {
    selector: 'Program > ExportNamedDeclaration > VariableDeclaration[kind="let"]',
    message: 'No mutable state at module level: keep it in a service built by src/app or in the store.',
  },
  {
    selector: 'Program > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/][arguments.length=0]',
    message: 'No Map/Set at module level: keep it in a service built by src/app or in the store.',
  },
  {
    selector: 'Program > ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > NewExpression[callee.name=/^(Map|Set|WeakMap|WeakSet)$/][arguments.length=0]',
    message: 'No Map/Set at module level: keep it in a service built by src/app or in the store.',
  },
];

const layer = (name, patterns) => ({ group: patterns, message: `${name} layer boundary (see eslint.config.js).` });

export default tseslint.config(
  { ignores: ['dist*/**', 'node_modules/**', 'test-results*/**', 'playwright-report/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // The type checker already covers these; keep lint about structure, not style.
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/ban-ts-comment': 'off',
      'no-empty': 'off',
      'no-control-regex': 'off',
      'no-useless-escape': 'off',
      'no-constant-condition': 'off',
      'no-cond-assign': 'off',
      'no-misleading-character-class': 'off',
      'no-useless-assignment': 'off',
      'preserve-caught-error': 'off',
      'prefer-const': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        layer('core', ['react', 'react-dom', 'react/*', '@tiptap/*', 'zustand', 'zustand/*', '@tanstack/*', 'idb', 'yjs', 'dompurify', 'mammoth']),
        // The wire protocol's types and limits are pure data; the client that fetches is not.
        layer('core', ['**/editor/**', '**/features/**', '**/app/**', '**/storage/**', '**/server/**', '**/shared/generateClient*', '**/shared/collab*']),
      ] }],
      'no-restricted-globals': ['error', 'fetch', 'window', 'document', 'localStorage', 'indexedDB', 'navigator', 'XMLHttpRequest', 'WebSocket'],
    },
  },
  {
    files: ['src/editor/**/*.ts', 'src/editor/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('editor', ['**/features/**', '**/app/**', '**/server/**'])] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('shared', ['**/features/**', '**/app/**', '**/editor/**', '**/server/**', '**/storage/**', 'react'])] }],
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer('storage', ['**/features/**', '**/app/**', '**/editor/**', '**/server/**', 'react'])] }],
    },
  },
  // The server never imports the browser layers. Import paths are relative, so the pattern depends on depth:
  // from src/server/a/b.ts, `../../app` is the browser's src/app while `../app` is the server's own app.ts.
  ...[1, 2, 3, 4].map((depth) => ({
    files: [`src/server/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: `^(\\.\\./){${depth}}(features|app|editor|storage)(/|$)`, message: 'server layer boundary: the server never imports the browser layers.' },
        layer('server', ['react', 'react-dom', '@tiptap/*']),
      ] }],
    },
  })),
  {
    // A feature reaches another only through its public index.ts: `../other` is fine, `../other/file` is not.
    files: ['src/features/**/*.ts', 'src/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^\\.\\./[^./][^/]*/.+', message: 'Import another feature through its index.ts (`../name`), not its files.' },
        layer('features', ['**/server/**']),
      ] }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/editor/**/*.ts', 'src/editor/**/*.tsx', 'src/features/**/*.ts', 'src/features/**/*.tsx', 'src/shared/**/*.ts', 'src/storage/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-syntax': ['error', ...moduleState] },
  },
  {
    // Known debt, listed so it shrinks rather than spreads: module-level singletons that predate the engine's
    // services (editor registry, metrics engine, provenance tally, count buffers, lazy-mount observer, the
    // Write-all queue, the job write chain and the Markdown manager). New files get the rule.
    files: [
      'src/editor/registry.ts', 'src/editor/markdown.ts',
      'src/features/quality/metricsEngine.ts', 'src/features/quality/provenance.ts', 'src/features/quality/watch.ts',
      'src/features/quality/editorExtensions.ts', 'src/features/section/LazyMount.tsx', 'src/features/section/SectionEditor.tsx',
      'src/features/generation/writeAll.ts',
      'src/storage/jobs.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
