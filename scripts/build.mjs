// Bundles the command-line checker (and, later, the server and the client) to CommonJS in dist/.
// unified and remark are ESM-only; bundling lets the CommonJS entry points use them.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'extension' },
];

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: !production,
      minify: production,
      external: ['vscode'],
      banner: e.banner ? { js: e.banner } : undefined,
      define: { CHARTER_VERSION: JSON.stringify(pkg.version) },
      logLevel: 'warning',
    }),
  ),
);
