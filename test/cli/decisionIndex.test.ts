/**
 * `charter index` and the decision rules end to end: the index printed and written between
 * its markers (and accepted by the check), refreshed when a record comes, never written
 * outside the root; ids in source files (`references.include`) checked as in documents.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { charter, ensureBuilt, hashTree, json, Temps, writeFiles, type JsonReport } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const record = (n: number, title: string, status = 'Accepted') =>
  `# ${n}. ${title}\n\nDate: 2024-01-0${n}\nDecision maker: Dana\n\n## Status\n\n${status}\n\n## Context\n\nWhy ${title}.\n\n## Decision\n\nWe do ${title}.\n`;

function repository(): string {
  const ws = temps.make('index');
  writeFiles(ws, {
    'docs/adr/0001-record-decisions.md': record(1, 'Record decisions'),
    'docs/adr/0002-use-postgres.md': record(2, 'Use Postgres', 'Superseded by [ADR-0003](0003-use-cockroach.md)'),
    'docs/adr/0003-use-cockroach.md': record(3, 'Use CockroachDB'),
  });
  return ws;
}

const found = (r: JsonReport, rule: string) => r.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === rule).map((d) => `${f.path}:${d.line} ${d.message}`));

describe('charter index', () => {
  it('prints the index of each folder and writes nothing', () => {
    const ws = repository();
    const before = hashTree(ws);
    const r = charter(['index'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        '<!-- charter:index -->',
        '| Number | Title | Status | Date | Owner |',
        '| --- | --- | --- | --- | --- |',
        '| 0001 | [Record decisions](0001-record-decisions.md) | accepted | 2024-01-01 | Dana |',
        '| 0002 | [Use Postgres](0002-use-postgres.md) | superseded | 2024-01-02 | Dana |',
        '| 0003 | [Use CockroachDB](0003-use-cockroach.md) | accepted | 2024-01-03 | Dana |',
        '<!-- /charter:index -->',
        '',
      ].join('\n'),
    );
    assert.deepEqual(hashTree(ws), before);
  });

  it('--write writes the README the check accepts, and refreshes it when a record comes', () => {
    const ws = repository();
    let r = charter(['index', '--write', 'docs/adr'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /wrote docs\/adr\/README\.md \(3 records\)/);
    const readme = path.join(ws, 'docs/adr/README.md');
    assert.match(fs.readFileSync(readme, 'utf8'), /^# Decision records\n\n<!-- charter:index -->/);
    let check = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    assert.equal(check.files.find((f) => f.path === 'docs/adr/README.md')?.kind, 'decision-index');
    assert.deepEqual(found(check, 'missing-from-index'), []);
    // A new record: the index leaves it out, and says so, until it is written again.
    writeFiles(ws, { 'docs/adr/0004-cache.md': record(4, 'Cache') });
    check = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    assert.deepEqual(found(check, 'missing-from-index'), ['docs/adr/README.md:8 ADR-0004 "Cache" (docs/adr/0004-cache.md) is not listed in this index']);
    fs.appendFileSync(readme, '\nWritten by hand, kept.\n');
    r = charter(['index', '--write'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /refreshed the index in docs\/adr\/README\.md \(4 records\)/);
    const text = fs.readFileSync(readme, 'utf8');
    assert.match(text, /\| 0004 \| \[Cache\]\(0004-cache\.md\) \| accepted \|/);
    assert.match(text, /Written by hand, kept\.\n$/);
    assert.deepEqual(found(json<JsonReport>(charter(['check', '--format', 'json'], ws)), 'missing-from-index'), []);
    r = charter(['index', '--write'], ws);
    assert.match(r.stderr, /docs\/adr\/README\.md is up to date/);
  });

  it('never writes outside the root, nor through a link that leaves it', () => {
    const ws = repository();
    const outside = temps.make('outside');
    let r = charter(['index', '--write', outside], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /outside the workspace root/);
    fs.symlinkSync(path.join(outside, 'README.md'), path.join(ws, 'docs/adr/README.md'));
    r = charter(['index', '--write', 'docs/adr'], ws);
    assert.equal(r.status, 2, r.stderr);
    assert.deepEqual(fs.readdirSync(outside), []);
    r = charter(['index', '--format', 'json'], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--format does not apply to index/);
  });
});

describe('decision references', () => {
  it('reports unknown and superseded ids in documents and in references.include files', () => {
    const ws = repository();
    writeFiles(ws, {
      '.charter.yaml': 'references:\n  include: ["src/**/*.ts"]\n',
      'docs/prd/search.prd.md': '---\nowner: Dana\n---\n# Search\n\n## Problem\n\nSlow; ADR-0002 chose the store.\n\n## Requirements\n\nFast, as ADR-0009 says.\n',
      'src/store.ts': '// The store: see ADR-0003.\n// ADR-0002 chose Postgres first.\nexport const store = 1; // ADR 42\n',
      'src/other.js': '// ADR-0077 is not read: not included\n',
    });
    const check = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    assert.deepEqual(found(check, 'unknown-decision-reference'), [
      'docs/prd/search.prd.md:12 ADR-0009 names no decision record: no ADR record is numbered 9',
      'src/store.ts:3 ADR 42 names no decision record: no ADR record is numbered 42',
    ]);
    assert.deepEqual(found(check, 'superseded-reference'), [
      'docs/prd/search.prd.md:8 ADR-0002 cites ADR-0002 "Use Postgres", which is superseded; its successor is ADR-0003 "Use CockroachDB" (docs/adr/0003-use-cockroach.md)',
      'src/store.ts:2 ADR-0002 cites ADR-0002 "Use Postgres", which is superseded; its successor is ADR-0003 "Use CockroachDB" (docs/adr/0003-use-cockroach.md)',
    ]);
    assert.equal(check.files.find((f) => f.path === 'src/store.ts')?.kind, 'source');
    assert.equal(
      check.files.find((f) => f.path === 'src/other.js'),
      undefined,
    );
  });

  it('charter owners --format html draws the records on a timeline per status', () => {
    const ws = repository();
    const r = charter(['owners', '--format', 'html'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /<h2>Decisions by status<\/h2>/);
    assert.match(r.stdout, /<h3 id="status-accepted">Accepted \(2\)<\/h3>/);
    assert.match(r.stdout, /<li class="s-superseded"><span class="date">2024-01-02<\/span><a href="docs\/adr\/0002-use-postgres\.md#L1"[^>]*>0002 Use Postgres<\/a>/);
    assert.doesNotMatch(r.stdout, /<script/i);
  });
});
