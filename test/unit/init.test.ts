/**
 * `charter init`'s proposal (core/init/) on in-memory workspaces: the configuration a
 * repository's documents and templates imply, valid for `.charter.yaml`'s own parser, stable,
 * and never making a document Charter reads by default say more than it does.
 */
import * as assert from 'node:assert/strict';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { proposeConfig, type InitProposal } from '../../server/src/core/init';
import { indexUnder } from '../../server/src/core/init/indexUnder';
import { RULE_IDS } from '../../server/src/core/rules/index';
import type { WorkspaceIndex } from '../../server/src/core/workspaceIndex';

/** The proposal for a workspace of texts, and the workspace read under it. */
function init(files: Record<string, string>, rootName = 'repo'): InitProposal & { base: WorkspaceIndex; under: WorkspaceIndex } {
  const texts = new Map(Object.entries(files));
  const read = (p: string) => ({ text: texts.get(p) });
  const list = [...texts.keys()].sort();
  const base = indexUnder(defaultConfig(), list, read);
  const proposal = proposeConfig(base, read, { rootName });
  // What is written is what `.charter.yaml`'s own parser accepts.
  const parsed = parseConfig(proposal.yaml, RULE_IDS);
  assert.deepEqual(parsed.problems, [], proposal.yaml);
  return { ...proposal, base, under: indexUnder(parsed.config!, list, read) };
}

/** `path:line severity rule[ section]` for every finding. */
function findings(index: WorkspaceIndex): string[] {
  return index
    .checkable()
    .sort()
    .flatMap((p) => index.check(p).map((d) => `${p}:${d.range.start.line + 1} ${d.severity} ${d.rule}${d.data?.section ? ` ${d.data.section}` : ''}`));
}

/** The proposal's comments as prose: wrapped comment lines joined, to match what they say. */
const prose = (yaml: string) => yaml.replace(/\n *# +(?!- )/g, ' ');

const warnings = (index: WorkspaceIndex) => findings(index).filter((f) => !/ info /.test(f));

/** Every warning under the proposal is one the defaults give too. */
function noNewWarnings(r: { base: WorkspaceIndex; under: WorkspaceIndex }): void {
  const before = new Set(warnings(r.base));
  assert.deepEqual(
    warnings(r.under).filter((w) => !before.has(w)),
    [],
  );
}

const nygard = (n: number, title: string) =>
  `# ${n}. ${title}\n\nDate: 2024-01-0${n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy ${title}.\n\n## Decision\n\nWe do ${title}.\n\n## Consequences\n\nSo be it.\n`;

const madr = (n: number, title: string, makers: string[]) =>
  `---\nstatus: accepted\ndate: 2024-02-0${n}\ndecision-makers: [${makers.join(', ')}]\n---\n# ${title}\n\n## Context and Problem Statement\n\nWhy ${title}.\n\n## Considered Options\n\n* A\n* B\n\n## Decision Outcome\n\nChosen option: "A", because it is simpler.\n`;

const MADR_TEMPLATE = `---
status: "{proposed | accepted}"
date: "{YYYY-MM-DD}"
decision-makers: "{list everyone involved in the decision}"
---
# {short title}

## Context and Problem Statement

{Describe the context.}

<!-- This is an optional element. Feel free to remove. -->
## Decision Drivers

* {driver}

## Considered Options

* {title of option 1}

## Decision Outcome

Chosen option: "{title of option 1}", because {justification}.
`;

describe('charter init: the configuration a repository implies', () => {
  it('Nygard records that never name a decider, and no template: unowned-decision off, said why', () => {
    const r = init({
      'docs/adr/0001-record-decisions.md': nygard(1, 'Record decisions'),
      'docs/adr/0002-use-postgres.md': nygard(2, 'Use Postgres'),
      'docs/adr/0003-use-kafka.md': nygard(3, 'Use Kafka'),
      'docs/adr/README.md': '# Decisions\n\n- [1](0001-record-decisions.md)\n',
    });
    assert.match(r.yaml, /\nrules:\n(?: {2}#[^\n]*\n)+ {2}unowned-decision: off\n/);
    assert.match(prose(r.yaml), /None of the 3 decisions in docs\/adr\/ name a decider, and no template asks for one: this team does not write down who decides\./);
    assert.doesNotMatch(r.yaml, /\nkinds:|\nowners:/, 'the built-in adr fits: no kind is configured');
    assert.equal(r.config.rules['unowned-decision'], 'off');
    // Before: the folder told once, each record at info level; after: nothing about deciders.
    assert.ok(findings(r.base).some((f) => / info unowned-decision/.test(f)));
    assert.deepEqual(
      findings(r.under).filter((f) => /unowned-decision/.test(f)),
      [],
    );
    noNewWarnings(r);
  });

  it('MADR records whose template lists everyone as decision-makers: singleOwner false, and every decision named', () => {
    const r = init({
      'docs/decisions/adr-template.md': MADR_TEMPLATE,
      'docs/decisions/0001-use-madr.md': madr(1, 'Use MADR', ['Dana', 'Omar']),
      'docs/decisions/0002-use-postgres.md': madr(2, 'Use Postgres', ['Dana', 'Omar', 'Lena']),
      'docs/decisions/0003-use-kafka.md': madr(3, 'Use Kafka', ['Omar']),
    });
    assert.match(r.yaml, /\nowners:\n(?: {2}#[^\n]*\n)+ {2}singleOwner: false\n/);
    assert.match(
      prose(r.yaml),
      /2 of the 3 decisions that name an owner in docs\/decisions\/ name several, as the template docs\/decisions\/adr-template\.md asks: its deciders list everyone involved\./,
    );
    // Every record names its decision-makers, as the template asks: held on every decision.
    assert.match(r.yaml, /\n {2}unowned-decision: warning\n/);
    assert.equal(r.config.singleOwner, false);
    assert.ok(
      findings(r.base).some((f) => / info multiple-owners/.test(f)),
      'the defaults say the policy once',
    );
    assert.deepEqual(
      findings(r.under).filter((f) => /multiple-owners/.test(f)),
      [],
    );
    noNewWarnings(r);
  });

  it('an SDD folder without Who or When: the sdd kind asks for How, with the headings its documents use', () => {
    const sdd = (title: string, how: string) => `# ${title}\n\n## Background\n\nWhy.\n\n## ${how}\n\nWe build it so.\n\n## Risks\n\nSome.\n`;
    const r = init({
      'docs/design-docs/search.md': sdd('Search', 'Technical design'),
      'docs/design-docs/billing.md': sdd('Billing', 'Architecture'),
      'docs/design-docs/login.md': sdd('Login', 'Technical design'),
    });
    assert.match(r.yaml, /\nkinds:\n {2}sdd:\n(?: {4}#[^\n]*\n)+ {4}sections:\n {6}- \{ name: How, aliases: \[Technical design, Architecture\], area: how \}\n/);
    assert.match(prose(r.yaml), /have How \(3 of 3\), but not Who \(0 of 3\) and When \(0 of 3\), and no template asks for them/);
    assert.match(r.yaml, /\n {2}missing-document-owner: off\n/, 'no design doc names an owner');
    const sddKind = r.config.kinds.find((k) => k.name === 'sdd')!;
    assert.deepEqual(
      sddKind.sections.map((s) => [s.name, s.required]),
      [['How', true]],
    );
    assert.ok(sddKind.implementsPrd, 'the built-in kind keeps what it is');
    // The folder's policy on Who and When is gone; How is the team's contract.
    assert.ok(findings(r.base).some((f) => / info missing-section who/.test(f)));
    assert.deepEqual(
      findings(r.under).filter((f) => /missing-section|missing-document-owner/.test(f)),
      [],
    );
    noNewWarnings(r);
  });

  it("with a template, a heading most files have but the template does not ask for is not required (cometbft's RFC References)", () => {
    const template =
      '# RFC {N}: {TITLE}\n\n## Changelog\n\n- {date}\n\n## Abstract\n\n> Synopsis.\n\n## Background\n\n> Context.\n\n### References\n\n> Links may be added here.\n\n## Discussion\n\n> The core.\n';
    const rfc = (n: number, refs: boolean) =>
      `# RFC ${n}: Topic ${n}\n\n## Changelog\n\n- 2024-01-0${n}: first.\n\n## Abstract\n\nShort.\n\n## Background\n\nContext.\n\n## Discussion\n\nLong.\n${refs ? '\n## References\n\n- [x](https://example.org)\n' : ''}`;
    const files: Record<string, string> = { 'docs/rfc/rfc-template.md': template };
    for (let i = 1; i <= 6; i++) files[`docs/rfc/rfc-00${i}-topic.md`] = rfc(i, i !== 6);
    const r = init(files);
    assert.match(r.yaml, /\n {4}sections:\n {6}- Changelog +# 6 of 6\n {6}- Abstract +# 6 of 6\n {6}- Background +# 6 of 6\n {6}- Discussion +# 6 of 6\n {4}decisions/);
    assert.match(prose(r.yaml), /A section of the template is required when at least four in five of them have it/);
    assert.deepEqual(warnings(r.under), []);
    noNewWarnings(r);
  });

  it('a proposals folder with 0000-template.md: a kind of its own, named, globbed and sectioned from the template', () => {
    const template =
      '# TEP-NNNN: Title\n\n## Summary\n\n{One paragraph.}\n\n## Motivation\n\n{Why.}\n\n## Proposal\n\n{What.}\n\n## Alternatives\n\n{Others.}\n\n## Test Plan\n\n{How it is tested.}\n';
    const tep = (n: string, title: string, extra = '') =>
      `---\nstatus: implementable\nauthors: ["@a", "@b"]\n---\n# TEP-${n}: ${title}\n\n## Summary\n\nIn short, ${title}.\n\n## Motivation\n\nBecause ${title} matters.\n\n## Proposal\n\nDo ${title}.\n${extra}`;
    const files: Record<string, string> = {
      'teps/0000-template.md': template,
      'teps/README.md': '# TEPs\n\nSee the template.\n',
    };
    for (let i = 1; i <= 10; i++)
      files[`teps/${String(i).padStart(4, '0')}-change-${i}.md`] = tep(String(i).padStart(4, '0'), `Change ${i}`, i <= 3 ? '\n## Alternatives\n\nNone better.\n' : '');
    const r = init(files, 'community');
    assert.match(r.yaml, /\nkinds:\n {2}tep:\n/);
    assert.match(
      prose(r.yaml),
      /10 numbered files in teps\/ \(0001-change-1\.md, 0002-change-2\.md …\) that the built-in kinds read only as design documents in general, written from the template teps\/0000-template\.md\./,
    );
    assert.match(r.yaml, /\n {4}include: \["teps\/\[0-9\]\*\.md"\]\n/);
    assert.match(
      r.yaml,
      /\n {6}- Summary +# 10 of 10\n {6}- Motivation +# 10 of 10\n {6}- Proposal +# 10 of 10\n {6}- \{ name: Alternatives, required: false \} +# 3 of 10, in the template\n {6}- \{ name: Test Plan, required: false \} +# 0 of 10, in the template\n/,
    );
    assert.match(r.yaml, /\n {4}decisions: none +#[^\n]*\n {4}documentOwner: false +# 0 of 10 name an owner\n/);
    const kind = r.config.kinds.find((k) => k.name === 'tep')!;
    assert.deepEqual(kind.include, ['teps/[0-9]*.md']);
    // Under it the ten are TEPs (the template and the README are not), and the template governs them.
    assert.deepEqual(
      [...r.under.documents.values()]
        .filter((d) => d.kind.name === 'tep')
        .map((d) => d.path)
        .sort(),
      Object.keys(files)
        .filter((p) => /\/0+[1-9]/.test(p))
        .sort(),
    );
    assert.deepEqual(warnings(r.under), [], 'what most of them have is asked; what few have is checked only when empty');
    noNewWarnings(r);
  });

  it('numbered files that are not proposals, designs or decisions get no kind, and a note', () => {
    const incident = (n: number) => `# Incident ${n}\n\n## Summary\n\nIt broke.\n\n## Timeline\n\n- 10:00 alert\n\n## Actions\n\n- fix it\n`;
    const r = init({
      'docs/incidents/000-template.md': '# Incident N\n\n## Summary\n\n## Timeline\n\n## Actions\n',
      'docs/incidents/001-lambda.md': incident(1),
      'docs/incidents/002-config.md': incident(2),
      'docs/incidents/003-queue.md': incident(3),
    });
    assert.doesNotMatch(r.yaml, /\nkinds:/);
    assert.match(
      prose(r.yaml),
      /# - 3 numbered files in docs\/incidents\/ \(001-lambda\.md, 002-config\.md …\) are alike, but neither their names nor their headings say they are proposals, designs or decisions: no kind is proposed for them\./,
    );
    assert.match(r.yaml, /The built-in kinds fit this repository as it is: nothing needs configuring\./);
  });

  it('records in a folder the built-in globs miss: added to the built-in adr, its own globs kept', () => {
    const r = init({
      'architecture/0001-record-decisions.md': nygard(1, 'Record decisions'),
      'architecture/0002-use-postgres.md': nygard(2, 'Use Postgres'),
      'architecture/0003-use-kafka.md': nygard(3, 'Use Kafka'),
    });
    const adr = r.config.kinds.find((k) => k.name === 'adr')!;
    const builtin = defaultConfig().kinds.find((k) => k.name === 'adr')!;
    assert.deepEqual(adr.include, [...builtin.include, 'architecture/[0-9]*.md']);
    assert.equal(r.base.documents.size, 0);
    assert.equal([...r.under.documents.values()].filter((d) => d.kind.name === 'adr').length, 3);
    assert.match(r.yaml, /\n {2}unowned-decision: off\n/, 'and their deciders are counted too');
  });

  it('a folder that names deciders and one that does not: no rule is set, and the note says why', () => {
    const log =
      '# Decisions\n\n## Use Postgres\n\n- **Date**: 2024-01-02\n- **Decision**: Postgres.\n- **Decision maker**: Dana\n\n## Use Kafka\n\n- **Date**: 2024-01-03\n- **Decision**: Kafka.\n- **Decision maker**: Omar\n';
    const r = init({
      'docs/DECISIONS.md': log,
      'docs/adr/0001-a.md': nygard(1, 'A'),
      'docs/adr/0002-b.md': nygard(2, 'B'),
    });
    assert.doesNotMatch(r.yaml, /unowned-decision:/);
    assert.match(prose(r.yaml), /# - Who decides: the decisions of docs\/ \(2 of 2\) have a decider field, those of docs\/adr\/ \(0 of 2\) mostly do not\./);
    // One owner each, everywhere: written down.
    assert.match(r.yaml, /\nowners:\n(?: {2}#[^\n]*\n)+ {2}singleOwner: true\n/);
    noNewWarnings(r);
  });

  it('leaves out what would add a warning the defaults do not give, and says so', () => {
    // A PRD named like the series: a kind of the series' own would take it from the prd kind.
    const tep = (n: number) => `# TEP-000${n}: Change\n\n## Summary\n\nShort.\n\n## Motivation\n\nWhy.\n\n## Proposal\n\nWhat.\n`;
    const r = init({
      'teps/0001-a.md': tep(1),
      'teps/0002-b.md': tep(2),
      'teps/0003-c.md': tep(3),
      'teps/0004-d.prd.md': '---\nowner: Dana\n---\n# D\n\n## Problem\n\nWhy.\n\n## Requirements\n\nWhat.\n',
    });
    assert.doesNotMatch(r.yaml, /\nkinds:/);
    assert.match(
      prose(r.yaml),
      /# - Left out: the kind tep \(teps\/\[0-9\]\*\.md\)\. Under it, Charter would report 1 finding the defaults do not give \(teps\/0004-d\.prd\.md read as tep, not prd\)\./,
    );
    assert.ok(r.summary.some((l) => /^left out: the kind tep/.test(l)));
    noNewWarnings(r);
  });

  it('is stable: the same repository gives the same text, whatever the order it is listed in', () => {
    const files: Record<string, string> = {
      'docs/adr/0001-a.md': nygard(1, 'A'),
      'docs/adr/0002-b.md': nygard(2, 'B'),
      'docs/design-docs/x.md': '# X\n\n## Design\n\nSo.\n',
      'docs/design-docs/y.md': '# Y\n\n## Architecture\n\nSo.\n',
    };
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    assert.equal(init(files).yaml, init(reversed).yaml);
    assert.equal(init(files).yaml, init(files).yaml);
  });

  it('a repository with nothing to configure says so, and is a valid (empty) configuration', () => {
    const r = init({ 'README.md': '# Hello\n' });
    assert.match(r.yaml, /^# Charter's configuration for this repository, proposed by `charter init`/);
    assert.match(r.yaml, /# Read: no document of any kind\.\n/);
    assert.deepEqual(r.summary, ['nothing to configure: the built-in kinds fit this repository as it is']);
    assert.deepEqual(r.config.rules, {});
  });

  it('languages: nothing to add for those Charter knows; a note for one it has no names for', () => {
    const fr = (n: number) =>
      `# ${n}. Choix ${n}\n\nDate : 2024-01-0${n}\n\n## Statut\n\nAccepté\n\n## Contexte\n\nNous devons choisir une base de données pour le service et la décision est importante pour toute l'équipe.\n\n## Décision\n\nNous utilisons PostgreSQL pour les données du service.\n\n## Conséquences\n\nIl faut le maintenir.\n`;
    const it = (n: number) =>
      `# ${n}. Scelta ${n}\n\n## Stato\n\nAccettato\n\n## Problema\n\nIl servizio ha bisogno di una base di dati e la scelta è importante per tutta la squadra che lo gestisce.\n\n## Soluzione\n\nUsiamo PostgreSQL per i dati del servizio, come per gli altri servizi della squadra.\n`;
    const known = init({ 'docs/adr/0001-a.md': fr(1), 'docs/adr/0002-b.md': fr(2) });
    assert.doesNotMatch(known.yaml, /languages:|no names for/);
    assert.doesNotMatch(known.yaml, /\nkinds:/, 'French headings are read with the built-in kind');
    const other = init({ 'docs/adr/0001-a.md': it(1), 'docs/adr/0002-b.md': it(2) });
    assert.match(
      prose(other.yaml),
      /2 documents are in Italian, which Charter has no names for: they get one note instead of findings until languages: names its headings and fields/,
    );
    assert.doesNotMatch(other.yaml, /\nlanguages:/);
  });

  it('keeps text from documents from escaping its line or its quotes', () => {
    const sdd = (title: string, how: string) => `# ${title}\n\n## ${how}\n\nSo.\n`;
    const r = init({
      'docs/design-docs/a.md': sdd('A', 'Design: "quoted" \u202e, [x]'),
      'docs/design-docs/b.md': sdd('B', 'Design'),
    });
    assert.doesNotMatch(r.yaml, /\u202e/);
    const how = r.config.kinds.find((k) => k.name === 'sdd')!.sections.find((s) => s.name === 'How')!;
    assert.ok(how.aliases.includes('Design: "quoted" \u202e, [x]'), how.aliases.join(' | '));
  });
});
