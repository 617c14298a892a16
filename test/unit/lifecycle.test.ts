/**
 * The decision lifecycle on a whole workspace (test/fixtures/workspaces/decision-life), in
 * memory: what each lifecycle rule finds, that a change to one record reaches the records it
 * concerns (supersession, numbers, a folder's own status words), that "today" and the
 * configuration decide the date rules, and that each quick fix removes its finding.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex, type IndexHost } from '../../server/src/core/workspaceIndex';
import { parseConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { fixesFor } from '../../server/src/core/analyze';
import type { Fix } from '../../server/src/core/types';
import { readStatus } from '../../server/src/core/records/statusValue';
import { recordNumber } from '../../server/src/core/records/ids';
import { FIXTURES, listFiles } from './harness';
import { readDocument } from '../../server/src/core/workspace';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig } from '../../server/src/core/config';

const ROOT = path.join(FIXTURES, 'workspaces', 'decision-life');
const LIFECYCLE = new Set(['unknown-status', 'supersede-mismatch', 'duplicate-number', 'review-overdue', 'stale-proposal']);

/** Texts in memory; documents are held compact unless open (as a closed file in the editor). */
class MemoryHost implements IndexHost {
  readonly texts = new Map<string, string>();
  readonly open = new Set<string>();
  read(p: string) {
    return { text: this.texts.get(p) };
  }
  isOpen(p: string) {
    return this.open.has(p);
  }
}

function workspace(edit?: (texts: Map<string, string>) => void, yaml?: string) {
  const host = new MemoryHost();
  for (const f of listFiles(ROOT)) host.texts.set(f, fs.readFileSync(path.join(ROOT, f), 'utf8'));
  edit?.(host.texts);
  const r = parseConfig(yaml ?? host.texts.get('.charter.yaml') ?? '', RULE_IDS);
  assert.ok(r.config, JSON.stringify(r.problems));
  const index = new WorkspaceIndex(r.config, host);
  index.today = '2026-01-15';
  index.load(host.texts.keys(), []);
  for (const p of host.texts.keys()) index.refresh(p);
  return { index, host };
}

/** The lifecycle findings of the workspace: "path rule" lines, sorted. */
function found(index: WorkspaceIndex): string[] {
  const out: string[] = [];
  for (const p of index.documents.keys()) for (const d of index.findings(p)) if (LIFECYCLE.has(d.rule)) out.push(`${p} ${d.rule}`);
  return out.sort();
}

/** A text with edits applied (ranges in the text before them). */
function applyEdits(text: string, edits: Fix['edits']): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('the decision lifecycle on a whole workspace', () => {
  it('finds what each lifecycle rule names, and nothing on the consistent records', () => {
    const { index } = workspace();
    assert.deepEqual(found(index), [
      'docs/adr/0002-use-rest.md supersede-mismatch',
      'docs/adr/0005-cache-prices.md duplicate-number',
      'docs/adr/0005-cache-sessions.md duplicate-number',
      'docs/adr/0006-feature-flags.md review-overdue',
      'docs/adr/0007-rate-limits.md stale-proposal',
      'docs/adr/0008-search.md unknown-status',
    ]);
    const overdue = index.findings('docs/adr/0006-feature-flags.md').find((d) => d.rule === 'review-overdue')!;
    assert.match(overdue.message, /its owner is Evan Mercer \(EM\)$/);
    assert.equal(overdue.severity, 'warning');
    assert.equal(index.findings('docs/adr/0007-rate-limits.md').find((d) => d.rule === 'stale-proposal')!.severity, 'info');
    assert.match(index.findings('docs/adr/0008-search.md')[0].message, /proposed, accepted, rejected, deprecated, superseded, or the configuration's blessed/);
  });

  it('a change to one record reaches the record it supersedes, both ways', () => {
    const { index, host } = workspace();
    const grpc = 'docs/adr/0004-use-grpc.md';
    const without = host.texts.get(grpc)!.replace(/\nSupersedes .*\n/, '\n');
    host.texts.set(grpc, without);
    let change = index.update(grpc, without);
    assert.ok(change.findings.has('docs/adr/0002-use-rest.md'), 'the superseded record is told');
    assert.ok(!found(index).includes('docs/adr/0002-use-rest.md supersede-mismatch'));
    // The old record now says it is superseded by 0004: 0004 must say it supersedes it.
    const rest = 'docs/adr/0002-use-rest.md';
    const superseded = host.texts.get(rest)!.replace('\nAccepted\n', '\nSuperseded by [4. Use gRPC between services](0004-use-grpc.md)\n');
    host.texts.set(rest, superseded);
    change = index.update(rest, superseded);
    assert.ok(change.findings.has(grpc));
    assert.ok(found(index).includes(`${grpc} supersede-mismatch`));
    assert.ok(!found(index).includes(`${rest} supersede-mismatch`));
  });

  it('learns a status word its folder writes for three decisions, and forgets it when one goes', () => {
    const spike = (t: Map<string, string>) => {
      for (const f of ['0001-record-decisions.md', '0002-use-rest.md']) t.set(`docs/adr/${f}`, t.get(`docs/adr/${f}`)!.replace('\nAccepted\n', '\nSpike\n'));
    };
    const { index, host } = workspace(spike);
    assert.ok(!found(index).some((f) => f.endsWith('unknown-status')), found(index).join('\n'));
    const p = 'docs/adr/0001-record-decisions.md';
    const back = host.texts.get(p)!.replace('\nSpike\n', '\nAccepted\n');
    const change = index.update(p, back);
    assert.ok(change.findings.has('docs/adr/0008-search.md') && change.findings.has('docs/adr/0002-use-rest.md'));
    assert.deepEqual(
      found(index).filter((f) => f.endsWith('unknown-status')),
      ['docs/adr/0002-use-rest.md unknown-status', 'docs/adr/0008-search.md unknown-status'],
    );
  });

  it('reads today and the configuration for the date rules', () => {
    const { index } = workspace();
    index.today = '2019-12-31';
    const paths = [...index.documents.keys()];
    index.checkAgain(paths);
    assert.ok(!found(index).some((f) => f.endsWith('review-overdue')), 'not yet due the day before');
    index.today = '2020-01-01';
    index.checkAgain(paths);
    assert.ok(!found(index).some((f) => f.endsWith('review-overdue')), 'due today is not overdue');
    index.today = '2020-01-02';
    index.checkAgain(paths);
    assert.ok(found(index).includes('docs/adr/0006-feature-flags.md review-overdue'));
    // 2020-01-01 + 30 days: stale from the 31st day on.
    index.today = '2020-01-31';
    index.checkAgain(paths);
    assert.ok(!found(index).some((f) => f.endsWith('stale-proposal')));
    index.today = '2020-02-01';
    index.checkAgain(paths);
    assert.ok(found(index).includes('docs/adr/0007-rate-limits.md stale-proposal'));
    // Without the configuration: "Blessed" is unknown, and 90 days is the default.
    const plain = workspace(undefined, '');
    assert.ok(found(plain.index).includes('docs/adr/0003-use-graphql.md unknown-status'));
    plain.index.today = '2020-03-01';
    plain.index.checkAgain([...plain.index.documents.keys()]);
    assert.ok(!found(plain.index).some((f) => f.endsWith('stale-proposal')));
  });

  it('each quick fix removes its finding', () => {
    const { index, host } = workspace();
    const fixOf = (p: string, rule: string, pick = 0): Fix => {
      // Fixes are asked of the document as the editor holds it: open, whole.
      host.open.add(p);
      index.update(p, host.texts.get(p)!);
      const d = index.findings(p).find((x) => x.rule === rule)!;
      const fixes = fixesFor(index.documents.get(p)!, d, index, '2026-01-15');
      assert.ok(fixes.length > pick, `${rule}: fixes ${JSON.stringify(fixes.map((f) => f.title))}`);
      return fixes[pick];
    };
    const apply = (p: string, fix: Fix) => {
      const text = applyEdits(host.texts.get(p)!, fix.edits);
      for (const o of fix.others ?? []) {
        const t = applyEdits(host.texts.get(o.path)!, o.edits);
        host.texts.set(o.path, t);
        index.update(o.path, t);
      }
      if (fix.rename) {
        host.texts.delete(p);
        host.open.delete(p);
        index.remove(p);
        host.texts.set(fix.rename.to, text);
        index.update(fix.rename.to, text);
      } else {
        host.texts.set(p, text);
        index.update(p, text);
      }
    };
    // unknown-status: one fix per lifecycle status, in the value's case — but not "Proposed"
    // here: dated 2024-06-01, the record would be a stale proposal on 2026-01-15, and a fix
    // never trades one finding for another.
    const status = fixOf('docs/adr/0008-search.md', 'unknown-status', 0);
    assert.equal(status.title, 'Set the status to "Accepted"');
    const statusFinding = index.findings('docs/adr/0008-search.md').find((x) => x.rule === 'unknown-status')!;
    const titles = fixesFor(index.documents.get('docs/adr/0008-search.md')!, statusFinding, index, '2026-01-15').map((f) => f.title);
    assert.deepEqual(titles, ['Set the status to "Accepted"', 'Set the status to "Rejected"', 'Set the status to "Deprecated"', 'Set the status to "Superseded"']);
    apply('docs/adr/0008-search.md', status);
    assert.match(host.texts.get('docs/adr/0008-search.md')!, /\n## Status\n\nAccepted\n/);
    // supersede-mismatch: the old record says what supersedes it.
    apply('docs/adr/0002-use-rest.md', fixOf('docs/adr/0002-use-rest.md', 'supersede-mismatch'));
    assert.match(host.texts.get('docs/adr/0002-use-rest.md')!, /\nSuperseded by \[4\. Use gRPC between services\]\(0004-use-grpc\.md\)\n/);
    // duplicate-number: the next free number, the file renamed, its title and the PRD's link changed.
    const renumber = fixOf('docs/adr/0005-cache-prices.md', 'duplicate-number');
    assert.equal(renumber.title, 'Renumber to 0009 (0009-cache-prices.md)');
    apply('docs/adr/0005-cache-prices.md', renumber);
    assert.ok(host.texts.get('docs/adr/0009-cache-prices.md')!.startsWith('# 9. Cache prices at the edge\n'));
    assert.match(host.texts.get('docs/prd/checkout.md')!, /\[ADR 5\]\(\.\.\/adr\/0009-cache-prices\.md\)/);
    // 0008 is accepted now: no finding left of it (as "Proposed" it would be a stale proposal).
    assert.deepEqual(found(index), ['docs/adr/0006-feature-flags.md review-overdue', 'docs/adr/0007-rate-limits.md stale-proposal']);
    assert.ok(!index.findings('docs/prd/checkout.md').some((d) => d.rule === 'broken-link'));
  });

  it('writes the missing "Supersedes" in the shape of the record\'s status', () => {
    const { index, host } = workspace((t) => {
      // 0005 says it is superseded by 0004, which writes its status as a field line.
      t.set('docs/adr/0005-cache-sessions.md', t.get('docs/adr/0005-cache-sessions.md')!.replace('\nAccepted\n', '\nSuperseded by [4](0004-use-grpc.md)\n'));
      t.set(
        'docs/adr/0004-use-grpc.md',
        '# 4. Use gRPC between services\n\n- **Date**: 2024-03-01\n- **Status**: Accepted\n- **Decision maker**: Evan Mercer\n\n## Context\n\nPayloads grew.\n\n## Decision\n\ngRPC.\n',
      );
    });
    const p = 'docs/adr/0004-use-grpc.md';
    const d = index.findings(p).find((x) => x.rule === 'supersede-mismatch' && x.data?.side === 'supersedes');
    assert.ok(d, JSON.stringify(index.findings(p)));
    host.open.add(p);
    index.update(p, host.texts.get(p)!);
    const [fix] = fixesFor(index.documents.get(p)!, d, index, '2026-01-15');
    const text = applyEdits(host.texts.get(p)!, fix.edits);
    assert.match(text, /- \*\*Status\*\*: Accepted\n- \*\*Supersedes\*\*: \[5\. Cache sessions in Redis\]\(0005-cache-sessions\.md\)\n/);
    index.update(p, text);
    assert.ok(!index.findings(p).some((x) => x.rule === 'supersede-mismatch'));
  });
});

describe('reading a status and a number', () => {
  const read = (text: string) => readStatus(text, 0, 0, 'section');
  it('reads the status words at the start, after emoji, markup or a date', () => {
    for (const [text, words, status] of [
      ['Accepted', 'Accepted', 'accepted'],
      ['✅ Accepted', 'Accepted', 'accepted'],
      ['2020-03-25 accepted', 'accepted', 'accepted'],
      ['Accepted - 2025-01-22', 'Accepted', 'accepted'],
      ['Superseded by [ADR-5](0005-x.md)', 'Superseded by', 'superseded'],
      ['Partially accepted', 'Partially accepted', 'accepted'],
      ['Rejected in favour of ADR 111', 'Rejected', 'rejected'],
      ['In review.', 'In review', 'proposed'],
      ['Aceito', 'Aceito', 'accepted'],
      ['Aceptada', 'Aceptada', 'accepted'],
      ['Accepté', 'Accepté', 'accepted'],
      ['Akzeptiert', 'Akzeptiert', 'accepted'],
      ['implementable', 'implementable', 'accepted'],
      ['Superceded entirely by 0072', 'Superceded', 'superseded'],
      ['Spike', 'Spike', undefined],
    ] as const) {
      const r = read(text);
      assert.equal(r?.text, words, text);
      assert.equal(r?.status, status, text);
    }
  });
  it('reads no status in prose, a choice list or a placeholder', () => {
    for (const text of [
      '[proposed | accepted | rejected]',
      '{ proposed | under review | accepted }',
      'proposed/accepted/superseded',
      'TBD',
      'The two points above have been implemented somewhere else',
      'What is the status?',
      '<!-- status -->',
    ]) {
      assert.equal(read(text), undefined, text);
    }
  });
  it('numbers a record by its file name, else its title; a date is no number', () => {
    assert.equal(recordNumber('docs/adr/0012-use-postgres.md'), 12);
    assert.equal(recordNumber('docs/adr/adr-012-use-postgres.md'), 12);
    assert.equal(recordNumber('docs/adr/ADR-12.md'), 12);
    assert.equal(recordNumber('x/ODH-ADR-Operator-0007-auth.md'), 7);
    assert.equal(recordNumber('docs/adr/use-postgres.md', '12. Use Postgres'), 12);
    assert.equal(recordNumber('docs/adr/use-postgres.md', 'ADR-0012: Use Postgres'), 12);
    assert.equal(recordNumber('docs/adr/2024-01-05-use-postgres.md'), undefined);
    assert.equal(recordNumber('docs/adr/use-postgres.md', 'Use Postgres 15'), undefined);
  });
});

describe("reading a record's life where teams write it", () => {
  const classifier = new Classifier(defaultConfig());
  const life = (text: string, file = 'docs/adr/0003-use-kafka.md') => readDocument(file, text, classifier)!.lifecycle!.lives[0];
  const body = '\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n';

  it('reads the review date in front matter and field lines, in the five languages', () => {
    for (const [text, value] of [
      [`---\nstatus: accepted\nreviewBy: 2025-06-30\n---\n# Use Kafka\n${body}`, '2025-06-30'],
      [`---\nstatus: accepted\nrevisit-by: 2025-06\n---\n# Use Kafka\n${body}`, '2025-06'],
      [`# Use Kafka\n\nExpires: 2025-06-30\n${body}`, '2025-06-30'],
      [`# Usar Kafka\n\nRevisar em: 2025-06-30\n${body}`, '2025-06-30'],
      [`# Usar Kafka\n\n**Fecha de revisión:** 2025-06-30\n${body}`, '2025-06-30'],
      [`# Utiliser Kafka\n\n- À revoir le : 2025-06-30\n${body}`, '2025-06-30'],
      [`# Kafka nutzen\n\nÜberprüfen bis: 2025-06-30\n${body}`, '2025-06-30'],
      [`# Use Kafka\n\n| Status | Accepted |\n|---|---|\n| Review date | 2025-06-30 |\n${body}`, '2025-06-30'],
    ] as const) {
      const l = life(text);
      assert.equal(l.reviewBy?.iso, value, text);
    }
  });

  it('reads supersession from front matter, fields, a metadata table and status lines', () => {
    const cases: [string, string[], string[]][] = [
      [`---\nstatus: accepted\nsupersedes: [0001-a.md, ADR-0002]\n---\n# Use Kafka\n${body}`, ['0001-a.md', 'ADR-0002'], []],
      [`---\nstatus: "superseded by [ADR-0005](0005-use-nats.md)"\n---\n# Use Kafka\n${body}`, [], ['0005-use-nats.md']],
      [`---\nsuperseded_by: ADR-0005\n---\n# Use Kafka\n${body}`, [], ['ADR-0005']],
      [`# 3. Use Kafka\n\nSupersedes: [ADR-1](0001-a.md), [ADR-2](0002-b.md)\n${body}`, ['0001-a.md', '0002-b.md'], []],
      [`# Use Kafka\n\n| Status | Accepted |\n|---|---|\n| Supersedes | N/A |\n| Superseded by: | [5](0005-use-nats.md) |\n${body}`, [], ['0005-use-nats.md']],
      [`# 3. Use Kafka\n\n## Status\n\nAccepted\n\nSupersedes [1. Record decisions](0001-record-decisions.md)\n${body}`, ['0001-record-decisions.md'], []],
      [`# 3. Use Kafka\n\n## Status\n\n⌛️ Superseded [0019](0019-use-go.md)\n${body}`, [], ['0019-use-go.md']],
      [`# 3. Use Kafka\n\n## Status\n\nSuperseded by ADR-16\n${body}`, [], ['ADR-16']],
      [`# 3. Use Kafka\n\n## Status\n\nSuperseded by [ADR 16](https://github.com/o/r/blob/main/docs/adr/0016-use-nats.md)\n${body}`, [], ['0016-use-nats.md']],
    ];
    for (const [text, supersedes, by] of cases) {
      const l = life(text);
      assert.deepEqual(
        l.supersedes.map((p) => p.target),
        supersedes,
        text,
      );
      assert.deepEqual(
        l.supersededBy.map((p) => p.target),
        by,
        text,
      );
    }
  });

  it('reads the status that starts a status section\'s line written like a field ("Accepted. Tracking issue: …")', () => {
    // cometbft ADRs 118 and 119 write their status so: the line reads as a field whose name starts with the status.
    for (const line of ['Accepted. Tracking issue: [#2803][tracking-issue].', 'Accepted: Tracking issue [\\#3297].']) {
      assert.equal(life(`# ADR 118: Mempool QoS\n\n## Status\n\n${line}\n${body}`).status?.status, 'accepted', line);
    }
    // A field line whose name is no status says none: the next line is not taken for one either.
    assert.equal(life(`# ADR 7: Cache\n\n## Status\n\nTracking issue: #12\n\nAccepted\n${body}`).status, undefined);
  });

  it("takes the record's own status, not a feature's further down", () => {
    const text = `# Use Kafka\n\n| Status | Proposed |\n|---|---|\n| Authors | Dana |\n${body}\n## Components\n\nStatus: Tech Preview\n`;
    assert.equal(life(text).status?.text, 'Proposed');
  });
});
