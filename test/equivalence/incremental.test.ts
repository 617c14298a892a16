/**
 * Incremental re-analysis after an edit (scan/incremental.ts, readDocument's `previous`)
 * gives exactly what a full analysis of the new text gives: the markdown model, the state
 * kept for the next edit, the analyzed document and its findings. Random edits, many of
 * them made of the characters that change block structure (`#`, backticks, `---`, `|`,
 * `[x]:`, `>`, `-`, blank lines), are applied in sequences to the fixtures, the examples and
 * both corpora; each edit starts from the previous incremental result, so errors would
 * accumulate rather than hide. (In documents over 20 KB, an edit that makes the scanner hand
 * the whole document to remark is undone instead: remark takes seconds on some RFCs, and
 * such an edit is read whole by both paths anyway. Smaller documents check those too.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig, type Config } from '../../server/src/core/config';
import { readDocument, withFolders } from '../../server/src/core/workspace';
import { checkLocal, checkWorkspace } from '../../server/src/core/analyze';
import { rescanMarkdown, scanMarkdown, scanStats } from '../../server/src/core/scan';
import { changeBetween, lineIndexAfter, scanStateOf } from '../../server/src/core/scan/incremental';
import { Scanner } from '../../server/src/core/scan/scanner';
import { Fallback } from '../../server/src/core/scan/fallback';
import { LineIndex } from '../../server/src/core/text';
import { RULE_IDS } from '../../server/src/core/rules/index';
import type { MarkdownModel } from '../../server/src/core/types';
import { requireCorpus } from '../support/requirements';
import { mulberry32 } from '../support/random';
import { listFiles } from '../unit/harness';
import { buildIndex } from '../support/oracle';

const ROOT = path.resolve(__dirname, '../..');

/** Characters and snippets that start, end or change blocks, and some plain ones. */
const CHARS = ['#', '`', '-', '|', '>', '*', '_', '[', ']', ':', ' ', '\n', '\n', 'a', 'x', '<', '!', '=', '~', '1', '.', '\t', '\\', '(', ')', '\r', '\r\n'];
const SNIPPETS = [
  '```\n',
  '~~~\n',
  '---\n',
  '***\n',
  '===\n',
  '[x]: http://example.com\n',
  '[x]: ./other.md\n',
  '[Summary]: #summary\n',
  '# Heading\n',
  '## Summary\n',
  '## Decision\n',
  '\n\n',
  '\n',
  '> ',
  '- ',
  '1. ',
  '| a | b |\n| - | - |\n',
  '| c | d |\n',
  '<!-- comment -->',
  '<!--\n',
  '-->\n',
  '<div>\n',
  '</div>\n',
  '    indented code\n',
  'Owner: Ann\n',
  '**Decision:** adopt it\n',
  '- Status: accepted\n',
  'see [the link](./x.md) and [x]\n',
  'TBD\n',
  '<!-- charter-disable missing-section -->\n',
];

/** One random edit: an insertion, a deletion or a replacement, often at a line start. */
function edit(text: string, rnd: () => number): string {
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)];
  let at = Math.floor(rnd() * (text.length + 1));
  if (rnd() < 0.5) {
    // At the start of a line (or at its end): where block structure is decided.
    const nl = text.lastIndexOf('\n', at - 1);
    at = rnd() < 0.8 ? nl + 1 : Math.max(0, text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at));
  }
  const r = rnd();
  if (r < 0.35) return text.slice(0, at) + pick(CHARS) + text.slice(at);
  if (r < 0.6) return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
  if (r < 0.75) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 3)));
  if (r < 0.85) {
    // Delete a whole line.
    const s = text.lastIndexOf('\n', at - 1) + 1;
    const e = text.indexOf('\n', at);
    return text.slice(0, s) + (e < 0 ? '' : text.slice(e + 1));
  }
  if (r < 0.93) {
    // Duplicate a line.
    const s = text.lastIndexOf('\n', at - 1) + 1;
    const e = text.indexOf('\n', at);
    const line = text.slice(s, e < 0 ? text.length : e + 1);
    return text.slice(0, s) + line + (e < 0 ? '\n' : '') + text.slice(s);
  }
  return text.slice(0, at) + pick(CHARS) + text.slice(Math.min(text.length, at + 1));
}

/** The model of each edit, incrementally and whole, must be equal, and so must the state kept for the next edit. */
function sameModel(prev: { model: MarkdownModel; lines: LineIndex }, text: string, what: string): { model: MarkdownModel; lines: LineIndex } {
  const change = changeBetween(prev.lines.text, text);
  const lines = change ? lineIndexAfter(prev.lines, text, change) : prev.lines;
  assert.deepEqual(lines.starts, new LineIndex(text).starts, `${what}: line starts`);
  const inc = rescanMarkdown(prev, text, lines);
  const full = scanMarkdown(text, new LineIndex(text));
  assert.deepEqual(inc, full, `${what}: model`);
  assert.deepEqual(scanStateOf(inc), scanStateOf(full), `${what}: incremental state`);
  return { model: inc, lines };
}

interface Corpus {
  name: string;
  dir: string;
  config: Config;
  /** Where the folder sits in the workspace (so that kinds by path match). */
  mount?: string;
}

/** Whether the scanner hands a text over to remark (Fallback), found without running remark. */
function fallsBack(text: string): boolean {
  try {
    new Scanner(text, new LineIndex(text)).run();
    return false;
  } catch (e) {
    if (e instanceof Fallback) return true;
    throw e;
  }
}

/** Above this size, an edit that makes the scanner fall back is undone rather than checked: remark takes seconds on some large RFCs. */
const REMARK_SIZE = 20_000;

let edits = 0;

/**
 * Applies `count` random edits in sequence to a document, checking each; every `every`
 * edits the whole analysis and its findings too.
 */
function run(c: Corpus, rel: string, count: number, rnd: () => number, every: number, lineEnd = '\n'): void {
  const classifier = new Classifier(c.config);
  const docPath = c.mount ? `${c.mount}/${rel}` : rel;
  let text = fs
    .readFileSync(path.join(c.dir, rel), 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n/g, lineEnd);
  let prev = { model: scanMarkdown(text), lines: new LineIndex(text) };
  let prevDoc = readDocument(docPath, text, classifier);
  const index = buildIndex(c.config, classifier, [], withFolders(listFiles(c.dir).map((f) => (c.mount ? `${c.mount}/${f}` : f))));
  for (let i = 0; i < count; i++) {
    edits++;
    const next = edit(text, rnd);
    if (next.length > REMARK_SIZE && fallsBack(next)) continue;
    text = next;
    const what = `${c.name}/${rel}, edit ${i + 1}`;
    prev = sameModel(prev, text, what);
    if (i % every !== every - 1 && i !== count - 1) continue;
    const inc = readDocument(docPath, text, classifier, scanMarkdown, prevDoc);
    const full = readDocument(docPath, text, classifier);
    assert.deepEqual(inc, full, `${what}: analyzed document`);
    if (inc && full) {
      index.documents.set(docPath, full);
      assert.deepEqual(checkLocal(inc, index), checkLocal(full, index), `${what}: document findings`);
      assert.deepEqual(checkWorkspace(inc, index), checkWorkspace(full, index), `${what}: workspace findings`);
    }
    prevDoc = inc;
  }
}

const RFC_CONFIG = 'kinds:\n  rfc:\n    include: ["text/*.md"]\n    sections: [Summary, Motivation, { name: Detailed design, aliases: [Reference-level explanation] }]\n';

describe('incremental re-analysis = full analysis', function () {
  this.timeout(120000);
  let incremental = 0;
  let warnings: NodeJS.WarningListener[] = [];
  before(() => {
    incremental = scanStats.incremental;
    // Random edits write `[x]: …` into front matter too, which the YAML library warns about.
    warnings = process.listeners('warning');
    process.removeAllListeners('warning');
  });
  after(() => {
    for (const l of warnings) process.on('warning', l);
    // Most edits must really be read incrementally, or the property says little.
    const inc = scanStats.incremental - incremental;
    assert.ok(inc > 0.6 * edits, `only ${inc} of ${edits} edits were read incrementally`);
  });

  it('on the rule fixtures and the example workspace', () => {
    const rnd = mulberry32(1);
    const rules: Corpus = { name: 'rules', dir: path.join(ROOT, 'test/fixtures/rules'), config: { ...defaultConfig(), charter: 'CHARTER.md' } };
    for (const f of listFiles(rules.dir).filter((f) => f.endsWith('.md'))) run(rules, f, 8, rnd, 4);
    const examples: Corpus = {
      name: 'examples',
      dir: path.join(ROOT, 'examples'),
      config: parseConfig(fs.readFileSync(path.join(ROOT, 'examples/.charter.yaml'), 'utf8'), RULE_IDS).config!,
    };
    for (const f of listFiles(examples.dir).filter((f) => f.endsWith('.md'))) run(examples, f, 25, rnd, 5);
    // With Windows and old Mac line ends (which the edits then mix with LF).
    for (const f of listFiles(examples.dir).filter((f) => f.endsWith('.md'))) run(examples, f, 12, rnd, 4, '\r\n');
    for (const f of listFiles(examples.dir).filter((f) => f.endsWith('.md'))) run(examples, f, 12, rnd, 4, '\r');
  });

  it('on the MADR decisions as ADRs', function () {
    const c: Corpus = { name: 'madr', dir: requireCorpus(this, 'madr-decisions'), config: defaultConfig(), mount: 'docs/decisions' };
    const rnd = mulberry32(2);
    for (const f of listFiles(c.dir).filter((f) => f.endsWith('.md'))) run(c, f, 25, rnd, 5);
  });

  it('on the rust-rfcs corpus as a custom kind (the largest RFCs and a sample)', function () {
    const c: Corpus = { name: 'rust-rfcs', dir: requireCorpus(this, 'rust-rfcs'), config: parseConfig(RFC_CONFIG, RULE_IDS).config!, mount: 'text' };
    const all = listFiles(c.dir).filter((f) => f.endsWith('.md'));
    const bySize = [...all].sort((a, b) => fs.statSync(path.join(c.dir, b)).size - fs.statSync(path.join(c.dir, a)).size);
    const rnd = mulberry32(3);
    for (const f of bySize.slice(0, 3)) run(c, f, 40, rnd, 20);
    // Every 24th RFC by name: 27 documents of all sizes and styles.
    for (let i = 0; i < all.length; i += 24) run(c, all[i], 25, rnd, 10);
  });
});
