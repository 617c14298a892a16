/**
 * The persisted index (server/src/node/store.ts) and a folder's warm start from it (folder.ts),
 * on a copy of a fixture workspace on disk, with no server process: what a warm start
 * restores must give exactly the findings a cold start gives.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileStore, pack, unpack } from '../../server/src/node/store';
import { Folder } from '../../server/src/lsp/folder';
import { nodeHost } from '../../server/src/node/nodeHost';
import { FIXTURES } from './harness';

function findingsOf(f: Folder): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of [...f.index.documents.keys()].sort()) out[p] = JSON.stringify(f.index.findings(p));
  return out;
}

describe('persisted index', () => {
  let root: string;
  let storage: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-store-'));
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-storage-'));
    fs.cpSync(path.join(FIXTURES, 'workspaces', 'team'), root, { recursive: true });
    fs.writeFileSync(path.join(root, 'docs/prd/mock.png'), 'not really a picture');
    fs.appendFileSync(path.join(root, 'docs/prd/search-filters.md'), '\n![Mock-up](mock.png)\n');
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('packs ranges as four numbers and unpacks them to the same data', () => {
    const data = {
      a: { start: { line: 1, character: 2 }, end: { line: 3, character: 4 } },
      list: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, names: ['x'] }],
      n: null,
      u: undefined,
      notRange: { start: 1, end: 2 },
    };
    const packed = pack(data);
    assert.deepEqual(JSON.parse(JSON.stringify(packed)).a, { '~': [1, 2, 3, 4] });
    assert.deepEqual(unpack(JSON.parse(JSON.stringify(packed))), JSON.parse(JSON.stringify(data)));
  });

  it('a warm start reads no file and gives the cold start findings; a file gone since is seen', async () => {
    const host = nodeHost();
    const store = fileStore(storage);
    const cold = new Folder(root, 'team', host);
    await cold.load(() => {}, store);
    const coldFindings = findingsOf(cold);
    assert.ok(
      Object.values(coldFindings).some((f) => f !== '[]'),
      'the fixture has findings',
    );
    cold.persist(store);
    const stored = fs.readdirSync(storage);
    assert.equal(stored.length, 1);
    assert.ok(!fs.readFileSync(path.join(storage, stored[0]), 'utf8').includes('"character"'), 'ranges are packed');

    const warm = new Folder(root, 'team', host);
    await warm.load(() => {}, store);
    assert.equal(warm.filesRead, 0);
    assert.deepEqual(findingsOf(warm), coldFindings);

    // Between sessions the picture goes: no markdown file changed, but the PRD's link broke.
    fs.rmSync(path.join(root, 'docs/prd/mock.png'));
    const third = new Folder(root, 'team', host);
    await third.load(() => {}, store);
    assert.equal(third.filesRead, 0, 'documents are still restored, not read');
    const prd = JSON.parse(findingsOf(third)['docs/prd/search-filters.md']) as { rule: string; message: string }[];
    assert.ok(
      prd.some((d) => d.rule === 'broken-link' && d.message.includes('mock.png')),
      JSON.stringify(prd),
    );
  });

  it('ignores a persisted file that is damaged, from another format, or for another configuration', async () => {
    const host = nodeHost();
    const store = fileStore(storage);
    const cold = new Folder(root, 'team', host);
    await cold.load(() => {}, store);
    cold.persist(store);
    const file = path.join(storage, fs.readdirSync(storage)[0]);
    const good = fs.readFileSync(file, 'utf8');
    for (const bad of [
      good.slice(0, good.length / 2),
      good.replace('"format":3', '"format":2'),
      good.slice(0, good.lastIndexOf('\n', good.length - 2) + 5),
      '\u0000\u0001binary',
      '',
    ]) {
      fs.writeFileSync(file, bad);
      const f = new Folder(root, 'team', host);
      await f.load(() => {}, store);
      assert.ok(f.filesRead > 0, 'read from disk instead');
      assert.deepEqual(findingsOf(f), findingsOf(cold));
    }
    fs.writeFileSync(file, good);
    fs.writeFileSync(path.join(root, '.charter.yaml'), 'rules:\n  unowned-decision: off\n');
    const other = new Folder(root, 'team', host);
    await other.load(() => {}, store);
    assert.ok(other.filesRead > 0, 'another configuration reads again');
  });
});
