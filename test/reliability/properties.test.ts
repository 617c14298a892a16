/**
 * Property-based tests of the analysis core (fast-check, fixed seed): over generated
 * markdown built from realistic pieces — front matter valid and broken, headings of every
 * style, decision entries in every shape, tables, fences, comments and directives, links,
 * and every line end — the core never throws, every range lies inside its document, the
 * fast scanner and remark build the same model, and every quick fix removes its finding,
 * brings no other finding in its place, touches nothing outside its range and is idempotent.
 *
 * A failing run prints the seed, the path and the shrunk document; replay it with
 * `FC_SEED=<seed> FC_PATH=<path>`. Every property also records a row for docs/reliability.md.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig } from '../../server/src/core/config';
import { readDocument, type IndexView } from '../../server/src/core/workspace';
import { decisionAt, type Fix, type TextEdit } from '../../server/src/core/edits';
import { fixesFor } from '../../server/src/core/analyze';
import { scanMarkdown } from '../../server/src/core/scan';
import { parseMarkdown } from '../../server/src/core/markdown';
import { LineIndex } from '../../server/src/core/text';
import type { AnalyzedDocument } from '../../server/src/core/document';
import type { Finding, Range } from '../../server/src/core/types';
import { writeResults, type Row } from './report';
import { buildIndex, checkDocument } from '../support/oracle';

const SEED = Number(process.env.FC_SEED ?? 20240611);
const RUNS = Number(process.env.FC_RUNS ?? 1000);
const replayPath = process.env.FC_PATH;
const params = (runs = RUNS): fc.Parameters<unknown> => ({ seed: SEED, numRuns: runs, ...(replayPath ? { path: replayPath, endOnFailure: true } : {}) });

const config = defaultConfig();
const classifier = new Classifier(config);
const TODAY = '2025-03-14';

/** The team's charter, beside every generated document, so that owner fixes have people to offer. */
const CHARTER_PATH = 'team/CHARTER.md';
const CHARTER = `---
type: charter
people:
  - name: Dana Lee
    role: PM
    handle: "@dana"
  - name: Evan Park
    role: EM
    handle: evan
  - name: Mei Lin
    role: Tech Lead
---
# Team charter
`;
const charterDoc = readDocument(CHARTER_PATH, CHARTER, classifier)!;

// ---------------------------------------------------------------- arbitraries

const KINDS = ['prd', 'sdd', 'decision-log', 'adr', 'charter'] as const;
type Kind = (typeof KINDS)[number];

const person = fc.constantFrom('Dana Lee', 'Evan Park', 'Mei Lin', 'Dana', '@dana', '@evan', 'PM', 'EM', 'Zed Unknown', 'dana@example.com');
const ownerValue = fc.oneof(
  { weight: 4, arbitrary: person },
  { weight: 2, arbitrary: fc.constantFrom('TBD', '?', 'n/a', '[who decides]', '', 'TODO', '{owner}', '___') },
  { weight: 2, arbitrary: fc.tuple(person, fc.constantFrom(' and ', ', ', ' / ', ' & ', ' with '), person).map(([a, s, b]) => `${a}${s}${b}`) },
  { weight: 1, arbitrary: fc.constantFrom('jointly', 'Dana and Evan jointly', 'the whole team', 'Dana (PM)', 'Dana, PM', '**Dana Lee**', '[Dana](./dana.md)', '`dana`') },
);
const dateValue = fc.constantFrom(
  '2024-01-15',
  '2025-02-30',
  '2024-13-01',
  '03/04/2024',
  '2024-02-29',
  '2023-02-29',
  'TBD',
  '',
  'yesterday',
  '2024-1-5',
  '15 Jan 2024',
  '2024-01-15T10:00:00Z',
);
const word = fc.constantFrom(
  'the',
  'plan',
  'cache',
  'prices',
  'x',
  'Owner',
  'Decision',
  'TBD',
  '`code`',
  '*em*',
  '**bold**',
  '_u_',
  '[link](./a.md)',
  '[broken](./missing.md)',
  '<http://e.org>',
  '&amp;',
  '\\*',
  '#',
  '|',
  '<!-- c -->',
  '[ref]',
  '![img](i.png)',
  'Vec<T>',
  '📦',
  'café',
  '\t',
);
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));

const SECTION_NAMES = [
  'Why',
  'What',
  'How',
  'Who',
  'When',
  'Context',
  'Decision',
  'Consequences',
  'Problem statement',
  'Requirements',
  'Technical design',
  'Timeline',
  'Team',
  'Decision outcome',
  'Context and problem statement',
  'Alternatives',
  'Trade-offs',
  'Decision makers',
  'Owner',
  'Background',
  'Scope',
  'Milestones',
  'Notes',
];
const headingText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SECTION_NAMES) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('2.1 ', '1. ', '🎯 ', 'A) ', ''), fc.constantFrom(...SECTION_NAMES), fc.constantFrom(' (optional)', '', ':', ' #', ' ##'))
      .map(([a, b, c]) => `${a}${b}${c}`),
  },
  { weight: 2, arbitrary: text },
);
const atx = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(' ', '  ', '\t'), headingText).map(([d, s, t]) => `${'#'.repeat(d)}${s}${t}`);
const setext = fc.tuple(headingText, fc.constantFrom('===', '---', '  ---  ', '=')).map(([t, u]) => `${t}\n${u}`);
const heading = fc.oneof({ weight: 4, arbitrary: atx }, { weight: 1, arbitrary: setext });

const OWNER_KEYS = ['Decision maker', 'Decision makers', 'Owner', 'Decided by', 'Decider', 'Deciders', 'DRI', 'Accountable', 'Made by'];
const FIELD_KEYS = ['Date', 'Decision', 'Context', 'Alternatives', 'Trade-offs', 'Status', 'Area', 'Supersedes'];
type Style = 'plain' | 'bold-in' | 'bold-out' | 'list-bold' | 'list';
const style = fc.constantFrom<Style>('plain', 'bold-in', 'bold-out', 'list-bold', 'list');
const renderField = (s: Style, k: string, v: string) => {
  const sep = v === '' ? '' : ' ';
  switch (s) {
    case 'plain':
      return `${k}:${sep}${v}`;
    case 'bold-in':
      return `**${k}:**${sep}${v}`;
    case 'bold-out':
      return `**${k}**:${sep}${v}`;
    case 'list-bold':
      return `- **${k}**:${sep}${v}`;
    case 'list':
      return `- ${k}:${sep}${v}`;
  }
};
const fieldValue = (k: string) =>
  k === 'Date'
    ? dateValue
    : k === 'Area'
      ? fc.constantFrom('How', 'Why', 'When', 'nowhere')
      : k === 'Supersedes'
        ? fc.constantFrom('[Old](./old.md)', 'Pick a cache', 'nothing')
        : text;
const fieldLine = (s: Style) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...OWNER_KEYS), ownerValue).map(([k, v]) => renderField(s, k, v)),
    fc.constantFrom(...FIELD_KEYS).chain((k) => fieldValue(k).map((v) => renderField(s, k, v))),
  );
/** A decision entry: a heading and its field lines, in one style, with hard breaks or not. */
const entry = fc
  .tuple(fc.integer({ min: 2, max: 4 }), text, style, fc.constantFrom('', '  '))
  .chain(([depth, title, s, hard]) =>
    fc
      .array(fieldLine(s), { minLength: 0, maxLength: 6 })
      .map((fields) => `${'#'.repeat(depth)} ${title}\n\n${fields.map((f, i) => (i < fields.length - 1 && !s.startsWith('list') ? f + hard : f)).join('\n')}`),
  );
/** An entry with a part heading ("### Decision makers") under it. */
const entryWithParts = fc
  .tuple(text, fc.constantFrom('Decision makers', 'Owner', 'Context', 'Decision', 'Alternatives'), ownerValue, fieldLine('plain'))
  .map(([title, part, v, f]) => `## ${title}\n\n${f}\n\n### ${part}\n\n${v}`);
const tableCell = fc.oneof(
  person,
  fc.constantFrom('TBD', '', '?', 'Dana and Evan'),
  text.map((t) => t.replace(/\|/g, '\\|')),
  dateValue,
);
const table = fc
  .tuple(fc.shuffledSubarray(['Date', 'Decision', 'Owner', 'Decided by', 'Context', 'Area', 'Notes'], { minLength: 1, maxLength: 4 }), fc.boolean(), fc.integer({ min: 0, max: 4 }))
  .chain(([cols, lead, n]) =>
    fc.array(fc.array(tableCell, { minLength: cols.length, maxLength: cols.length }), { minLength: n, maxLength: n }).map((rows) => {
      const row = (cells: string[]) => (lead ? `| ${cells.join(' | ')} |` : cells.join(' | '));
      return [row(cols), row(cols.map(() => '---')), ...rows.map(row)].join('\n');
    }),
  );
const fence = fc
  .tuple(fc.constantFrom('```', '~~~', '````'), fc.constantFrom('# not a heading', 'Owner: Dana', '<!--', 'Decision maker: TBD', '## Why'), fc.constantFrom(true, true, false))
  .map(([f, body, closed]) => `${f}md\n${body}\n${closed ? f : ''}`);
const comment = fc.oneof(
  fc.constantFrom('<!-- TODO -->', '<!-- Why is this worth solving now? -->', '<!--\n# Heading in a comment\nOwner: Dana\n-->', '<!-- unclosed'),
  fc
    .tuple(
      fc.constantFrom('charter-disable', 'charter-disable-next-line'),
      fc.constantFrom('', ' unowned-decision', ' missing-section, empty-section', ' multiple-owners', ' invalid-date'),
    )
    .map(([d, ids]) => `<!-- ${d}${ids} -->`),
);
const paragraph = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom('TBD', 'TODO: later', '{describe the problem}', '[who]', '___', 'N/A') },
  { weight: 1, arbitrary: fc.tuple(text, text).map(([a, b]) => `${a}\n${b}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'See [the PRD](../prd/a.md) and [x](#why).',
      '[ref]: ./a.md',
      '> Owner: Dana',
      '> # quoted heading',
      '- item\n  - nested\n- Owner: Evan',
      '1. one\n2) two',
      '    indented code',
      '***',
      '<div>\n# h\n</div>',
    ),
  },
);
const block = fc.oneof(
  { weight: 4, arbitrary: heading },
  { weight: 4, arbitrary: entry },
  { weight: 1, arbitrary: entryWithParts },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: fence },
  { weight: 2, arbitrary: comment },
  { weight: 4, arbitrary: paragraph },
  { weight: 2, arbitrary: style.chain(fieldLine) },
);

const fmLine = fc.oneof(
  fc.tuple(fc.constantFrom('owner', 'Owner', 'decision-makers', 'deciders', 'dri'), ownerValue).map(([k, v]) => `${k}: ${/^[\w@ .-]*$/.test(v) ? v : JSON.stringify(v)}`),
  fc
    .tuple(fc.constantFrom('decision-makers', 'owner'), fc.array(person, { minLength: 0, maxLength: 3 }))
    .map(([k, ps]) => (ps.length ? `${k}:\n${ps.map((p) => `  - ${JSON.stringify(p)}`).join('\n')}` : `${k}: []`)),
  dateValue.map((d) => `date: ${d === '' ? '' : JSON.stringify(d)}`),
  dateValue.map((d) => `date: ${d}`),
  fc.constantFrom('title: A title', 'status: accepted', 'prd: ../prd/a.md', 'supersedes: 0001-old.md', 'tags: [a, b]'),
);
const brokenFm = fc.constantFrom(
  'owner: [Dana',
  'x: : y',
  'owner: Dana\nowner: Evan',
  '\tbad: tab',
  '- a list\n- not a map',
  'a: &x 1\nb: *y',
  'title: "unclosed',
  'just a string',
);
const frontMatter = (kind: Kind | undefined) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.array(fmLine, { maxLength: 4 }),
          fc.constantFrom('---', '...', '--- '),
          fc.boolean(),
          fc.constantFrom(`type: ${kind}`, `type: "${kind}"`, `type: ${kind?.toUpperCase()}`),
        )
        .map(([ls, close, typeFirst, t]) => `---\n${(kind ? (typeFirst ? [t, ...ls] : [...ls, t]) : ls).join('\n')}\n${close}\n`),
    },
    { weight: 1, arbitrary: fc.tuple(brokenFm, fc.boolean()).map(([b, typed]) => `---\n${typed && kind ? `type: ${kind}\n` : ''}${b}\n---\n`) },
  );

type Eol = 'lf' | 'crlf' | 'cr' | 'mixed';
/** A document: its path, its declared kind and its text. */
interface Generated {
  path: string;
  kind?: Kind;
  text: string;
}
const PATHS: Record<Kind, string[]> = {
  prd: ['docs/prd/saved-carts.md', 'docs/a.prd.md'],
  sdd: ['docs/sdd/service.md', 'docs/b.sdd.md'],
  'decision-log': ['docs/DECISIONS.md', 'decision-log.md'],
  adr: ['docs/adr/0007-cache.md', 'docs/decisions/0003-pick.md'],
  charter: ['CHARTER.md'],
};
export const documentArb: fc.Arbitrary<Generated> = fc
  .tuple(fc.constantFrom<Kind | undefined>(...KINDS, undefined), fc.constantFrom('typed', 'typed', 'path'))
  .chain(([kind, how]) =>
    fc
      .tuple(
        how === 'typed' || !kind ? fc.constant(`notes/doc-${kind ?? 'none'}.md`) : fc.constantFrom(...PATHS[kind]),
        frontMatter(how === 'typed' ? kind : undefined),
        fc.array(block, { minLength: 0, maxLength: 12 }),
        fc.array(fc.constantFrom('\n\n', '\n', '\n\n\n', '\n  \n'), { minLength: 12, maxLength: 12 }),
        fc.constantFrom<Eol>('lf', 'lf', 'crlf', 'cr', 'mixed'),
        fc.boolean(),
        fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 8, maxLength: 8 }),
      )
      .map(([path, fm, blocks, seps, eol, trailing, mix]) => {
        let t = fm + blocks.map((b, i) => b + seps[i]).join('');
        if (!trailing) t = t.replace(/\n+$/, '');
        let k = 0;
        if (eol === 'crlf') t = t.replace(/\n/g, '\r\n');
        else if (eol === 'cr') t = t.replace(/\n/g, '\r');
        else if (eol === 'mixed') t = t.replace(/\n/g, () => mix[k++ % mix.length]);
        return { path, kind, text: t };
      }),
  );

// ---------------------------------------------------------------- helpers

function indexWith(doc: AnalyzedDocument | undefined): IndexView {
  const docs = doc ? [charterDoc, doc] : [charterDoc];
  return buildIndex(config, classifier, docs, ['team', CHARTER_PATH, 'docs', 'docs/prd', 'docs/prd/a.md', 'notes', ...(doc ? [doc.path] : [])]);
}

function analyze(g: { path: string; text: string }): { doc?: AnalyzedDocument; diags: Finding[]; index: IndexView } {
  const doc = readDocument(g.path, g.text, classifier);
  const index = indexWith(doc);
  return { doc, diags: doc ? checkDocument(doc, index) : [], index };
}

const show = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** Why a range does not lie inside the text, or undefined when it does. */
function outside(r: Range, lines: LineIndex): string | undefined {
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position in ${show(r)}`;
    if (p.line >= lines.lineCount) return `line ${p.line} of ${show(r)} is past the last line ${lines.lineCount - 1}`;
    if (p.character > lines.line(p.line).length) return `character ${p.character} of ${show(r)} is past the end of line ${p.line} (length ${lines.line(p.line).length})`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `${show(r)} ends before it starts`;
  return undefined;
}

/** Applies non-overlapping edits (checked) to a text; returns the new text and the edited spans (old offsets). */
function applyEdits(text: string, edits: TextEdit[]): { text: string; spans: [number, number, string][] } {
  const lines = new LineIndex(text);
  const spans = edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end), e.newText] as [number, number, string]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], `edits overlap: ${JSON.stringify(edits)}`);
  let out = '';
  let at = 0;
  for (const [s, e, t] of spans) {
    out += text.slice(at, s) + t;
    at = e;
  }
  return { text: out + text.slice(at), spans };
}

/**
 * What a finding is about, stable across edits that add lines: its rule, its section, and the
 * decision it concerns (by its place among the document's decisions: titles may repeat).
 */
/** Rules of a decision's life: each finding is about the decision whose status or date it points at. */
const LIFECYCLE_RULES = ['unknown-status', 'stale-proposal', 'review-overdue', 'supersede-mismatch'];

function identity(doc: AnalyzedDocument, d: Finding): string {
  const decision = ['unowned-decision', 'multiple-owners', 'missing-decision-field', 'unknown-owner', 'owner-role-mismatch', 'invalid-date', ...LIFECYCLE_RULES].includes(d.rule)
    ? decisionAt(doc, d.range)
    : undefined;
  const perDecision = decision && (LIFECYCLE_RULES.includes(d.rule) || d.message.startsWith('Decision '));
  return `${d.rule}|${d.data?.section ?? ''}|${perDecision ? doc.decisions.indexOf(decision) : '-'}`;
}
const countOf = (doc: AnalyzedDocument, diags: Finding[], id: string) => diags.filter((d) => identity(doc, d) === id).length;

/** Applies every quick fix of every finding of a document and checks what it did; returns how many. */
export function checkFixes(g: { path: string; text: string }): { total: number; byRule: Record<string, number> } {
  let total = 0;
  const byRule: Record<string, number> = {};
  const { doc, diags, index } = analyze(g);
  if (!doc) return { total, byRule };
  for (const d of diags) {
    const id = identity(doc, d);
    const fixes: Fix[] = fixesFor(doc, d, index, TODAY);
    for (const fix of fixes) {
      total++;
      byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
      const what: string = `fix "${fix.title}" for ${d.rule} at ${show(d.range)} ("${d.message}")`;
      const { text: next, spans } = applyEdits(g.text, fix.edits);
      // Nothing outside the edited span changed: the same prefix before it and suffix after it.
      const first = spans[0][0];
      const lastEnd = spans[spans.length - 1][1];
      assert.equal(next.slice(0, first), g.text.slice(0, first), `${what}: text before the edit changed`);
      assert.equal(next.slice(next.length - (g.text.length - lastEnd)), g.text.slice(lastEnd), `${what}: text after the edit changed`);
      // The finding is gone.
      const fixed = analyze({ path: g.path, text: next });
      assert.ok(fixed.doc, `${what}: the document is no longer recognised after the fix`);
      const before = countOf(doc, diags, id);
      const left = countOf(fixed.doc, fixed.diags, id);
      if (d.rule === 'missing-decision-field') {
        // A "missing fields" fix writes the fields it names; "Decision:" is left empty for
        // the writer to fill (the one thing a fix cannot write), and an ADR's fix only adds
        // its date. What it names must no longer be missing, except an empty decision.
        const named: string[] = /\(([^)]*)\)/.exec(fix.title)?.[1].split(/,\s*/) ?? (/date/i.test(fix.title) ? ['date'] : []);
        assert.ok(named.length > 0, `${what}: cannot tell which fields the fix adds`);
        const still: string[] = fixed.diags
          .filter((x) => identity(fixed.doc!, x) === id)
          .flatMap((x) => (x.data?.fields ?? []).filter((f) => named.includes(f) && f !== 'decision'));
        assert.deepEqual(still, [], `${what}: fields the fix adds are still missing\n--- after:\n${next}`);
      } else assert.equal(left, before - 1, `${what}: still reported after the fix (${left} of ${before})\n--- after:\n${next}`);
      // Never a trade: nothing is reported after the fix that was not before it (an inserted
      // section is not empty, a chosen owner is not outside their areas…). Empty sections are
      // counted as a whole: an empty section that gains a written subsection leaves its other
      // empty subsections to be reported on their own, the same emptiness as before.
      const tradeKey = (d: AnalyzedDocument, x: Finding) => (x.rule === 'empty-section' ? x.rule : identity(d, x));
      for (const x of fixed.diags) {
        const key = tradeKey(fixed.doc, x);
        const after = fixed.diags.filter((y) => tradeKey(fixed.doc!, y) === key).length;
        const had = diags.filter((y) => tradeKey(doc, y) === key).length;
        assert.ok(after <= had, `${what}: the fix brings a finding it did not have: ${x.rule} "${x.message}"\n--- after:\n${next}`);
      }
      // Idempotence: the same fix computed again on the new text changes nothing more.
      for (const again of fixed.diags.filter((x) => identity(fixed.doc!, x) === id)) {
        for (const fix2 of fixesFor(fixed.doc, again, fixed.index, TODAY)) {
          if (fix2.title !== fix.title) continue;
          const { text: third } = applyEdits(next, fix2.edits);
          assert.equal(third, next, `${what}: applying it again changed the text again`);
        }
      }
    }
  }
  return { total, byRule };
}

/** A property's failure in one line: the shrunk counterexample and the assertion that failed. */
function failure(e: unknown): string {
  const msg = String((e as Error).message);
  const counter = /Counterexample: (.*)/.exec(msg)?.[1] ?? msg.split('\n')[0];
  const cause = (e as { cause?: Error }).cause?.message ?? /Caused by: (.*)/.exec(msg)?.[1] ?? '';
  return `counterexample ${counter} — ${cause.split('\n')[0]}`;
}

const rows: Row[] = [];
function timed(name: string, runs: number, detail: string, fn: () => void): void {
  const started = Date.now();
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  const ms = Date.now() - started;
  const row: Row = {
    case: name,
    where: 'core (fast-check)',
    boundMs: 60_000,
    ms,
    result: error ? 'fail' : 'pass',
    sees: error ? `FAILED: ${failure(error)}` : `${runs} generated documents (seed ${SEED}): ${detail}`,
  };
  rows.push(row);
  if (error) throw error;
}

// ---------------------------------------------------------------- properties

// Guarded so that a script can import the generator and the checks without mocha.
if (typeof describe === 'function')
  describe('reliability: properties of the core over generated documents', function () {
    this.timeout(120_000);
    after(() => writeResults('properties', rows));

    it('(a) readDocument and checkDocument never throw, whatever the kind', () => {
      timed(
        'core never throws (every kind, via type: and via path)',
        RUNS,
        'readDocument + checkDocument returned, and every type:-declared document was recognised unless its front matter was broken',
        () => {
          fc.assert(
            fc.property(documentArb, (g) => {
              const { doc } = analyze(g);
              // A document declaring a known `type:` in intact front matter is that kind.
              if (doc && g.kind && !/^notes\//.test(g.path)) assert.equal(doc.kind.name, g.kind);
            }),
            params(),
          );
        },
      );
    });

    it('(b) every diagnostic range, and every quick-fix range, lies inside the document', () => {
      timed('every range lies inside the document (findings and fix edits)', RUNS, 'lines < lineCount, characters ≤ line length, start ≤ end', () => {
        fc.assert(
          fc.property(documentArb, (g) => {
            const { doc, diags, index } = analyze(g);
            if (!doc) return;
            for (const d of diags) {
              const why = outside(d.range, doc.lines);
              assert.equal(why, undefined, `${d.rule} "${d.message}": ${why}`);
              for (const fix of fixesFor(doc, d, index, TODAY)) {
                for (const e of fix.edits) {
                  const w = outside(e.range, doc.lines);
                  assert.equal(w, undefined, `fix "${fix.title}" for ${d.rule}: ${w}`);
                }
              }
            }
          }),
          params(),
        );
      });
    });

    it('(c) scanMarkdown and parseMarkdown build deep-equal models', () => {
      timed('fast scanner = remark parser (deep-equal models)', RUNS * 2, 'scanMarkdown(text) deep-equals parseMarkdown(text)', () => {
        fc.assert(
          fc.property(documentArb, (g) => {
            const lines = new LineIndex(g.text);
            assert.deepStrictEqual(scanMarkdown(g.text, lines), parseMarkdown(g.text, lines));
          }),
          params(RUNS * 2),
        );
      });
    });

    it('(d) a quick fix removes its finding, changes nothing outside its range, and applying it again changes nothing', () => {
      let fixesApplied = 0;
      const byRule: Record<string, number> = {};
      timed('quick fixes: remove their finding, stay in their range, idempotent', RUNS, 'see the per-rule counts', () => {
        fc.assert(
          fc.property(documentArb, (g) => {
            const n = checkFixes(g);
            fixesApplied += n.total;
            for (const [r, k] of Object.entries(n.byRule)) byRule[r] = (byRule[r] ?? 0) + k;
          }),
          params(),
        );
      });
      const last = rows[rows.length - 1];
      last.sees += ` — ${fixesApplied} fixes applied: ${Object.entries(byRule)
        .map(([r, n]) => `${r} ${n}`)
        .join(', ')}`;
      assert.ok(fixesApplied > RUNS / 4, `too few fixes were exercised (${fixesApplied}): the generator is too weak`);
    });
  });
