/**
 * The fast path and the full remark-based analysis give identical findings: every document
 * of the corpora, the rule fixtures and the example workspace, checked both ways.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig, type Config } from '../../server/src/core/config';
import { readDocument, withFolders } from '../../server/src/core/workspace';
import { parseMarkdown } from '../../server/src/core/markdown';
import { scanMarkdown } from '../../server/src/core/scan';
import { RULE_IDS } from '../../server/src/core/rules/index';
import type { AnalyzedDocument } from '../../server/src/core/document';
import { requireCorpus } from '../support/requirements';
import { listFiles } from '../unit/harness';
import { buildIndex, checkDocument } from '../support/oracle';

const ROOT = path.resolve(__dirname, '../..');

/** Findings of every document of a folder, with one parser. */
function findings(dir: string, config: Config, parse: typeof parseMarkdown, mount = ''): Map<string, string> {
  const classifier = new Classifier(config);
  const all = listFiles(dir).map((f) => (mount ? `${mount}/${f}` : f));
  const docs = all
    .filter((f) => f.endsWith('.md') && !classifier.isIgnored(f))
    .map((f) => readDocument(f, fs.readFileSync(path.join(dir, mount ? f.slice(mount.length + 1) : f), 'utf8').replace(/^\uFEFF/, ''), classifier, parse))
    .filter((d): d is AnalyzedDocument => Boolean(d));
  const index = buildIndex(config, classifier, docs, withFolders(all));
  return new Map(docs.map((d) => [d.path, JSON.stringify({ kind: d.kind.name, title: d.title, decisions: d.decisions.length, findings: checkDocument(d, index) })]));
}

function same(dir: string, config: Config, mount = ''): number {
  const fast = findings(dir, config, scanMarkdown, mount);
  const full = findings(dir, config, parseMarkdown, mount);
  assert.deepEqual([...fast.keys()].sort(), [...full.keys()].sort());
  for (const [p, v] of full) assert.equal(fast.get(p), v, `${p}: the fast path's findings differ`);
  return full.size;
}

describe('fast path = full analysis', function () {
  this.timeout(120000);

  it('on the rust-rfcs corpus as a custom kind', function () {
    const config = parseConfig(
      'kinds:\n  rfc:\n    include: ["text/*.md"]\n    sections: [Summary, Motivation, { name: Detailed design, aliases: [Reference-level explanation] }]\n',
      RULE_IDS,
    ).config!;
    // 639 files, one of them only a note that the RFC moved (2071-impl-trait-type-alias.md): no document.
    assert.equal(same(requireCorpus(this, 'rust-rfcs'), config, 'text'), 638);
  });

  it('on the MADR decisions as ADRs', function () {
    assert.equal(same(requireCorpus(this, 'madr-decisions'), defaultConfig(), 'docs/decisions'), 19);
  });

  it('on the rule fixtures and the example workspace', () => {
    assert.ok(same(path.join(ROOT, 'test/fixtures/rules'), { ...defaultConfig(), charter: 'CHARTER.md' }) > 30);
    const examples = parseConfig(fs.readFileSync(path.join(ROOT, 'examples/.charter.yaml'), 'utf8'), RULE_IDS).config!;
    assert.equal(same(path.join(ROOT, 'examples'), examples), 10);
  });
});
