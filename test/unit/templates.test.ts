/**
 * New documents: where they go (always a path the config recognises as the kind, never an
 * existing file, ADRs numbered after the last) and what the skeleton checks as.
 */
import * as assert from 'node:assert/strict';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/workspace';
import { documentSkeleton, newDocumentPath, slug, decisionEntry } from '../../server/src/core/templates';
import { RULE_IDS } from '../../server/src/core/rules/index';
import type { AnalyzedDocument } from '../../server/src/core/document';
import { buildIndex, checkDocument } from '../support/oracle';

function workspace(files: Record<string, string>, configText?: string) {
  const config = configText ? parseConfig(configText, RULE_IDS).config! : defaultConfig();
  const classifier = new Classifier(config);
  const docs = Object.entries(files)
    .map(([p, t]) => readDocument(p, t, classifier))
    .filter((d): d is AnalyzedDocument => Boolean(d));
  return { index: buildIndex(config, classifier, docs, Object.keys(files)), files };
}

const today = '2026-11-21';

describe('templates', () => {
  it('makes file-safe slugs', () => {
    assert.equal(slug('Saved carts: v2 (beta)!'), 'saved-carts-v2-beta');
    assert.equal(slug('Café déjà vu'), 'cafe-deja-vu');
    assert.equal(slug('***'), 'untitled');
  });

  it('puts a new PRD next to the existing ones, with their naming', () => {
    const { index, files } = workspace({ 'product/prd/search.prd.md': '# Search\n' });
    const p = newDocumentPath(index, 'prd', 'Saved carts', (q) => q in files);
    assert.equal(p, 'product/prd/saved-carts.prd.md');
    assert.equal(index.classifier.kindByPath(p)?.name, 'prd');
  });

  it('derives a recognised path from the globs when there are no documents yet', () => {
    const { index } = workspace({});
    for (const kind of ['prd', 'sdd', 'decision-log', 'adr', 'charter']) {
      const p = newDocumentPath(index, kind, 'Saved carts', () => false);
      assert.equal(index.classifier.kindByPath(p)?.name, kind, `${kind} → ${p}`);
    }
    const custom = workspace({}, 'kinds:\n  rfc:\n    include: ["rfcs/*.md"]\n');
    assert.equal(
      newDocumentPath(custom.index, 'rfc', 'Streaming', () => false),
      'rfcs/streaming.md',
    );
  });

  it('numbers a new ADR after the last one and never overwrites', () => {
    const { index, files } = workspace({ 'docs/adr/0001-a.md': '# A\n', 'docs/adr/0007-b.md': '# B\n' });
    assert.equal(
      newDocumentPath(index, 'adr', 'Use queues', (q) => q in files),
      'docs/adr/0008-use-queues.md',
    );
    const taken = new Set(['docs/prd/x.md']);
    const ws = workspace({ 'docs/prd/x.md': '# X\n' });
    const p = newDocumentPath(ws.index, 'prd', 'X', (q) => taken.has(q));
    assert.notEqual(p, 'docs/prd/x.md');
    assert.equal(ws.index.classifier.kindByPath(p)?.name, 'prd');
  });

  it('finds a free, recognised name when DECISIONS.md exists', () => {
    const { index, files } = workspace({ 'docs/DECISIONS.md': '# Log\n', 'DECISIONS.md': '# Log\n' });
    const p = newDocumentPath(index, 'decision-log', 'Pricing decisions', (q) => q in files);
    assert.ok(!(p in files), p);
    assert.equal(index.classifier.kindByPath(p)?.name, 'decision-log', p);
  });

  it('writes skeletons that are recognised and only ask to be filled in', () => {
    for (const kind of ['prd', 'sdd', 'adr', 'decision-log', 'charter']) {
      const text = documentSkeleton({ kind, title: 'Saved carts', owner: 'Dana', today }, undefined, kind === 'sdd' ? '../prd/a.prd.md' : undefined);
      const { index } = workspace({ 'notes/new.md': text, 'prd/a.prd.md': '# A\n' });
      const doc = index.documents.get('notes/new.md');
      assert.ok(doc, `${kind} skeleton recognised by its type:`);
      assert.equal(doc!.kind.name, kind);
      const rules = new Set(checkDocument(doc!, index).map((d) => d.rule));
      for (const r of rules) assert.ok(['empty-section', 'missing-decision-field', 'unknown-owner'].includes(r), `${kind}: unexpected ${r}`);
      assert.ok(!rules.has('missing-section'), `${kind}: no missing sections`);
    }
  });

  it('writes a decision entry dated today with its owner', () => {
    const entry = decisionEntry({ title: 'Use queues', owner: 'Dana', today });
    const { index } = workspace({ 'DECISIONS.md': `# Log\n\n${entry}` });
    const doc = index.documents.get('DECISIONS.md')!;
    assert.equal(doc.decisions.length, 1);
    assert.equal(doc.decisions[0].fields.date?.value, today);
    assert.deepEqual(doc.decisions[0].owner?.names, ['Dana']);
  });
});
