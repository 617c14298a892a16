// ESLint flat config: the recommended JavaScript and TypeScript rules, and the layers of
// server/src (see CONTRIBUTING.md, "Layout"): no import runs back up a layer.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-test/**',
      'node_modules/**',
      '.vscode-test/**',
      '.bench/**',
      'examples/**',
      '**/*.d.ts',
      'test/fixtures/**',
      'test/realworld/.results/**',
      'test/reliability/.results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        AbortController: 'readonly',
        fetch: 'readonly',
      },
    },
  },
  {
    // An argument a signature needs but the body does not use is named with a leading _.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  {
    // Charter's own LSP messages follow the protocol's convention: a message's method, its
    // types and its type object under one name (OwnershipRequest.type, OwnershipRequest.Params).
    files: ['server/src/lsp/protocol.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // CommonJS files: the mocha settings and the e2e smoke scripts that code-server loads.
    files: ['**/*.cjs', 'test/e2e/smoke/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { describe: 'readonly', it: 'readonly', before: 'readonly', after: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read JSON a process printed (SARIF, findings, LSP answers): its shape is what they assert.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
