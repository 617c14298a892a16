/**
 * Decision ids, records and index pages (core/records/ids.ts, workspace.ts, indexPage.ts): the
 * ids a text cites, a record's number and status, the index's missing rows and the row a
 * quick fix adds, the index `charter index` writes, and a workspace whose records change
 * under it (the index and the citing documents are checked again).
 */
import * as assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { defaultConfig } from '../../server/src/core/config';
import { findCitations, recordNumber } from '../../server/src/core/records/ids';
import { statusOfLine } from '../../server/src/core/records/statusValue';
import { recordsOf } from '../../server/src/core/records/workspace';
import { INDEX_END, INDEX_START } from '../../server/src/core/records/ids';
import { renderIndex, withIndex } from '../../server/src/core/records/indexPage';
import { bareTitle } from '../../server/src/core/records/workspace';
import { fixesFor } from '../../server/src/core/analyze';
import { buildDecisionLife } from '../../server/src/core/records/byStatus';
import { formatOwnersHtml } from '../../server/src/report/ownersHtml';
import { buildOwnership } from '../../server/src/core/ownership';

const adr = (n: number, title: string, status: string, extra = '') =>
  `# ${n}. ${title}\n\nDate: 2024-0${(n % 9) + 1}-01\nDecision maker: Evan Mercer\n\n## Status\n\n${status}\n\n## Context\n\nSomething happened.\n\n## Decision\n\nWe do it.\n${extra}`;

function workspace(files: Record<string, string>): { index: WorkspaceIndex; texts: Map<string, string> } {
  const texts = new Map(Object.entries(files));
  const index = new WorkspaceIndex(defaultConfig(), { read: (p) => ({ text: texts.get(p) }), isOpen: () => false });
  index.load(texts.keys(), []);
  for (const p of texts.keys()) index.refresh(p);
  for (const p of index.checkable()) index.check(p);
  return { index, texts };
}

const rules = (index: WorkspaceIndex, path: string, rule: string) => index.findings(path).filter((d) => d.rule === rule);

describe('decision ids and records', () => {
  it('reads the ids a text cites, and not those in code, comments or paths', () => {
    const text = [
      'See ADR-0012, ADR 7 and ADR-3; ADR-0000 is a template and ADR-12.5 a version.',
      '```',
      'ADR-99 in code',
      '```',
      '<!-- ADR-98 in a comment -->',
      'A path docs/adr/ADR-0004.md and (ADR#5).',
    ].join('\n');
    const got = findCitations(text, ['ADR'], true).map((c) => `${c.range.start.line}:${c.range.start.character}:${c.number}`);
    assert.deepEqual(got, ['0:4:12', '0:14:7', '0:24:3', '5:33:5']);
    // A source file's comments are all read.
    assert.deepEqual(
      findCitations('// see ADR-0042\n/* RFC-7 */', ['ADR', 'RFC'], false).map((c) => `${c.prefix}${c.number}`),
      ['ADR42', 'RFC7'],
    );
  });

  it('numbers records by their file names', () => {
    assert.equal(recordNumber('docs/adr/0012-use-kafka.md'), 12);
    assert.equal(recordNumber('docs/adr/ADR-7.md'), 7);
    assert.equal(recordNumber('docs/adr/adr_0042_x.md'), 42);
    assert.equal(recordNumber('docs/adr/0000-template.md'), undefined);
    assert.equal(recordNumber('docs/adr/use-kafka.md'), undefined);
  });

  it('reads a status line as real records write it', () => {
    assert.equal(statusOfLine('Superseded by [ADR-5](0005-x.md)'), 'superseded');
    assert.equal(statusOfLine('**Accepted** - 2025-01-22'), 'accepted');
    assert.equal(statusOfLine('In review'), 'proposed');
    assert.equal(statusOfLine('Aceito em 2024-03-01'), 'accepted');
    assert.equal(statusOfLine('Whatever the team says'), undefined);
  });

  it('reads each record: number, title, status, successor, date and owner', () => {
    const { index } = workspace({
      'docs/adr/0001-use-postgres.md': adr(1, 'Use Postgres', 'Superseded by [ADR-0002](0002-use-cockroach.md)'),
      'docs/adr/0002-use-cockroach.md': adr(2, 'Use CockroachDB', 'Accepted'),
    });
    const recs = recordsOf(index);
    assert.deepEqual(
      recs.map((r) => [r.path, r.number, r.status, r.successors, r.date, r.owner]),
      [
        ['docs/adr/0001-use-postgres.md', 1, 'superseded', ['0002-use-cockroach.md'], '2024-02-01', 'Evan Mercer'],
        ['docs/adr/0002-use-cockroach.md', 2, 'accepted', [], '2024-03-01', 'Evan Mercer'],
      ],
    );
  });
});

describe('decision references in a workspace', () => {
  const base = {
    'docs/adr/0001-use-postgres.md': adr(1, 'Use Postgres', 'Superseded by [ADR-0002](0002-use-cockroach.md)'),
    'docs/adr/0002-use-cockroach.md': adr(2, 'Use CockroachDB', 'Accepted'),
    'docs/adr/README.md': '# Decisions\n\n- [ADR-0001](0001-use-postgres.md) Use Postgres\n- [ADR-0002](0002-use-cockroach.md) Use CockroachDB\n',
    'docs/prd/search.prd.md': '---\nowner: Dana\n---\n# Search\n\n## Problem\n\nSlow, see ADR-0001 and ADR-0003.\n\n## Requirements\n\nFast.\n',
  };

  it('reports an unknown id, a superseded one with its successor, and nothing on a complete index', () => {
    const { index } = workspace(base);
    const prd = 'docs/prd/search.prd.md';
    assert.deepEqual(
      rules(index, prd, 'unknown-decision-reference').map((d) => d.message),
      ['ADR-0003 names no decision record: no ADR record is numbered 3'],
    );
    assert.deepEqual(
      rules(index, prd, 'superseded-reference').map((d) => d.message),
      ['ADR-0001 cites ADR-0001 "Use Postgres", which is superseded; its successor is ADR-0002 "Use CockroachDB" (docs/adr/0002-use-cockroach.md)'],
    );
    assert.equal(index.documents.get('docs/adr/README.md')?.kind.name, 'decision-index');
    assert.deepEqual(index.findings('docs/adr/README.md'), []);
  });

  it('checks the index and the citing documents again when a record comes, goes or changes status', () => {
    const { index, texts } = workspace(base);
    const prd = 'docs/prd/search.prd.md';
    const readme = 'docs/adr/README.md';
    // A third record: the PRD's ADR-0003 resolves, and the index leaves it out.
    texts.set('docs/adr/0003-cache-results.md', adr(3, 'Cache results', 'Proposed'));
    let change = index.update('docs/adr/0003-cache-results.md', texts.get('docs/adr/0003-cache-results.md'));
    assert.ok(change.findings.has(prd) && change.findings.has(readme), [...change.findings].join(', '));
    assert.deepEqual(rules(index, prd, 'unknown-decision-reference'), []);
    assert.deepEqual(
      rules(index, readme, 'missing-from-index').map((d) => [d.range.start.line, d.message]),
      [[3, 'ADR-0003 "Cache results" (docs/adr/0003-cache-results.md) is not listed in this index']],
    );
    // The quick fix adds the row in the index's own shape.
    const page = { ...index.documents.get(readme)! };
    const full = workspaceDoc(texts, readme);
    const [fix] = fixesFor(full, rules(index, readme, 'missing-from-index')[0], index, '2026-01-01');
    assert.deepEqual(fix.edits, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '- [ADR-0003](0003-cache-results.md) Cache results\n' }]);
    void page;
    // ADR-0001 accepted again: the PRD's info goes.
    texts.set('docs/adr/0001-use-postgres.md', adr(1, 'Use Postgres', 'Accepted'));
    change = index.update('docs/adr/0001-use-postgres.md', texts.get('docs/adr/0001-use-postgres.md'));
    assert.ok(change.findings.has(prd));
    assert.deepEqual(rules(index, prd, 'superseded-reference'), []);
    // The record goes: the id is unknown again, and the index complete.
    texts.delete('docs/adr/0003-cache-results.md');
    change = index.remove('docs/adr/0003-cache-results.md');
    assert.ok(change.findings.has(prd) && change.findings.has(readme));
    assert.equal(rules(index, prd, 'unknown-decision-reference').length, 1);
    assert.deepEqual(index.findings(readme), []);
  });

  it('is silent where the workspace has no records of a prefix, and a README naming one record is no index', () => {
    const { index } = workspace({
      'docs/prd/a.prd.md': '---\nowner: Dana\n---\n# A\n\n## Problem\n\nAs ADR-0042 of the platform team says.\n\n## Requirements\n\nB.\n',
      'docs/adr/0001-a.md': '---\nstatus: accepted\n---\n' + adr(1, 'A', 'Accepted'),
      'docs/adr/0002-b.md': adr(2, 'B', 'Accepted'),
      'docs/adr/0003-c.md': adr(3, 'C', 'Accepted'),
      'docs/adr/README.md': '# ADRs\n\nStart from [the first](0001-a.md); see also [b](0002-b.md).\n',
    });
    assert.equal(rules(index, 'docs/prd/a.prd.md', 'unknown-decision-reference').length, 1, 'records exist: ADR-0042 is unknown');
    assert.deepEqual(rules(index, 'docs/adr/README.md', 'missing-from-index').length, 1, 'two of three listed: an index');
    const none = workspace({ 'docs/prd/a.prd.md': '---\nowner: Dana\n---\n# A\n\n## Problem\n\nAs ADR-0042 of the platform team says.\n\n## Requirements\n\nB.\n' });
    assert.deepEqual(rules(none.index, 'docs/prd/a.prd.md', 'unknown-decision-reference'), []);
  });
});

describe('charter index: the index written between markers', () => {
  it('renders number, linked title, status, date and owner, and refreshes only between the markers', () => {
    const { index } = workspace({
      'docs/adr/0002-b.md': adr(2, 'B | pipes', 'Accepted'),
      'docs/adr/0001-a.md': adr(1, 'A [x]', 'Proposed'),
    });
    const block = renderIndex('docs/adr/README.md', recordsOf(index));
    assert.equal(
      block,
      [
        INDEX_START,
        '| Number | Title | Status | Date | Owner |',
        '| --- | --- | --- | --- | --- |',
        '| 0001 | [A \\[x\\]](0001-a.md) | proposed | 2024-02-01 | Evan Mercer |',
        '| 0002 | [B \\| pipes](0002-b.md) | accepted | 2024-03-01 | Evan Mercer |',
        INDEX_END,
      ].join('\n'),
    );
    const page = `# ADRs\n\nIntro.\n\n${INDEX_START}\nold\n${INDEX_END}\n\nOutro.\n`;
    assert.equal(withIndex(page, 'NEW'), '# ADRs\n\nIntro.\n\nNEW\n\nOutro.\n');
    assert.equal(withIndex('# ADRs\n', 'NEW'), '# ADRs\n\nNEW\n');
    assert.equal(withIndex(undefined, 'NEW'), '# Decision records\n\nNEW\n');
    assert.equal(bareTitle('12. Use Kafka'), 'Use Kafka');
    assert.equal(bareTitle('ADR-0012: Use Kafka'), 'Use Kafka');
  });

  it('writes an index the check accepts as complete', () => {
    const files = { 'docs/adr/0001-a.md': adr(1, 'A', 'Accepted'), 'docs/adr/0002-b.md': adr(2, 'B', 'Accepted'), 'docs/adr/0003-c.md': adr(3, 'C', 'Accepted') };
    const { index } = workspace(files);
    const readme = withIndex(undefined, renderIndex('docs/adr/README.md', recordsOf(index)));
    const again = workspace({ ...files, 'docs/adr/README.md': readme });
    assert.equal(again.index.documents.get('docs/adr/README.md')?.kind.name, 'decision-index');
    assert.deepEqual(again.index.findings('docs/adr/README.md'), []);
    const less = workspace({ ...files, 'docs/adr/0004-d.md': adr(4, 'D', 'Accepted'), 'docs/adr/README.md': readme });
    assert.deepEqual(
      rules(less.index, 'docs/adr/README.md', 'missing-from-index').map((d) => d.data?.target),
      ['docs/adr/0004-d.md'],
    );
  });
});

/** The whole document (text and model) as an open editor holds it. */
function workspaceDoc(texts: Map<string, string>, path: string) {
  const { index } = (() => {
    const index = new WorkspaceIndex(defaultConfig(), { read: (p) => ({ text: texts.get(p) }), isOpen: (p) => p === path });
    index.load(texts.keys(), []);
    for (const p of texts.keys()) index.refresh(p);
    return { index };
  })();
  return index.documents.get(path)!;
}

describe("decisions by status: the sidebar's model and the report's timeline", () => {
  it('groups the records by status, undated and unknown ones included, and lists what needs attention by rule', () => {
    const { index } = workspace({
      'docs/adr/0001-a.md': adr(1, 'A < B & "C"', 'Superseded by [ADR-0002](0002-b.md)'),
      'docs/adr/0002-b.md': adr(2, 'B', 'Accepted'),
      'docs/adr/0003-c.md': adr(3, 'C', 'Accepted'),
      'docs/adr/0004-d.md': adr(4, 'D', 'Whatever we said'),
      'docs/adr/README.md': '# ADRs\n\n- [A](0001-a.md)\n- [B](0002-b.md)\n- [C](0003-c.md)\n',
    });
    const life = buildDecisionLife(index, (p) => index.findings(p));
    assert.deepEqual(
      life.statuses.map((g) => [g.status, g.records.map((r) => r.number)]),
      [
        ['accepted', [2, 3]],
        ['superseded', [1]],
        ['unknown', [4]],
      ],
    );
    assert.equal(life.statuses[2].records[0].written, 'Whatever we said');
    // 0001 is superseded by 0002, which does not say so; "Whatever we said" is no status; the index leaves 0004 out.
    assert.deepEqual(
      life.attention.map((a) => [a.rule, a.label, a.items.map((i) => i.path)]),
      [
        ['supersede-mismatch', 'Supersession written on one side only', ['docs/adr/0002-b.md']],
        ['unknown-status', 'Statuses outside the lifecycle', ['docs/adr/0004-d.md']],
        ['missing-from-index', 'Records missing from their index', ['docs/adr/README.md']],
      ],
    );
    const html = formatOwnersHtml(buildOwnership(index), { decisions: life });
    assert.match(html, /<h2>Decisions by status<\/h2>/);
    assert.match(html, /<h3 id="status-accepted">Accepted \(2\)<\/h3>/);
    assert.match(html, /<li class="s-superseded"><span class="date">2024-02-01<\/span><a href="docs\/adr\/0001-a\.md#L1"[^>]*>0001 A &#60; B &#38; &#34;C&#34;<\/a>/);
    assert.match(html, /status written as “Whatever we said”/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
  });
});

describe("citations that are no citations of this workspace's records", () => {
  it("skips a link to another site, and a record's former number", () => {
    const { index } = workspace({
      'docs/adr/0001-a.md': adr(1, 'A', 'Accepted'),
      'docs/adr/0002-b.md': adr(
        2,
        'B',
        'Accepted',
        '\nThe proposed [ADR 083][adr083] and [ADR-84](https://example.org/adr/84) inspired it; ADR-0085 did not.\n\nWas previously ADR 0086; renumbered.\n\n[adr083]: https://github.com/example/pull/9651\n',
      ),
    });
    assert.deepEqual(
      index.documents.get('docs/adr/0002-b.md')!.cites!.map((c) => c.text),
      ['ADR-0085'],
    );
    assert.deepEqual(
      rules(index, 'docs/adr/0002-b.md', 'unknown-decision-reference').map((d) => d.message),
      ['ADR-0085 names no decision record: no ADR record is numbered 85'],
    );
  });

  it('reads the status from the Status section before a field line elsewhere, and a successor given as a URL', () => {
    const { index } = workspace({
      'docs/adr/0001-a.md': adr(1, 'A', '**Accepted** - 2025-01-22', '\n## Notes\n\n**Status**: **SUPERSEDED** by this ADR\n'),
      'docs/adr/0002-b.md': adr(2, 'B', 'Superseded by [ADR 3](https://github.com/o/r/blob/main/docs/adr/0003-c.md)'),
      'docs/adr/0003-c.md': adr(3, 'C', 'Accepted', '\nSee ADR-0002.\n'),
    });
    assert.deepEqual(
      recordsOf(index).map((r) => r.status),
      ['accepted', 'superseded', 'accepted'],
    );
    assert.deepEqual(rules(index, 'docs/adr/0003-c.md', 'superseded-reference'), [], 'the successor cites its predecessor');
  });
});

describe('decision ids on hostile input', () => {
  it('reads a megabyte of ids on one line, brackets unclosed, within a bounded time and count', () => {
    const line = '[ADR-1 '.repeat(150_000);
    const text = `# X\n\n${line}\n\n${'ADR-2 '.repeat(200_000)}\n[adr-1]: https://example.org/\n`;
    const started = Date.now();
    const { index } = workspace({ 'docs/adr/0001-a.md': adr(1, 'A', 'Accepted'), 'docs/prd/x.prd.md': `---\nowner: Dana\n---\n${text}` });
    const doc = index.documents.get('docs/prd/x.prd.md')!;
    assert.equal(doc.cites?.length, 2000, 'at most 2,000 citations a document');
    assert.ok(Date.now() - started < 5_000, `${Date.now() - started} ms`);
  });
});

describe('records kept as the page of their own folder', () => {
  it('are numbered by their folder; a dated name is no number', () => {
    assert.equal(recordNumber('docs/adr/0007-split-the-api/README.md'), 7);
    assert.equal(recordNumber('docs/decisions/2022-11-09-api-refactoring/README.md'), undefined);
    assert.equal(recordNumber('docs/adr/2022-11-09-x.md'), undefined);
  });
});
