/**
 * `createServer(connection, host)` keeps all its state in the server it makes: two servers
 * in one process, on two workspaces, over in-memory streams, never see each other's
 * documents, findings or settings. (The other server suites start the real process.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { createServer } from '../../server/src/lsp/createServer';
import { nodeHost } from '../../server/src/node/nodeHost';
import { DocumentsRequest, OwnershipRequest } from '../../server/src/lsp/protocol';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'workspaces');

interface InProcess {
  client: MessageConnection;
  diagnostics: Map<string, { code?: string | number }[]>;
}

function start(root: string): InProcess {
  const up = new PassThrough();
  const down = new PassThrough();
  createServer(createConnection(new StreamMessageReader(up), new StreamMessageWriter(down)), nodeHost()).listen();
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const diagnostics = new Map<string, { code?: string | number }[]>();
  client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: string | number }[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('window/workDoneProgress/create', () => null);
  client.onNotification('window/logMessage', (p: { message: string }) => {
    if (process.env.DEBUG_FACTORY) console.log(p.message);
  });
  client.listen();
  void root;
  return { client, diagnostics };
}

async function initialize(s: InProcess, root: string): Promise<void> {
  // A client as bare as they come (no capabilities at all, not even workspace folders): it is indexed all the same.
  await s.client.sendRequest('initialize', {
    processId: null,
    rootUri: URI.file(root).toString(),
    capabilities: {},
    workspaceFolders: [{ uri: URI.file(root).toString(), name: path.basename(root) }],
  });
  await s.client.sendNotification('initialized', {});
  // Charter's requests wait until the index is ready.
  await s.client.sendRequest(OwnershipRequest.type, {});
}

describe('createServer: a factory with no module state', () => {
  const roots: string[] = [];
  const servers: InProcess[] = [];
  before(async function () {
    this.timeout(60_000);
    for (const name of ['team', 'two-teams']) {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), `charter-factory-${name}-`));
      fs.cpSync(path.join(FIXTURES, name), root, { recursive: true });
      roots.push(root);
      servers.push(start(root));
    }
    await Promise.all(servers.map((s, i) => initialize(s, roots[i])));
  });
  after(() => {
    for (const s of servers) s.client.dispose();
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  it('two servers in one process each know only their own workspace', async () => {
    for (let i = 0; i < 2; i++) {
      const docs = await servers[i].client.sendRequest(DocumentsRequest.type, {});
      assert.ok(docs.length > 0);
      const prefix = URI.file(roots[i]).toString() + '/';
      assert.ok(
        docs.every((d) => d.uri.startsWith(prefix)),
        `server ${i} lists only ${roots[i]}`,
      );
      const owners = await servers[i].client.sendRequest(OwnershipRequest.type, {});
      assert.deepEqual(
        owners.folders.map((f) => f.uri),
        [URI.file(roots[i]).toString()],
      );
    }
  });

  it('each publishes findings for its own documents only, and an edit in one leaves the other alone', async () => {
    for (let i = 0; i < 2; i++) {
      const prefix = URI.file(roots[i]).toString() + '/';
      assert.ok(servers[i].diagnostics.size > 0, `server ${i} published`);
      for (const uri of servers[i].diagnostics.keys()) assert.ok(uri.startsWith(prefix), uri);
    }
    const [a, b] = servers;
    const sdd = URI.file(path.join(roots[0], 'docs/sdd/search-filters.md')).toString();
    const before = new Map(b.diagnostics);
    const text = fs.readFileSync(path.join(roots[0], 'docs/sdd/search-filters.md'), 'utf8').replace(/^## Milestones[\s\S]*/m, '');
    await a.client.sendNotification('textDocument/didOpen', { textDocument: { uri: sdd, languageId: 'markdown', version: 1, text } });
    const deadline = Date.now() + 10_000;
    while (!(a.diagnostics.get(sdd) ?? []).some((d) => d.code === 'missing-section') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(
      (a.diagnostics.get(sdd) ?? []).some((d) => d.code === 'missing-section'),
      'the edited SDD misses its When',
    );
    assert.deepEqual(b.diagnostics, before, 'the other server published nothing');
  });
});
