// Bundles the command-line checker (and, later, the server and the client) to CommonJS in dist/.
// unified and remark are ESM-only; bundling lets the CommonJS entry points use them.
import { build } from 'esbuild';

const production = process.argv.includes('--production');

const entries = [
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
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
      logLevel: 'warning',
    }),
  ),
);
