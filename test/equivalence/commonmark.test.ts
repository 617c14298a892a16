/**
 * The fast scanner equals remark on the CommonMark spec: every example of the
 * `commonmark-spec` package (0.31.2: 652 examples) gives the same model with scanMarkdown
 * as with parseMarkdown, alone, with CRLF line ends and inside a block quote; and, as the
 * body of a PRD, the same findings. The examples come from the npm package, so this test
 * never skips.
 */
import * as assert from 'node:assert/strict';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig } from '../../server/src/core/config';
import { readDocument, withFolders } from '../../server/src/core/workspace';
import { parseMarkdown } from '../../server/src/core/markdown';
import { scanMarkdown } from '../../server/src/core/scan';
import { LineIndex } from '../../server/src/core/text';
import type { AnalyzedDocument } from '../../server/src/core/document';
import { assertNoCrash, charter, ensureBuilt, json, Temps, writeFiles, type JsonReport } from '../cli/helpers';
import { buildIndex, checkDocument } from '../support/oracle';

interface SpecExample {
  markdown: string;
  html: string;
  section: string;
  number: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const EXAMPLES = (require('commonmark-spec') as { tests: SpecExample[] }).tests;

/** Where the two parsers' models differ for a text, or undefined when they agree. */
function modelDifference(text: string): string | undefined {
  const lines = new LineIndex(text);
  const fast = scanMarkdown(text, lines);
  const full = parseMarkdown(text, lines);
  try {
    assert.deepStrictEqual(fast, full);
    return undefined;
  } catch (e) {
    return (e as Error).message.slice(0, 1500);
  }
}

/** Every example, transformed, whose models differ: `#number: difference`. */
function differing(transform: (md: string) => string): string[] {
  const out: string[] = [];
  for (const ex of EXAMPLES) {
    const text = transform(ex.markdown);
    const d = modelDifference(text);
    if (d) out.push(`example ${ex.number} (${ex.section}) ${JSON.stringify(text)}:\n${d}`);
  }
  return out;
}

/** Findings of each document of an in-memory workspace, read with one parser. */
function findings(files: Map<string, string>, parse: typeof parseMarkdown): Map<string, string> {
  const config = defaultConfig();
  const classifier = new Classifier(config);
  const docs = [...files].map(([p, text]) => readDocument(p, text, classifier, parse)).filter((d): d is AnalyzedDocument => Boolean(d));
  const index = buildIndex(config, classifier, docs, withFolders(files.keys()));
  return new Map(docs.map((d) => [d.path, JSON.stringify({ kind: d.kind.name, title: d.title, decisions: d.decisions.length, findings: checkDocument(d, index) })]));
}

describe('CommonMark spec: fast scanner = remark', function () {
  this.timeout(300000);

  it('has the 652 examples of commonmark-spec 0.31.2', () => {
    assert.equal(EXAMPLES.length, 652);
    assert.deepEqual(
      EXAMPLES.map((e) => e.number),
      Array.from({ length: 652 }, (_, i) => i + 1),
    );
  });

  it('builds the same model on every example', () => {
    const failures = differing((md) => md);
    assert.deepEqual(failures.slice(0, 3), [], `${failures.length} of ${EXAMPLES.length} examples differ`);
  });

  it('builds the same model on every example with CRLF line ends', () => {
    const failures = differing((md) => md.replace(/\n/g, '\r\n'));
    assert.deepEqual(failures.slice(0, 3), [], `${failures.length} of ${EXAMPLES.length} examples differ`);
  });

  it('builds the same model on every example inside a block quote', () => {
    const failures = differing((md) => md.replace(/^/gm, '> '));
    assert.deepEqual(failures.slice(0, 3), [], `${failures.length} of ${EXAMPLES.length} examples differ`);
  });

  it('gives the same findings on every example as the body of a PRD', () => {
    const files = new Map<string, string>();
    for (const ex of EXAMPLES) {
      files.set(`prd/example-${String(ex.number).padStart(3, '0')}.md`, `---\ntype: prd\nowner: Dana\n---\n# Example ${ex.number}\n\n## Problem\n\n${ex.markdown}`);
    }
    // Some targets exist, others not (example 574's inner /url): broken-link findings then
    // depend on exactly which links each parser sees.
    files.set('prd/foo', '');
    files.set('url2', '');
    const fast = findings(files, scanMarkdown);
    const full = findings(files, parseMarkdown);
    assert.equal(full.size, 652, 'every example is read as a PRD');
    const differ = [...full].filter(([p, v]) => fast.get(p) !== v).map(([p, v]) => `${p}:\n  fast ${fast.get(p)}\n  full ${v}`);
    assert.deepEqual(differ.slice(0, 3), [], `${differ.length} of ${full.size} documents' findings differ`);
  });

  it('reads link destinations as remark does, in inline links and definitions alike', () => {
    const docs = [
      '[a](b(c d))\n', // a space inside parentheses: no link
      '[a](b(c\td))\n',
      '[a](b\0c)\n', // NUL is U+FFFD to micromark: a link
      '[a]: b\0c\n\n[a]\n',
      '[a]: b(c d)\n\n[a]\n',
      '[a](<b c> "t")\n[b]: <d e> "t"\n',
      `[a](${'('.repeat(32)}x${')'.repeat(32)})\n`, // 32 deep: a link
      `[a](${'('.repeat(33)}x${')'.repeat(33)})\n`, // 33 deep: none
      `[a]: ${'('.repeat(33)}x${')'.repeat(33)}\n\n[a]\n`, // no limit in definitions
    ];
    for (const doc of docs) assert.equal(modelDifference(doc), undefined, JSON.stringify(doc));
    assert.deepEqual(
      scanMarkdown('[a](b\0c)\n').links.map((l) => l.target),
      ['b\uFFFDc'],
    );
    assert.deepEqual(scanMarkdown('[a](b(c d))\n').links, []);
  });

  it('ends a list item after the definitions it holds, as remark does', () => {
    const doc = '- [foo]\n\n  [foo]: /url\n\nAfter.\n';
    assert.equal(modelDifference(doc), undefined);
    assert.deepEqual(scanMarkdown(doc).blocks[0], { kind: 'content', startLine: 0, endLine: 2 });
  });

  it('keeps a blank line of indented code in a list item when it is indented enough, as remark does', () => {
    // The item takes two columns of the blank line; the four left are the code's.
    const doc = '- a\n\n      foo\n      \n\nAfter.\n';
    assert.equal(modelDifference(doc), undefined);
    assert.deepEqual(scanMarkdown(doc).blocks[0], { kind: 'content', startLine: 0, endLine: 3 });
    assert.equal(modelDifference('- a\n\n      foo\n     \n\nAfter.\n'), undefined);
  });

  it("reads an image inside an image's alt text as one image, as remark does (example 574)", () => {
    const text = 'See ![logo ![old](old.png)](logo.png).\n';
    for (const parse of [scanMarkdown, parseMarkdown]) {
      const model = parse(text, new LineIndex(text));
      assert.deepEqual(
        model.links.map((l) => [l.target, l.text]),
        [['logo.png', 'logo old']],
        parse.name,
      );
    }
    // Likewise inside an image reference, whose alt holds an autolink and a comment.
    const ref = '[ref]: /u\n\n![a ![b](c) <http://x.y> <!-- note -->][ref]\n';
    assert.equal(modelDifference(ref), undefined);
    assert.deepEqual(
      scanMarkdown(ref).links.map((l) => l.target),
      ['/u'],
    );
    assert.deepEqual(scanMarkdown(ref).comments, []);
  });
});

describe('CommonMark spec example 574 through the checker', function () {
  this.timeout(120000);
  const temps = new Temps();
  before(ensureBuilt);
  after(() => temps.removeAll());

  /** broken-link targets that `charter check` reports for a PRD with this body line. */
  function brokenTargets(line: string): string[] {
    const root = temps.make('cm574');
    writeFiles(root, {
      'docs/checkout-prd.md': `---\ntype: prd\nowner: Dana\n---\n# Checkout\n\n## Problem\n\n${line}\n`,
      'docs/logo.png': 'png',
    });
    const r = charter(['check', '--format', 'json'], root);
    assertNoCrash(r);
    const report = json<JsonReport>(r);
    return report.files
      .flatMap((f) => f.diagnostics)
      .filter((d) => d.rule === 'broken-link')
      .map((d) => d.message);
  }

  it("reports no broken link for an image inside an image's alt text", () => {
    assert.deepEqual(brokenTargets('See ![logo ![old](old.png)](logo.png).'), []);
  });

  it('still reports the same image when it stands alone', () => {
    const found = brokenTargets('See ![old](old.png) and ![logo](logo.png).');
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /"old\.png" does not exist/);
  });
});
