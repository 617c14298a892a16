/**
 * The baseline's core (server/src/core/baseline.ts) on in-memory documents: the file format
 * (stable, sorted, versioned, every problem at its place), the counting, the update's scope,
 * and keys that survive edits elsewhere — in the document, in the charter, in the entry's
 * recommended fields — while a changed title is a new finding.
 */
import * as assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { defaultConfig } from '../../server/src/core/config';
import { findingKey, markBaselined, parseBaseline, serializeBaseline, updateBaseline, type Baseline } from '../../server/src/core/baseline';
import { RULES } from '../../server/src/core/rules/index';
import type { Finding } from '../../server/src/core/types';
import { readSettings } from '../../server/src/core/settings';

/** Every document's findings in a workspace of texts. */
function findings(texts: Record<string, string>): Map<string, Finding[]> {
  const index = new WorkspaceIndex(defaultConfig(), { read: (p) => ({ text: texts[p] }), isOpen: () => false });
  index.load(Object.keys(texts), []);
  for (const p of Object.keys(texts)) index.refresh(p);
  return new Map([...index.documents.keys()].sort().map((p) => [p, index.check(p)]));
}

/** The baseline of a workspace: every finding in it. */
function baselineOf(found: Map<string, Finding[]>): Baseline {
  return updateBaseline(
    undefined,
    [...found].map(([path, diagnostics]) => ({ path, diagnostics })),
    () => true,
  ).baseline;
}

/** The findings of a workspace that a baseline does not hold: `path rule message`. */
function fresh(found: Map<string, Finding[]>, baseline: Baseline): string[] {
  const out: string[] = [];
  for (const [p, diags] of found) {
    const held = markBaselined(baseline, p, diags);
    diags.forEach((d, i) => {
      if (!held[i]) out.push(`${p} ${d.rule} ${d.message}`);
    });
  }
  return out;
}

const d = (rule: string, message: string, line = 0): Finding => ({ rule, severity: 'warning', message, range: { start: { line, character: 0 }, end: { line, character: 1 } } });

const CHARTER = `---
team: Payments
people:
  - { name: Dana Lee, role: PM }
  - { name: Sam Ortiz, role: EM }
---
# Payments team charter
`;

const LOG = `# Decisions

## Adopt Stripe

- Date: 2024-03-01
- Decision: Stripe for card payments
- Decision maker: Dmitri Volkov

## Drop PayPal

- Decision: no PayPal at launch
- Decision maker: Sam Ortiz
`;

const PRD = `# Checkout

## Why

Customers abandon the cart.

## What

TBD
`;

describe('baseline: the file', () => {
  it('serializes sorted at every level, one finding a line, and reads back the same', () => {
    const b: Baseline = new Map([
      [
        'docs/z.md',
        new Map([
          [
            'unowned-decision',
            new Map([
              ['b', 1],
              ['a', 2],
            ]),
          ],
        ]),
      ],
      [
        'docs/a.md',
        new Map([
          ['missing-section', new Map([['PRD has no "Why" section', 1]])],
          ['empty-section', new Map([['Section "What" is empty', 3]])],
        ]),
      ],
    ]);
    const text = serializeBaseline(b);
    assert.equal(
      text,
      `{
  "version": 1,
  "findings": {
    "docs/a.md": {
      "empty-section": {
        "Section \\"What\\" is empty": 3
      },
      "missing-section": {
        "PRD has no \\"Why\\" section": 1
      }
    },
    "docs/z.md": {
      "unowned-decision": {
        "a": 2,
        "b": 1
      }
    }
  }
}
`,
    );
    const back = parseBaseline(text);
    assert.ok(back.baseline, back.problem?.message);
    assert.equal(serializeBaseline(back.baseline), text);
    assert.deepEqual(JSON.parse(text).findings['docs/z.md'], { 'unowned-decision': { a: 2, b: 1 } });
    assert.equal(serializeBaseline(new Map()), '{\n  "version": 1,\n  "findings": {}\n}\n');
    assert.ok(parseBaseline('\uFEFF' + text).baseline, 'a byte-order mark is fine');
  });

  it('keeps keys that look like numbers or prototypes in their sorted place', () => {
    const b: Baseline = new Map([
      [
        'docs/a.md',
        new Map([
          [
            'unowned-decision',
            new Map([
              ['__proto__', 1],
              ['10', 1],
              ['9', 1],
            ]),
          ],
        ]),
      ],
    ]);
    const text = serializeBaseline(b);
    assert.deepEqual(
      text
        .split('\n')
        .filter((l) => /^ {8}"/.test(l))
        .map((l) => l.trim()),
      ['"10": 1,', '"9": 1,', '"__proto__": 1'],
    );
    assert.equal(parseBaseline(text).baseline?.get('docs/a.md')?.get('unowned-decision')?.get('__proto__'), 1);
  });

  it('names every problem, with its line and column', () => {
    const problem = (text: string) => {
      const r = parseBaseline(text);
      assert.ok(r.problem, `no problem found in ${JSON.stringify(text)}`);
      return `${r.problem.range.start.line + 1}:${r.problem.range.start.character + 1} ${r.problem.message}`;
    };
    assert.match(problem('{\n  "version": 1,\n  "findings": {,\n}'), /^3:16 it is not valid JSON \(/);
    assert.match(problem(''), /^1:1 it is not valid JSON/);
    assert.match(problem('[]'), /^1:1 it must be a JSON object with "version" and "findings"/);
    assert.match(problem('{ "version": 2, "findings": {} }'), /^1:3 "version" is 2; this Charter reads baselines of version 1/);
    assert.match(problem('{ "findings": {} }'), /"version" is nothing/);
    assert.match(problem('{ "version": 1, "findings": {}, "extra": true }'), /^1:33 unknown key "extra"/);
    assert.match(problem('{ "version": 1, "findings": [] }'), /"findings" must be an object/);
    assert.match(problem('{\n  "version": 1,\n  "findings": {\n    "a.md": []\n  }\n}'), /^4:5 findings of "a\.md" must be an object/);
    assert.match(problem('{\n  "version": 1,\n  "findings": {\n    "a.md": { "r": 1 }\n  }\n}'), /^4:15 findings of "a\.md", rule "r" must be an object/);
    for (const bad of ['0', '-1', '1.5', '"2"', 'null', '1e300']) {
      assert.match(
        problem(`{\n  "version": 1,\n  "findings": {\n    "a.md": {\n      "r": {\n        "k": ${bad}\n      }\n    }\n  }\n}`),
        /^6:9 the count of a "r" finding of "a\.md" must be a whole number of at least 1/,
        bad,
      );
    }
  });
});

describe('baseline: counting', () => {
  it('holds as many findings of a key as its count; the extra ones (the last) are new', () => {
    const b: Baseline = new Map([['a.md', new Map([['unowned-decision', new Map([['X', 1]])]])]]);
    const diags = [d('unowned-decision', 'X', 3), d('unowned-decision', 'X', 9), d('unowned-decision', 'Y', 12), d('empty-section', 'X', 15)];
    assert.deepEqual(markBaselined(b, 'a.md', diags), [true, false, false, false]);
    assert.deepEqual(markBaselined(b, 'b.md', diags), [false, false, false, false]);
    assert.deepEqual(markBaselined(undefined, 'a.md', diags), [false, false, false, false]);
    const two: Baseline = new Map([['a.md', new Map([['unowned-decision', new Map([['X', 2]])]])]]);
    assert.deepEqual(markBaselined(two, 'a.md', diags.slice(0, 1)), [true], 'fewer than the count: all held');
  });

  it('updates only the documents in scope: fixed findings drop out, new ones come in, others are kept', () => {
    const old: Baseline = new Map([
      [
        'docs/a.md',
        new Map([
          [
            'unowned-decision',
            new Map([
              ['X', 2],
              ['Fixed', 1],
            ]),
          ],
        ]),
      ],
      ['other/b.md', new Map([['empty-section', new Map([['Kept', 4]])]])],
      ['docs/gone.md', new Map([['empty-section', new Map([['Gone', 1]])]])],
    ]);
    const up = updateBaseline(
      old,
      [{ path: 'docs/a.md', diagnostics: [d('unowned-decision', 'X'), d('unowned-decision', 'X'), d('unowned-decision', 'X'), d('missing-section', 'New')] }],
      (p) => p.startsWith('docs/'),
    );
    assert.deepEqual(JSON.parse(serializeBaseline(up.baseline)).findings, {
      'docs/a.md': { 'missing-section': { New: 1 }, 'unowned-decision': { X: 3 } },
      'other/b.md': { 'empty-section': { Kept: 4 } },
    });
    assert.deepEqual({ added: up.added, removed: up.removed, unchanged: up.unchanged }, { added: 2, removed: 2, unchanged: 6 });
  });
});

describe('baseline: keys survive edits elsewhere', () => {
  const before = { 'CHARTER.md': CHARTER, 'docs/DECISIONS.md': LOG, 'docs/checkout.prd.md': PRD };
  const baseline = baselineOf(findings(before));

  it('holds every finding it was made from', () => {
    const found = findings(before);
    assert.ok([...found.values()].flat().length >= 4, JSON.stringify([...found]));
    assert.deepEqual(fresh(found, baseline), []);
    assert.ok(!serializeBaseline(baseline).match(/"\d+:\d+/), 'no positions in the keys');
  });

  it('lines moved by text added above them', () => {
    const moved = {
      ...before,
      'docs/checkout.prd.md': PRD.replace('## Why', 'Intro.\n\nMore intro.\n\n## Why'),
      'docs/DECISIONS.md': LOG.replace('# Decisions\n', '# Decisions\n\nAll of them.\n\n'),
    };
    assert.deepEqual(fresh(findings(moved), baseline), []);
  });

  it("the charter lists more people (the unknown owner's message changes, its key does not)", () => {
    const found = findings({ ...before, 'CHARTER.md': CHARTER.replace('people:\n', 'people:\n  - { name: Kim Park, role: Designer }\n') });
    const unknown = found.get('docs/DECISIONS.md')!.find((x) => x.rule === 'unknown-owner')!;
    assert.match(unknown.message, /Kim Park/);
    assert.deepEqual(fresh(found, baseline), []);
  });

  it('an entry gains a recommended field but still lacks its date', () => {
    const found = findings({ ...before, 'docs/DECISIONS.md': LOG.replace('- Decision: no PayPal at launch', '- Decision: no PayPal at launch\n- Context: few customers use it') });
    assert.ok(found.get('docs/DECISIONS.md')!.some((x) => x.rule === 'missing-decision-field'));
    assert.deepEqual(fresh(found, baseline), []);
  });

  it('but a changed title, or a second finding of the same key, is new', () => {
    const renamed = findings({ ...before, 'docs/DECISIONS.md': LOG.replace('## Adopt Stripe', '## Adopt Stripe Checkout') });
    assert.deepEqual(
      fresh(renamed, baseline).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['docs/DECISIONS.md unknown-owner'],
    );
    const twice = findings({ ...before, 'docs/checkout.prd.md': `${PRD}\n## What\n\nTBD\n` });
    assert.deepEqual(fresh(twice, baseline), ['docs/checkout.prd.md empty-section Section "What" is empty: it holds only the placeholder "TBD"']);
  });

  it('rules with a key of their own keep what the finding is about', () => {
    const key = (rule: string, message: string) => findingKey(d(rule, message));
    assert.equal(key('unknown-owner', '"Dmitri" (owner of decision "A") is not in the charter CHARTER.md; it lists Dana Lee (PM)'), '"Dmitri" (owner of decision "A")');
    assert.equal(key('unknown-owner', '"Dmitri" (owner of decision "A") is not in any team\'s charter (a/CHARTER.md, b/CHARTER.md)'), '"Dmitri" (owner of decision "A")');
    assert.equal(key('missing-section', 'SDD has no "Who" section (these headings count too: "Team")'), 'SDD has no "Who" section');
    assert.equal(key('missing-decision-field', 'Decision "A" has no date; also recommended: context'), 'Decision "A" has no date');
    assert.equal(
      key('unassigned-responsibility', 'Responsibility "Hiring" is accountable to EM, which nobody in the Payments team holds; the roles on the team are PM'),
      'Responsibility "Hiring" is accountable to EM, which nobody in the Payments team holds',
    );
    assert.match(
      key(
        'multiple-owners',
        findings({ 'docs/DECISIONS.md': LOG.replace('Dmitri Volkov', 'Dana and Sam') })
          .get('docs/DECISIONS.md')!
          .find((x) => x.rule === 'multiple-owners')!.message,
      ),
      /^Decision "Adopt Stripe" has 2 owners \(Dana, Sam\): a decision has exactly one owner$/,
    );
    assert.equal(key('empty-section', 'Section "What" is empty'), 'Section "What" is empty');
    for (const r of RULES) if (r.baselineKey) assert.equal(r.baselineKey('plain'), 'plain', `${r.id} keeps a message without its marker whole`);
  });
});

describe('baseline: the charter.baseline setting', () => {
  it('is read as a path (trimmed; empty turns it off), and ignored when it is not a string', () => {
    assert.equal(readSettings({ baseline: ' ci/b.json ' }).baseline, 'ci/b.json');
    assert.equal(readSettings({ baseline: '' }).baseline, '');
    for (const bad of [1, null, true, ['a'], { a: 1 }]) assert.equal(readSettings({ baseline: bad }).baseline, undefined, JSON.stringify(bad));
  });
});
