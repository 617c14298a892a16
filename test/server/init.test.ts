/**
 * `charter/init` over stdio: the proposed `.charter.yaml` for a workspace folder, the same as
 * `charter init` prints, read with the built-in defaults and the editor's text of open
 * documents; the server writes nothing, and reads the file once the client has written it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { indexedServer, stopAndRemove, TestClient } from './lspClient';
import { CLI, ensureBuilt } from '../cli/helpers';
import { InitRequest } from '../../server/src/lsp/protocol';
import { parseConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(REPO, 'test/fixtures/server/team');

/** Every file under a root and its content. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out.set(r, fs.readFileSync(path.join(root, r), 'utf8'));
    }
  };
  walk('');
  return out;
}

describe('charter/init over stdio', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  before(ensureBuilt);

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-init-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    client = await indexedServer(root);
  });

  afterEach(() => stopAndRemove(client, root));

  const init = (folder?: string) => client.request(InitRequest.type, folder ? { folder } : {}) as Promise<InitRequest.Result>;

  it('proposes what charter init prints, for the folder, and writes nothing', async () => {
    const before = snapshot(root);
    const r = await init(client.uri(''));
    const cli = spawnSync(process.execPath, [CLI, 'init', '--root', root], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(r.yaml, cli.stdout, 'the server and the checker propose the same text');
    assert.deepEqual(parseConfig(r.yaml, RULE_IDS).problems, []);
    assert.equal(r.exists, true, 'the fixture has its .charter.yaml; the proposal is read without it');
    assert.doesNotMatch(r.yaml, /owner-role-mismatch/);
    assert.equal(r.uri, client.uri('.charter.yaml'));
    assert.equal(r.name, path.basename(root));
    // The team's one SDD has How and Who but no When: its sections are written down.
    assert.match(r.yaml, /\n {2}sdd:\n(?: {4}#[^\n]*\n)+ {4}sections:\n {6}- \{ name: How, area: how \}\n {6}- \{ name: Who, area: who \}\n/);
    assert.ok(r.summary.includes('kind sdd: sections How, Who required; When not'), r.summary.join('\n'));
    assert.deepEqual(snapshot(root), before);
  });

  it("reads the editor's text of open documents, and the defaults whatever .charter.yaml says", async () => {
    fs.writeFileSync(path.join(root, '.charter.yaml'), 'rules:\n  missing-section: off\n');
    await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Created }]);
    await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.length === 0);
    const first = await init();
    assert.equal(first.exists, true);
    assert.match(first.yaml, /\n {2}sdd:\n/, 'the configuration in force is not what the proposal is read with');
    // Unsaved: the SDD now says when. The proposal follows the text in the editor.
    const rel = 'docs/sdd/search.sdd.md';
    await client.open(rel, `${fs.readFileSync(path.join(root, rel), 'utf8')}\n## When\n\nBeta in May.\n`);
    const second = await init();
    assert.doesNotMatch(second.yaml, /\n {2}sdd:\n/);
    assert.equal(fs.readFileSync(path.join(root, '.charter.yaml'), 'utf8'), 'rules:\n  missing-section: off\n');
  });

  it('once the client writes the proposal, the folder is checked under it', async () => {
    await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.some((x) => x.code === 'missing-section'));
    const r = await init();
    fs.writeFileSync(path.join(root, '.charter.yaml'), r.yaml);
    await client.watched([{ uri: r.uri, type: FileChangeType.Created }]);
    // The folder's policy on When is answered by the team's sections; its contract still stands.
    await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.length === 0);
    assert.deepEqual(client.diagnosticsOf('.charter.yaml'), []);
    const log = await client.waitForDiagnostics('docs/DECISIONS.md', (d) => d.length === 3);
    assert.deepEqual(log.map((d) => `${d.range.start.line + 1}:${d.code}`).sort(), ['13:multiple-owners', '15:missing-decision-field', '7:unowned-decision']);
  });
});
