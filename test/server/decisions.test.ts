/**
 * Decision records over LSP, with the real server over stdio: the index's missing row and its
 * quick fix, a superseded citation, hover (title, status, date, owner, successor), definition
 * and completion on ids and record links, and a record created on disk reaching the index.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Hover,
  type Location,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { indexedServer, messageOf, stopAndRemove, TestClient } from './lspClient';
import { ensureBuilt } from '../cli/helpers';

const record = (n: number, title: string, status: string) =>
  `# ${n}. ${title}\n\nDate: 2024-0${n}-15\nDecision maker: Lena Ortiz\n\n## Status\n\n${status}\n\n## Context\n\nWhy ${title}.\n\n## Decision\n\nWe do ${title}.\n`;

const FILES: Record<string, string> = {
  'docs/adr/0001-use-postgres.md': record(1, 'Use Postgres', 'Superseded by [ADR-0002](0002-use-cockroach.md)'),
  'docs/adr/0002-use-cockroach.md': record(2, 'Use CockroachDB', 'Accepted'),
  'docs/adr/0003-cache-results.md': record(3, 'Cache results', 'Proposed'),
  'docs/adr/README.md':
    '# Decisions\n\n| # | Decision | Status |\n|---|---|---|\n| 1 | [Use Postgres](0001-use-postgres.md) | Superseded |\n| 2 | [Use CockroachDB](0002-use-cockroach.md) | Accepted |\n',
  'docs/prd/search.prd.md': '---\nowner: Lena Ortiz\n---\n# Search\n\n## Problem\n\nResults are slow with the store of ADR-0001.\n\n## Requirements\n\nFast results.\n',
};

describe('decision records over LSP', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  before(ensureBuilt);

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-decisions-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    client = await indexedServer(root);
  });

  afterEach(() => stopAndRemove(client, root));

  const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);

  it("publishes the index's missing record with a quick fix in the index's shape, and a superseded citation", async () => {
    const readme = 'docs/adr/README.md';
    const found = await client.waitForDiagnostics(readme, (d) => d.some((x) => x.code === 'missing-from-index'));
    const diag = found.find((x) => x.code === 'missing-from-index')!;
    assert.equal(messageOf(diag), 'ADR-0003 "Cache results" (docs/adr/0003-cache-results.md) is not listed in this index');
    assert.equal(diag.range.start.line, 5);
    await client.open(readme, FILES[readme]);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: client.uri(readme) },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Add 3. Cache results to the index'],
    );
    const fixed = apply(FILES[readme], actions[0].edit!.changes![client.uri(readme)]);
    assert.equal(fixed, `${FILES[readme]}| 3 | [Cache results](0003-cache-results.md) | Proposed |\n`);
    const prd = await client.waitForDiagnostics('docs/prd/search.prd.md', (d) => d.some((x) => x.code === 'superseded-reference'));
    assert.deepEqual(
      prd.map((d) => `${d.range.start.line}:${d.code}:${d.severity}`),
      ['7:superseded-reference:3'],
    );
    assert.match(messageOf(prd[0]), /its successor is ADR-0002 "Use CockroachDB"/);
  });

  it('hovers on an id and goes to its record', async () => {
    const prd = 'docs/prd/search.prd.md';
    await client.open(prd, FILES[prd]);
    const at = { line: 7, character: FILES[prd].split('\n')[7].indexOf('ADR-0001') + 3 };
    const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(prd) }, position: at })) as Hover;
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /^\*\*ADR-0001 "Use Postgres"\*\*/);
    assert.match(text, /Status: superseded · Date: 2024-01-15 · Owner: Lena Ortiz/);
    assert.match(text, /Superseded by \*\*ADR-0002 "Use CockroachDB"\*\* \(accepted\)/);
    const def = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: client.uri(prd) }, position: at })) as Location;
    assert.equal(def.uri, client.uri('docs/adr/0001-use-postgres.md'));
    assert.equal(def.range.start.line, 0);
    // On a record link in the index too.
    const readme = 'docs/adr/README.md';
    await client.open(readme, FILES[readme]);
    const onLink = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri(readme) }, position: { line: 5, character: 12 } })) as Hover;
    assert.match((onLink.contents as MarkupContent).value, /ADR-0002 "Use CockroachDB"[\s\S]*Status: accepted/);
  });

  it('completes ids and record links', async () => {
    const prd = 'docs/prd/search.prd.md';
    const text = `${FILES[prd]}See ADR-\nSee [the cache](../adr/\n`;
    await client.open(prd, text);
    const lines = text.split('\n');
    const ids = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: client.uri(prd) },
      position: { line: lines.length - 3, character: 8 },
    })) as CompletionItem[];
    assert.deepEqual(
      ids.map((c) => `${c.label} ${c.detail}`),
      ['ADR-0001 Use Postgres · superseded · 2024-01-15', 'ADR-0002 Use CockroachDB · accepted · 2024-02-15', 'ADR-0003 Cache results · proposed · 2024-03-15'],
    );
    const links = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: client.uri(prd) },
      position: { line: lines.length - 2, character: 23 },
    })) as CompletionItem[];
    assert.deepEqual(
      links.map((c) => c.label),
      ['../adr/0001-use-postgres.md', '../adr/0002-use-cockroach.md', '../adr/0003-cache-results.md'],
    );
  });

  it('checks the index again when a record is created on disk', async () => {
    const readme = 'docs/adr/README.md';
    await client.waitForDiagnostics(readme, (d) => d.filter((x) => x.code === 'missing-from-index').length === 1);
    const rel = 'docs/adr/0004-shard-by-tenant.md';
    fs.writeFileSync(path.join(root, rel), record(4, 'Shard by tenant', 'Accepted'));
    await client.watched([{ uri: client.uri(rel), type: FileChangeType.Created }]);
    const after = await client.waitForDiagnostics(readme, (d) => d.filter((x) => x.code === 'missing-from-index').length === 2);
    assert.deepEqual(
      after
        .map(messageOf)
        .filter((m) => m.includes('not listed'))
        .sort(),
      [
        'ADR-0003 "Cache results" (docs/adr/0003-cache-results.md) is not listed in this index',
        'ADR-0004 "Shard by tenant" (docs/adr/0004-shard-by-tenant.md) is not listed in this index',
      ],
    );
  });
});

describe('source files read for decision ids, over LSP', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-sources-'));
    const files: Record<string, string> = {
      ...FILES,
      '.charter.yaml': 'references:\n  include: ["src/**/*.ts"]\n',
      'src/store.ts': '// The store of ADR-0002.\n// Retention: ADR-0009.\nexport const store = 1;\n',
      'src/old.ts': '// Written for ADR-0001.\n',
      'lib/other.ts': '// ADR-0077 is not read: not included.\n',
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    client = new TestClient(root);
    await client.initialize();
    await client.ready();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('publishes their findings as the checker prints them, and follows the records and the files', async () => {
    const store = await client.waitForDiagnostics('src/store.ts', (d) => d.length === 1);
    assert.deepEqual(
      store.map((d) => `${d.range.start.line}:${d.range.start.character}:${d.code}`),
      ['1:14:unknown-decision-reference'],
    );
    const old = await client.waitForDiagnostics('src/old.ts', (d) => d.length === 1);
    assert.equal(old[0].code, 'superseded-reference');
    assert.deepEqual(client.diagnosticsOf('lib/other.ts'), []);
    // Record 9 is written: the citation resolves.
    const rel = 'docs/adr/0009-keep-carts.md';
    fs.writeFileSync(path.join(root, rel), record(9, 'Keep carts', 'Accepted'));
    await client.watched([{ uri: client.uri(rel), type: FileChangeType.Created }]);
    await client.waitForDiagnostics('src/store.ts', (d) => d.length === 0);
    // The source file changes on disk: it is read again.
    fs.writeFileSync(path.join(root, 'src/store.ts'), '// Now ADR-0042.\n');
    await client.watched([{ uri: client.uri('src/store.ts'), type: FileChangeType.Changed }]);
    const again = await client.waitForDiagnostics('src/store.ts', (d) => d.length === 1);
    assert.match(messageOf(again[0]), /^ADR-0042 names no decision record/);
  });
});
