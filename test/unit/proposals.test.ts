/**
 * Enhancement proposals with the default settings (issue 19, the real-world corpus grown with
 * enhancement-proposal processes): numbered proposals in a folder named for them are design
 * documents; a numbered proposal about templates is a proposal, not a template; a template's
 * title placeholder is no section; a page that only says where a document moved is no
 * document; a proposal superseded by "TEP-0107" finds the numbered proposal of its folder.
 * The shapes are those of Tekton's TEPs, OpenTelemetry's OTEPs, Prometheus's proposals and
 * Go's design documents.
 */
import * as assert from 'node:assert/strict';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, type Config } from '../../server/src/core/config';
import { isTemplatePath } from '../../server/src/core/templatePath';
import { headSlots, namesHead } from '../../server/src/core/headPhrase';
import { readDocument } from '../../server/src/core/workspace';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';

const classifier = new Classifier(defaultConfig());
const kindOf = (p: string) => classifier.kindByPath(p)?.name;

function workspace(files: Record<string, string>, config: Config = defaultConfig()): WorkspaceIndex {
  const texts = new Map(Object.entries(files));
  const index = new WorkspaceIndex(config, { read: (p) => ({ text: texts.get(p) }), isOpen: () => false });
  index.load(texts.keys(), []);
  for (const p of texts.keys()) index.refresh(p);
  return index;
}

const warnings = (index: WorkspaceIndex) =>
  index
    .checkable()
    .sort()
    .flatMap((p) =>
      index
        .check(p)
        .filter((d) => d.severity !== 'info')
        .map((d) => `${p}:${d.range.start.line + 1} ${d.rule}${d.data?.section ? ` ${d.data.section}` : ''}`),
    );

describe('enhancement proposals with the default settings', () => {
  it('recognises numbered proposals in the folders processes name for them, and numbered designs', () => {
    for (const p of [
      'teps/0001-tekton-enhancement-proposal-process.md',
      'keps/sig-node/1234-x.md',
      'text/0066-x.md',
      'text/metrics/0003-measure-metric-type.md',
      'proposals/0028-utf8.md',
      'enhancements/12-thing.md',
      'design/12800-sweep-free-alloc.md',
      'design/15292/2013-10-gen.md',
    ])
      assert.equal(kindOf(p), 'sdd', p);
    for (const p of [
      'proposals/README.md',
      'proposals/notes.md',
      'text/readme-notes.md',
      'text/notes-2024.md',
      'text/12-notes.md',
      'docs/design/readme.md',
      'docs/design/exception-handling.md',
      'design/TEMPLATE.md',
      'design/any/notes.md',
      '0000-template.md',
    ])
      assert.notEqual(kindOf(p), 'sdd', p);
  });

  it('a numbered proposal about templates is a proposal; "0000-template.md" stays a template', () => {
    assert.equal(isTemplatePath('teps/0101-env-in-pod-template.md'), false);
    assert.equal(kindOf('teps/0101-env-in-pod-template.md'), 'sdd');
    assert.equal(isTemplatePath('teps/0000-template.md'), true);
    assert.equal(isTemplatePath('docs/adr/adr-template.md'), true);
    const text = '---\ntitle: Env in POD template\nstatus: implemented\n---\n\n# TEP-0101: Env in POD template\n\n## Summary\n\nS.\n';
    assert.equal(readDocument('teps/0101-env-in-pod-template.md', text, classifier)?.kind.name, 'sdd');
    // A template titled so, with no record number, is still no document.
    assert.equal(readDocument('design/0000-sdd.md', '# 0000 Template SDD\n\n## How\n', classifier), undefined);
  });

  it('a page that only says the document moved is no document; one with more is', () => {
    const moved = '> IMPORTANT: This document was moved to [0002-am-secure-cluster.md](./0002-am-secure-cluster.md)\n';
    assert.equal(readDocument('proposals/2019-02-21_am-secure-cluster.md', moved, classifier), undefined);
    const real = `# Secure cluster\n\n${moved}\n## How\n\nTLS everywhere.\n`;
    assert.equal(readDocument('proposals/2019-02-21_am-secure-cluster.md', real, classifier)?.kind.name, 'sdd');
    const notMoved = 'We moved fast and the cluster is [here](./x.md) and more words about the design.\n';
    assert.equal(readDocument('proposals/0003-x.md', notMoved, classifier)?.kind.name, 'sdd');
  });

  it("a template's title placeholder is no section its documents must have", () => {
    const template = '# Template\n\n## Your Proposal Title\n\n* **Owners:**\n  * `@name`\n\n## Why\n\nWhy.\n\n## How\n\nHow.\n';
    const doc = (n: number) => `## Proposal ${n}\n\n* **Owners:**\n  * @dana\n\n## Why\n\nBecause.\n\n## How\n\nLike this.\n`;
    const index = workspace({ '0000-template.md': template, 'proposals/0001-a.md': doc(1), 'proposals/0002-b.md': doc(2) });
    assert.deepEqual(warnings(index), []);
    // The template's other sections still are the contract.
    const lacking = workspace({ '0000-template.md': template, 'proposals/0001-a.md': doc(1), 'proposals/0002-b.md': '## B\n\n## Why\n\nBecause.\n' });
    assert.deepEqual(warnings(lacking), ['proposals/0002-b.md:1 missing-section how']);
  });

  it('"superseded-by: TEP-0107" finds the numbered proposal of the same folder', () => {
    const tep = (n: string, fm: string) => `---\nstatus: implemented\n${fm}---\n\n# TEP-${n}: X\n\n## Summary\n\nS.\n\n## Design Details\n\nD.\n`;
    const index = workspace({
      'teps/0023-implicit-mapping.md': tep('0023', 'superseded-by:\n- TEP-0107\n'),
      'teps/0107-propagating-parameters.md': tep('0107', ''),
      'teps/0033-feature-gates.md': tep('0033', 'superseded-by:\n- TEP-0999\n'),
    });
    assert.deepEqual(
      warnings(index).filter((w) => w.includes('broken-link')),
      ['teps/0033-feature-gates.md:4 broken-link'],
    );
  });
});

describe('an English design document that names things in code', () => {
  const doc = (extra: string) =>
    `# Profiles data format\n\n## Motivation\n\nWhy.\n\n## Data Model\n\nThe model.\n\n### Message \`Profile\`\n\n#### Field \`resource\`\n\nThe resource.\n\n#### Field \`comment\`\n\nA comment.\n${extra}`;
  const many = Array.from({ length: 12 }, (_, i) => `\n#### Field \`f${i}\`\n\nF.\n`).join('');

  it('is not read as French for one heading holding the word "comment"', () => {
    const d = readDocument('design/0239-profiles.md', doc(many), classifier)!;
    assert.equal(d.language, undefined);
  });

  it('a word in a code span names no section: "Field `resource`" is not Resources (Who)', () => {
    const d = readDocument('design/0239-profiles.md', doc(many), classifier)!;
    assert.deepEqual(
      d.sections.map((s) => `${s.spec.name} <= ${s.heading.text}`),
      ['How <= Data Model'],
    );
    assert.deepEqual(
      d.missingSections.map((s) => s.name),
      ['Who', 'When'],
    );
    // The words outside the code still do: "Team `payments`" is the Who.
    const team = readDocument('design/0240-x.md', '# X\n\n## Design\n\nD.\n\n## Team `payments`\n\nDana.\n', classifier)!;
    assert.ok(team.sections.some((s) => s.spec.name === 'Who' && s.heading.text === 'Team payments'));
  });

  it('a French document with French headings is still French', () => {
    const fr = readDocument('docs/adr/0001-x.md', '# 1. Choix\n\n## Contexte\n\nC.\n\n## Décision\n\nD.\n\n## Conséquences\n\nE.\n', classifier)!;
    assert.equal(fr.language?.code, 'fr');
  });
});

describe('a heading with its participle after the noun', () => {
  it('"Alternatives Considered" is the template\'s Alternatives; "Considered Options" stays about options', () => {
    const alt = headSlots('Alternatives Considered')!;
    assert.ok(namesHead(alt, 0, 0), 'Alternatives is the head');
    const opts = headSlots('Considered Options')!;
    assert.ok(!namesHead(opts, 0, 0) && namesHead(opts, 1, 1), 'Options is the head');
    const template = '# Template\n\n## Your Proposal Title\n\n## Why\n\nWhy.\n\n## How\n\nHow.\n\n## Alternatives\n\nOthers.\n';
    const doc = (alts: string) => `## P\n\n## Why\n\nBecause.\n\n## How\n\nLike this.\n\n## ${alts}\n\nNone.\n`;
    const index = workspace({ '0000-template.md': template, 'proposals/0001-a.md': doc('Alternatives Considered'), 'proposals/0002-b.md': doc('Risks') });
    assert.deepEqual(warnings(index), ['proposals/0002-b.md:1 missing-section alternatives']);
  });
});

describe("a template's How asks for it by name", () => {
  it('a proposal organised by topics, without the How its template has, is told so', () => {
    const template = '# Template\n\n## Your Proposal Title\n\n## Why\n\nWhy.\n\n## How\n\nHow.\n';
    const doc = (how: string) => `## P\n\n## Why\n\nBecause.\n\n${how}## Wire format\n\nBytes.\n`;
    const index = workspace({ '0000-template.md': template, 'proposals/0001-a.md': doc('## How\n\nLike this.\n\n'), 'proposals/0002-b.md': doc('') });
    assert.deepEqual(warnings(index), ['proposals/0002-b.md:1 missing-section how']);
    // Without a template, a document organised by topics holds its How in them.
    const free = workspace({ 'proposals/0001-a.md': doc('## How\n\nLike this.\n\n'), 'proposals/0002-b.md': doc('') });
    assert.deepEqual(warnings(free), []);
  });
});

describe('a heading that is a section of its own in a folder', () => {
  const how = (index: WorkspaceIndex) =>
    index
      .checkable()
      .sort()
      .flatMap((p) =>
        index
          .check(p)
          .filter((d) => d.data?.section === 'how')
          .map((d) => `${p} ${d.severity}`),
      );
  const doc = (n: number, body: string) => `# TEP-000${n}: X\n\n## Summary\n\nS.\n\n${body}## Timeline\n\nSoon.\n\n## Team\n\nDana.\n`;

  it('is one its documents write beside the section at least as often as for it: one outlier does not make it so', () => {
    const index = workspace({
      'design-docs/0001-a.md': doc(1, '## Design\n\nD.\n\n## Design Details\n\nMore.\n\n'),
      'design-docs/0002-b.md': doc(2, '## Design Details\n\nD.\n\n'),
      'design-docs/0003-c.md': doc(3, '## Design Details\n\nD.\n\n'),
    });
    assert.deepEqual(how(index), []);
  });

  it('"### Architecture" inside "## Design Details" is part of it, not beside it', () => {
    const index = workspace({
      'design-docs/0001-a.md': doc(1, '## Design Details\n\nD.\n\n### Architecture\n\nA.\n\n'),
      'design-docs/0002-b.md': doc(2, '## Design Details\n\nD.\n\n'),
    });
    assert.deepEqual(how(index), []);
  });

  it('a How found only by a section of its own is missing, unless the document holds topics', () => {
    const plan = '## Implementation Plan\n\nSteps.\n\n';
    const files = {
      'design-docs/0001-a.md': doc(1, `## Design\n\nD.\n\n${plan}`),
      'design-docs/0002-b.md': doc(2, `## Design\n\nD.\n\n${plan}`),
      'design-docs/0003-c.md': doc(3, plan),
    };
    assert.deepEqual(how(workspace(files)), ['design-docs/0003-c.md warning']);
    assert.deepEqual(how(workspace({ ...files, 'design-docs/0003-c.md': doc(3, `## Wire format\n\nBytes.\n\n${plan}`) })), []);
  });
});
