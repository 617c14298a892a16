/**
 * Bad input never crashes or hangs the checker: every run is bounded by a timeout, exits 0
 * or 1, reports no internal error, and leaves every file in the workspace as it was.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertNoCrash, charter, ensureBuilt, hashTree, json, lines, Temps, writeFiles, type JsonFile, type JsonReport } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

/** A PRD with an owner and a Why but no What: exactly one finding, on its title at line 4. */
const PRD_NO_WHAT = '---\nowner: Dana Lee\n---\n# Title\n\n## Why\n\nBecause.\n';
/** A decision log whose only decision is unowned: `Decision maker: TBD` on line 7, columns 19..22. */
const LOG_TBD = '# Log\n\n## Pick one\n\n- Date: 2024-01-01\n- Decision: this one\n- Decision maker: TBD\n';

describe('bad input: one workspace full of odd files', () => {
  let ws: string;
  let before_: Record<string, string>;
  let rep: JsonReport;
  let stderr: string;

  before(function () {
    this.timeout(60_000);
    ws = temps.make('bad');
    writeFiles(ws, {
      'binary.prd.md': Buffer.from([0x23, 0x20, 0x54, 0x00, 0x00, 0x01, 0x02, 0xff, 0x0a, 0x00]),
      'empty.prd.md': '',
      'only-front-matter.prd.md': '---\nowner: Dana Lee\n---\n',
      'broken-yaml.prd.md': '---\nowner: Dana Lee\ntitle: [unclosed\nstatus: draft\n---\n# Broken\n\n## Why\n\nx\n\n## What\n\ny\n',
      'duplicate-key.prd.md': '---\nowner: Dana Lee\nowner: Sam Ortiz\n---\n# Dup\n\n## Why\n\nx\n\n## What\n\ny\n',
      'crlf.prd.md': PRD_NO_WHAT.replace(/\n/g, '\r\n'),
      'cr.prd.md': PRD_NO_WHAT.replace(/\n/g, '\r'),
      'crlf/DECISIONS.md': LOG_TBD.replace(/\n/g, '\r\n'),
      'cr/DECISIONS.md': LOG_TBD.replace(/\n/g, '\r'),
      'bom.prd.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PRD_NO_WHAT)]),
      'utf16le.prd.md': utf16le(PRD_NO_WHAT),
      'utf16be.prd.md': utf16be(PRD_NO_WHAT),
      'bad-utf8.prd.md': Buffer.concat([Buffer.from('---\nowner: Dana Lee\n---\n# Bad \xc3'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' bytes\n\n## Why\n\nx\n')]),
      'folder.prd.md/inside.txt': 'a folder named like a PRD',
      'huge.prd.md': '# Huge\n\n## Why\n\n' + 'All work and no play makes Jack a dull boy. '.repeat(Math.ceil((10 * 1024 * 1024) / 44)) + '\n',
      'notes/plain.md': 'not a document\n',
    });
    fs.symlinkSync('nowhere.md', path.join(ws, 'dangling.prd.md'));
    fs.symlinkSync('self-loop.prd.md', path.join(ws, 'self-loop.prd.md'));
    fs.mkdirSync(path.join(ws, 'loop'));
    fs.symlinkSync('..', path.join(ws, 'loop', 'up'));
    before_ = hashTree(ws);
    const r = charter(['check', '--format', 'json'], ws);
    assertNoCrash(r);
    rep = json<JsonReport>(r);
    stderr = r.stderr;
  });

  after(() => {
    // Nothing in the workspace was modified by any of the runs.
    assert.deepEqual(hashTree(ws), before_);
  });

  const file = (p: string): JsonFile => {
    const f = rep.files.find((x) => x.path === p);
    assert.ok(f, `${p} is not in the report: ${rep.files.map((x) => x.path).join(', ')}`);
    return f;
  };
  const findings = (p: string) => file(p).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}${d.section ? ` ${d.section}` : ''}`);

  it('reports exactly the readable documents', () => {
    assert.deepEqual(
      rep.files.map((f) => f.path),
      [
        'bad-utf8.prd.md',
        'bom.prd.md',
        'broken-yaml.prd.md',
        'cr.prd.md',
        'cr/DECISIONS.md',
        'crlf.prd.md',
        'crlf/DECISIONS.md',
        'duplicate-key.prd.md',
        'empty.prd.md',
        'only-front-matter.prd.md',
        'utf16be.prd.md',
        'utf16le.prd.md',
      ],
    );
  });

  it('a binary file is skipped with a note on stderr', () => {
    assert.ok(
      lines(stderr).some((l) => /^binary\.prd\.md: note: skipped: binary/.test(l)),
      stderr,
    );
  });

  it('a dangling symbolic link is skipped with a note', () => {
    assert.ok(
      lines(stderr).some((l) => /^dangling\.prd\.md: note: skipped: broken symbolic link/.test(l)),
      stderr,
    );
  });

  it('a symbolic link to itself is skipped with a note', () => {
    assert.ok(
      lines(stderr).some((l) => /^self-loop\.prd\.md: note: skipped: symbolic link loop/.test(l)),
      stderr,
    );
  });

  it('a folder link to its parent is not followed round and round', () => {
    assert.ok(!rep.files.some((f) => f.path.startsWith('loop/')), rep.files.map((f) => f.path).join(', '));
    assert.equal(new Set(rep.files.map((f) => f.path)).size, rep.files.length);
  });

  it('a 10 MB file is skipped with a note saying why', () => {
    assert.ok(
      lines(stderr).some((l) => /^huge\.prd\.md: note: skipped: .*MB.*limit/.test(l)),
      stderr,
    );
  });

  it('invalid UTF-8 is read (as U+FFFD) with a note', () => {
    assert.ok(
      lines(stderr).some((l) => /^bad-utf8\.prd\.md: note: invalid UTF-8/.test(l)),
      stderr,
    );
    assert.deepEqual(findings('bad-utf8.prd.md'), ['4:1 missing-section what']);
  });

  it('only notes go to stderr, one a line', () => {
    for (const l of lines(stderr)) assert.match(l, /^\S.*: note: /, l);
  });

  it('an empty file is a PRD missing everything, reported at 1:1', () => {
    assert.deepEqual(findings('empty.prd.md'), ['1:1 missing-section why', '1:1 missing-section what', '1:1 missing-document-owner']);
  });

  it('a file with only front matter: the owner is read, the sections are missing', () => {
    const f = findings('only-front-matter.prd.md');
    assert.deepEqual(
      f.map((x) => x.split(' ').slice(1).join(' ')),
      ['missing-section why', 'missing-section what'],
    );
  });

  it("broken front matter YAML: invalid-front-matter at the YAML error's line", () => {
    // yaml reports the unclosed flow sequence at line 3 of the front matter, which is line 4 of the file.
    const broken = file('broken-yaml.prd.md').diagnostics.filter((d) => d.rule === 'invalid-front-matter');
    assert.equal(broken.length, 1);
    assert.equal(broken[0].severity, 'error');
    assert.equal(broken[0].line, 4);
    // The duplicate `owner:` key is on line 3 of the file.
    const dup = file('duplicate-key.prd.md').diagnostics.filter((d) => d.rule === 'invalid-front-matter');
    assert.deepEqual(
      dup.map((d) => [d.line, d.column]),
      [[3, 1]],
    );
    assert.match(dup[0].message, /unique/i);
  });

  it('CRLF and lone CR line ends: same findings at the same places as LF', () => {
    for (const p of ['crlf.prd.md', 'cr.prd.md']) assert.deepEqual(findings(p), ['4:1 missing-section what'], p);
    for (const p of ['crlf/DECISIONS.md', 'cr/DECISIONS.md']) {
      const d = file(p).diagnostics;
      assert.deepEqual(
        d.map((x) => [x.rule, x.line, x.column, x.endLine, x.endColumn]),
        [['unowned-decision', 7, 19, 7, 22]],
        p,
      );
    }
  });

  it('a UTF-8 BOM: front matter and headings are read, positions unchanged', () => {
    assert.deepEqual(findings('bom.prd.md'), ['4:1 missing-section what']);
  });

  it('UTF-16 with a BOM: front matter and headings are read', () => {
    assert.deepEqual(findings('utf16le.prd.md'), ['4:1 missing-section what']);
    assert.deepEqual(findings('utf16be.prd.md'), ['4:1 missing-section what']);
  });

  it('the other formats and owners survive the same workspace', () => {
    for (const args of [['check'], ['check', '--format', 'sarif'], ['owners'], ['owners', '--format', 'markdown'], ['owners', '--format', 'json']]) {
      const r = charter(args, ws);
      assertNoCrash(r, `charter ${args.join(' ')}`);
      if (args.includes('sarif') || args.includes('json')) assert.doesNotThrow(() => JSON.parse(r.stdout), args.join(' '));
    }
  });

  it('checking only the odd files by path works too', () => {
    for (const p of ['binary.prd.md', 'folder.prd.md', 'huge.prd.md', 'loop', 'empty.prd.md']) {
      const r = charter(['check', p], ws);
      assertNoCrash(r, `charter check ${p}`);
    }
  });
});

describe('bad input: large documents stay within the time bound', () => {
  it('a 3 MB PRD is checked', function () {
    this.timeout(40_000);
    const ws = temps.make('big');
    const para = 'The quick brown fox jumps over the lazy dog, again and again, in every paragraph.\n\n';
    writeFiles(ws, { 'big.prd.md': `---\nowner: Dana Lee\n---\n# Big\n\n## Why\n\n${para.repeat(Math.ceil((3 * 1024 * 1024) / para.length))}## What\n\nThis.\n` });
    const r = charter(['check', '--format', 'json'], ws);
    assertNoCrash(r);
    assert.deepEqual(
      json<JsonReport>(r).files.map((f) => [f.path, f.diagnostics.length]),
      [['big.prd.md', 0]],
    );
  });

  it('a decision log of 10,000 table rows is checked', function () {
    this.timeout(40_000);
    const ws = temps.make('rows');
    let t = '# Decisions\n\n| Date | Decision | Owner |\n|---|---|---|\n';
    for (let i = 0; i < 10_000; i++) t += `| 2024-01-01 | Decision ${i} | ${i % 2 ? 'Dana' : 'TBD'} |\n`;
    writeFiles(ws, { 'DECISIONS.md': t });
    const r = charter(['check', '--format', 'json'], ws);
    assertNoCrash(r);
    const rep = json<JsonReport>(r);
    assert.equal(rep.files[0].diagnostics.filter((d) => d.rule === 'unowned-decision').length, 5_000);
  });

  it('a decision log of 10,000 list-style entries is checked', function () {
    this.timeout(40_000);
    const ws = temps.make('entries');
    let t = '# Decisions\n\n';
    for (let i = 0; i < 10_000; i++) t += `## Decision ${i}\n\n- Date: 2024-01-01\n- Decision: option ${i}\n- Decision maker: ${i % 2 ? 'Dana' : 'TBD'}\n\n`;
    writeFiles(ws, { 'DECISIONS.md': t });
    const r = charter(['check', '--format', 'json'], ws);
    assertNoCrash(r, `charter check on a 10,000-entry log (${r.ms} ms)`);
    const rep = json<JsonReport>(r);
    assert.equal(rep.files[0].diagnostics.filter((d) => d.rule === 'unowned-decision').length, 5_000);
  });
});
