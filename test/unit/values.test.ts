/**
 * Values as people write them (issue 10, items 3, 5 and 6): dates with notes and file-wide
 * day/month orders, YAML mappings where a name or a date is expected, a template's prose in
 * place of a person, `[x]` with a link definition, headings that carry their value, paths in
 * front matter written from the workspace root, a custom kind's own field names, and the
 * multiple-owners message that says how to turn the rule off.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkDate, dayMonthOrder, findDate } from '../../server/src/core/dates';
import { isTemplateProse } from '../../server/src/core/prose';
import { parseOwnerText, parseOwnerYaml } from '../../server/src/core/owners';
import { frontMatterText, valueText } from '../../server/src/core/frontMatter';
import { parseMarkdown } from '../../server/src/core/markdown';
import { scanMarkdown } from '../../server/src/core/scan';
import { isPlaceholderText } from '../../server/src/core/syntax';
import { headingCarriesValue, isEmptySection } from '../../server/src/core/outline';
import { plainPathCandidates, resolveReference } from '../../server/src/core/links';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { Classifier } from '../../server/src/core/classify';
import { readDocument, withFolders } from '../../server/src/core/workspace';
import type { Range } from '../../server/src/core/types';
import { hover } from '../../server/src/core/features/hover';
import { buildOwnership } from '../../server/src/core/ownership';
import { FIXTURES, check, keys, loadFolder } from './harness';
import { buildIndex, checkDocument } from '../support/oracle';

const R: Range = { start: { line: 2, character: 10 }, end: { line: 2, character: 40 } };

/** Checks in-memory files with a configuration; returns `path → line:rule[]` and the messages. */
function checkFiles(files: Record<string, string>, configText = '') {
  const config = configText ? parseConfig(configText, RULE_IDS).config! : defaultConfig();
  assert.ok(config, 'the configuration is valid');
  const classifier = new Classifier(config);
  const docs = Object.entries(files)
    .map(([p, t]) => readDocument(p, t, classifier))
    .filter((d) => d !== undefined);
  const index = buildIndex(config, classifier, docs, withFolders(Object.keys(files)));
  const found = Object.fromEntries(docs.map((d) => [d.path, checkDocument(d, index)]));
  return {
    index,
    keys: Object.fromEntries(Object.entries(found).map(([p, ds]) => [p, keys(ds)])),
    messages: Object.values(found)
      .flat()
      .map((d) => d.message),
  };
}

describe('dates as people write them', () => {
  for (const [input, iso] of [
    ['2024-05-22 (back dated)', '2024-05-22'],
    ['2024-05-22, approved', '2024-05-22'],
    ['2024-05-22; amended later', '2024-05-22'],
    ['2024-05-22 - after the review', '2024-05-22'],
    ['2024-05-22 approved by the board', '2024-05-22'],
    ['March 5, 2024 (call)', '2024-03-05'],
    ['5 March 2024, approved', '2024-03-05'],
    ['05/05/2021', '2021-05-05'],
    ['12.12.2020', '2020-12-12'],
    ['March 2024', '2024-03'],
    ['Sept 2024', '2024-09'],
    ['2024-04 (planning)', '2024-04'],
    ['2019-05-13, updated 2023-02-05 (Python version clarification)', '2019-05-13'],
    // Dots are the day-first spelling.
    ['05.04.2025', '2025-04-05'],
  ] as const) {
    it(`reads ${JSON.stringify(input)} as ${iso}`, () => assert.deepEqual(checkDate(input), { ok: true, iso }));
  }

  it('a note never hides a wrong date, and a word that is no month is no date', () => {
    for (const [input, re] of [
      ['2024-02-30 (back dated)', /Feb 2024 has 29 days/],
      ['2024-13-01, approved', /no month 13/],
      ['03/04/2024 (approved)', /ambiguous/],
      ['Marchy 2024', /not a date/],
      ['Ma 2024', /not a date/],
      ['2024-05-22T', /not a date/],
    ] as const) {
      const r = checkDate(input);
      assert.equal(r.ok, false, input);
      assert.match((r as { reason: string }).reason, re, input);
    }
  });

  it("a file's other dates settle the day/month order of the rest", () => {
    assert.equal(dayMonthOrder(['01/25/2021', '03/04/2021']), 'month-day');
    assert.equal(dayMonthOrder(['25/01/2021', '2021-01-01']), 'day-month');
    assert.equal(dayMonthOrder(['03/04/2021', '05/05/2021', '2021-01-30']), undefined);
    // A file that writes both orders settles neither.
    assert.equal(dayMonthOrder(['25/01/2021', '01/25/2021']), undefined);
    assert.deepEqual(checkDate('03/04/2021', 'month-day'), { ok: true, iso: '2021-03-04' });
    assert.deepEqual(checkDate('03/04/2021', 'day-month'), { ok: true, iso: '2021-04-03' });
    assert.match((checkDate('03/04/2021') as { reason: string }).reason, /ambiguous/);
    // A date that can only be read one way is read that way whatever the file says.
    assert.deepEqual(checkDate('25/01/2021', 'month-day'), { ok: true, iso: '2021-01-25' });
  });

  it('finds a date inside a sentence', () => {
    assert.deepEqual(findDate('**Accepted** - 2025-01-22'), { index: 15, text: '2025-01-22' });
    assert.deepEqual(findDate('Accepted on 5 March 2024 by the board'), { index: 12, text: '5 March 2024' });
    assert.deepEqual(findDate('Accepted 2024-02-30, then 2024-03-01'), { index: 26, text: '2024-03-01' });
    assert.equal(findDate('Accepted in sprint 12'), undefined);
  });

  it("a template's explanation, or a placeholder with a note, is a placeholder", () => {
    for (const v of ['the date the decision was made', 'When was this decided?', 'YYYY-MM-DD (when accepted)', '<date of the decision>', '{date}']) {
      assert.deepEqual(checkDate(v), { ok: false, placeholder: true }, v);
    }
  });
});

describe("a template's prose is not a person", () => {
  const prose = [
    'the person responsible for the outcome',
    'The person who is accountable for this decision',
    'Who made this decision?',
    'who decides',
    'list everyone involved in the decision',
    'List the people who decided',
    'name of the decision maker',
    '<name of the decision maker>',
    '<owner>',
    'e.g. Jane Doe',
    'a single person who owns the decision',
    '¿Quién tomó la decisión?',
  ];
  const names = [
    'Ana Souza',
    '@dana',
    'Dana (PM)',
    'Platform team',
    'the PM',
    'the platform team',
    'The Platform Team Leads',
    'Dana Whitfield, PM',
    '<dana@example.org>',
    'Will Smith',
    'Mark Lee',
    'Les Paul',
  ];
  for (const v of prose) {
    it(`${JSON.stringify(v)} is prose: unowned`, () => {
      assert.equal(isTemplateProse(v), true);
      const o = parseOwnerText(v, R);
      assert.deepEqual([o.unowned, o.multiple, o.names], [true, false, []]);
    });
  }
  for (const v of names) {
    it(`${JSON.stringify(v)} names someone`, () => {
      assert.equal(isTemplateProse(v), false);
      const o = parseOwnerText(v, R);
      assert.equal(o.unowned, false);
      assert.ok(o.names.length >= 1);
    });
  }
  it('drops the prose and keeps the name beside it', () => {
    assert.deepEqual(parseOwnerText('Dana Whitfield; the person responsible for the rollout', R).names, ['Dana Whitfield']);
  });
});

describe('YAML mappings and lists where a name or a date is expected', () => {
  const text = [
    '---',
    'deciders: {list everyone involved}',
    'date: {yyyy-mm-dd}',
    'consulted: [{name: Dana}, {list the experts}, Evan]',
    'status: accepted',
    'version: 2',
    '---',
    '# Use X',
    '',
  ].join('\n');
  const fm = parseMarkdown(text).frontMatter!;

  it('keeps the source text of mappings and lists', () => {
    assert.equal(fm.keys.get('deciders')!.source, '{list everyone involved}');
    assert.deepEqual(fm.keys.get('consulted')!.itemSources, ['{name: Dana}', '{list the experts}', 'Evan']);
    assert.equal(fm.keys.get('status')!.source, undefined);
  });

  it('reads each value as text, never as [object Object]', () => {
    assert.equal(frontMatterText(fm, 'deciders'), '{list everyone involved}');
    assert.equal(frontMatterText(fm, 'date'), '{yyyy-mm-dd}');
    assert.equal(frontMatterText(fm, 'status'), 'accepted');
    assert.equal(frontMatterText(fm, 'version'), '2');
    assert.equal(frontMatterText(fm, 'missing'), undefined);
    assert.equal(valueText(new Date(Date.UTC(2024, 4, 22))), '2024-05-22');
    assert.equal(valueText({ a: 1 }), '');
    assert.equal(valueText(null), undefined);
  });

  it('a {…} mapping is a placeholder owner; a list keeps its names', () => {
    const pos = fm.keys.get('deciders')!;
    const o = parseOwnerYaml(fm.data.deciders, pos.valueRange, pos.items, pos);
    assert.deepEqual([o.raw, o.unowned, o.multiple], ['{list everyone involved}', true, false]);
    const c = fm.keys.get('consulted')!;
    const list = parseOwnerYaml(fm.data.consulted, c.valueRange, c.items, c);
    assert.deepEqual(list.names, ['Dana', 'Evan']);
    assert.equal(list.raw, 'Dana, {list the experts}, Evan');
  });

  it('no finding, hover text or owner says [object Object]', () => {
    const r = checkFiles({
      'docs/adr/0001-use-x.md': `${text}## Context\n\nWhy.\n\n## Decision\n\nX.\n`,
      'docs/adr/0002-use-y.md': '---\ndecision-makers: {name: Dana}\nstatus: {accepted}\ndate: [2024, 5]\n---\n# Use Y\n\n## Context\n\nWhy.\n\n## Decision\n\nY.\n',
    });
    for (const m of r.messages) assert.doesNotMatch(m, /object Object/);
    const ydoc = r.index.documents.get('docs/adr/0002-use-y.md')!;
    const shown = hover(ydoc, { line: 5, character: 2 }, r.index)!.contents;
    assert.match(shown, /Status: \{accepted\}/);
    assert.match(shown, /Date: \[2024, 5\]/);
    assert.doesNotMatch(JSON.stringify(buildOwnership(r.index)), /object Object/);
    const y = ydoc.decisions[0];
    assert.equal(y.owner!.raw, '{name: Dana}');
    assert.equal(y.fields.status!.value, '{accepted}');
    assert.equal(y.fields.date!.value, '[2024, 5]');
    assert.deepEqual(r.keys['docs/adr/0001-use-x.md'], ['2:unowned-decision', '8:missing-decision-field']);
  });
});

describe('[x] with a link definition, and headings that carry their value', () => {
  it('isPlaceholderText reads [x] as a link only when x is defined', () => {
    assert.equal(isPlaceholderText('[x]'), true);
    assert.equal(
      isPlaceholderText('[x]', (l) => l === 'x'),
      false,
    );
    assert.equal(
      isPlaceholderText('[to be written]', (l) => l === 'x'),
      true,
    );
  });

  it('both parsers agree: [Policy] is content when [policy]: is defined, a placeholder when not', () => {
    const defined = '# T\n\n## Links\n\n[Policy]\n\n## Notes\n\n[later]\n\n[policy]: https://example.org\n';
    for (const parse of [parseMarkdown, scanMarkdown]) {
      const md = parse(defined);
      assert.deepEqual(
        md.blocks.map((b) => b.kind),
        ['content', 'placeholder'],
        parse.name,
      );
      assert.deepEqual(
        md.headings.map((h) => isEmptySection(md, h)),
        [false, false, true],
        parse.name,
      );
      assert.deepEqual(
        parse('# T\n\n[Policy]\n').blocks.map((b) => b.kind),
        ['placeholder'],
        parse.name,
      );
    }
  });

  it('a heading with a value is content; with a placeholder it is not', () => {
    const md = parseMarkdown('# T\n\n## Status: accepted\n\n## Related proposals: n/a\n\n## Notes: TBD\n\n## Metadata\n\n### Version: 2\n\n## Empty\n');
    assert.deepEqual(
      md.headings.map((h) => headingCarriesValue(h)),
      [false, true, true, false, false, true, false],
    );
    assert.deepEqual(
      md.headings.map((h) => isEmptySection(md, h)),
      [false, false, false, true, false, false, true],
    );
  });
});

describe('decisions as real ADRs write them', () => {
  const adr = (body: string) => `# 17. Monitoring\n\n${body}`;

  it('a Decision whose answers sit in its subsections, under "Decision:" lines, has a decision', () => {
    const r = checkFiles({
      'docs/adr/0017-monitoring.md': adr(
        'Date: 2021-12-08\nDecision maker: Evan\n\n## Context\n\nWe need alerts.\n\n## Decision\n\n### Visualisation\n\nGrafana is used elsewhere.\n\nDecision:\n\nWait for a use case.\n\n### Alarms\n\nDecision:\nWe want to be alerted.\n',
      ),
    });
    const d = r.index.documents.get('docs/adr/0017-monitoring.md')!.decisions[0];
    assert.deepEqual([d.fields.decision?.value, d.fields.decision?.range.start.line], ['Wait for a use case.', 17]);
    assert.deepEqual(r.keys['docs/adr/0017-monitoring.md'], []);
  });

  it('"Decision:" with nothing below it, or a heading below it, stays empty', () => {
    const r = checkFiles({ 'docs/adr/0001-x.md': adr('Date: 2021-12-08\nDecision maker: Evan\n\n## Context\n\nC.\n\n## Notes\n\nDecision:\n\n## More\n\nText.\n') });
    assert.deepEqual(r.keys['docs/adr/0001-x.md'], ['1:missing-decision-field', '1:missing-section']);
  });

  it('a record with no date of its own is dated by its status line, unless that date is an update', () => {
    const r = checkFiles({
      'docs/adr/0022-grafana.md':
        '# ADR-022: Grafana first\n\n## Status\n**Accepted** - 2025-01-22\n\n## Context\n\nC.\n\n## Decision\n\nD.\n\nDecider: Evan\n\n**Status**: **SUPERSEDED** by this ADR\n',
      'docs/adr/0013-camel.md': '# ADR-013: Camel\n\n## Status\n✅ **IMPLEMENTED** (Updated 2025-09-26)\n\n## Context\n\nC.\n\n## Decision\n\nD.\n\nDecider: Evan\n',
      'docs/adr/0030-status-field.md': '# ADR-030: Field\n\nStatus: Accepted on 5 March 2024\nDecider: Evan\n\n## Context\n\nC.\n\n## Decision\n\nD.\n',
    });
    const date = (p: string) => r.index.documents.get(p)!.decisions[0].fields.date;
    assert.deepEqual(date('docs/adr/0022-grafana.md'), { value: '2025-01-22', range: { start: { line: 3, character: 15 }, end: { line: 3, character: 25 } } });
    assert.equal(date('docs/adr/0013-camel.md'), undefined);
    assert.equal(date('docs/adr/0030-status-field.md')?.value, '5 March 2024');
    assert.deepEqual(r.keys['docs/adr/0022-grafana.md'], []);
    assert.deepEqual(r.keys['docs/adr/0013-camel.md'], ['1:missing-decision-field']);
  });

  it('"## Decision: Option 3" is the Decision section, and its value the decision', () => {
    const r = checkFiles({
      'docs/adr/0040-healing.md':
        '# ADR-040: Self-healing\n\n**Date**: 2025-11-02\n**Decider**: Evan\n\n## Context and Problem Statement\n\nC.\n\n## Decision: Option 3 - Configurable\n\n### Scope\n\nS.\n',
    });
    const doc = r.index.documents.get('docs/adr/0040-healing.md')!;
    assert.deepEqual(
      doc.sections.map((x) => x.heading.text),
      ['Context and Problem Statement', 'Decision: Option 3 - Configurable'],
    );
    assert.equal(doc.decisions[0].fields.decision?.value, 'Option 3 - Configurable');
    assert.deepEqual(r.keys['docs/adr/0040-healing.md'], []);
  });
});

describe('paths in front matter, written from the workspace root', () => {
  it('are looked for beside the document, then from the root', () => {
    assert.deepEqual(plainPathCandidates('docs/sdd/a.md', 'docs/prd/b.md'), [
      { kind: 'path', path: 'docs/sdd/docs/prd/b.md', anchor: undefined },
      { kind: 'path', path: 'docs/prd/b.md', anchor: undefined },
    ]);
    // ./, ../ and / say which they are; a document at the root has one candidate.
    assert.equal(plainPathCandidates('docs/sdd/a.md', '../prd/b.md').length, 1);
    assert.equal(plainPathCandidates('docs/sdd/a.md', './b.md').length, 1);
    assert.equal(plainPathCandidates('a.md', 'docs/prd/b.md').length, 1);
    const exists = (p: string) => p === 'docs/prd/b.md';
    assert.deepEqual(resolveReference('docs/sdd/a.md', { target: 'docs/prd/b.md', plain: true }, exists), { kind: 'path', path: 'docs/prd/b.md', anchor: undefined });
    // A markdown link is relative to the document, as a browser reads it.
    assert.deepEqual(resolveReference('docs/sdd/a.md', { target: 'docs/prd/b.md' }, exists), { kind: 'path', path: 'docs/sdd/docs/prd/b.md', anchor: undefined });
  });

  it('an SDD whose prd: is written from the root has no broken link; a wrong one is reported with both places looked at', () => {
    const prd = '---\nowner: Dana\n---\n# Checkout\n\n## Why\n\nW.\n\n## What\n\nW.\n';
    const sdd = (p: string) => `---\nowner: Evan\nprd: ${p}\n---\n# Design\n\n## How\n\nH.\n\n## Who\n\nW.\n\n## When\n\nW.\n`;
    const r = checkFiles({ 'docs/prd/checkout.md': prd, 'docs/sdd/a.md': sdd('docs/prd/checkout.md'), 'docs/sdd/b.md': sdd('docs/prd/cart.md') });
    assert.deepEqual(r.keys['docs/sdd/a.md'], []);
    assert.deepEqual(r.keys['docs/sdd/b.md'], ['3:broken-link']);
    assert.ok(
      r.messages.some((m) => /looked for docs\/sdd\/docs\/prd\/cart\.md and docs\/prd\/cart\.md/.test(m)),
      r.messages.join('\n'),
    );
  });
});

describe("a custom kind's own field names (kinds.<name>.fields)", () => {
  const dir = path.join(FIXTURES, 'workspaces', 'proposals');
  const ws = loadFolder(dir);
  const findings = () => Object.fromEntries([...ws.index.documents.keys()].sort().map((p) => [p, keys(check(ws, p))]));

  it("reads the date, owner, decision and context by the kind's names", () => {
    const d = ws.index.documents.get('proposals/0001-dark-mode.md')!.decisions[0];
    assert.deepEqual(d.owner?.names, ['Ana Souza']);
    assert.equal(d.ownerKey, 'Authors');
    assert.deepEqual(Object.fromEntries(Object.entries(d.fields).map(([k, v]) => [k, v!.value])), {
      date: '2024-03-02',
      status: 'accepted',
      context: 'Motivation',
      decision: 'Proposal',
      alternatives: 'Alternatives',
      'trade-offs': 'Trade-offs',
    });
    const fm = ws.index.documents.get('proposals/0002-offline-mode.md')!.decisions[0];
    assert.deepEqual([fm.ownerKey, fm.owner?.names, fm.fields.date?.value, fm.fields.decision?.value], ['authors', ['Ana Souza', 'Bo Chen'], '2024-13-01', 'Detailed proposal']);
  });

  it('reports only what is really missing, by the names the kind uses', () => {
    assert.deepEqual(findings(), {
      'proposals/0001-dark-mode.md': [],
      'proposals/0002-offline-mode.md': ['2:multiple-owners', '3:invalid-date'],
      'proposals/0003-widgets.md': ['1:missing-decision-field', '1:unowned-decision'],
    });
    const messages = check(ws, 'proposals/0003-widgets.md')
      .map((d) => d.message)
      .sort();
    assert.deepEqual(messages, [
      'Decision "Home screen widgets" has no date ("Last updated") and no decision ("Proposal"); also recommended: alternatives, trade-offs',
      'Decision "Home screen widgets" has no owner: add "Authors:"',
    ]);
  });

  it('without fields:, every proposal lacks a date, a decision and an owner', () => {
    const r = checkFiles(
      Object.fromEntries([...ws.texts].map(([p, t]) => [p, t])),
      'kinds:\n  proposal:\n    include: ["proposals/*.md"]\n    sections: [Summary, Motivation]\n    decisions: per-file\n',
    );
    for (const p of ['proposals/0001-dark-mode.md', 'proposals/0002-offline-mode.md', 'proposals/0003-widgets.md']) {
      assert.ok(r.keys[p].some((k) => k.endsWith(':missing-decision-field')) && r.keys[p].some((k) => k.endsWith(':unowned-decision')), `${p}: ${r.keys[p]}`);
    }
  });

  it('validates fields: with problems at their line', () => {
    const refused = (text: string, want: [number, RegExp][]) => {
      const r = parseConfig(text, RULE_IDS);
      assert.equal(r.config, undefined, 'the configuration is refused');
      assert.deepEqual(r.problems.length, want.length, r.problems.map((p) => p.message).join('\n'));
      want.forEach(([line, re], i) => {
        assert.equal(r.problems[i].range.start.line + 1, line, r.problems[i].message);
        assert.match(r.problems[i].message, re);
      });
    };
    const head = 'kinds:\n  rfc:\n    include: ["rfcs/*.md"]\n';
    refused(`${head}    fields: [date]\n`, [[4, /kinds\.rfc\.fields must be a mapping of fields.*not a list/]]);
    refused(`${head}    fields:\n      dates: [Created]\n`, [[5, /unknown field "dates" in kinds\.rfc\.fields \(did you mean "date"\?\)/]]);
    refused(`${head}    fields:\n      date: [Created]\n      owner: { name: Authors }\n`, [[6, /kinds\.rfc\.fields\.owner must be a list of strings, not a mapping/]]);
    refused(`${head}    fields:\n      decision: []\n`, [[5, /kinds\.rfc\.fields\.decision must name at least one field/]]);
    const ok = parseConfig(`${head}    fields:\n      date: Created\n      owner: [Authors, Shepherd]\n      trade-offs: [Drawbacks]\n`, RULE_IDS);
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.config!.kinds.find((k) => k.name === 'rfc')!.fields, { date: ['Created'], owner: ['Authors', 'Shepherd'], 'trade-offs': ['Drawbacks'] });
    // A built-in kind takes fields too.
    const adr = parseConfig('kinds:\n  adr:\n    fields:\n      owner: [Approvers]\n', RULE_IDS).config!;
    assert.deepEqual(adr.kinds.find((k) => k.name === 'adr')!.fields, { owner: ['Approvers'] });
  });
});

describe('multiple-owners says how a committee turns it off', () => {
  it('in the message, for a decision and for a document', () => {
    const r = checkFiles({
      'docs/adr/0001-x.md': '---\ndeciders: [Ana, Bo, Cy]\ndate: 2024-01-02\n---\n# X\n\n## Context\n\nC.\n\n## Decision\n\nD.\n',
      'docs/prd/p.md': '---\nowner: Ana and Bo\n---\n# P\n\n## Why\n\nW.\n\n## What\n\nW.\n',
    });
    const m = r.messages.filter((x) => /owners \(/.test(x));
    assert.equal(m.length, 2, r.messages.join('\n'));
    for (const x of m) assert.match(x, /owners: \{ singleOwner: false \} in \.charter\.yaml, or the setting "charter\.singleOwner": false/);
  });

  it('and the rule is quiet with singleOwner: false', () => {
    const r = checkFiles(
      { 'docs/adr/0001-x.md': '---\ndeciders: [Ana, Bo, Cy]\ndate: 2024-01-02\n---\n# X\n\n## Context\n\nC.\n\n## Decision\n\nD.\n' },
      'owners:\n  singleOwner: false\n',
    );
    assert.deepEqual(r.keys['docs/adr/0001-x.md'], []);
  });
});
