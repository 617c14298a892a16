/**
 * Charter in an LSP editor other than VS Code: headless Neovim (Debian's neovim package)
 * attaches the bundled server to a markdown buffer; the test reads the diagnostics Neovim
 * shows. Needs nvim (test/support/requirements.ts: skipped with the reason outside CI, a
 * failure under CI=true; scripts/setup.sh installs it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { need } from '../support/requirements';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/server/team');

describe('Neovim (headless) with the server attached', function () {
  this.timeout(60000);

  it('shows Charter diagnostics in a markdown buffer', function () {
    need(this, 'nvim');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-nvim-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    const out = path.join(root, 'result.json');
    try {
      const r = spawnSync('nvim', ['--headless', '--clean', '-u', path.join(__dirname, 'init.lua'), path.join(root, 'docs/DECISIONS.md')], {
        env: { ...process.env, CHARTER_SERVER: SERVER, CHARTER_OUT: out, CHARTER_ROOT: root },
        timeout: 45000,
        encoding: 'utf8',
      });
      assert.ok(fs.existsSync(out), `nvim wrote no result (status ${r.status}): ${r.stderr}${r.stdout}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as { ok: boolean; diagnostics: { lnum: number; message: string; source: string; code?: string; severity: number }[] };
      assert.ok(result.ok, 'diagnostics arrived within the wait');
      const seen = result.diagnostics.map((d) => `${d.lnum + 1}:${d.source}:${d.message.split(':')[0]}`).sort();
      assert.deepEqual(seen, [
        '13:charter:Decision "Ship behind a flag" has 2 owners (Priya, Marco)',
        '15:charter:Decision "Keep the old endpoint" has no date and no decision; also recommended',
        '7:charter:Decision "Use trigram matching" is unowned',
      ]);
      // Neovim's severities: 2 = warning, 3 = info.
      assert.deepEqual(result.diagnostics.map((d) => d.severity).sort(), [2, 2, 3]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
