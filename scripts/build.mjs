// Bundles the command-line checker, the language server, the VS Code client and the GitHub
// Action's entry to CommonJS in dist/ (and, with --e2e, the extension's test suite to
// dist-test/). unified and remark are ESM-only; bundling lets the CommonJS entry points use them.
// `npm install` and `npm ci` run it too (the prepare script), so that the Action and the
// pre-commit hook, which install Charter from its repository, get dist/.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const e2e = process.argv.includes('--e2e');

const entries = e2e
  ? [{ in: 'test/e2e/suite/index.ts', out: 'dist-test/e2e/index', external: ['vscode', 'mocha'] }]
  : [
      { in: 'server/src/cli/cli.ts', out: 'dist/cli', banner: '#!/usr/bin/env node' },
      { in: 'server/src/lsp/server.ts', out: 'dist/server' },
      { in: 'server/src/node/worker.ts', out: 'dist/worker' },
      // The GitHub Action's entry (action.yml runs it after building in the action's folder).
      { in: 'server/src/cli/action.ts', out: 'dist/action' },
      { in: 'client/src/extension.ts', out: 'dist/extension' },
    ];

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: !production,
      minify: production,
      external: e.external ?? ['vscode'],
      banner: e.banner ? { js: e.banner } : undefined,
      define: { CHARTER_VERSION: JSON.stringify(pkg.version) },
      logLevel: 'warning',
    }),
  ),
);
