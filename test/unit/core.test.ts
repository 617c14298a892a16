/**
 * Focused tests of the pieces of the analysis core (headings, fields, placeholders, owners,
 * dates, line ends, decoding, classification), then whole-workspace scenarios read from
 * test/fixtures/workspaces/<scenario>/ and checked through the same API as the checker.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { normalizeHeading, parseFieldLine, isPlaceholderText, isPlaceholderValue } from '../../server/src/core/syntax';
import { parseOwnerText, parseOwnerYaml } from '../../server/src/core/owners';
import { checkDate } from '../../server/src/core/dates';
import { LineIndex, decode } from '../../server/src/core/text';
import { parseMarkdown } from '../../server/src/core/markdown';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { readDocument, withFolders } from '../../server/src/core/workspace';
import type { Range } from '../../server/src/core/types';
import { check, FIXTURES, keys, loadFolder, type LoadedFolder } from './harness';
import { buildIndex, checkDocument } from '../support/oracle';

const R: Range = { start: { line: 4, character: 10 }, end: { line: 4, character: 30 } };
const owner = (text: string) => {
  const v = parseOwnerText(text, R);
  return { names: v.names, unowned: v.unowned, multiple: v.multiple };
};

describe('normalizeHeading', () => {
  const cases: [string, string][] = [
    ['Why', 'why'],
    ['WHY?', 'why'],
    ['2.1 Technical Design:', 'technical design'],
    ['3. When', 'when'],
    ['1 Why', 'why'],
    ['III. Timeline', 'timeline'],
    ['a) Scope', 'scope'],
    ['🚀 Why', 'why'],
    ['Why 🤔', 'why'],
    ['👥 Staffing (optional)', 'staffing'],
    ['  When  (Optional) ', 'when'],
    ['Problem-statement', 'problem statement'],
    ['Context & Problem Statement', 'context problem statement'],
    ['Ｗｈｙ', 'why'],
    ['Décision', 'décision'],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(normalizeHeading(input), expected));
  }
  it('keeps words that only start like a section name', () => {
    assert.notEqual(normalizeHeading('Whatever'), normalizeHeading('What'));
    assert.notEqual(normalizeHeading('Optional extras'), '');
    assert.equal(normalizeHeading('Optional extras'), 'optional extras');
  });
});

describe('parseFieldLine', () => {
  it('reads a plain key-value line with the value range', () => {
    const f = parseFieldLine('Decision maker: Dana Whitfield', 7)!;
    assert.equal(f.key, 'Decision maker');
    assert.equal(f.normKey, 'decision maker');
    assert.equal(f.value, 'Dana Whitfield');
    assert.equal(f.line, 7);
    assert.deepEqual(f.keyRange, { start: { line: 7, character: 0 }, end: { line: 7, character: 14 } });
    assert.deepEqual(f.valueRange, { start: { line: 7, character: 16 }, end: { line: 7, character: 30 } });
    assert.equal(f.listItem, false);
    assert.equal(f.bold, false);
  });
  it('reads bold keys with the colon inside or outside', () => {
    for (const line of ['**Owner:** Dana', '**Owner**: Dana', '__Owner:__ Dana']) {
      const f = parseFieldLine(line, 0)!;
      assert.ok(f, line);
      assert.deepEqual([f.key, f.value, f.bold, f.listItem], ['Owner', 'Dana', true, false], line);
      assert.equal(line.slice(f.valueRange.start.character, f.valueRange.end.character), 'Dana');
    }
  });
  it('reads list items, ordered items and task items', () => {
    const a = parseFieldLine('- **Decided by**: Dana', 0)!;
    assert.deepEqual([a.key, a.value, a.listItem, a.bold], ['Decided by', 'Dana', true, true]);
    const b = parseFieldLine('12. Date: 2024-01-01', 0)!;
    assert.deepEqual([b.key, b.value, b.listItem], ['Date', '2024-01-01', true]);
    const c = parseFieldLine('* [x] Owner: Dana', 0)!;
    assert.deepEqual([c.key, c.value, c.listItem], ['Owner', 'Dana', true]);
  });
  it('normalises plural markers in keys', () => {
    assert.equal(parseFieldLine('Decision Maker(s): Dana', 0)!.normKey, 'decision makers');
  });
  it('reads an empty value', () => {
    const f = parseFieldLine('Owner:', 2)!;
    assert.equal(f.value, '');
    assert.deepEqual(f.valueRange, { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } });
  });
  it('strips inline markup and trailing hard breaks from the value', () => {
    assert.equal(parseFieldLine('Owner: **Dana** `W.`  ', 0)!.value, 'Dana W.');
    assert.equal(parseFieldLine('Owner: [Dana](https://example.org/dana)\\', 0)!.value, 'Dana');
  });
  it('does not read sentences, URLs or questions as fields', () => {
    for (const line of [
      'https://example.org: the site',
      'This is a long sentence that has a colon: yes',
      'Why not?: because',
      'Owner:Dana',
      'Note that the time is 10:30 today',
      '',
      '## Owner: Dana',
    ]) {
      assert.equal(parseFieldLine(line, 0), undefined, line);
    }
  });
});

describe('placeholders', () => {
  const placeholderBlocks = [
    'TBD',
    'tbd.',
    'TODO',
    'TODO: write the motivation',
    'To be decided',
    '{describe the problem}',
    '[link to the research]',
    '[...]',
    '...',
    '…',
    '___',
    '____',
    '_____',
    '**TBD**',
    '<!-- Describe the users and their problem. -->',
    '- TBD\n- TODO',
    '- ___',
    '1. {first requirement}\n2. {second requirement}',
    '',
    '   \n  \n',
  ];
  for (const text of placeholderBlocks) {
    it(`isPlaceholderText(${JSON.stringify(text)}) is true`, () => assert.equal(isPlaceholderText(text), true));
  }
  const contentBlocks = [
    'Shoppers lose their carts.',
    'TBDs are tracked in Jira.',
    'TODOs are tracked in Jira.',
    '- TBD\n- Ship in June',
    '<!-- comment --> Real text',
    '[Research notes](research.md)',
    '0',
  ];
  for (const text of contentBlocks) {
    it(`isPlaceholderText(${JSON.stringify(text)}) is false`, () => assert.equal(isPlaceholderText(text), false));
  }
  it('owner and date values: ?, n/a, none and dashes mean nobody', () => {
    for (const v of ['?', '??', 'n/a', 'N/A', 'na', 'none', 'nobody', '-', '—', 'TBD', '`TBD`', '[who decides]', '{name}', '', '___', '_____']) {
      assert.equal(isPlaceholderValue(v), true, v);
    }
    for (const v of ['Dana', 'PM', '@dana', 'Nadia', 'Tom Bede']) assert.equal(isPlaceholderValue(v), false, v);
  });
});

describe('parseOwnerText', () => {
  it('reads one person', () => {
    assert.deepEqual(owner('Dana Whitfield'), { names: ['Dana Whitfield'], unowned: false, multiple: false });
    assert.deepEqual(owner('**Dana**'), { names: ['Dana'], unowned: false, multiple: false });
    assert.deepEqual(owner('@dana'), { names: ['@dana'], unowned: false, multiple: false });
    assert.deepEqual(owner('dana@example.org'), { names: ['dana@example.org'], unowned: false, multiple: false });
    assert.deepEqual(owner('PM'), { names: ['PM'], unowned: false, multiple: false });
  });
  it('reads "Dana, PM" and "Dana (PM)" as one person', () => {
    assert.deepEqual(owner('Dana, PM'), { names: ['Dana'], unowned: false, multiple: false });
    assert.deepEqual(owner('Dana Whitfield, Product Manager'), { names: ['Dana Whitfield'], unowned: false, multiple: false });
    assert.deepEqual(owner('Evan, engineering manager'), { names: ['Evan'], unowned: false, multiple: false });
    assert.deepEqual(owner('Dana Whitfield (PM)'), { names: ['Dana Whitfield'], unowned: false, multiple: false });
  });
  it('reads two or more people', () => {
    for (const [text, names] of [
      ['Dana and Evan', ['Dana', 'Evan']],
      ['Dana, Evan', ['Dana', 'Evan']],
      ['Dana / Evan', ['Dana', 'Evan']],
      ['Dana & Evan', ['Dana', 'Evan']],
      ['Dana + Evan', ['Dana', 'Evan']],
      ['Dana; Evan; Priya', ['Dana', 'Evan', 'Priya']],
      ['PM, EM', ['PM', 'EM']],
    ] as [string, string[]][]) {
      assert.deepEqual(owner(text), { names, unowned: false, multiple: true }, text);
    }
  });
  it('reads "jointly" and other collective words as more than one owner, never as a name', () => {
    assert.deepEqual(owner('jointly'), { names: [], unowned: false, multiple: true });
    assert.deepEqual(owner('the whole team'), { names: [], unowned: false, multiple: true });
    assert.deepEqual(owner('PM and EM jointly'), { names: ['PM', 'EM'], unowned: false, multiple: true });
    assert.deepEqual(owner('Dana and Evan together'), { names: ['Dana', 'Evan'], unowned: false, multiple: true });
  });
  it('reads placeholders as unowned', () => {
    for (const text of ['', '   ', 'TBD', 'tbd', '?', 'n/a', 'N/A', '[who decides]', '{decision maker}', 'none', 'unassigned', '-', '_____']) {
      assert.deepEqual(owner(text), { names: [], unowned: true, multiple: false }, JSON.stringify(text));
    }
  });
  it('points at each name in a single-line value', () => {
    const v = parseOwnerText('Dana and Evan', { start: { line: 3, character: 16 }, end: { line: 3, character: 29 } });
    assert.deepEqual(v.nameRanges, [
      { start: { line: 3, character: 16 }, end: { line: 3, character: 20 } },
      { start: { line: 3, character: 25 }, end: { line: 3, character: 29 } },
    ]);
  });
});

describe('parseOwnerYaml', () => {
  const items: Range[] = [
    { start: { line: 3, character: 4 }, end: { line: 3, character: 8 } },
    { start: { line: 4, character: 4 }, end: { line: 4, character: 8 } },
  ];
  it('reads a YAML list of two people as two owners, each at its item', () => {
    const v = parseOwnerYaml(['Dana', 'Evan'], R, items);
    assert.deepEqual([v.names, v.multiple, v.unowned, v.raw], [['Dana', 'Evan'], true, false, 'Dana, Evan']);
    assert.deepEqual(v.nameRanges, items);
  });
  it('reads a one-item list and a string as one owner', () => {
    assert.deepEqual(parseOwnerYaml(['Dana'], R).names, ['Dana']);
    assert.equal(parseOwnerYaml(['Dana'], R).multiple, false);
    const s = parseOwnerYaml('Dana Whitfield', R);
    assert.deepEqual([s.names, s.multiple, s.unowned], [['Dana Whitfield'], false, false]);
    assert.deepEqual(s.nameRanges, [R]);
  });
  it('reads a string naming two people as two owners', () => {
    const v = parseOwnerYaml('Dana and Evan', R);
    assert.deepEqual([v.names, v.multiple], [['Dana', 'Evan'], true]);
  });
  it('reads empty lists, null and placeholder items as unowned', () => {
    for (const value of [[], null, undefined, ['TBD'], ['?', ''], 'TBD', '']) {
      const v = parseOwnerYaml(value, R);
      assert.deepEqual([v.names, v.unowned, v.multiple], [[], true, false], JSON.stringify(value));
    }
  });
  it('reads people written as mappings with a name', () => {
    assert.deepEqual(parseOwnerYaml([{ name: 'Dana' }, { name: 'Evan' }], R).names, ['Dana', 'Evan']);
  });
  it('skips a placeholder item next to a real one', () => {
    const v = parseOwnerYaml(['Dana', 'TBD'], R, items);
    assert.deepEqual([v.names, v.multiple, v.nameRanges], [['Dana'], false, [items[0]]]);
  });
});

describe('checkDate', () => {
  const ok: [string, string][] = [
    ['2024-02-29', '2024-02-29'],
    ['2024/04/05', '2024-04-05'],
    ['2024-04-05T10:00:00Z', '2024-04-05'],
    ['2024-04-05 09:30', '2024-04-05'],
    ['2024-04', '2024-04'],
    ['5 March 2024', '2024-03-05'],
    ['5th March 2024', '2024-03-05'],
    ['March 5, 2024', '2024-03-05'],
    ['Sept 30, 2024', '2024-09-30'],
    ['13/04/2024', '2024-04-13'],
    ['04/13/2024', '2024-04-13'],
    ['31.12.2024', '2024-12-31'],
    ['**2024-01-02**', '2024-01-02'],
  ];
  for (const [input, iso] of ok) {
    it(`reads ${JSON.stringify(input)} as ${iso}`, () => assert.deepEqual(checkDate(input), { ok: true, iso }));
  }
  const wrong: [string, RegExp][] = [
    ['2023-02-29', /Feb 2023 has 28 days/],
    ['2024-04-31', /Apr 2024 has 30 days/],
    ['2024-13-01', /no month 13/],
    ['2024-00-10', /no month 0/],
    ['2024-13', /no month 13/],
    ['03/04/2024', /ambiguous/],
    ['yesterday', /not a date/],
    ['Smarch 5, 2024', /not a date/],
    ['2024-1-32', /not a day/],
  ];
  for (const [input, re] of wrong) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const r = checkDate(input);
      assert.equal(r.ok, false);
      assert.equal((r as { placeholder: boolean }).placeholder, false);
      assert.match((r as { reason: string }).reason, re);
    });
  }
  for (const input of ['', 'TBD', 'YYYY-MM-DD', 'yyyy-mm-dd', '{date}', '{YYYY-MM-DD}', '?', 'n/a']) {
    it(`reads ${JSON.stringify(input)} as a placeholder`, () => assert.deepEqual(checkDate(input), { ok: false, placeholder: true }));
  }
});

describe('LineIndex', () => {
  it('splits on LF, CRLF and a lone CR alike', () => {
    const li = new LineIndex('a\r\nbb\rccc\nd');
    assert.equal(li.lineCount, 4);
    assert.deepEqual(
      [0, 1, 2, 3].map((n) => li.line(n)),
      ['a', 'bb', 'ccc', 'd'],
    );
    assert.deepEqual(li.starts, [0, 3, 6, 10]);
  });
  it('maps offsets to positions and back', () => {
    const text = 'a\r\nbb\rccc\nd';
    const li = new LineIndex(text);
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(li.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(li.positionAt(7), { line: 2, character: 1 });
    assert.deepEqual(li.positionAt(text.length), { line: 3, character: 1 });
    assert.deepEqual(li.positionAt(999), { line: 3, character: 1 });
    assert.equal(li.offsetAt({ line: 2, character: 1 }), 7);
    // A character past the end of a line stops before its line end.
    assert.equal(li.offsetAt({ line: 0, character: 50 }), 1);
    assert.equal(li.offsetAt({ line: 9, character: 0 }), text.length);
    for (let o = 0; o <= text.length; o++) {
      const p = li.positionAt(o);
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside a CRLF
      assert.equal(li.offsetAt(p), o, `offset ${o}`);
    }
  });
  it('knows where each line ends, without its line end', () => {
    const li = new LineIndex('ab\r\ncd\ref\n');
    assert.deepEqual(
      [0, 1, 2, 3].map((n) => li.lineEnd(n)),
      [2, 6, 9, 10],
    );
    assert.deepEqual(li.lineRange(0), { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
    assert.equal(li.lineCount, 4);
    assert.equal(li.line(3), '');
  });
  it('gives the trimmed range of a line', () => {
    const li = new LineIndex('   Owner: Dana   \n');
    assert.deepEqual(li.trimmedLineRange(0), { start: { line: 0, character: 3 }, end: { line: 0, character: 14 } });
  });
  it('an empty text has one empty line', () => {
    const li = new LineIndex('');
    assert.equal(li.lineCount, 1);
    assert.equal(li.line(0), '');
    assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  });
});

describe('parseMarkdown with CRLF and lone CR line ends', () => {
  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    const text = ['---', 'type: prd', 'owner: Dana', '---', '', '# Title', '', '## Why', '', 'Owner: Evan', '', 'Setext', '------', '', 'Body.', ''].join(eol);
    it(`reads the front matter with ${name}`, () => {
      const md = parseMarkdown(text);
      assert.deepEqual(md.frontMatter?.errors, []);
      assert.deepEqual(md.frontMatter?.data, { type: 'prd', owner: 'Dana' });
      assert.deepEqual(md.frontMatter?.keys.get('owner')?.valueRange, { start: { line: 2, character: 7 }, end: { line: 2, character: 11 } });
    });
    it(`finds headings, setext headings and fields with ${name}`, () => {
      const md = parseMarkdown(text);
      assert.deepEqual(
        md.headings.map((h) => [h.text, h.depth, h.range.start.line]),
        [
          ['Title', 1, 5],
          ['Why', 2, 7],
          ['Setext', 2, 11],
        ],
      );
      assert.deepEqual(
        md.fields.map((f) => [f.key, f.value, f.line]),
        [['Owner', 'Evan', 9]],
      );
      assert.equal(md.headings[1].sectionEndLine, 11);
    });
  }
  it('never counts headings in code fences, HTML comments or front matter', () => {
    const text = '---\ntitle: x\n# not a heading\n---\n# Real\n\n```\n# fenced\n```\n\n<!--\n# commented\n-->\n\n~~~md\n## tilde\n~~~\n\n    # indented code\n\nSetext real\n===\n';
    const md = parseMarkdown(text);
    assert.deepEqual(
      md.headings.map((h) => h.text),
      ['Real', 'Setext real'],
    );
  });
  it('does not read a --- line after the front matter as a setext underline of its last line', () => {
    const md = parseMarkdown('---\ntitle: Plan\n---\n\nText.\n');
    assert.deepEqual(md.headings, []);
  });
});

describe('decode', () => {
  const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
  it('reads UTF-8 without a BOM', () => {
    const r = decode(enc('# Café ☕\n'));
    assert.deepEqual(r, { ok: true, text: '# Café ☕\n', encoding: 'utf-8', invalidBytes: false });
  });
  it('drops a UTF-8 BOM', () => {
    const r = decode(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('---\ntype: prd\n---\n')]));
    assert.deepEqual(r, { ok: true, text: '---\ntype: prd\n---\n', encoding: 'utf-8-bom', invalidBytes: false });
  });
  it('reads UTF-16 LE and BE with their BOMs', () => {
    const text = '# Décision\r\nOwner: Zoë 🚀\r\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    const rle = decode(new Uint8Array([0xff, 0xfe, ...le]));
    const rbe = decode(new Uint8Array([0xfe, 0xff, ...be]));
    assert.deepEqual(rle, { ok: true, text, encoding: 'utf-16le', invalidBytes: false });
    assert.deepEqual(rbe, { ok: true, text, encoding: 'utf-16be', invalidBytes: false });
  });
  it('skips binary content (a NUL byte) without a UTF-16 BOM', () => {
    const r = decode(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    assert.equal(r.ok, false);
    assert.equal((r as { reason: string }).reason, 'binary');
  });
  it('skips files larger than the limit', () => {
    const r = decode(new Uint8Array(2048), 1024);
    assert.equal(r.ok, false);
    assert.equal((r as { reason: string }).reason, 'too-large');
    assert.match((r as { message: string }).message, /2 KB is larger than the 1 KB limit/);
  });
  it('marks invalid UTF-8 bytes', () => {
    const r = decode(new Uint8Array([0x23, 0x20, 0xff, 0x41]));
    assert.equal(r.ok, true);
    assert.equal((r as { invalidBytes: boolean }).invalidBytes, true);
  });
  it('an empty file is an empty text', () => {
    assert.deepEqual(decode(new Uint8Array()), { ok: true, text: '', encoding: 'utf-8', invalidBytes: false });
  });
});

describe('classification', () => {
  const classifier = new Classifier(defaultConfig());
  const kindOf = (p: string, text = '# Title\n\nText.\n') => readDocument(p, text, classifier)?.kind.name;

  it('recognises the default globs', () => {
    assert.equal(kindOf('docs/checkout.prd.md'), 'prd');
    assert.equal(kindOf('docs/prd/checkout.md'), 'prd');
    assert.equal(kindOf('docs/prd/2025/checkout.md'), 'prd');
    assert.equal(kindOf('design/sdd/checkout.md'), 'sdd');
    assert.equal(kindOf('checkout.sdd.md'), 'sdd');
    assert.equal(kindOf('DECISIONS.md'), 'decision-log');
    assert.equal(kindOf('team/decision-log.md'), 'decision-log');
    assert.equal(kindOf('team/decisions.md'), 'decision-log');
    assert.equal(kindOf('docs/adr/0001-use-postgres.md'), 'adr');
    assert.equal(kindOf('docs/decisions/0002-use-redis.md'), 'adr');
    assert.equal(kindOf('CHARTER.md'), 'charter');
    assert.equal(kindOf('team/CHARTER.md'), 'charter');
  });
  it('never takes a README, an index or a template in a document folder for a document', () => {
    assert.equal(kindOf('docs/prd/README.md'), undefined);
    assert.equal(kindOf('docs/prd/readme.md'), undefined);
    assert.equal(kindOf('docs/sdd/index.md'), undefined);
    assert.equal(kindOf('docs/adr/README.md'), undefined);
    assert.equal(kindOf('docs/prd/prd-template.md'), undefined);
    assert.equal(kindOf('docs/adr/template.md'), undefined);
  });
  it('says nothing about other markdown files', () => {
    assert.equal(kindOf('README.md'), undefined);
    assert.equal(kindOf('notes/meeting.md'), undefined);
    assert.equal(kindOf('docs/decisions/notes.md'), undefined);
    assert.equal(kindOf('notes/meeting.md', '---\ntitle: Weekly\n---\n# Weekly\n'), undefined);
  });
  it('lets front matter type: win over globs', () => {
    assert.equal(kindOf('docs/prd/checkout-design.md', '---\ntype: sdd\n---\n# Design\n'), 'sdd');
    assert.equal(kindOf('docs/prd/README.md', '---\ntype: prd\n---\n# Really a PRD\n'), 'prd');
    assert.equal(kindOf('notes/log.md', '---\ntype: decision-log\n---\n# Log\n'), 'decision-log');
    assert.equal(kindOf('notes/log.md', '---\ntype: Decision Log\n---\n# Log\n'), 'decision-log');
    assert.equal(kindOf('notes/log.md', '---\ntype: decisions\n---\n# Log\n'), 'decision-log');
    assert.equal(kindOf('notes/x.md', '---\r\ntype: "ADR"\r\n---\r\n# X\r\n'), 'adr');
  });
  it('keeps the glob kind when type: names no kind, and ignores a type: outside the front matter', () => {
    assert.equal(kindOf('docs/prd/checkout.md', '---\ntype: blog-post\n---\n# Checkout\n'), 'prd');
    assert.equal(kindOf('notes/x.md', '---\ntype: blog-post\n---\n# X\n'), undefined);
    assert.equal(kindOf('notes/x.md', '# X\n\ntype: prd\n'), undefined);
  });
  it('reads type: from front matter that is otherwise broken', () => {
    assert.equal(kindOf('notes/x.md', '---\ntype: prd\nowner: [Dana\n---\n# X\n'), 'prd');
  });
  it('recognises custom kinds from the config, by glob and by type:', () => {
    const r = parseConfig('kinds:\n  one-pager:\n    include: ["pitches/**/*.md"]\n    sections: [Pitch]\n', RULE_IDS);
    assert.ok(r.config, JSON.stringify(r.problems));
    const c = new Classifier(r.config);
    assert.equal(readDocument('pitches/2025/faster-search.md', '# Faster search\n', c)?.kind.name, 'one-pager');
    assert.equal(readDocument('pitches/README.md', '# Pitches\n', c), undefined);
    assert.equal(readDocument('elsewhere/x.md', '---\ntype: one-pager\n---\n# X\n', c)?.kind.name, 'one-pager');
    // Built-in kinds are still there.
    assert.equal(readDocument('docs/prd/x.md', '# X\n', c)?.kind.name, 'prd');
  });
  it('tries configured kinds before the built-in ones', () => {
    const r = parseConfig('kinds:\n  rfc:\n    include: ["docs/prd/rfc-*.md"]\n', RULE_IDS);
    const c = new Classifier(r.config!);
    assert.equal(c.kindByPath('docs/prd/rfc-12.md')?.name, 'rfc');
    assert.equal(c.kindByPath('docs/prd/plan.md')?.name, 'prd');
  });
  it('uses the configured charter path', () => {
    const c = new Classifier({ ...defaultConfig(), charter: 'team/people.md' });
    assert.equal(readDocument('team/people.md', '# People\n', c)?.kind.name, 'charter');
  });
});

describe('workspace helpers', () => {
  it('withFolders adds every parent folder', () => {
    assert.deepEqual([...withFolders(['a/b/c.md', 'a/d.md', 'e.md'])].sort(), ['a', 'a/b', 'a/b/c.md', 'a/d.md', 'e.md']);
  });
  it('checks an in-memory workspace through the same API', () => {
    const config = defaultConfig();
    const classifier = new Classifier(config);
    const files: Record<string, string> = {
      'CHARTER.md': '---\npeople:\n  - { name: Dana, role: PM }\n  - { name: Evan, role: EM }\n---\n# Charter\n',
      'DECISIONS.md': '# Log\n\n## Pick a bus\n\nDate: 2025-01-01\nDecision: Kafka.\nDecision maker: Zed\n',
    };
    const docs = Object.entries(files).map(([p, t]) => readDocument(p, t, classifier)!);
    const index = buildIndex(config, classifier, docs, withFolders(Object.keys(files)));
    assert.equal(index.roster?.people.length, 2);
    const found = checkDocument(index.documents.get('DECISIONS.md')!, index);
    assert.deepEqual(keys(found), ['7:unknown-owner']);
    assert.deepEqual(found[0].range, { start: { line: 6, character: 16 }, end: { line: 6, character: 19 } });
    assert.equal(found[0].severity, 'warning');
    assert.deepEqual(found[0].data, { owner: 'Zed' });
  });
  it('applies configured severities and turns rules off', () => {
    const config = { ...defaultConfig(), rules: { 'unowned-decision': 'error' as const, 'missing-decision-field': 'off' as const } };
    const classifier = new Classifier(config);
    const doc = readDocument('DECISIONS.md', '# Log\n\n## Pick a bus\n\nDecision: Kafka.\n', classifier)!;
    const found = checkDocument(doc, buildIndex(config, classifier, [doc], ['DECISIONS.md']));
    assert.deepEqual(
      found.map((d) => [d.rule, d.severity]),
      [['unowned-decision', 'error']],
    );
  });
});

describe('workspace scenarios (test/fixtures/workspaces)', () => {
  const load = (name: string): LoadedFolder => loadFolder(path.join(FIXTURES, 'workspaces', name));
  /** Every document's findings as sorted `line:rule` keys, duplicates kept. */
  const findingsOf = (ws: LoadedFolder) => {
    const out: Record<string, string[]> = {};
    for (const p of [...ws.index.documents.keys()].sort()) out[p] = keys(check(ws, p));
    return out;
  };

  describe('team: charter, PRD, SDD linking its PRD, decision log, ADRs', () => {
    const ws = load('team');
    it('recognises exactly the documents', () => {
      const kinds = Object.fromEntries([...ws.index.documents.values()].map((d) => [d.path, d.kind.name]));
      assert.deepEqual(kinds, {
        'CHARTER.md': 'charter',
        'docs/DECISIONS.md': 'decision-log',
        'docs/adr/0001-use-aggregations.md': 'adr',
        'docs/adr/0002-cache-facets.md': 'adr',
        'docs/prd/search-filters.md': 'prd',
        'docs/sdd/search-filters.md': 'sdd',
      });
    });
    it('reads the roster and the owners', () => {
      assert.deepEqual(
        ws.index.roster?.people.map((p) => [p.name, p.role, p.handle]),
        [
          ['Lena Fischer', 'Product Manager', 'lena'],
          ['Omar Haddad', 'EM', 'omar'],
          ['Kai Brandt', 'Engineer', undefined],
        ],
      );
      assert.deepEqual(
        ws.index.roster?.responsibilities.map((r) => [r.name, r.role]),
        [
          ['Product research', 'PM'],
          ['Hiring', 'EM'],
        ],
      );
      const log = ws.index.documents.get('docs/DECISIONS.md')!;
      assert.deepEqual(
        log.decisions.map((d) => [d.title, d.owner?.names, d.area]),
        [
          ['Facet counts', ['Lena'], undefined],
          ['Facet order', [], undefined],
          ['Facet engine', ['Lena Fischer'], 'how'],
        ],
      );
      const sdd = ws.index.documents.get('docs/sdd/search-filters.md')!;
      assert.deepEqual(sdd.owner?.names, ['@omar']);
      assert.deepEqual(
        sdd.references.map((r) => [r.role, r.target]),
        [
          ['prd', '../prd/search-filters.md'],
          ['link', '../prd/search-filters.md'],
          ['link', '../adr/'],
        ],
      );
    });
    it('reports exactly the expected findings, once each', () => {
      assert.deepEqual(findingsOf(ws), {
        'CHARTER.md': [],
        'docs/DECISIONS.md': ['13:unowned-decision', '20:owner-role-mismatch'],
        // Two decision makers in a YAML list: one finding, not one for the decision and
        // another for the ADR as a document.
        'docs/adr/0001-use-aggregations.md': ['4:multiple-owners'],
        'docs/adr/0002-cache-facets.md': [],
        'docs/prd/search-filters.md': [],
        'docs/sdd/search-filters.md': [],
      });
    });
  });

  describe('broken-prd: an SDD whose prd: points nowhere', () => {
    const ws = load('broken-prd');
    it('reports the broken prd: at its front matter line, and a broken PRD line', () => {
      assert.deepEqual(findingsOf(ws), {
        'design/payments.sdd.md': ['3:broken-link'],
        'design/refunds.sdd.md': ['8:broken-link'],
      });
      const [d] = check(ws, 'design/payments.sdd.md');
      assert.match(d.message, /PRD this SDD implements "\.\.\/product\/payments\.prd\.md" does not exist/);
      assert.deepEqual(d.data, { target: '../product/payments.prd.md' });
      assert.deepEqual(d.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 31 } });
    });
  });

  describe('custom-kind: a per-file kind with its own owner fields, and custom global owner fields', () => {
    const ws = load('custom-kind');
    it('classifies the custom kind and leaves its README alone', () => {
      const kinds = Object.fromEntries([...ws.index.documents.values()].map((d) => [d.path, d.kind.name]));
      assert.deepEqual(kinds, {
        'docs/decisions.md': 'decision-log',
        'rfcs/0001-streaming-exports.md': 'rfc',
        'rfcs/0002-export-formats.md': 'rfc',
        'rfcs/0003-export-limits.md': 'rfc',
      });
    });
    it('reads owners only from the configured fields', () => {
      const rfc1 = ws.index.documents.get('rfcs/0001-streaming-exports.md')!;
      assert.deepEqual(
        rfc1.decisions.map((d) => [d.shape, d.ownerKey, d.owner?.names]),
        [['file', 'approver', ['Ines Duarte']]],
      );
      const rfc3 = ws.index.documents.get('rfcs/0003-export-limits.md')!;
      assert.deepEqual(
        rfc3.decisions.map((d) => [d.shape, d.ownerKey, d.owner?.names]),
        [['file', 'Accepted by', ['Ines Duarte', 'Tomas Berg']]],
      );
    });
    it('reports exactly the expected findings', () => {
      assert.deepEqual(findingsOf(ws), {
        // "Decision maker" is not an owner field when owners.fields is [DRI].
        'docs/decisions.md': ['9:unowned-decision'],
        'rfcs/0001-streaming-exports.md': [],
        // decision-makers is not an owner field of an rfc; its Motivation section is missing.
        'rfcs/0002-export-formats.md': ['6:missing-section', '6:unowned-decision'],
        'rfcs/0003-export-limits.md': ['3:multiple-owners'],
      });
    });
  });

  describe('committee: singleOwner: false, and a charter that hands How to the architect', () => {
    const ws = load('committee');
    it('reads the config and the area split', () => {
      assert.equal(ws.index.config.singleOwner, false);
      assert.equal(ws.index.roster?.areaRoles.how, 'Architect');
    });
    it('reports no multiple owners, but still checks roles against the charter', () => {
      assert.deepEqual(findingsOf(ws), {
        'CHARTER.md': [],
        'decisions/0001-one-repo-per-service.md': [],
        'decisions/DECISIONS.md': ['22:owner-role-mismatch'],
      });
      const d = check(ws, 'decisions/DECISIONS.md')[0];
      assert.match(d.message, /answers How, which the Architect owns, but its owner is Ben Okafor \(EM\)/);
    });
    it('still knows the owners of joint decisions', () => {
      const log = ws.index.documents.get('decisions/DECISIONS.md')!;
      assert.deepEqual(
        log.decisions.map((d) => [d.title, d.owner?.names, d.owner?.multiple]),
        [
          ['Message bus', ['Ada Moreau', 'Ben Okafor'], true],
          ['Service template', ['Chloe Park'], false],
          ['API style', ['Ben Okafor'], false],
          ['Observability budget', [], true],
        ],
      );
    });
  });
});
