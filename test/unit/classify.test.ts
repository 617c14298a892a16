/**
 * Recognition by path with the default settings: the folder and file names teams really use
 * for ADRs, PRDs, decision logs and design documents are recognised; index pages, READMEs,
 * changelogs and real templates are not — and a record is never dropped because a word like
 * "template" or "index" appears in its slug. The names come from real repositories (see
 * test/realworld/corpus.json) and from the shapes the tools generate (adr-tools, MADR,
 * Backstage's adrNNN, arachne's adr-NNN).
 */
import * as assert from 'node:assert/strict';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { readDocument } from '../../server/src/core/workspace';

const classifier = new Classifier(defaultConfig());
const kindOf = (p: string) => classifier.kindByPath(p)?.name;

function expectKinds(kind: string | undefined, paths: string[]): void {
  const wrong = paths.filter((p) => kindOf(p) !== kind).map((p) => `${p} → ${kindOf(p) ?? 'nothing'}`);
  assert.deepEqual(wrong, [], `expected ${kind ?? 'no kind'}`);
}

describe('classify: default recognition by path', () => {
  it('recognises ADRs in the folders teams name for them', () => {
    expectKinds('adr', [
      'docs/adr/0001-record-architecture-decisions.md',
      'doc/adr/0004-[Superseded]use-java-17.md',
      'adr/0008-code-owners.md',
      'docs/adrs/001-service-owned-deployment-modules.md',
      'docs/adrs/DRAFT-self-healing-architecture.md',
      'docs/architecture/adrs/0003-use-kafka.md',
      'architecture-decision-record/0001-record-architecture-decisions.md',
      'architecture-decision-records/0042-use-graphql.md',
      'docs/architecture-decisions/adr001-architecture-decision-record.md',
      'decision-records/2024-05-22-use-postgres.md',
      'docs/architectural-decisions/0002-event-sourcing.md',
      'docs/src/adr/deutsch/adr-001-de.md',
      'ADR/0001-Use-ADRs.md',
    ]);
  });

  it('recognises numbered or adr-named records in decisions/ folders, at any depth', () => {
    expectKinds('adr', [
      'docs/decisions/0002-use-redis.md',
      'docs/architecture/decisions/0039-non-govuk-domain-policy.md',
      'docs/decisions/2023/0007-split-the-monolith.md',
      'decisions/20240522-adopt-trunk-based-development.md',
      'docs/decisions/adr-0003-use-mermaid.md',
      'docs/decision/0001-use-cdk.md',
    ]);
  });

  it('recognises ADR file names anywhere: adr-001-*.md, ADR-0001.md, adr001-*.md, adr_001.md', () => {
    expectKinds('adr', ['adr-001-use-adrs.md', 'docs/ADR-0001.md', 'architecture/adr001-use-backstage.md', 'notes/adr_0012_caching.md', 'ADR-12-Queues.md']);
  });

  it('never drops a record for a word like template, index or readme in its slug', () => {
    expectKinds('adr', [
      'docs/adr/0007-use-templates-for-emails.md',
      'docs/adr/0014-project-templates.md',
      'adr-014-project-templates.md',
      'docs/decisions/0005-search-index-strategy.md',
      'docs/adr/0009-template-engine.md',
      'docs/adr/0011-readme-driven-development.md',
      'docs/adr/0003-changelog-format.md',
    ]);
  });

  it('recognises PRDs by the names teams give them', () => {
    expectKinds('prd', [
      'docs/prd/checkout.md',
      'prd.md',
      'PRD.md',
      'docs/prds/auth-recuperacao-de-senha/PRD.md',
      'docs/prds/c-gestao-de-infraestrutura-manutencao/c1.md',
      'docs/prds/001-native-foundations.md',
      'product/prd-saved-carts.md',
      'product/saved-carts-prd.md',
      'product/saved_carts_prd.md',
      'docs/product-requirements/search.md',
      'docs/product-requirements.md',
      'docs/checkout.prd.md',
    ]);
  });

  it('recognises decision logs by their usual names', () => {
    expectKinds('decision-log', [
      'DECISIONS.md',
      'docs/decisions.md',
      'docs/decision-log.md',
      'team/decision_log.md',
      'team/DecisionLog.md',
      'project/decisions-log.md',
      'project/decision-register.md',
    ]);
  });

  it('recognises solution designs by the names that say so', () => {
    expectKinds('sdd', [
      'design/sdd/checkout.md',
      'checkout.sdd.md',
      'docs/sdds/search.md',
      'docs/sdd.md',
      'docs/SDD-payments.md',
      'docs/payments-sdd.md',
      'docs/design-docs/persisting-interventions.md',
      'docs/design-doc.md',
      'docs/search-design-doc.md',
    ]);
  });

  it('takes an ADR folder over the PRD and SDD file names inside it', () => {
    expectKinds('adr', ['docs/adr/0012-write-a-prd-for-every-epic.md', 'docs/adr/0013-keep-the-sdd.md', 'docs/decisions/0004-drop-the-prd-template-prd.md']);
  });

  it('takes the README of a dated or numbered record folder for the record, and no other README', () => {
    // eclipse-edc/Connector keeps one folder per decision record: decision-records/YYYY-MM-DD-slug/README.md.
    expectKinds('adr', ['docs/developer/decision-records/2022-02-07-tracing/README.md', 'docs/adr/0007-use-kafka/README.md', 'docs/adr/0007-use-kafka/index.md']);
    expectKinds(undefined, [
      'docs/developer/decision-records/README.md',
      'docs/adr/drafts/README.md',
      'docs/adr/0007-use-kafka/images/README.md',
      'docs/guides/2022-02-07-tracing/README.md',
      'docs/notes/0001-sync/README.md',
    ]);
  });

  it('takes no companion page beside the records for a record: a guide in design/, a page in assets/', () => {
    expectKinds(undefined, ['architecture-decision-records/operator/design/module-onboarding-guide.md', 'docs/adr/guides/how-to-write-one.md', 'docs/adr/assets/diagram-notes.md']);
    expectKinds('adr', [
      'architecture-decision-records/operator/ODH-ADR-Operator-0012-module-onboarding.md',
      'docs/adr/design/0003-split-the-api.md',
      'docs/adrs/designing-the-api.md',
    ]);
  });

  it('never takes an index page, a README or a changelog for a document', () => {
    expectKinds(undefined, [
      'README.md',
      'docs/adr/README.md',
      'docs/adr/readme.md',
      'docs/adr/README.de.md',
      'docs/adr/index.md',
      'docs/decisions/index.md',
      'docs/prds/README.md',
      'docs/prd/_index.md',
      'architecture-decision-record/README.md',
      'docs/adr/SUMMARY.md',
      'docs/adr/_sidebar.md',
      'docs/adr/CHANGELOG.md',
      'docs/prd/HISTORY.md',
      'docs/src/adr/adr.md',
      'docs/adrs/adrs.md',
      'docs/design-docs/README.md',
    ]);
  });

  it('never takes a real template for a document', () => {
    expectKinds(undefined, [
      'docs/adr/template.md',
      'docs/adr/TEMPLATE.md',
      'docs/adr/adr-template.md',
      'docs/decisions/adr-template.md',
      'docs/adr/0000-template.md',
      'docs/adr/0000-adr-template.md',
      'adr/template-nygard.md',
      'docs/prd/prd-template.md',
      'docs/prds/prd_template.md',
      'docs/adr/templates/0001-madr.md',
      'docs/adr/template/decision-record.md',
      'docs/prd/templates/feature.md',
      'docs/incidents/000-template.md',
      '.github/PULL_REQUEST_TEMPLATE.md',
      'docs/adr/adr.template.md',
      'templates/decision-log.md',
      'docs/templates/DECISIONS.md',
    ]);
  });

  it('says nothing about the other pages beside the documents', () => {
    expectKinds(undefined, [
      'CONTRIBUTING.md',
      'docs/guides/getting-started.md',
      'docs/decisions/notes.md',
      'docs/decisions/how-we-decide.md',
      'docs/design/design-patterns/rest-api-design-guidance.md',
      'docs/incidents/001-lambda-retries.md',
      'docs/diario/2026-05-29.md',
      'docs/rfc/0001-escolha-da-nuvem.md',
      'store/release-notes-1.0.0.md',
      'docs/adrenaline.md',
      'docs/paddr-0001.md',
      'prds.md',
      'docs/product/saved-carts.md',
      'docs/design.md',
    ]);
  });

  it("lets a kind's own include name a file the defaults exclude (an explicit README)", () => {
    const r = parseConfig('kinds:\n  kep:\n    include: ["keps/*/[0-9]*/README.md"]\n', RULE_IDS);
    assert.ok(r.config, JSON.stringify(r.problems));
    assert.equal(new Classifier(r.config).kindByPath('keps/sig-node/1287-in-place-update/README.md')?.name, 'kep');
  });
});

describe('classify: a template named like a record says so in its title', () => {
  const read = (path: string, text: string) => readDocument(path, text, classifier)?.kind.name;

  it('is not a document when its title starts or ends with "template" (or Vorlage, plantilla)', () => {
    assert.equal(read('docs/decisions/0000-modele-adr.md', '---\ntitle: 0000-Template ADR\n---\n\n# Exemple\n\n## Contexte\n\n{décrire}\n'), undefined);
    assert.equal(read('docs/adr/0000-adr.md', '# ADR template\n\n## Context\n\nTBD\n'), undefined);
    assert.equal(read('docs/adr/0000-vorlage.md', '# Vorlage\n\n## Kontext\n'), undefined);
    assert.equal(read('docs/adr/000-plantilla.md', '# Plantilla de ADR\n\n## Contexto\n'), undefined);
  });

  it('is still a record when the word sits inside its title, and front matter type: always wins', () => {
    assert.equal(read('docs/adr/0007-email-templates.md', '# 7. Use Notify for email templates\n\n## Context\n\nWe send mail.\n'), 'adr');
    assert.equal(read('docs/adr/0008-template-engine.md', '# 8. Use a template engine\n\n## Context\n\nPages.\n'), 'adr');
    assert.equal(read('docs/adr/0009-x.md', '---\ntype: adr\n---\n# ADR template\n\n## Context\n'), 'adr');
  });
});

describe('classify: a record folder whose README lists its parts', () => {
  const read = (path: string, text: string) => readDocument(path, text, classifier)?.kind.name;
  const dir = 'docs/developer/decision-records/2022-11-09-api-refactoring';

  it('takes the README that only lists the pages beside it for their table of contents, and the pages for the record', () => {
    assert.equal(read(`${dir}/README.md`, 'This decision record consists of two parts:\n\n- [Renaming](renaming.md)\n- [Documentation](./documentation.md)\n'), undefined);
    assert.equal(read(`${dir}/renaming.md`, '# Decision\n\nRename.\n\n# Rationale\n\nClearer.\n'), 'adr');
  });

  it('keeps a README with sections, or with links elsewhere, as the record', () => {
    assert.equal(read(`${dir}/README.md`, '# API refactoring\n\n## Decision\n\nSee [renaming](renaming.md).\n'), 'adr');
    assert.equal(read(`${dir}/README.md`, 'We rename the APIs, as [the issue](https://example.org/1) and [the guide](../../guide.md) say.\n'), 'adr');
  });
});
