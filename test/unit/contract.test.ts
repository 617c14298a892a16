/**
 * The team's contract and Charter's policy (core/contract/, docs/contract.md), through the
 * real WorkspaceIndex on in-memory workspaces: a folder's template is the contract of its
 * documents; what most of a folder's documents do is its convention; what Charter asks beyond
 * that is said once, at info level, on the template or on the folder's first document.
 */
import * as assert from 'node:assert/strict';
import { defaultConfig, parseConfig, type Config } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { recordOrder } from '../../server/src/core/contract/templateSections';
import { templateScope } from '../../server/src/core/contract/template';
import { isTemplatePath } from '../../server/src/core/templatePath';

function workspace(files: Record<string, string>, config: Config = defaultConfig()): WorkspaceIndex {
  const texts = new Map(Object.entries(files));
  const index = new WorkspaceIndex(config, { read: (p) => ({ text: texts.get(p) }), isOpen: () => false });
  index.load(texts.keys(), []);
  for (const p of texts.keys()) index.refresh(p);
  return index;
}

/** `path:line severity rule[ section]` for every finding of the workspace. */
function findings(index: WorkspaceIndex): string[] {
  return index
    .checkable()
    .sort()
    .flatMap((p) => index.check(p).map((d) => `${p}:${d.range.start.line + 1} ${d.severity} ${d.rule}${d.data?.section ? ` ${d.data.section}` : ''}`));
}

const nygard = (n: number, title: string, deciders = '') =>
  `# ${n}. ${title}\n\nDate: 2024-01-0${n}\n${deciders}\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nSo.\n`;

describe('templates: which files, and which folder they govern', () => {
  it('names templates as teams do, and nothing else', () => {
    for (const p of ['docs/adr/template.md', 'docs/adr/0000-template.md', 'adr-template.md', 'JEP-TEMPLATE.md', 'docs/templates/proposal.md', 'rfc/rfc-template.md'])
      assert.ok(isTemplatePath(p), p);
    for (const p of ['docs/adr/0007-use-templates-for-emails.md', 'docs/adr/0001-x.md', 'README.md']) assert.ok(!isTemplatePath(p), p);
  });
  it('a template governs its folder; one in a templates/ folder governs the folder above', () => {
    assert.equal(templateScope('docs/adr/template.md'), 'docs/adr');
    assert.equal(templateScope('templates/proposal.md'), '');
    assert.equal(templateScope('docs/templates/x.md'), 'docs');
  });
});

describe("Charter's policy said once, the team's contract on every document", () => {
  it('Nygard ADRs with no decider and no template: one info for the folder, an info on each record, no warning', () => {
    const index = workspace({
      'docs/adr/0001-a.md': nygard(1, 'A'),
      'docs/adr/0002-b.md': nygard(2, 'B'),
      'docs/adr/0003-c.md': nygard(3, 'C'),
    });
    assert.deepEqual(findings(index), ['docs/adr/0001-a.md:1 info unowned-decision', 'docs/adr/0002-b.md:1 info unowned-decision', 'docs/adr/0003-c.md:1 info unowned-decision']);
    const once = index.check('docs/adr/0001-a.md')[0];
    assert.match(once.message, /^Charter's policy: every decision names the one person who decides\. 3 of the 3 decisions of the ADRs in docs\/adr\/ name no decider/);
    assert.match(index.check('docs/adr/0002-b.md')[0].message, /\(Charter's policy, said once for docs\/adr\/\)$/);
  });

  it("a decider field in most records is the folder's convention: the record without one is told at warning level", () => {
    const index = workspace({
      'docs/adr/0001-a.md': nygard(1, 'A', 'Deciders: Dana\n'),
      'docs/adr/0002-b.md': nygard(2, 'B', 'Deciders: Evan\n'),
      'docs/adr/0003-c.md': nygard(3, 'C'),
    });
    assert.deepEqual(findings(index), ['docs/adr/0003-c.md:1 warning unowned-decision']);
  });

  it('a decider field in the template is the contract, even where most records lack it', () => {
    const index = workspace({
      'docs/adr/template.md': '# N. Title\n\nDate: YYYY-MM-DD\nDeciders: who decides\n\n## Context\n\n## Decision\n\n## Consequences\n',
      'docs/adr/0001-a.md': nygard(1, 'A'),
      'docs/adr/0002-b.md': nygard(2, 'B'),
      'docs/adr/0003-c.md': nygard(3, 'C', 'Deciders: Dana\n'),
    });
    assert.deepEqual(findings(index), ['docs/adr/0001-a.md:1 warning unowned-decision', 'docs/adr/0002-b.md:1 warning unowned-decision']);
  });

  it('a template without a decider field carries the policy note; the records carry it as info', () => {
    const index = workspace({
      'docs/adr/template.md': '# N. Title\n\nDate: YYYY-MM-DD\n\n## Status\n\n## Context\n\n## Decision\n\n## Consequences\n',
      'docs/adr/0001-a.md': nygard(1, 'A'),
      'docs/adr/0002-b.md': nygard(2, 'B'),
    });
    assert.deepEqual(findings(index), ['docs/adr/0001-a.md:1 info unowned-decision', 'docs/adr/0002-b.md:1 info unowned-decision', 'docs/adr/template.md:1 info unowned-decision']);
    assert.match(
      index.check('docs/adr/template.md')[0].message,
      /2 of the 2 decisions of the ADRs governed by docs\/adr\/template\.md name no decider, and the template has no such field: add a "Deciders:" field to the template/,
    );
  });

  it("the template's own sections are required, but for those it marks optional", () => {
    const template =
      '# N. Title\n\nDate: YYYY-MM-DD\nDeciders: x\n\n## Context\n\n## Decision\n\n## Areas of impact\n\n## References (optional)\n\n<!-- This is an optional element. Feel free to remove. -->\n## Confirmation\n';
    const index = workspace({
      'docs/adr/adr-template.md': template,
      'docs/adr/0001-a.md': `${nygard(1, 'A', 'Deciders: Evan\n')}\n## Areas of impact\n\nBilling.\n`,
      'docs/adr/0002-b.md': nygard(2, 'B', 'Deciders: Dana\n'),
    });
    assert.deepEqual(findings(index), ['docs/adr/0002-b.md:1 warning missing-section areas of impact']);
    assert.match(index.check('docs/adr/0002-b.md')[0].message, /^ADR has no "Areas of impact" section, which its template docs\/adr\/adr-template\.md has$/);
  });

  it('Who and When in design docs that never staff or schedule: said once; in a folder that does, a warning', () => {
    const sdd = (when: boolean) => `---\nowner: Dana\n---\n# X\n\n## Design\n\nHow.\n\n## Team\n\nUs.\n${when ? '\n## Timeline\n\nQ3.\n' : ''}`;
    const never = workspace({ 'design-docs/a.md': sdd(false), 'design-docs/b.md': sdd(false) });
    assert.deepEqual(findings(never), ['design-docs/a.md:4 info missing-section when', 'design-docs/b.md:4 info missing-section when']);
    const mostly = workspace({ 'design-docs/a.md': sdd(true), 'design-docs/b.md': sdd(true), 'design-docs/c.md': sdd(false) });
    assert.deepEqual(findings(mostly), ['design-docs/c.md:4 warning missing-section when']);
  });

  it('an "optional" comment right above a heading marks that heading, not the section before it (MADR)', () => {
    const template =
      '# {title}\n\n## Context and Problem Statement\n\n{Describe the context.}\n\n<!-- This is an optional element. Feel free to remove. -->\n## Decision Drivers\n\n* {driver}\n\n## Decision Outcome\n\nChosen option: "{option}".\n\n<!-- This is an optional element. Feel free to remove. -->\n## More Information\n';
    const index = workspace({ 'docs/decisions/adr-template.md': template, 'docs/decisions/0001-a.md': nygard(1, 'A') });
    const t = index.templates.get('docs/decisions/adr-template.md')!;
    assert.deepEqual(
      t.sections.map((x) => [x.name, x.optional]),
      [
        ['Context and Problem Statement', false],
        ['Decision Drivers', true],
        ['Decision Outcome', false],
        ['More Information', true],
      ],
    );
  });

  it('owners: { singleOwner: false } settles the one-owner policy: the folder is no longer told', () => {
    const madr = (n: number) => `---\ndecision-makers: [Dana, Omar]\n---\n# ${n}. R\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n`;
    const files = { 'docs/adr/0001-a.md': madr(1), 'docs/adr/0002-b.md': madr(2), 'docs/adr/0003-c.md': madr(3) };
    assert.ok(
      findings(workspace(files)).some((f) => / info multiple-owners/.test(f)),
      'the defaults say it once',
    );
    const r = parseConfig('owners:\n  singleOwner: false\n', RULE_IDS);
    assert.deepEqual(
      findings(workspace(files, r.config!)).filter((f) => /multiple-owners/.test(f)),
      [],
    );
  });

  it('a rule the configuration sets is adopted: what it asks is the contract everywhere', () => {
    const r = parseConfig('rules:\n  unowned-decision: warning\n', RULE_IDS);
    assert.ok(r.config);
    const index = workspace({ 'docs/adr/0001-a.md': nygard(1, 'A'), 'docs/adr/0002-b.md': nygard(2, 'B') }, r.config);
    assert.deepEqual(findings(index), ['docs/adr/0001-a.md:1 warning unowned-decision', 'docs/adr/0002-b.md:1 warning unowned-decision']);
  });

  it('an owner field left empty is never policy: "Deciders: TBD" is the team\'s own field unfilled', () => {
    const index = workspace({ 'docs/adr/0001-a.md': nygard(1, 'A', 'Deciders: TBD\n'), 'docs/adr/0002-b.md': nygard(2, 'B'), 'docs/adr/0003-c.md': nygard(3, 'C') });
    assert.ok(findings(index).includes('docs/adr/0001-a.md:4 warning unowned-decision'), findings(index).join('\n'));
  });

  it("follows changes: a record that gains a decider can turn the folder's policy into its convention", () => {
    const files = { 'docs/adr/0001-a.md': nygard(1, 'A', 'Deciders: Dana\n'), 'docs/adr/0002-b.md': nygard(2, 'B'), 'docs/adr/0003-c.md': nygard(3, 'C') };
    const index = workspace(files);
    assert.deepEqual(
      findings(index).filter((f) => f.includes('warning')),
      [],
    );
    const change = index.update('docs/adr/0002-b.md', nygard(2, 'B', 'Deciders: Evan\n'));
    // Two of three now name a decider: the third is told at warning level, and the first loses the folder's note.
    assert.deepEqual([...change.findings].sort(), ['docs/adr/0001-a.md', 'docs/adr/0002-b.md', 'docs/adr/0003-c.md']);
    assert.deepEqual(findings(index), ['docs/adr/0003-c.md:1 warning unowned-decision']);
  });
});

describe('values as written, designs by topic, design specs', () => {
  it("a bracketed status of the field's own vocabulary is that status, not a placeholder", () => {
    const adr = (status: string) =>
      workspace({ 'docs/adr/0001-a.md': `# 1. A\n\nDate: 2024-01-01\nDeciders: Dana\n\n## Status\n\n${status}\n\n## Context\n\nc.\n\n## Decision\n\nd.\n` });
    for (const s of ['[Accepted]', '[Approved]', '**[Aceito]**']) assert.deepEqual(findings(adr(s)), [], s);
    assert.deepEqual(findings(adr('[Proposed | Accepted]')), ['docs/adr/0001-a.md:6 warning empty-section status']);
    assert.deepEqual(findings(adr('[status]')), ['docs/adr/0001-a.md:6 warning empty-section status']);
  });

  it('a design doc organised by topics holds its How; one whose sections are all named for other areas does not', () => {
    const sdd = (body: string) => `---\nowner: Dana\n---\n# Table storage\n\n${body}\n## Team\n\nUs.\n\n## Timeline\n\nQ3.\n`;
    const topics = workspace({ 'design-docs/a.md': sdd('## File Format\n\nx.\n\n## Wire Protocol\n\ny.\n\n## Table Creation\n\nz.\n') });
    assert.deepEqual(findings(topics), []);
    const areas = workspace({ 'design-docs/a.md': sdd('## Goals\n\nx.\n\n## Requirements\n\ny.\n\n## Risks\n\nz.\n\n## What happens next?\n\nw.\n') });
    assert.deepEqual(findings(areas), ['design-docs/a.md:4 info missing-section how']);
  });

  it('recognises design specs in specs/ folders and *-design-spec.md files, not a guide on API design', () => {
    const index = workspace({
      'specs/sync-engine-design.md': '# Sync Engine Design Spec\n',
      'docs/storage-design-spec.md': '# Storage\n',
      'design-specs/x.md': '# X\n',
      'guides/api-design.md': '# API design\n',
    });
    assert.deepEqual([...index.documents.values()].map((d) => `${d.path} ${d.kind.name}`).sort(), [
      'design-specs/x.md sdd',
      'docs/storage-design-spec.md sdd',
      'specs/sync-engine-design.md sdd',
    ]);
  });
});

describe('a section of its own beside the section: learnt from what is beside, never from the section itself', () => {
  const adr = (n: number, body: string) => `# ${n}. R${n}\n\nDate: 2024-01-0${n}\n\n## Context\n\nWhy.\n\n${body}\n\n## Consequences\n\nSo.\n`;

  it('a record that writes "Proposed solution" before its "Decision" does not make the others\' Decision missing', () => {
    const index = workspace({
      'docs/adr/0001-a.md': adr(1, '## Proposed solution\n\nThis.\n\n## Decision\n\nThat.'),
      'docs/adr/0002-b.md': adr(2, '## Decision\n\nThat.'),
      'docs/adr/0003-c.md': adr(3, '## Decision\n\nThat.'),
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('missing-section')),
      [],
    );
  });

  it('a heading inside the Decision is part of it: another record\'s "Proposal" still stands for its Decision', () => {
    const index = workspace({
      'docs/adr/0001-a.md': adr(1, '## Decision\n\nThat.\n\n### Proposal\n\nThe details.'),
      'docs/adr/0002-b.md': adr(2, '## Proposal\n\nThat.'),
      'docs/adr/0003-c.md': adr(3, '## Decision\n\nThat.'),
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('missing-section')),
      [],
    );
  });

  it('a "Proposal" written beside the Decision, at the same level, is a section of its own there', () => {
    const index = workspace({
      'docs/adr/0001-a.md': adr(1, '## Decision\n\nThat.\n\n## Proposal\n\nAn earlier idea.'),
      'docs/adr/0002-b.md': adr(2, '## Proposal\n\nThat.'),
      'docs/adr/0003-c.md': adr(3, '## Decision\n\nThat.'),
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('missing-section')),
      ['docs/adr/0002-b.md:1 warning missing-section decision'],
    );
  });
});

describe('a template grows: what it asks, in the words the records use', () => {
  const template =
    '# N. Title\n\nDate: YYYY-MM-DD\n\n## Status\n\n## Areas of impact\n\n## Related resources\n\n## Context\n\n## Alternative Approaches\n\n## Decision\n\n## Consequences\n';
  const record = (n: number, extra: string, consequences = true) =>
    `# ${n}. R${n}\n\nDate: 2024-01-0${n}\n\n## Status\n\nAccepted\n\n${extra}## Context\n\nWhy.\n\n## Alternatives considered\n\nOthers.\n\n## Decision\n\nThat.\n${consequences ? '\n## Consequences\n\nSo.\n' : ''}`;

  it('asks a template section of the records since the first that has it: the older ones predate it (GSA-TTS/FAC)', () => {
    const index = workspace({
      'docs/adr/adr-template.md': template,
      'docs/adr/0001-a.md': record(1, ''),
      'docs/adr/0002-b.md': record(2, ''),
      'docs/adr/0003-c.md': record(3, '## Areas of impact\n\nProcess.\n\n## Related documents/links\n\n* [issue](https://example.org/1)\n\n'),
      'docs/adr/0004-d.md': record(4, '## Areas of impact\n\nProcess.\n\n'),
      'docs/adr/0005-e.md': record(5, '## Areas of impact\n\nProcess.\n\n## References\n\n* [issue](https://example.org/2)\n\n'),
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('warning')),
      ['docs/adr/0004-d.md:1 warning missing-section related resources'],
    );
  });

  it('dates the section where the records start having it, not at an early record that happened to have one (cometbft)', () => {
    const files: Record<string, string> = { 'docs/adr/adr-template.md': template };
    const full = '## Areas of impact\n\nX.\n\n## Related resources\n\n* [a](https://example.org)\n\n';
    // Record 1 wrote the sections before the template had them; 2 to 4 did not; from 5 on the template asks, and 7 forgets.
    for (let n = 1; n <= 8; n++) files[`docs/adr/000${n}-r.md`] = record(n, n === 1 || (n >= 5 && n !== 7) ? full : '');
    assert.deepEqual(
      findings(workspace(files)).filter((f) => f.includes('warning')),
      ['docs/adr/0007-r.md:1 warning missing-section areas of impact', 'docs/adr/0007-r.md:1 warning missing-section related resources'],
    );
  });

  it('reads "Change log" as "Changelog" and "Design" as "Detailed Design", and not "Approach" as "Alternative Approaches"', () => {
    const t = '# N. Title\n\n## Changelog\n\n## Context\n\n## Alternative Approaches\n\n## Decision\n\n## Detailed Design\n';
    const index = workspace({
      'docs/adr/adr-template.md': t,
      'docs/adr/0001-a.md': '# 1. A\n\n## Change log\n\n- 2024-01-01: first.\n\n## Context\n\nWhy.\n\n## Approach\n\nThis.\n\n## Decision\n\nThat.\n\n## Design\n\nSo.\n',
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('warning')),
      ['docs/adr/0001-a.md:1 warning missing-section alternative approaches'],
    );
  });

  it('a section whose note says "if so" is optional, as one that says "if applicable"', () => {
    const t = '# N. Title\n\n## Context\n\n## Decision\n\n## References\n\n> Are there any relevant issues or articles? If so link them here!\n';
    const index = workspace({ 'docs/adr/adr-template.md': t, 'docs/adr/0001-a.md': record(1, '') });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('warning')),
      [],
    );
  });

  it('reads "Alternatives considered" as the template\'s "Alternative Approaches", and asks for its Consequences although the kind does not', () => {
    const index = workspace({
      'docs/adr/adr-template.md': template,
      'docs/adr/0001-a.md': record(1, '## Areas of impact\n\nX.\n\n## Related resources\n\n* [a](https://example.org)\n\n'),
      'docs/adr/0002-b.md': record(2, '## Areas of impact\n\nX.\n\n## Related resources\n\n* [a](https://example.org)\n\n', false),
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('warning')),
      ['docs/adr/0002-b.md:1 warning missing-section consequences'],
    );
  });

  it('without numbers it cannot tell old from new: every record is asked', () => {
    const index = workspace({
      'docs/adr/adr-template.md': template,
      'docs/adr/use-kafka.md': record(1, ''),
      'docs/adr/use-redis.md': record(2, '## Areas of impact\n\nX.\n\n## Related resources\n\n* [a](https://example.org)\n\n'),
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('warning')),
      ['docs/adr/use-kafka.md:1 warning missing-section areas of impact', 'docs/adr/use-kafka.md:1 warning missing-section related resources'],
    );
  });

  it('places a record in its series by the number or date of its file, or of its folder', () => {
    assert.deepEqual(recordOrder('docs/adr/0029-change-adr-process.md'), [29]);
    assert.deepEqual(recordOrder('docs/architecture/adr-108-e2e-abci++.md'), [108]);
    assert.deepEqual(recordOrder('decision-records/2022-02-07-tracing/README.md'), [2022, 2, 7]);
    assert.equal(recordOrder('docs/adr/use-kafka.md'), undefined);
  });
});

describe('records kept as the README of their own folder are one series', () => {
  it('counts the folder above: a record without the Rationale most records have is told at warning level, once (eclipse-edc)', () => {
    const rec = (title: string, rationale: boolean) => `# ${title}\n\n## Decision\n\nThat.\n${rationale ? '\n## Rationale\n\nBecause.\n' : ''}`;
    const index = workspace({
      'decision-records/2022-02-03-a/README.md': rec('A', true),
      'decision-records/2022-02-07-b/README.md': rec('B', true),
      'decision-records/2022-02-14-c/README.md': rec('C', false),
    });
    assert.deepEqual(
      findings(index).filter((f) => f.includes('warning')),
      ['decision-records/2022-02-14-c/README.md:1 warning missing-section context'],
    );
    assert.match(index.check('decision-records/2022-02-07-b/README.md').find((d) => d.rule === 'unowned-decision')!.message, /said once for decision-records\/\)$/);
  });
});
