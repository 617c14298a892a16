/**
 * scanMarkdown must build exactly the model parseMarkdown builds: on every markdown file of
 * the shared corpora, the fixtures and the examples, and on thousands of generated documents
 * made of the pieces that trip block scanners (fences, comments, lists, quotes, tables, line
 * ends, tabs, front matter).
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseMarkdown } from '../../server/src/core/markdown';
import { scanMarkdown, scanStats } from '../../server/src/core/scan';
import { LineIndex } from '../../server/src/core/text';
import { requireCorpus } from '../support/requirements';
import { mulberry32 } from '../support/random';

const REPO = path.resolve(__dirname, '..', '..');

/** Every .md file under a folder (absolute paths, sorted); none when the folder is missing. */
function markdownFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && ent.name.toLowerCase().endsWith('.md')) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** Asserts that the scanner and the parser build the same model of every file. */
function sameModels(files: string[]): void {
  assert.ok(files.length > 0, 'no markdown files found');
  scanStats.reset();
  const failures: string[] = [];
  for (const f of files) {
    const d = compare(fs.readFileSync(f, 'utf8'));
    if (d) failures.push(`${path.relative(REPO, f)}: ${d}`);
  }
  assert.deepStrictEqual(failures.slice(0, 10), [], `${failures.length} of ${files.length} files differ`);
}

/** The first place where two values differ, as a path such as `headings[3].text`, or undefined. */
export function firstDifference(a: unknown, b: unknown, at = 'model'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${at}: scan ${JSON.stringify(a)} ≠ parse ${JSON.stringify(b)}`;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map)) return `${at}: one is a Map`;
    return firstDifference(Object.fromEntries(a), Object.fromEntries(b), at);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]${lineOf(a[i] ?? b[i])}`);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (ao[k] === undefined && bo[k] === undefined) continue;
    const d = firstDifference(ao[k], bo[k], `${at}.${k}`);
    if (d) return d;
  }
  return undefined;
}

/** ` (line N)` for model entries that have a place, to point at the source. */
function lineOf(x: unknown): string {
  if (!x || typeof x !== 'object') return '';
  const o = x as { line?: number; startLine?: number; range?: { start: { line: number } } };
  const line = o.range?.start.line ?? o.line ?? o.startLine;
  return line === undefined ? '' : ` (line ${line + 1})`;
}

function compare(text: string): string | undefined {
  const lines = new LineIndex(text);
  return firstDifference(scanMarkdown(text, lines), parseMarkdown(text, lines));
}

// ---- a deterministic generator of small, nasty documents ----

export function generateDocument(seed: number): string {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const words = [
    'Owner',
    'Decision',
    'Why',
    'What',
    'TBD',
    'Dana',
    'Evan',
    'the plan',
    'x',
    'a b',
    '`code`',
    '*em*',
    '**bold**',
    '_u_',
    '[link](./a.md)',
    '<http://e.org>',
    '&amp;',
    '\\*',
    'TODO',
    '{tbd}',
    '#',
    '|',
    '<!-- c -->',
    '[ref]',
    '[ref][]',
    '![img](i.png)',
    '<span>',
    'Vec<T>',
  ];
  const text = () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => pick(words)).join(' ');
  const ind = () => pick(['', '', '', ' ', '  ', '   ', '    ', '\t']);
  const pieces: (() => string)[] = [
    () => `${'#'.repeat(1 + Math.floor(rnd() * 7))}${pick([' ', '', '  ', '\t'])}${text()}${pick(['', ' #', ' ##  ', '#'])}`,
    () => `${text()}\n${pick(['===', '---', '  ---  ', '= =', '-'])}`,
    () => {
      const f = pick(['```', '````', '~~~', '~~~~', '``']);
      const close = pick([f, f + f[0], f.slice(1), '', ' ' + f, '    ' + f]);
      return `${ind()}${f}${pick(['', 'md', 'js `x`'])}\n${pick(['# not a heading', 'Owner: Dana', '<!--', 'text', '```', ''])}\n${close}`;
    },
    () => `    ${pick(['# code', 'Owner: x', 'code'])}\n${pick(['', '    more', '\tmore', 'lazy'])}`,
    () => `${ind()}<!-- ${pick(['TODO', 'x', 'charter-disable'])} -->${pick(['', ' after', '\n# in html'])}`,
    () => `<!--\n${pick(['# Heading in comment', 'Owner: Dana', '', '- item'])}\n${pick(['-->', 'still -->', '--> tail', ''])}`,
    () => `${pick(['<div>', '<details>', '<pre>', '<span>x</span>', '<img src="a">', '<?php', '<![CDATA[', '</div>'])}\n${pick(['# h', 'x', ''])}`,
    () => {
      const m = pick(['-', '*', '+', '1.', '2)', '10.']);
      return Array.from(
        { length: 1 + Math.floor(rnd() * 3) },
        () =>
          `${pick(['', ' ', '   ', '  '])}${m}${pick([' ', '  ', '\t', '     '])}${pick(['**Owner**: Dana', '**Owner:** Evan', 'Decided by: TBD', text(), '# heading in item', '```', '> quote', '- nested', ''])}${pick(['', '\n  continued', '\nlazy line', '\n\n  para two', '\n    indented', '\n  ---', '\n==='])}`,
      ).join('\n');
    },
    () => `**${pick(['Owner', 'Decision maker', 'Date'])}**${pick([':', ''])}${pick([':', '', ' :'])} ${pick(['Dana', 'TBD', '[who decides]', 'Dana and Evan', ''])}`,
    () => {
      const lead = rnd() < 0.5;
      const row = (cells: string[]) => (lead ? '| ' : '') + cells.join(' | ') + (lead && rnd() < 0.7 ? ' |' : '');
      const cols = 1 + Math.floor(rnd() * 3);
      const head = row(Array.from({ length: cols }, () => pick(['Decision', 'Owner', 'Date', 'a \\| b', '`x|y`', 'Why'])));
      const delim = row(Array.from({ length: cols }, () => pick(['---', ':--', '--:', ':-:', '-'])));
      const body = Array.from({ length: Math.floor(rnd() * 3) }, () => row(Array.from({ length: cols }, () => pick(['Dana', 'TBD', '', '[x](y.md)', 'a \\| b']))));
      return [head, delim, ...body].join('\n');
    },
    () => `>${pick([' ', '', '  '])}${pick(['# quoted heading', 'Owner: Dana', text(), '- item', '```'])}${pick(['', '\n> more', '\nlazy', '\n>', '\n> ---'])}`,
    () => `[${pick(['ref', 'Ref', 'x y'])}]: ${pick(['./a.md', '<./b c.md>', 'http://e.org "t"', "/u 'title'", '/u\n"title"', ''])}`,
    () => pick(['TBD', 'TODO: later', '{describe}', '[who]', '___', '...', '<decision here>', 'N/A']),
    () => pick(['***', '---', '___', '* * *', '- - -']),
    () => text(),
    () => `${text()}\n${text()}`,
  ];
  const fm = rnd();
  let doc = '';
  if (fm < 0.15)
    doc += `---\ntype: ${pick(['prd', 'adr', 'decision-log'])}\n${pick(['title: T', 'owner: [Dana', 'x: : y', 'deciders:\n  - Dana'])}\n${pick(['---', '...', '--- '])}\n`;
  else if (fm < 0.2) doc += `---\n${pick(['# not a heading', 'title: open'])}\n`;
  const n = 1 + Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) doc += pieces[Math.floor(rnd() * pieces.length)]() + pick(['\n\n', '\n', '\n\n\n', '\n  \n']);
  const eol = rnd();
  if (eol < 0.15) doc = doc.replace(/\n/g, '\r\n');
  else if (eol < 0.2) doc = doc.replace(/\n/g, '\r');
  else if (eol < 0.25) doc = doc.replace(/\n/g, () => pick(['\n', '\r\n', '\r']));
  if (rnd() < 0.1) doc = doc.replace(/\n+$/, '');
  return doc;
}

/**
 * Documents heavy in what the native inline scanner, table reader and definition reader
 * decide: links (titles, nested brackets, line ends, escapes, references), emphasis, code
 * spans, inline HTML, autolinks, GFM tables in containers, multi-line definitions.
 */
export function generateInlineDocument(seed: number): string {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const atoms = [
    'x',
    'a b',
    'Dana',
    '*em*',
    '**b**',
    '***c***',
    '_u_',
    '__v__',
    'snake_case_x',
    '2 * 3',
    '*',
    '_',
    '**',
    'a*b*c',
    '*a **b** c*',
    '_a_b_',
    '`c`',
    '`` a`b ``',
    '` x `',
    '`[x](y)`',
    '`a|b`',
    '\\|',
    '\\[',
    '\\*',
    '\\',
    '&amp;',
    '&',
    '&#35;',
    '<T>',
    'Vec<T>',
    '</a>',
    '<a href="x">',
    '<!-- c -->',
    '<!-->',
    '<http://e.org/a_b>',
    '<x@y.org>',
    '<?p?>',
    '<!DOCTYPE>',
    '[',
    ']',
    '!',
    '![',
    '[ref]',
    '[Ref][]',
    '[x][ref]',
    '[x][nope]',
    '[nope]',
    '[t](u)',
    '[t](u "ti")',
    "[t](<a b> 'q')",
    '[t]( u )',
    '[t](u(v))',
    '[t](u\\))',
    '[t](a&amp;b)',
    '[**t**](u)',
    '[*t* `c`](u)',
    '[a [b] c](u)',
    '[a [b](c) d](e)',
    '![alt](i.png)',
    '![a *b*](i)',
    '[![img](i)](u)',
    '[t](u\n"ti")',
    '[a\nb](u)',
    '[a \nb](u)',
    '[t](\nu)',
    '[t](',
    '](u)',
    '*[t](u)*',
    '[t]: u',
    'ü*x*',
    '“*q*”',
    'é_x_',
    '😀**z**',
  ];
  const inline = () =>
    Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => pick(atoms))
      .join(pick([' ', '', ' ', '\n']))
      .replace(/\\n/g, '\n');
  const row = (cols: number, lead: boolean) =>
    (lead ? pick(['|', '| ', '  |']) : '') +
    Array.from({ length: cols }, () => pick(['a', ' b ', '', inline(), '`x|y`', 'c \\| d', '**k**'])).join('|') +
    pick(['', '|', ' | ', '|  ']);
  const pieces: (() => string)[] = [
    () => inline(),
    () => `${inline()}\n${inline()}`,
    () => `${'#'.repeat(1 + Math.floor(rnd() * 3))} ${inline().replace(/\n/g, ' ')}`,
    () => `${inline().replace(/\n/g, ' ')}\n${pick(['===', '---'])}`,
    () => {
      const cols = 1 + Math.floor(rnd() * 3);
      const lead = rnd() < 0.6;
      const delim = (lead ? '|' : '') + Array.from({ length: cols + (rnd() < 0.1 ? 1 : 0) }, () => pick(['---', ':--', '--:', ':-:', ' - '])).join('|') + pick(['', '|']);
      const body = Array.from({ length: Math.floor(rnd() * 3) }, () => row(cols + pick([0, 0, 1, -1]), lead));
      const pre = pick(['', '', 'para\n', '> ', '- ', '1. ']);
      const cont = pre === '> ' ? '> ' : pre === '- ' ? '  ' : pre === '1. ' ? '   ' : '';
      return [pre + row(cols, lead), cont + delim, ...body.map((b) => pick([cont, cont, '', '    ']) + b)].join('\n') + pick(['', '\nafter', '\n# h', '\n- x', '\n    code']);
    },
    () =>
      `[${pick(['ref', 'Ref', 'x y', 'a\\]b'])}]:${pick([' ', '\n', ' \n  '])}${pick(['./a.md', '<./b c.md>', 'http://e.org', 'u(v)', '<a>b', 'a)'])}${pick(['', ' "t"', '\n"t"', " 't'\n", ' (t)', '\n"t\nu"', ' "t" x', '\n"open'])}${pick(['', '\nnext line', '\n[ref]: z'])}`,
    () => `${pick(['- ', '> ', '1. ', '  '])}${inline()}`,
  ];
  const n = 1 + Math.floor(rnd() * 6);
  let doc = '';
  for (let i = 0; i < n; i++) doc += pieces[Math.floor(rnd() * pieces.length)]() + pick(['\n\n', '\n', '\n\n']);
  if (rnd() < 0.1) doc = doc.replace(/\n/g, '\r\n');
  return doc;
}

// Guarded so that a script can import the generator and the differ without mocha.
if (typeof describe === 'function')
  describe('scanMarkdown', () => {
    it('builds the same model as parseMarkdown on every fixture and example file', function () {
      this.timeout(120000);
      sameModels([...markdownFiles(path.join(REPO, 'test', 'fixtures')), ...markdownFiles(path.join(REPO, 'examples'))]);
    });

    it('builds the same model as parseMarkdown on every corpus file', function () {
      this.timeout(120000);
      sameModels(['rust-rfcs', 'madr-decisions'].flatMap((c) => markdownFiles(requireCorpus(this, c))));
    });

    it('builds the same model as parseMarkdown on generated documents', function () {
      this.timeout(120000);
      const failures: string[] = [];
      const count = 4000;
      for (let seed = 1; seed <= count; seed++) {
        const doc = generateDocument(seed);
        const d = compare(doc);
        if (d) failures.push(`seed ${seed} ${JSON.stringify(doc)}: ${d}`);
      }
      assert.deepStrictEqual(failures.slice(0, 5), [], `${failures.length} of ${count} generated documents differ`);
    });

    it('builds the same model as parseMarkdown on generated inline, table and definition documents', function () {
      this.timeout(120000);
      const failures: string[] = [];
      const count = 4000;
      scanStats.reset();
      for (let seed = 1; seed <= count; seed++) {
        const doc = generateInlineDocument(seed);
        const d = compare(doc);
        if (d) failures.push(`seed ${seed} ${JSON.stringify(doc)}: ${d}`);
      }
      assert.deepStrictEqual(failures.slice(0, 5), [], `${failures.length} of ${count} generated documents differ`);
      // The native paths must actually be taken, not just fall back to remark. (About 28% fall
      // back today, for reasons outside inline reading: `<?x?>` or `<!X>` starting a line, a
      // setext underline after a definition, lazy lines.)
      const fallbacks = [...scanStats.fallbacks.values()].reduce((a, b) => a + b, 0);
      assert.ok(fallbacks < count / 3, `${fallbacks} of ${count} documents fell back to parseMarkdown`);
    });

    it('reads tables, links, emphasis and multi-line definitions natively', () => {
      const docs = [
        '| a | b |\n|---|:-:|\n| `x|y` | c \\| d |  \n| e |\n',
        'para\na | b\n-|-\nc|d|e\n\n- x|y\n  -|-\n  z\n',
        '# Title with *emphasis* and `code` and [a link](u "t")\n\nSee [multi\nline](http://e.org) and ![img *alt*](i.png) and [![badge](b.svg)](u).\n',
        '[ref]:\n  http://e.org\n  "title"\n\n[x][ref] and [ref] and <http://a.b> and Vec<T> <!-- note -->\n',
      ];
      for (const doc of docs) {
        scanStats.reset();
        assert.strictEqual(compare(doc), undefined, JSON.stringify(doc));
        assert.deepStrictEqual([scanStats.fallbacks.size, scanStats.pieces], [0, 0], `not native: ${JSON.stringify(doc)}`);
      }
    });
  });
