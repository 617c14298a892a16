/**
 * The front-matter fast path (core/simpleYaml.ts) reads exactly what the yaml library reads:
 * values, every key's and value's range, list items and their text, errors. Checked on every
 * front matter of the fixtures, the examples, the corpora and a generated workspace, and on
 * thousands of mutations of them (quotes, comments, numbers, indentation, tabs…).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/text';
import { findFrontMatter, parseFrontMatter } from '../../server/src/core/frontMatter';
import { parseSimpleYaml } from '../../server/src/core/simpleYaml';
import { generateWorkspace } from '../../bench/generate';
import { requireCorpus } from '../support/requirements';
import { seededInt } from '../support/random';
import { listFiles } from '../unit/harness';

const ROOT = path.resolve(__dirname, '../..');

function markdownUnder(dir: string): string[] {
  return fs.existsSync(dir)
    ? listFiles(dir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => path.join(dir, f))
    : [];
}

/** Both readings of a text's front matter, as comparable data; undefined when it has none. */
function both(text: string): { fast: unknown; full: unknown; simple: boolean } | undefined {
  const lines = new LineIndex(text);
  const span = findFrontMatter(lines);
  if (!span) return undefined;
  const view = (fm: ReturnType<typeof parseFrontMatter>) => ({ ...fm, keys: [...fm.keys] });
  const source = text.slice(span.bodyStart, span.bodyEnd).replace(/\r(?!\n)/g, '\n');
  return { fast: view(parseFrontMatter(lines, span, true)), full: view(parseFrontMatter(lines, span, false)), simple: parseSimpleYaml(source) !== undefined };
}

const PIECES = [
  ' ',
  '  ',
  '#',
  ' # note',
  ':',
  ': ',
  '-',
  '- ',
  '"',
  "'",
  '\t',
  '\n',
  '\n\n',
  '0',
  '12',
  '1.5',
  'true',
  'null',
  '~',
  '[',
  ']',
  '{',
  '}',
  '&a',
  '*a',
  '|',
  '>',
  '?',
  '@',
  '`',
  '%',
  'x: y',
  '\n  - item',
  '\n    role: PM',
  '\n- z',
  'é',
  '__proto__: 1',
  '\r\n',
  '\\',
  '\\"',
  "''",
];

function mutate(text: string, span: { bodyStart: number; bodyEnd: number }, r: (n: number) => number): string {
  const body = text.slice(span.bodyStart, span.bodyEnd);
  let b = body;
  for (let k = 0, n = 1 + r(3); k < n; k++) {
    const at = r(b.length + 1);
    const op = r(4);
    if (op === 0) b = b.slice(0, at) + PIECES[r(PIECES.length)] + b.slice(at);
    else if (op === 1) b = b.slice(0, at) + b.slice(at + 1 + r(4));
    else if (op === 2) {
      // Duplicate a line (a duplicate key, or one more list item).
      const ls = b.split('\n');
      const i = r(ls.length);
      ls.splice(i, 0, ls[i]);
      b = ls.join('\n');
    } else {
      // Indent or dedent a line.
      const ls = b.split('\n');
      const i = r(ls.length);
      ls[i] = r(2) ? ` ${ls[i]}` : ls[i].replace(/^ /, '');
      b = ls.join('\n');
    }
  }
  return text.slice(0, span.bodyStart) + b + text.slice(span.bodyEnd);
}

describe('front matter fast path = the yaml library', () => {
  const sources: string[] = [];
  let generated: string | undefined;

  before(function () {
    this.timeout(120_000);
    // The real-world corpus too, when `npm run realworld -- materialize` has put it there.
    for (const dir of ['test/fixtures', 'examples', 'docs', '.realworld']) sources.push(...markdownUnder(path.join(ROOT, dir)));
    generated = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-yaml-'));
    generateWorkspace(generated, { count: 400, seed: 3 });
    sources.push(...markdownUnder(generated));
  });
  after(() => {
    if (generated) fs.rmSync(generated, { recursive: true, force: true });
  });

  function checkAll(files: string[], label: string): { total: number; simple: number } {
    let total = 0;
    let simple = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const r = both(text);
      if (!r) continue;
      total++;
      if (r.simple) simple++;
      assert.deepEqual(r.fast, r.full, `${label}: ${f}`);
    }
    return { total, simple };
  }

  it('on every front matter of the fixtures, the examples, the docs and a generated workspace; most take the fast path', () => {
    const { total, simple } = checkAll(sources, 'own');
    assert.ok(total > 300, `${total} front matters`);
    assert.ok(simple / total > 0.6, `only ${simple} of ${total} took the fast path`);
  });

  it('on shapes mutations have caught: extra spaces after a dash or a colon, trailing spaces, quotes', () => {
    const cases = [
      'decision-makers:\n  -  Moreau\n  - Ben Okafor\n',
      'owner:   Dana  \ntags:\n  - x   \n',
      'people:\n  - name:  Ana Lima\n    role:   PM\n',
      'owner: "@dana"\nstatus: \'accepted\'\n',
      'people:\n  -   name: Ana\n',
      // A list at its key's own column, as Tekton's TEPs write `authors:`.
      "status: implementable\nauthors:\n- '@pritidesai'\n- \"@wlynch\"\ncreation-date: '2024-01-10'\n",
      'people:\n- name: Ana\n  role: PM\n- name: Ben\nowner: Dana\n',
      'see-also:\n- TEP-0118\n\n- TEP-0090\n',
    ];
    for (const body of cases) {
      if (body.startsWith('status: implementable')) assert.ok(parseSimpleYaml(body), "a list at its key's column takes the fast path");
      const r = both(`---\n${body}---\n\n# Title\n`)!;
      assert.deepEqual(r.fast, r.full, body);
    }
  });

  it('on every front matter of the MADR and Rust RFC corpora', function () {
    const dirs = ['madr-decisions', 'rust-rfcs'].map((c) => requireCorpus(this, c)).filter((d): d is string => Boolean(d));
    const { total } = checkAll(
      dirs.flatMap((d) => markdownUnder(d)),
      'corpus',
    );
    assert.ok(total >= 0);
  });

  it('on 20,000 mutations of them: where the fast path reads a text, it reads what yaml reads', function () {
    this.timeout(120_000);
    const r = seededInt(11);
    const withFm = sources.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => findFrontMatter(new LineIndex(t)));
    assert.ok(withFm.length > 100);
    let simple = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = withFm[r(withFm.length)];
      const span = findFrontMatter(new LineIndex(text))!;
      const mutated = mutate(text, span, r);
      const res = both(mutated);
      if (!res) continue;
      if (res.simple) simple++;
      assert.deepEqual(res.fast, res.full, `mutation ${i}:\n${mutated.slice(0, 600)}`);
    }
    assert.ok(simple > 2_000, `${simple} mutations took the fast path`);
  });
});
