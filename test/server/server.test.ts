/**
 * Protocol tests: the bundled server, spawned over stdio, driven by a real LSP connection
 * on a copy of a fixture workspace.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  FileChangeType,
  HoverRequest,
  WorkspaceSymbolRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { indexedServer, messageOf, stopAndRemove, TestClient } from './lspClient';
import { ensureBuilt } from '../cli/helpers';
import { OwnershipRequest, OwnershipChangedNotification, StatsRequest } from '../../server/src/lsp/protocol';
import { ownerCandidates, readOwnership } from '../../client/src/ownershipModel';
import { builtinKinds } from '../../server/src/core/kinds';

const FIXTURE = path.resolve(__dirname, '../fixtures/server/team');

function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-server-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const doc = TextDocument.create('file:///x.md', 'markdown', 1, text);
  return TextDocument.applyEdits(doc, edits);
}

const rules = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();

describe('language server over stdio', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  before(ensureBuilt);

  beforeEach(async () => {
    root = copyFixture();
    client = await indexedServer(root);
  });

  afterEach(() => stopAndRemove(client, root));

  it('indexes the workspace with progress and publishes diagnostics for closed documents', async () => {
    const sdd = await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.length > 0);
    assert.deepEqual(rules(sdd), ['5:missing-section']);
    const d = sdd[0];
    assert.equal(d.source, 'charter');
    assert.equal(d.code, 'missing-section');
    assert.match(d.codeDescription!.href, /docs\/rules\/missing-section\.md$/);
    const log = await client.waitForDiagnostics('docs/DECISIONS.md', (x) => x.length === 3);
    assert.deepEqual(rules(log), ['13:multiple-owners', '15:missing-decision-field', '7:unowned-decision']);
    // Work-done progress: a begin and an end.
    const kinds = client.progress.map((p) => (p as { kind: string }).kind);
    assert.ok(kinds.includes('begin') && kinds.includes('end'), `progress kinds: ${kinds}`);
    // A clean document gets no diagnostics at all.
    assert.deepEqual(client.diagnosticsOf('docs/prd/search.prd.md'), []);
  });

  it('follows edits in an open document, by version', async () => {
    const rel = 'docs/sdd/search.sdd.md';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    await client.open(rel, text);
    await client.waitForDiagnostics(rel, (d) => d.length === 1);
    const lines = text.split('\n').length;
    const version = await client.change(rel, [
      { range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text: '\n## When\n\nBeta in May, everyone in June.\n' },
    ]);
    await client.waitForDiagnostics(rel, (d) => d.length === 0);
    assert.equal(client.diagnostics.get(client.uri(rel))!.version, version);
    // Typing a placeholder makes the section empty again.
    const now = applyEdits(text, [
      { range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, newText: '\n## When\n\nBeta in May, everyone in June.\n' },
    ]);
    const at = now.split('\n').findIndex((l) => l.startsWith('Beta'));
    await client.change(rel, [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 29 } }, text: 'TBD' }]);
    const ds = await client.waitForDiagnostics(rel, (d) => d.length === 1);
    assert.equal(ds[0].code, 'empty-section');
  });

  it('re-checks dependents: an SDD whose PRD was deleted, decisions whose owner left the charter', async () => {
    fs.rmSync(path.join(root, 'docs/prd/search.prd.md'));
    await client.watched([{ uri: client.uri('docs/prd/search.prd.md'), type: FileChangeType.Deleted }]);
    const sdd = await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.some((x) => x.code === 'broken-link'));
    assert.ok(String(sdd.find((x) => x.code === 'broken-link')!.message).includes('search.prd.md'));

    const charter = path.join(root, 'docs/CHARTER.md');
    const text = fs.readFileSync(charter, 'utf8').replace(/ {2}- \{ name: Lena Ortiz.*\n/, '');
    fs.writeFileSync(charter, text);
    await client.watched([{ uri: client.uri('docs/CHARTER.md'), type: FileChangeType.Changed }]);
    const log = await client.waitForDiagnostics('docs/DECISIONS.md', (d) => d.some((x) => x.code === 'unknown-owner'));
    assert.match(String(log.find((x) => x.code === 'unknown-owner')!.message), /Lena Ortiz/);
  });

  it('reloads .charter.yaml without a restart, and keeps the last good config when it is invalid', async () => {
    const cfg = path.join(root, '.charter.yaml');
    fs.writeFileSync(cfg, 'rules:\n  missing-section: off\n');
    await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.length === 0);

    fs.writeFileSync(cfg, 'rules:\n  missing-section: off\nkindz: {}\n');
    await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
    const problems = await client.waitForDiagnostics('.charter.yaml', (d) => d.length === 1);
    assert.equal(problems[0].code, 'invalid-config');
    assert.equal(problems[0].range.start.line, 2);
    assert.match(String(problems[0].message), /did you mean "kinds"/);
    // Still running on the last good config: missing-section stays off.
    assert.deepEqual(client.diagnosticsOf('docs/sdd/search.sdd.md'), []);

    fs.writeFileSync(cfg, '');
    await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics('.charter.yaml', (d) => d.length === 0);
    await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.length === 1);
  });

  it('applies each quick fix and checks the resulting text', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const fixes = async (rel: string, code: string) => {
      const text = fs.readFileSync(path.join(root, rel), 'utf8');
      await client.open(rel, text);
      const ds = await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === code));
      const diag = ds.find((x) => x.code === code)!;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: client.uri(rel) },
        range: diag.range,
        context: { diagnostics: [diag] },
      })) as CodeAction[];
      return { text, actions };
    };

    // Insert a missing section after the last section before it, with a skeleton.
    {
      const { text, actions } = await fixes('docs/sdd/search.sdd.md', 'missing-section');
      assert.equal(actions.length, 1);
      assert.equal(actions[0].title, 'Add a "When" section');
      const out = applyEdits(text, actions[0].edit!.changes![client.uri('docs/sdd/search.sdd.md')]);
      assert.ok(out.startsWith(text.trimEnd()), 'nothing before the insertion changes');
      assert.match(out, /## Who\n\nLena builds the index; Marco reviews\.\n\n## When\n\nThe dates it reaches which customers: milestones\.\n$/);
      // Never a trade: the missing section is not replaced by an empty one.
      await client.change('docs/sdd/search.sdd.md', [{ text: out }]);
      const after = await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => !d.some((x) => x.code === 'missing-section'));
      assert.deepEqual(
        after.map((x) => x.code),
        [],
        'no finding replaces the fixed one',
      );
      await client.change('docs/sdd/search.sdd.md', [{ text }]);
    }
    // Set a decision's owner to a person from the charter.
    {
      const { text, actions } = await fixes('docs/DECISIONS.md', 'unowned-decision');
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Set the owner to Priya Raman (PM)', 'Set the owner to Marco Bianchi (EM)', 'Set the owner to Lena Ortiz (Tech Lead)'],
      );
      const out = applyEdits(text, actions[1].edit!.changes![client.uri('docs/DECISIONS.md')]);
      assert.equal(out, text.replace('Decision maker: TBD', 'Decision maker: Marco Bianchi'));
    }
    // Turn a joint owner into one owner.
    {
      const { text, actions } = await fixes('docs/DECISIONS.md', 'multiple-owners');
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Make Priya the one owner', 'Make Marco the one owner'],
      );
      const out = applyEdits(text, actions[0].edit!.changes![client.uri('docs/DECISIONS.md')]);
      assert.equal(out, text.replace('- **Decided by**: Priya and Marco', '- **Decided by**: Priya'));
    }
    // Add the missing fields of a decision entry.
    {
      const { text, actions } = await fixes('docs/DECISIONS.md', 'missing-decision-field');
      assert.equal(actions.length, 1);
      const out = applyEdits(text, actions[0].edit!.changes![client.uri('docs/DECISIONS.md')]);
      assert.equal(out, text.replace('Decision maker: Lena Ortiz', `Decision maker: Lena Ortiz\nDate: ${today}\nDecision:\nContext:\nAlternatives:\nTrade-offs:`));
    }
  });

  it('completes owners, section headings and type values', async () => {
    const rel = 'docs/DECISIONS.md';
    const text = fs.readFileSync(path.join(root, rel), 'utf8') + '\n## New one\n\nDecision maker: \n';
    await client.open(rel, text);
    const line = text.split('\n').findIndex((l) => l === 'Decision maker: ');
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line, character: 16 } })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Priya Raman') && labels.includes('@marco') && labels.includes('PM'), labels.join(', '));

    const sdd = 'docs/sdd/search.sdd.md';
    const sddText = fs.readFileSync(path.join(root, sdd), 'utf8') + '\n## ';
    await client.open(sdd, sddText);
    const last = sddText.split('\n').length - 1;
    const sections = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: client.uri(sdd) },
      position: { line: last, character: 3 },
    })) as CompletionItem[];
    assert.deepEqual(
      sections.map((s) => s.label),
      ['When'],
    );

    const fresh = 'docs/new.md';
    await client.open(fresh, '---\ntype: \n---\n');
    const types = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: client.uri(fresh) },
      position: { line: 1, character: 6 },
    })) as CompletionItem[];
    assert.deepEqual(types.map((t) => t.label).slice(0, 5), ['prd', 'sdd', 'decision-log', 'adr', 'charter']);

    const adr = 'docs/adr/0002-x.md';
    await client.open(adr, '---\ndecision-makers:\n  - \n---\n# X\n');
    const people = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: client.uri(adr) },
      position: { line: 2, character: 4 },
    })) as CompletionItem[];
    assert.ok(people.some((p) => p.label === 'Lena Ortiz'));
  });

  it('hovers on section headings and owners', async () => {
    const rel = 'docs/sdd/search.sdd.md';
    await client.open(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
    const onHow = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line: 6, character: 4 } })) as Hover;
    const howText = (onHow.contents as MarkupContent).value;
    assert.match(howText, /How — the technical solution/);
    assert.match(howText, /The EM owns this area\. Owned by \*\*Marco Bianchi\*\*/);
    const onOwner = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(rel) }, position: { line: 1, character: 10 } })) as Hover;
    const ownerText = (onOwner.contents as MarkupContent).value;
    assert.match(ownerText, /\*\*Marco Bianchi\*\* — EM/);
    assert.match(ownerText, /Owns 2 decisions and 1 document\./);
  });

  it('lists document and workspace symbols, and goes to definitions', async () => {
    const rel = 'docs/DECISIONS.md';
    await client.open(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: client.uri(rel) } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, 'Decision log');
    assert.deepEqual(
      symbols[0].children!.map((c) => `${c.name} · ${c.detail}`),
      ['Use trigram matching · decision · unowned', 'Ship behind a flag · decision · Priya, Marco', 'Keep the old endpoint · decision · Lena Ortiz'],
    );

    const byOwner = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'lena' })) as SymbolInformation[];
    assert.deepEqual(
      byOwner.map((s) => s.name),
      ['Keep the old endpoint'],
    );
    const byTitle = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'trigram' })) as SymbolInformation[];
    assert.deepEqual(byTitle.map((s) => s.name).sort(), ['Use Postgres trigram indexes', 'Use trigram matching']);

    const sdd = 'docs/sdd/search.sdd.md';
    await client.open(sdd, fs.readFileSync(path.join(root, sdd), 'utf8'));
    const toPrd = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(sdd) }, position: { line: 2, character: 10 } })) as Location;
    assert.equal(toPrd.uri, client.uri('docs/prd/search.prd.md'));
    assert.equal(toPrd.range.start.line, 3);
    const toCharter = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(sdd) }, position: { line: 1, character: 9 } })) as Location;
    assert.equal(toCharter.uri, client.uri('docs/CHARTER.md'));
    assert.equal(toCharter.range.start.line, 4);
  });

  it('answers charter/ownership and says when it changes', async () => {
    const result = readOwnership(await client.request(OwnershipRequest.type, {}));
    assert.equal(result.folders.length, 1);
    const f = result.folders[0];
    assert.equal(f.charter, client.uri('docs/CHARTER.md'));
    assert.deepEqual(
      f.people.map((p) => `${p.name}:${p.role}`),
      ['Lena Ortiz:Tech Lead', 'Marco Bianchi:EM', 'Priya Raman:PM'],
    );
    const marco = f.people.find((p) => p.name === 'Marco Bianchi')!;
    assert.deepEqual(
      marco.areas.map((a) => a.area),
      ['how', 'who'],
    );
    assert.deepEqual(
      marco.documents.map((d) => d.uri),
      [client.uri('docs/sdd/search.sdd.md')],
    );
    assert.deepEqual(marco.decisions.map((d) => d.title).sort(), ['Ship behind a flag', 'Use Postgres trigram indexes']);
    assert.deepEqual(f.roles.map((r) => r.role).sort(), ['EM', 'PM', 'Tech Lead']);
    assert.equal(result.unownedCount, 1);
    assert.equal(f.unowned[0].title, 'Use trigram matching');
    assert.equal(f.unowned[0].range.start.line, 2);

    const before = client.notifications.filter((n) => n.method === OwnershipChangedNotification.method).length;
    const rel = 'docs/DECISIONS.md';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    await client.open(rel, text);
    const line = text.split('\n').indexOf('Decision maker: TBD');
    await client.change(rel, [{ range: { start: { line, character: 16 }, end: { line, character: 19 } }, text: 'Priya Raman' }]);
    await client.waitFor(() => client.notifications.filter((n) => n.method === OwnershipChangedNotification.method).length > before, 5000, 'charter/ownershipChanged');
    const last = client.notifications.filter((n) => n.method === OwnershipChangedNotification.method).pop()!;
    assert.deepEqual(last.params, { unownedCount: 0 });
  });

  it('names each document once in charter/ownership, a joint decision as one item with both owners', async () => {
    const raw = await client.request(OwnershipRequest.type, {});
    const f = raw.folders[0];
    const uris = f.documents.map((d) => d.uri);
    assert.deepEqual(uris, [...new Set(uris)]);
    assert.deepEqual(
      uris,
      ['docs/DECISIONS.md', 'docs/adr/0001-postgres-trigram.md', 'docs/prd/search.prd.md', 'docs/sdd/search.sdd.md'].map((rel) => client.uri(rel)),
    );
    assert.ok(
      f.documents.every((d) => d.items.every((i) => !('uri' in i))),
      'items carry no URI of their own',
    );
    const log = f.documents[0];
    const joint = log.items.find((i) => i.title === 'Ship behind a flag')!;
    assert.deepEqual([joint.what, joint.owners.map((o) => f.people[o].name).sort(), joint.joint], ['decision', ['Marco Bianchi', 'Priya Raman'], true]);
    const tbd = log.items.find((i) => i.title === 'Use trigram matching')!;
    assert.deepEqual([tbd.owners, tbd.written], [[], 'TBD']);
    // The sidebar's reading of it: the joint decision under each of its owners.
    const people = readOwnership(raw).folders[0].people;
    for (const name of ['Marco Bianchi', 'Priya Raman'])
      assert.ok(people.find((p) => p.name === name)!.decisions.some((d) => d.title === 'Ship behind a flag' && d.joint && d.uri === log.uri));
  });

  it('survives bad input: broken YAML, binary files, a folder rename, deletes while indexing, 1,000 edits in a second', async () => {
    // Broken front matter in an open document: an error at the YAML line, and the server lives.
    await client.open('docs/prd/broken.prd.md', '---\nowner: [Priya\n---\n# Broken\n');
    const broken = await client.waitForDiagnostics('docs/prd/broken.prd.md', (d) => d.some((x) => x.code === 'invalid-front-matter'));
    assert.ok(broken.find((x) => x.code === 'invalid-front-matter')!.range.start.line >= 1);
    // A binary file named .md appears on disk.
    fs.writeFileSync(path.join(root, 'docs/prd/blob.prd.md'), Buffer.from([0, 1, 2, 3, 0, 255, 254]));
    await client.watched([{ uri: client.uri('docs/prd/blob.prd.md'), type: FileChangeType.Created }]);
    // A folder of documents is renamed.
    fs.renameSync(path.join(root, 'docs/prd'), path.join(root, 'docs/product'));
    await client.watched([
      { uri: client.uri('docs/prd'), type: FileChangeType.Deleted },
      { uri: client.uri('docs/product'), type: FileChangeType.Created },
    ]);
    // The SDD's link is now broken, and says so.
    await client.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.some((x) => x.code === 'broken-link'));
    // 1,000 edits in a second on one document: the last text wins.
    const rel = 'docs/sdd/search.sdd.md';
    await client.open(rel, fs.readFileSync(path.join(root, rel), 'utf8'));
    const start = Date.now();
    for (let i = 0; i < 1000; i++) {
      await client.change(rel, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: i % 2 ? '' : '' }]);
    }
    await client.change(rel, [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: 'TBD\n\n' }]);
    assert.ok(Date.now() - start < 10000);
    await client.waitForDiagnostics(rel, (d) => d.some((x) => x.code === 'broken-link'));
    assert.equal(client.process.exitCode, null, 'the server is alive');
    // Deleted while indexing: a second server starts on a workspace whose files vanish.
    const other = new TestClient(root);
    await other.initialize();
    fs.rmSync(path.join(root, 'docs/adr'), { recursive: true });
    await other.ready();
    await other.stop();
    assert.ok(!/unexpected error/.test(client.logs.join('\n')), client.logs.join('\n'));
  });

  it('reads no .charter.yaml and no settings in an untrusted workspace', async () => {
    fs.writeFileSync(path.join(root, '.charter.yaml'), 'rules:\n  missing-section: off\n');
    const trusting = new TestClient(root);
    await trusting.initialize([root]);
    await trusting.ready();
    const untrusting = new TestClient(root);
    untrusting.settings = { rules: { 'multiple-owners': 'off' } };
    await untrusting.initialize([root], { trusted: false, settings: { rules: { 'unowned-decision': 'off' } } });
    await untrusting.ready();
    try {
      await untrusting.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.some((x) => x.code === 'missing-section'));
      await untrusting.waitForDiagnostics('docs/DECISIONS.md', (d) => d.some((x) => x.code === 'unowned-decision') && d.some((x) => x.code === 'multiple-owners'));
      // The trusted server, same files, reads the config.
      await trusting.waitForDiagnostics('docs/DECISIONS.md', (d) => d.length === 3);
      assert.deepEqual(trusting.diagnosticsOf('docs/sdd/search.sdd.md'), []);
    } finally {
      await trusting.stop();
      await untrusting.stop();
    }
  });

  it('starts warm from what it persisted, reading only what changed since', async () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-storage-'));
    const stats = (c: TestClient) => c.request(StatsRequest.type);
    try {
      const cold = new TestClient(root);
      await cold.initialize([root], { storagePath: storage });
      await cold.ready();
      const coldStats = await stats(cold);
      assert.ok(coldStats.filesRead >= 5, `cold start read ${coldStats.filesRead} files`);
      await cold.stop();
      await client.waitFor(() => fs.readdirSync(storage).some((f) => f.startsWith('charter-index-')), 5000, 'the persisted index');

      const warm = new TestClient(root);
      await warm.initialize([root], { storagePath: storage });
      await warm.ready();
      assert.equal((await stats(warm)).filesRead, 0, 'nothing read on a warm start with nothing changed');
      await warm.waitForDiagnostics('docs/DECISIONS.md', (d) => d.length === 3);
      await warm.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.length === 1);
      await warm.stop();

      // Between sessions the PRD goes away: the warm start sees it, and the SDD's link breaks.
      fs.rmSync(path.join(root, 'docs/prd/search.prd.md'));
      const third = new TestClient(root);
      await third.initialize([root], { storagePath: storage });
      await third.ready();
      await third.waitForDiagnostics('docs/sdd/search.sdd.md', (d) => d.some((x) => x.code === 'broken-link'));
      const read = (await stats(third)).filesRead;
      assert.ok(read < coldStats.filesRead, `read ${read} files, not all ${coldStats.filesRead}: the SDD's link is checked from the index`);
      await third.stop();
    } finally {
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });

  it('indexes every folder of a multi-root workspace', async () => {
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-second-'));
    try {
      fs.mkdirSync(path.join(second, 'prd'));
      fs.writeFileSync(path.join(second, 'prd/only.md'), '---\nowner: Someone\n---\n# Only\n\n## Why\n\nBecause.\n');
      const multi = new TestClient(root);
      await multi.initialize([root, second]);
      await multi.ready();
      await multi.waitFor(() => multi.logs.some((l) => /indexed \d+ documents/.test(l)), 5000, 'index');
      const uri = `file://${path.join(second, 'prd/only.md')}`;
      await multi.waitFor(() => (multi.diagnostics.get(uri)?.diagnostics.length ?? 0) === 1, 10000, 'diagnostics in the second folder');
      assert.equal(multi.diagnostics.get(uri)!.diagnostics[0].code, 'missing-section');
      await multi.stop();
    } finally {
      fs.rmSync(second, { recursive: true, force: true });
    }
  });
});

describe('language server: the ownership model as a writer of the example team sees it', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-examples-'));
    fs.cpSync(path.resolve(__dirname, '../../examples'), root, { recursive: true });
    client = new TestClient(root);
    await client.initialize();
    await client.ready();
  });

  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('offers the PM first as the owner of a new PRD, the EM first for a new SDD', async () => {
    const raw = await client.request(OwnershipRequest.type, {});
    const people = raw.folders.flatMap((f) => f.people.filter((p) => p.inCharter));
    // The model lists the charter's people by name: a Software Engineer comes first.
    assert.equal(people[0].name, 'Ada Okafor');
    const areasOf = (kind: string) =>
      builtinKinds()
        .find((k) => k.name === kind)!
        .sections.filter((s) => s.required && s.area)
        .map((s) => s.area!);
    // Offered first: the one whose role owns the kind's areas; the others keep their order.
    const offered = (kind: string) => ownerCandidates(people, areasOf(kind)).map((p) => `${p.name} (${p.role})`);
    assert.equal(offered('prd')[0], 'Priya Raman (PM)');
    assert.equal(offered('sdd')[0], 'Tomás Ortega (EM)');
    assert.deepEqual(
      offered('prd').slice(1),
      people.filter((p) => p.name !== 'Priya Raman').map((p) => `${p.name} (${p.role})`),
    );
    assert.deepEqual(people.find((p) => p.name === 'Priya Raman')!.owns, ['why', 'what']);
    assert.deepEqual(people.find((p) => p.name === 'Tomás Ortega')!.owns, ['how', 'who', 'when']);
  });

  it('does not flag as "not in the charter" an owner whose finding the team silenced', async () => {
    const model = readOwnership(await client.request(OwnershipRequest.type, {}));
    const people = model.folders[0].people;
    const lars = people.find((p) => p.name === 'Lars Eriksen')!;
    const dmitri = people.find((p) => p.name === 'Dmitri Volkov')!;
    assert.equal(lars.inCharter, false);
    assert.equal(lars.silenced, true, 'silenced with charter-disable-next-line unknown-owner');
    assert.equal(dmitri.silenced, undefined, 'his finding stands');
    assert.deepEqual(
      model.folders[0].roles.find((r) => r.role === 'Not in the charter')?.people.map((p) => p.name),
      ['Dmitri Volkov'],
    );
  });
});

describe("language server: Charter's policy said once on the template, and fixed there", function () {
  this.timeout(60000);
  it('shows the policy on the template, offers to add the field, and holds the records to it once added', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-template-'));
    const record = (n: number) => `# ${n}. Record ${n}\n\nDate: 2024-01-0${n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n`;
    const template = '# N. Title\n\nDate: YYYY-MM-DD\n\n## Status\n\n## Context\n\n## Decision\n';
    fs.mkdirSync(path.join(root, 'docs/adr'), { recursive: true });
    fs.writeFileSync(path.join(root, 'docs/adr/template.md'), template);
    fs.writeFileSync(path.join(root, 'docs/adr/0001-a.md'), record(1));
    fs.writeFileSync(path.join(root, 'docs/adr/0002-b.md'), record(2));
    const client = new TestClient(root);
    try {
      await client.initialize();
      await client.ready();
      const [once] = await client.waitForDiagnostics('docs/adr/template.md', (d) => d.length === 1);
      assert.equal(once.code, 'unowned-decision');
      assert.equal(once.severity, 3, "information: Charter's policy, not this team's");
      assert.match(messageOf(once), /^Charter's policy: every decision names the one person who decides\. 2 of the 2 decisions/);
      assert.deepEqual(
        (await client.waitForDiagnostics('docs/adr/0001-a.md', (d) => d.length === 1)).map((d) => [d.code, d.severity]),
        [['unowned-decision', 3]],
      );
      // The fix on the template adds the field…
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: client.uri('docs/adr/template.md') },
        range: once.range,
        context: { diagnostics: [once] },
      })) as CodeAction[];
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Add a "Deciders:" field to the template'],
      );
      const fixed = applyEdits(template, actions[0].edit!.changes![client.uri('docs/adr/template.md')]);
      assert.equal(fixed, '# N. Title\n\nDate: YYYY-MM-DD\nDeciders: {the one person who decides}\n\n## Status\n\n## Context\n\n## Decision\n');
      // …and once saved, the team has adopted it: the records without a decider are told, at warning level.
      fs.writeFileSync(path.join(root, 'docs/adr/template.md'), fixed);
      await client.watched([{ uri: client.uri('docs/adr/template.md'), type: FileChangeType.Changed }]);
      await client.waitForDiagnostics('docs/adr/template.md', (d) => d.length === 0);
      for (const rel of ['docs/adr/0001-a.md', 'docs/adr/0002-b.md']) {
        const d = await client.waitForDiagnostics(rel, (x) => x.some((y) => y.code === 'unowned-decision' && y.severity === 2));
        assert.match(messageOf(d.find((y) => y.code === 'unowned-decision')!), /has no owner/);
      }
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
