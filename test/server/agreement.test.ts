/**
 * The checker and the editor never disagree. For every workspace the tests use, the real
 * checker (`node dist/cli.js check --format json`) and the real server (over stdio, the
 * whole folder indexed) must report the same findings, document by document: rule,
 * severity, message and range. Random edit sequences sent to open documents must end in the
 * findings the checker gives on the final text; and every invalid configuration must be
 * invalid for both, with the same problems at the same places.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { FileChangeType } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from './lspClient';
import { assertSame, checkerFindings, fromServer, serverFindings, type Findings } from './findings';
import { charter, CORPORA, ensureBuilt, FIXTURES as CLI_FIXTURES, json, lines, type JsonReport } from '../cli/helpers';
import { copyTree } from '../support/copy';

const REPO = path.resolve(__dirname, '../..');
const CI = process.env.CI === 'true';

const temps: string[] = [];
function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `charter-agree-${label}-`));
  temps.push(dir);
  return dir;
}
function copyOf(src: string, label: string): string {
  const dir = tempDir(label);
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

async function startServer(root: string): Promise<TestClient> {
  const client = new TestClient(root);
  await client.initialize();
  await client.ready(120_000);
  return client;
}

/** Skips a corpus test visibly when ../shared is absent, except under CI, where it fails. */
function needCorpus(ctx: Mocha.Context, dir: string): void {
  if (fs.existsSync(dir)) return;
  if (CI) assert.fail(`the corpus ${dir} is missing (CI=true)`);
  ctx.skip();
}

interface Workspace {
  name: string;
  /** Makes the workspace (a temporary copy, or links to a read-only corpus). */
  make: (ctx: Mocha.Context) => string;
}

const dirsOf = (base: string) =>
  fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((d) => fs.statSync(path.join(base, d)).isDirectory())
        .sort()
    : [];

const WORKSPACES: Workspace[] = [
  ...dirsOf(path.join(REPO, 'test/fixtures/workspaces')).map((d) => ({
    name: `test/fixtures/workspaces/${d}`,
    make: () => copyOf(path.join(REPO, 'test/fixtures/workspaces', d), d),
  })),
  ...dirsOf(path.join(REPO, 'test/fixtures/server')).map((d) => ({ name: `test/fixtures/server/${d}`, make: () => copyOf(path.join(REPO, 'test/fixtures/server', d), d) })),
  ...dirsOf(CLI_FIXTURES).map((d) => ({ name: `test/fixtures/cli/${d}`, make: () => copyOf(path.join(CLI_FIXTURES, d), d) })),
  { name: 'examples', make: () => copyOf(path.join(REPO, 'examples'), 'examples') },
  {
    name: 'corpus: MADR as docs/decisions',
    make: (ctx) => {
      const madr = path.join(CORPORA, 'madr-decisions');
      needCorpus(ctx, madr);
      const ws = tempDir('madr');
      fs.mkdirSync(path.join(ws, 'docs'));
      // A copy: a link would lead outside the workspace root, and Charter does not follow it.
      copyTree(madr, path.join(ws, 'docs', 'decisions'));
      return ws;
    },
  },
  {
    name: 'corpus: Rust RFCs as a custom kind',
    make: (ctx) => {
      const rfcs = path.join(CORPORA, 'rust-rfcs');
      needCorpus(ctx, rfcs);
      const ws = tempDir('rfcs');
      copyTree(rfcs, path.join(ws, 'text'));
      // The configuration test/cli/corpora.test.ts uses.
      fs.writeFileSync(
        path.join(ws, '.charter.yaml'),
        [
          'kinds:',
          '  rfc:',
          '    include: ["text/*.md"]',
          '    sections:',
          '      - Summary',
          '      - Motivation',
          '      - { name: Detailed design, aliases: [Reference-level explanation] }',
          '',
        ].join('\n'),
      );
      return ws;
    },
  },
];

before(ensureBuilt);
after(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Replays a failure that fast-check printed: AGREEMENT_SEED=<seed> AGREEMENT_PATH=<path>. */
const REPLAY = process.env.AGREEMENT_SEED ? { seed: Number(process.env.AGREEMENT_SEED), ...(process.env.AGREEMENT_PATH ? { path: process.env.AGREEMENT_PATH } : {}) } : {};
describe('agreement: the checker and the server report the same findings on every workspace', function () {
  this.timeout(180_000);
  for (const w of WORKSPACES) {
    it(w.name, async function () {
      const root = w.make(this);
      const checker = checkerFindings(root);
      const client = await startServer(root);
      try {
        assertSame(checker, serverFindings(client, root), w.name);
      } finally {
        await client.stop();
      }
    });
  }
});

// ---------------------------------------------------------------------------------------
// Random edits to open documents.

/** Text an edit inserts: the constructs the rules look at, and plain and non-ASCII text. */
const SNIPPETS = [
  '\n## Why\n\nBecause shoppers asked.\n',
  '\n## What\n',
  '\n## How\n\nA queue.\n',
  '\n## Decisions\n',
  '\n## Open questions\n\n- none\n',
  '\n### Decision: Use Postgres for search\n\n- Owner: Priya Raman\n- Date: 2025-03-04\n',
  '\n### Cache prices for five minutes\n\n**Decision maker:** @lena\n',
  '\nOwner: Tomás Díaz\n',
  '\nOwner: Nobody Known\n',
  '\nOwners: Priya, Lena\n',
  '- Decision maker: \n',
  '\nDate: 2025-02-30\n',
  '\n## Pick a queue\n\nDate: 2025-02-30\nDecision: Kafka over SQS.\nDecision maker: Nobody Known\n',
  '\n## Keep the cache\n\n- **Date**: 2026-04-31\n- **Decision**: Five minutes.\n- **Decided by**: Priya and Marco\n',
  '\n## Drop the flag\n\nDecision: Everyone gets it.\n',
  'Decision maker: Lena Ortiz\n',
  '\nDate: 2025-13-01\n',
  '\n- Date: yesterday\n',
  '---\ntitle: Edited\nowner: Lena Ortiz\nstatus: accepted\n---\n',
  '---\ntitle: [unclosed\n---\n',
  '---\n',
  'See [the PRD](../prd/search.prd.md) and [gone](./missing.md#nowhere).\n',
  '[anchor](#why)\n',
  '| Role | Name |\n|---|---|\n| PM | Priya Raman |\n',
  '# A new title\n',
  '```\n## not a heading\n```\n',
  'émoji 🙂 text ',
  '\r\n',
  '\n',
  '#',
  '## ',
  ' ',
  'x',
];

type Op =
  | { t: 'insert'; at: number; snippet: number }
  | { t: 'text'; at: number; text: string }
  | { t: 'delete'; at: number; len: number }
  | { t: 'dropLine'; which: number; match: number }
  | { t: 'replaceAll'; snippet: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('insert' as const), at: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000), snippet: fc.nat(SNIPPETS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('text' as const), at: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000), text: fc.string({ maxLength: 12 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('delete' as const), at: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000), len: fc.nat(80) }) },
  // Removes a heading, an owner line, a date line or front matter fence, chosen among those present.
  { weight: 3, arbitrary: fc.record({ t: fc.constant('dropLine' as const), which: fc.nat(3), match: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('replaceAll' as const), snippet: fc.nat(SNIPPETS.length - 1) }) },
);

const LINE_KINDS = [/^#{1,6}\s/, /owner|decision maker|deciders/i, /date/i, /^---\s*$/];

/** An offset that does not split a surrogate pair. */
function safeOffset(text: string, at: number): number {
  let o = Math.min(text.length, Math.floor(at * (text.length + 1)));
  const c = text.charCodeAt(o - 1);
  if (o > 0 && o < text.length && c >= 0xd800 && c <= 0xdbff) o--;
  return o;
}

/** Turns an abstract edit into a concrete range on the current text: [start, end, new text]. */
function concrete(text: string, op: Op): [number, number, string] {
  switch (op.t) {
    case 'insert':
      return [safeOffset(text, op.at), safeOffset(text, op.at), SNIPPETS[op.snippet]];
    case 'text':
      return [safeOffset(text, op.at), safeOffset(text, op.at), op.text];
    case 'delete': {
      const s = safeOffset(text, op.at);
      const e = safeOffset(text, Math.min(1, (s + op.len) / (text.length + 1)));
      return [s, Math.max(s, e), ''];
    }
    case 'dropLine': {
      const starts: [number, number][] = [];
      const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) && m[0] !== '') {
        if (LINE_KINDS[op.which].test(m[0].trimEnd())) starts.push([m.index, m.index + m[0].length]);
        if (re.lastIndex >= text.length) break;
      }
      if (!starts.length) return [0, 0, ''];
      const [s, e] = starts[op.match % starts.length];
      return [s, e, ''];
    }
    case 'replaceAll':
      return [0, text.length, SNIPPETS[op.snippet]];
  }
}

/** Where the edits happen, and how many sequences of edits: 40 sequences of 20 edits in all. */
const EDITED: [name: string, dir: string, sequences: number][] = [
  ['test/fixtures/server/team', path.join(REPO, 'test/fixtures/server/team'), 25],
  ['examples (its own .charter.yaml, long documents)', path.join(REPO, 'examples'), 15],
];
const EDITS = 20;

describe("agreement: random edits in open documents end in the checker's findings on the final text", function () {
  this.timeout(600_000);
  for (const [name, dir, sequences] of EDITED) {
    describe(name, () => {
      let root: string;
      let client: TestClient;
      let docs: string[];

      before(async () => {
        root = copyOf(dir, 'edits');
        docs = checkerFindingsPaths(root);
        client = await startServer(root);
      });
      after(async () => {
        await client?.stop();
      });

      it(`${sequences} sequences of ${EDITS} edits`, async () => {
        let withFindings = 0;
        await fc.assert(
          fc.asyncProperty(fc.nat(1000), fc.array(fc.tuple(opArb, fc.boolean()), { minLength: EDITS, maxLength: EDITS }), async (pick, ops) => {
            const rel = docs[pick % docs.length];
            const abs = path.join(root, rel);
            let doc = TextDocument.create(client.uri(rel), 'markdown', 1, fs.readFileSync(abs, 'utf8'));
            await client.open(rel, doc.getText());
            let version = 1;
            const published = () => client.diagnostics.get(client.uri(rel))?.version === version;
            try {
              for (const [op, settle] of ops) {
                const [s, e, insert] = concrete(doc.getText(), op);
                const range = { start: doc.positionAt(s), end: doc.positionAt(e) };
                version = await client.change(rel, [{ range, text: insert }]);
                doc = TextDocument.update(doc, [{ range, text: insert }], version);
                // Now and then an edit is let to settle before the next one.
                if (settle) await client.waitFor(published, 20_000, `the publish of version ${version} of ${rel}`);
              }
              await client.waitFor(published, 20_000, `the publish of version ${version} of ${rel}`);
              const server = client.diagnosticsOf(rel).map(fromServer);
              fs.writeFileSync(abs, doc.getText());
              const all = checkerFindings(root);
              const checker = all.get(rel) ?? [];
              assert.deepEqual(server, checker, `${rel} after ${ops.length} edits; final text:\n${doc.getText()}`);
              if (checker.length) withFindings++;
              // The documents that depend on it (links, the charter's roster) follow too.
              const same = () => JSON.stringify([...serverFindings(client, root)].sort()) === JSON.stringify([...all].sort());
              await client.waitFor(same, 5_000, 'the other documents').catch(() => undefined);
              assertSame(all, serverFindings(client, root), `the workspace after ${ops.length} edits of ${rel}`);
            } finally {
              // The disk holds the final text: closing leaves the server with the same text.
              fs.writeFileSync(abs, doc.getText());
              await client.close(rel);
            }
          }),
          { numRuns: sequences, endOnFailure: true, ...REPLAY },
        );
        // Not vacuous: most sequences end in findings to compare.
        assert.ok(withFindings >= sequences / 2, `${withFindings} of ${sequences} sequences ended with findings`);
      });
    });
  }
});

describe("agreement: random changes on disk (edits, new and deleted files) end in the checker's findings", function () {
  this.timeout(600_000);
  const SEQUENCES = 10;
  const CHANGES = 8;
  let root: string;
  let client: TestClient;

  before(async () => {
    root = copyOf(path.join(REPO, 'test/fixtures/server/team'), 'disk');
    client = await startServer(root);
  });
  after(async () => {
    await client?.stop();
  });

  type DiskOp = { t: 'edit'; pick: number; op: Op } | { t: 'create'; name: number; snippet: number } | { t: 'delete'; pick: number };
  const diskOpArb: fc.Arbitrary<DiskOp> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ t: fc.constant('edit' as const), pick: fc.nat(1000), op: opArb }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('create' as const), name: fc.nat(5), snippet: fc.nat(SNIPPETS.length - 1) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), pick: fc.nat(1000) }) },
  );
  const NEW_FILES = ['docs/prd/new.prd.md', 'docs/sdd/new.sdd.md', 'docs/adr/0002-new.md', 'docs/missing.md', 'docs/prd/search.prd.md', 'docs/CHARTER.md'];

  it(`${SEQUENCES} sequences of ${CHANGES} changes`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(diskOpArb, { minLength: CHANGES, maxLength: CHANGES }), async (ops) => {
        for (const op of ops) {
          const files = markdownFiles(root);
          let rel: string;
          let type: FileChangeType;
          if (op.t === 'create') {
            rel = NEW_FILES[op.name];
            type = fs.existsSync(path.join(root, rel)) ? FileChangeType.Changed : FileChangeType.Created;
            fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
            fs.writeFileSync(path.join(root, rel), `# New\n${SNIPPETS[op.snippet]}`);
          } else {
            if (!files.length) continue;
            rel = files[op.pick % files.length];
            const abs = path.join(root, rel);
            if (op.t === 'delete') {
              fs.rmSync(abs);
              type = FileChangeType.Deleted;
            } else {
              const text = fs.readFileSync(abs, 'utf8');
              const [s, e, insert] = concrete(text, op.op);
              fs.writeFileSync(abs, text.slice(0, s) + insert + text.slice(e));
              type = FileChangeType.Changed;
            }
          }
          await client.watched([{ uri: client.uri(rel), type }]);
        }
        const all = checkerFindings(root);
        const same = () => JSON.stringify([...serverFindings(client, root)].sort()) === JSON.stringify([...all].sort());
        await client.waitFor(same, 10_000, 'the findings after the changes').catch(() => undefined);
        assertSame(all, serverFindings(client, root), `after ${JSON.stringify(ops)}`);
      }),
      { numRuns: SEQUENCES, endOnFailure: true, ...REPLAY },
    );
  });
});

/** The markdown files under a root, root-relative with `/`. */
function markdownFiles(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** The documents of a workspace, as the checker lists them. */
function checkerFindingsPaths(root: string): string[] {
  const r = charter(['check', '--format', 'json'], root);
  return json<JsonReport>(r).files.map((f) => f.path);
}

// ---------------------------------------------------------------------------------------
// Invalid configurations.

/**
 * Invalid configurations: the cases of test/cli/check.test.ts and test/unit/config.test.ts,
 * and the contents that are not YAML text at all.
 */
const INVALID_CONFIGS: [name: string, content: string | Uint8Array][] = [
  ['a list instead of a mapping', '- a\n- b\n'],
  ['a number instead of a mapping', '42\n'],
  ['a string instead of a mapping', '"just text"\n'],
  ['an unknown key', 'kinds:\n  prd:\n    include: ["**/*.prd.md"]\nbogus: 1\n'],
  ['an unknown key with a suggestion', 'rule:\n  missing-section: off\n'],
  ['an unknown rule id', 'rules:\n  missing-sectio: off\n'],
  ['a value of the wrong type', 'owners:\n  singleOwner: maybe\n'],
  ['a list of the wrong type', 'ignore: 5\n'],
  ['a bad severity', 'rules:\n  unowned-decision: loud\n'],
  ['a number as a severity', 'rules:\n  broken-link: 2\n'],
  ['a missing severity', 'rules:\n  broken-link:\n'],
  ['a duplicate key', 'rules: {}\nrules: {}\n'],
  ['tabs as indentation', 'kinds:\n\tprd: {}\n'],
  ['nested mappings on one line', 'rules:\n  missing-section: off\n  broken-link: warning: loud\n'],
  ['an unclosed quote', 'owners:\n  fields: ["owner]\n'],
  ['several problems', 'owners:\n  singleOwner: maybe\nbogus: 1\n'],
  ['a glob reaching outside the workspace', 'kinds:\n  prd:\n    include: ["../**/*.md"]\n'],
  ['an absolute include', 'kinds:\n  rfc:\n    include: ["/srv/rfcs/*.md"]\n'],
  ['a charter path outside the workspace', 'charter: ../team/CHARTER.md\n'],
  ['kinds that is a list', 'kinds: [prd, sdd]\n'],
  ['a kind that is a string', 'kinds:\n  prd: docs/**/*.md\n'],
  ['owners.fields that is empty', 'owners:\n  fields: []\n'],
  ['a custom kind without include globs', 'kinds:\n  kep: {}\n'],
  ['a kind name that is not kebab case', 'kinds:\n  One Pager:\n    include: [p/*.md]\n'],
  ['decisions with an unknown mode', 'kinds:\n  kep:\n    include: [k/*.md]\n    decisions: sometimes\n'],
  ['a section without a name', 'kinds:\n  kep:\n    include: [k/*.md]\n    sections:\n      - { aliases: [Overview] }\n'],
  ['a NUL byte', new Uint8Array([0x72, 0x75, 0x6c, 0x65, 0x73, 0x3a, 0x0a, 0x20, 0x20, 0x6d, 0x00, 0x0a])],
  ['binary content', new Uint8Array([0x6b, 0x3a, 0x00, 0x01, 0x02])],
  ['larger than 1 MB', `# ${'x'.repeat(1024 * 1024)}\n`],
];

const PROBLEM_RE = /^\.charter\.yaml:(\d+):(\d+) error invalid-config (.+)$/;

/** The checker's verdict: exit 2, nothing on stdout, and each problem as `line:col message`. */
function checkerProblems(root: string): string[] {
  const r = charter(['check', '--format', 'json'], root);
  assert.equal(r.status, 2, `the checker must refuse the configuration:\n${r.stderr}`);
  assert.equal(r.stdout, '', 'the checker checks nothing');
  const ls = lines(r.stderr);
  assert.match(ls[ls.length - 1], /^charter: invalid configuration in \.charter\.yaml: \d+ problems? \(fix the lines above\)$/);
  return ls.slice(0, -1).map((l) => {
    const m = PROBLEM_RE.exec(l);
    assert.ok(m, `a problem line with a location: ${l}`);
    return `${m[1]}:${m[2]} ${m[3]}`;
  });
}

/** The server's verdict on `.charter.yaml`: its error problems, as `line:col message`. */
function serverProblems(client: TestClient): string[] {
  return client
    .diagnosticsOf('.charter.yaml')
    .filter((d) => d.severity === 1)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
}

describe('agreement: every invalid configuration is invalid for both', function () {
  this.timeout(300_000);
  let root: string;
  let client: TestClient;
  let withDefaults: Findings;

  before(async () => {
    root = copyOf(path.join(REPO, 'test/fixtures/server/team'), 'config');
    fs.rmSync(path.join(root, '.charter.yaml'));
    withDefaults = checkerFindings(root);
    assert.ok(withDefaults.size > 0, 'the workspace has findings with the defaults');
    // Started on an invalid configuration: it never had a valid one.
    fs.writeFileSync(path.join(root, '.charter.yaml'), INVALID_CONFIGS[0][1]);
    client = await startServer(root);
  });
  after(async () => {
    await client?.stop();
  });

  const assertBlocked = async (name: string) => {
    const expected = checkerProblems(root);
    assert.ok(expected.length > 0, name);
    await client.waitFor(
      () => JSON.stringify(serverProblems(client)) === JSON.stringify(expected),
      20_000,
      `${name}: the server's problems on .charter.yaml to be ${JSON.stringify(expected)}; have ${JSON.stringify(serverProblems(client))}`,
    );
    const all = client.diagnosticsOf('.charter.yaml');
    assert.equal(all.length, expected.length + 1, `${name}: one more line says what Charter does meanwhile: ${JSON.stringify(all.map((d) => d.message))}`);
    assert.match(String(all[all.length - 1].message), /checks nothing in this folder until/);
    assert.deepEqual([...serverFindings(client, root).keys()], [], `${name}: the server checks nothing, as the checker`);
  };

  for (const [name, content] of INVALID_CONFIGS) {
    it(name, async () => {
      fs.writeFileSync(path.join(root, '.charter.yaml'), content);
      await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
      await assertBlocked(name);
    });
  }

  it('.charter.yaml that is a folder', async () => {
    const cfg = path.join(root, '.charter.yaml');
    fs.rmSync(cfg);
    fs.mkdirSync(cfg);
    try {
      await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
      await assertBlocked('a folder');
    } finally {
      fs.rmdirSync(cfg);
    }
  });

  it('the same verdicts when .charter.yaml is open in the editor (its text, not the disk)', async () => {
    const cfg = path.join(root, '.charter.yaml');
    for (const [name, content] of INVALID_CONFIGS) {
      // Written whole at once (a rename): the server reads the disk when the editor closes
      // the file, and an empty file, caught half-written, would be a valid configuration.
      fs.writeFileSync(`${cfg}.tmp`, content);
      fs.renameSync(`${cfg}.tmp`, cfg);
      const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
      await client.open('.charter.yaml', text);
      try {
        await assertBlocked(`${name}, open in the editor`);
      } finally {
        await client.close('.charter.yaml');
      }
    }
  });

  it('once valid, the findings of the checker come back; a later mistake keeps the last valid configuration', async () => {
    const cfg = path.join(root, '.charter.yaml');
    fs.writeFileSync(cfg, 'rules:\n  missing-section: off\n');
    await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
    const checker = checkerFindings(root);
    await client.waitFor(() => JSON.stringify([...serverFindings(client, root).keys()].sort()) === JSON.stringify([...checker.keys()].sort()), 20_000, 'the findings to come back');
    assertSame(checker, serverFindings(client, root), 'after the configuration became valid');
    // The editor keeps the last valid configuration while the file is being edited (the
    // checker, run now, would stop with exit 2): the problems show, the findings stay.
    fs.writeFileSync(cfg, 'rules:\n  missing-section: off\nkindz: {}\n');
    await client.watched([{ uri: client.uri('.charter.yaml'), type: FileChangeType.Changed }]);
    const expected = checkerProblems(root);
    await client.waitFor(() => JSON.stringify(serverProblems(client)) === JSON.stringify(expected), 20_000, 'the problems of the later mistake');
    assert.equal(client.diagnosticsOf('.charter.yaml').length, expected.length, 'no "checks nothing" line while the last valid configuration is in use');
    assertSame(checker, serverFindings(client, root), 'on the last valid configuration');
  });

  it('a server started on a configuration with a NUL byte checks nothing, as the checker (issue 11)', async () => {
    const ws = copyOf(path.join(REPO, 'test/fixtures/server/team'), 'nul');
    fs.writeFileSync(path.join(ws, '.charter.yaml'), Buffer.concat([Buffer.from('rules:\n  missing-section: off\n'), Buffer.from([0])]));
    const expected = checkerProblems(ws);
    assert.deepEqual(expected, ['3:1 .charter.yaml holds binary content (a NUL byte); a configuration file is YAML text']);
    const fresh = await startServer(ws);
    try {
      await fresh.waitFor(
        () => JSON.stringify(serverProblems(fresh)) === JSON.stringify(expected),
        20_000,
        `the NUL byte reported on .charter.yaml; have ${JSON.stringify(fresh.diagnosticsOf('.charter.yaml'))}`,
      );
      assert.deepEqual([...serverFindings(fresh, ws).keys()], []);
    } finally {
      await fresh.stop();
    }
  });
});
