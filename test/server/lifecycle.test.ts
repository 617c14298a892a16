/**
 * The lifecycle rules through the real server over stdio: findings on closed records, a change
 * in one record reaching the record it supersedes, and the quick fixes as workspace edits — the
 * renumbering with its file rename offered only to a client that can rename files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InitializedNotification, InitializeRequest } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'workspaces', 'decision-life');

interface Action {
  title: string;
  edit?: {
    changes?: Record<string, { range: unknown; newText: string }[]>;
    documentChanges?: ({ textDocument: { uri: string }; edits: { newText: string }[] } | { kind: 'rename'; oldUri: string; newUri: string })[];
  };
}

describe('the lifecycle rules over LSP', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-life-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
  });
  afterEach(async () => {
    await client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  /** Starts the server as a client that can (or cannot) rename files in a workspace edit. */
  async function start(renames: boolean): Promise<void> {
    client = new TestClient(root);
    if (!renames) await client.initialize();
    else {
      await client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: client.uri(''),
        workspaceFolders: [{ uri: client.uri(''), name: 'decision-life' }],
        capabilities: {
          workspace: { workspaceFolders: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      });
      await client.connection.sendNotification(InitializedNotification.type, {});
    }
    await client.ready();
  }

  const text = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
  async function actions(rel: string, rule: string): Promise<Action[]> {
    const diags = await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === rule));
    const d = diags.find((x) => x.code === rule)!;
    return client.connection.sendRequest<Action[]>('textDocument/codeAction', { textDocument: { uri: client.uri(rel) }, range: d.range, context: { diagnostics: [d] } });
  }

  it('publishes the findings of closed records, and a change in one record reaches the one it supersedes', async () => {
    await start(false);
    await client.waitForDiagnostics('docs/adr/0002-use-rest.md', (d) => d.some((x) => x.code === 'supersede-mismatch'));
    await client.waitForDiagnostics('docs/adr/0006-feature-flags.md', (d) =>
      d.some((x) => x.code === 'review-overdue' && /its owner is Evan Mercer \(EM\)/.test(String(x.message))),
    );
    await client.waitForDiagnostics('docs/adr/0005-cache-sessions.md', (d) => d.some((x) => x.code === 'duplicate-number'));
    // 0004 stops saying it supersedes 0002: 0002's finding goes, without 0002 being opened.
    const grpc = 'docs/adr/0004-use-grpc.md';
    const before = text(grpc);
    await client.open(grpc, before);
    await client.change(grpc, [{ text: before.replace(/\nSupersedes .*\n/, '\n') }]);
    await client.waitForDiagnostics('docs/adr/0002-use-rest.md', (d) => !d.some((x) => x.code === 'supersede-mismatch'));
    await client.change(grpc, [{ text: before }]);
    await client.waitForDiagnostics('docs/adr/0002-use-rest.md', (d) => d.some((x) => x.code === 'supersede-mismatch'));
  });

  it('offers a status per lifecycle value, and writes the missing side of a supersession', async () => {
    await start(false);
    const search = 'docs/adr/0008-search.md';
    await client.open(search, text(search));
    const statuses = await actions(search, 'unknown-status');
    // Dated 2024-06-01, the record would be a stale proposal today: "Proposed" is not offered
    // (a fix never trades one finding for another).
    assert.deepEqual(
      statuses.map((a) => a.title),
      ['Set the status to "Accepted"', 'Set the status to "Rejected"', 'Set the status to "Deprecated"', 'Set the status to "Superseded"'],
    );
    assert.deepEqual(
      statuses[0].edit?.changes?.[client.uri(search)]?.map((e) => e.newText),
      ['Accepted'],
    );
    const rest = 'docs/adr/0002-use-rest.md';
    await client.open(rest, text(rest));
    const [side] = await actions(rest, 'supersede-mismatch');
    assert.equal(side.title, 'Mark this record superseded by 4. Use gRPC between services');
    assert.deepEqual(
      side.edit?.changes?.[client.uri(rest)]?.map((e) => e.newText),
      ['Superseded by [4. Use gRPC between services](0004-use-grpc.md)'],
    );
    // A client that cannot rename files is not offered the renumbering.
    const prices = 'docs/adr/0005-cache-prices.md';
    await client.open(prices, text(prices));
    assert.deepEqual(await actions(prices, 'duplicate-number'), []);
  });

  it('renumbers a record: its title, the links to it, then the file renamed', async () => {
    await start(true);
    const prices = 'docs/adr/0005-cache-prices.md';
    await client.open(prices, text(prices));
    const [fix] = await actions(prices, 'duplicate-number');
    assert.equal(fix.title, 'Renumber to 0009 (0009-cache-prices.md)');
    const changes = fix.edit?.documentChanges ?? [];
    assert.deepEqual(
      changes.map((c) =>
        'kind' in c ? `rename ${path.basename(c.oldUri)} → ${path.basename(c.newUri)}` : `${path.basename(c.textDocument.uri)}: ${c.edits.map((e) => e.newText).join(', ')}`,
      ),
      ['0005-cache-prices.md: 9', 'checkout.md: 0009-cache-prices.md', 'rename 0005-cache-prices.md → 0009-cache-prices.md'],
    );
  });
});
