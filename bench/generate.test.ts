/**
 * The benchmark's workspace generator is deterministic: the same seed and count give
 * byte-identical trees; another seed gives another tree; the planted problems are the only
 * findings. Not part of `npm test` (bench/ is outside the mocha spec); run it with
 *
 *   npx mocha --no-config --require tsx/cjs --timeout 120000 bench/generate.test.ts
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from './generate';

function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const ent of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!ent.isFile()) continue;
    const abs = path.join(ent.parentPath, ent.name);
    out.set(path.relative(root, abs), crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex'));
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe('bench/generate.ts', function () {
  this.timeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-gen-test-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the same seed gives byte-identical output; another seed does not', () => {
    const a = generateWorkspace(path.join(tmp, 'a'), { count: 400, seed: 7 });
    const b = generateWorkspace(path.join(tmp, 'b'), { count: 400, seed: 7 });
    const c = generateWorkspace(path.join(tmp, 'c'), { count: 400, seed: 8 });
    assert.deepEqual(a, b);
    const ha = hashTree(path.join(tmp, 'a'));
    assert.equal(ha.size, a.files);
    assert.deepEqual([...ha], [...hashTree(path.join(tmp, 'b'))]);
    const hc = hashTree(path.join(tmp, 'c'));
    assert.notDeepEqual([...ha.values()], [...hc.values()]);
    assert.equal(c.documents, 400);
  });

  it('writes the kinds, sizes and entry counts it promises', () => {
    const s = generateWorkspace(path.join(tmp, 'd'), { count: 1000, seed: 1 });
    assert.equal(s.documents, 1000);
    assert.equal(s.byKind.charter.files, 1);
    assert.equal(s.byKind['decision-log'].files, 10);
    assert.ok(s.byKind.prd.files > 350 && s.byKind.sdd.files > 300 && s.byKind.adr.files > 200);
    assert.equal(s.maxEntries, 2000);
    assert.ok(s.largest[0].bytes <= 200 * 1024, `largest ${s.largest[0].bytes}`);
    const small = s.sizeBuckets[0].files / s.files;
    assert.ok(small > 0.4, `most files are small (${small})`);
    assert.ok(s.withProblems > 60 && s.withProblems < 140, `about 10% with problems (${s.withProblems})`);
  });

  it('Charter recognises every generated document, and finds problems only where they were planted', function () {
    const cli = path.resolve(__dirname, '../dist/cli.js');
    if (!fs.existsSync(cli)) this.skip();
    const root = path.join(tmp, 'd');
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    const rep = JSON.parse(r.stdout) as { summary: { documents: number; files: number }; files: { path: string; diagnostics: unknown[] }[] };
    assert.equal(rep.summary.documents, 1000);
    const withFindings = rep.files.filter((f) => f.diagnostics.length > 0).length;
    const planted = generateWorkspace(path.join(tmp, 'e'), { count: 1000, seed: 1 }).withProblems;
    assert.equal(withFindings, planted);
  });
});
