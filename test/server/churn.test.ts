/**
 * The server under churn: thousands of edits, open/close storms, a renamed folder of 1,000
 * documents and a config rewritten 100 times leave it alive, its diagnostics current (none
 * left behind on paths that are gone), and its heap back where it started.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient } from './lspClient';
import { StatsRequest } from '../../server/src/lsp/protocol';

const MB = 1024 * 1024;

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-churn-'));
  fs.cpSync(path.resolve(__dirname, '../fixtures/server/team'), dir, { recursive: true });
  // A folder of 1,000 documents to rename (the odd ones lack a What), and a 20 KB decision log to type in.
  fs.mkdirSync(path.join(dir, 'docs/area/prd'), { recursive: true });
  for (let i = 0; i < 1000; i++) {
    const what = i % 2 ? '' : `\n## What\n\nThing ${i}.\n`;
    fs.writeFileSync(path.join(dir, `docs/area/prd/p${i}.md`), `---\nowner: Priya Raman\n---\n# P${i}\n\n## Why\n\nBecause ${i}.\n${what}`);
  }
  const entries = Array.from(
    { length: 200 },
    (_, i) =>
      `## Decision ${i}\n\n- **Date**: 2026-01-${String((i % 28) + 1).padStart(2, '0')}\n- **Decision**: Option ${i} over option ${i + 1}.\n- **Decision maker**: ${i % 2 ? 'Marco Bianchi' : 'Priya Raman'}\n`,
  );
  fs.mkdirSync(path.join(dir, 'docs/big'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'docs/big/DECISIONS.md'), `# Big log\n\n${entries.join('\n')}`);
  return dir;
}

describe('language server under churn', function () {
  this.timeout(120000);

  it('stays alive, current and flat in memory over edits, open/close storms and a folder rename', async () => {
    const root = workspace();
    const client = new TestClient(root, ['--expose-gc']);
    try {
      await client.initialize();
      await client.ready();
      const stats = () => client.request(StatsRequest.type);
      const rel = 'docs/big/DECISIONS.md';
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      assert.ok(text.length > 20000, `a big log (${text.length} bytes)`);
      await client.open(rel, text);
      await client.waitForDiagnostics(rel, () => true);
      const hoverAt = () => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line: 2, character: 4 } });

      const churn = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const at = { line: 0, character: 2 };
          await client.change(rel, [i % 2 ? { range: { start: at, end: { line: 0, character: 3 } }, text: '' } : { range: { start: at, end: at }, text: 'x' }]);
          if (i % 100 === 99) await hoverAt(); // forces an analysis of the newest text
        }
        await hoverAt();
      };
      await churn(500);
      const before = await stats();
      await churn(2000);
      // An open/close storm on other documents.
      for (let i = 0; i < 200; i++) {
        const p = `docs/area/prd/p${i % 1000}.md`;
        await client.open(p, fs.readFileSync(path.join(root, p), 'utf8'));
        await client.close(p);
      }
      await hoverAt();
      const after = await stats();
      const growth = (after.heapUsed - before.heapUsed) / MB;
      assert.ok(growth < 8, `heap grew by ${growth.toFixed(1)} MB over 2,000 edits and 200 open/close (from ${(before.heapUsed / MB).toFixed(1)} MB)`);
      assert.equal(after.openDocuments, 1);

      // The last edit's diagnostics are current: an unowned entry typed in shows up.
      const lines = text.split('\n').length;
      await client.change(rel, [
        {
          range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } },
          text: '\n## Late entry\n\n- **Date**: 2026-02-02\n- **Decision**: Something.\n- **Decision maker**: TBD\n',
        },
      ]);
      await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'unowned-decision'));

      // A folder of 1,000 documents renamed: all still documents, their findings on the new
      // paths, and none left behind under the old ones.
      await client.waitForDiagnostics('docs/area/prd/p1.md', (d) => d.some((x) => x.code === 'missing-section'));
      fs.renameSync(path.join(root, 'docs/area'), path.join(root, 'docs/zone'));
      await client.watched([
        { uri: client.uri('docs/area'), type: FileChangeType.Deleted },
        { uri: client.uri('docs/zone'), type: FileChangeType.Created },
      ]);
      await client.waitForDiagnostics('docs/zone/prd/p999.md', (d) => d.some((x) => x.code === 'missing-section'));
      // As below: the documents are published one after another, so wait for all of them.
      const stale = () => [...client.diagnostics.values()].filter((p) => p.uri.includes('/docs/area/') && p.diagnostics.length > 0);
      const withFindings = () => [...client.diagnostics.values()].filter((p) => p.uri.includes('/docs/zone/prd/') && p.diagnostics.length > 0);
      await client.waitFor(() => stale().length === 0 && withFindings().length === 500, 30000, 'the renamed folder to be published').catch(() => undefined);
      assert.deepEqual(
        stale().map((p) => p.uri),
        [],
        'no findings left on the old paths',
      );
      assert.equal(withFindings().length, 500);
      const moved = await stats();
      assert.equal(moved.documents, before.documents, 'the same number of documents after the rename');

      // The config rewritten 100 times, flipping a rule: the findings follow the last version.
      const cfg = path.join(root, '.charter.yaml');
      for (let i = 0; i < 100; i++) {
        fs.writeFileSync(cfg, `rules:\n  missing-section: ${i % 2 ? 'warning' : 'off'}\n`);
        await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
      }
      // The last write (i = 99) turned the rule on: every odd document has its finding again.
      await client.waitForDiagnostics('docs/zone/prd/p1.md', (d) => d.some((x) => x.code === 'missing-section'), 30000);
      fs.writeFileSync(cfg, 'rules:\n  missing-section: off\n');
      await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
      // The server re-publishes the 1,000 documents one after another, in no set order: wait
      // for all of them (one document cleared says nothing of the others), then check.
      const withMissing = () => [...client.diagnostics.values()].filter((p) => p.diagnostics.some((x) => x.code === 'missing-section'));
      await client.waitFor(() => withMissing().length === 0, 30000, 'every missing-section to be withdrawn').catch(() => undefined);
      assert.deepEqual(
        withMissing().map((p) => p.uri),
        [],
        'no missing-section left once the rule is off',
      );

      const end = await stats();
      const settled = (end.heapUsed - before.heapUsed) / MB;
      assert.ok(settled < 8, `heap after all the churn is ${settled.toFixed(1)} MB above the baseline`);
      assert.equal(client.process.exitCode, null, 'the server is alive');
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
