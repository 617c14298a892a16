/**
 * Real documents (read-only, in ../shared/corpora): 19 MADR decision records, and 639
 * Rust RFCs checked as a custom kind. The corpora are linked into temporary workspaces,
 * never copied, and never modified.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireCorpus } from '../support/requirements';
import { assertNoCrash, charter, CORPORA, countBy, ensureBuilt, FIXTURES, hashTree, json, Temps, writeFiles, type JsonReport } from './helpers';
import { copyTree } from '../support/copy';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const MADR = path.join(CORPORA, 'madr-decisions');
const RFCS = path.join(CORPORA, 'rust-rfcs');

describe('corpus: MADR decision records (docs/decisions → madr-decisions)', function () {
  this.timeout(60_000);
  let rep: JsonReport;
  let status: number | null;
  let stderr: string;
  let corpusBefore: Record<string, string>;
  const numbered = fs.existsSync(MADR)
    ? fs
        .readdirSync(MADR)
        .filter((f) => /^\d{4}-.*\.md$/.test(f))
        .sort()
    : [];

  before(function () {
    requireCorpus(this, 'madr-decisions');
    corpusBefore = hashTree(MADR);
    const ws = temps.make('madr');
    fs.mkdirSync(path.join(ws, 'docs'));
    // A copy: a link would lead outside the workspace root, and Charter does not follow it.
    copyTree(MADR, path.join(ws, 'docs', 'decisions'));
    // Two records of our own beside the corpus: one with a single decision maker, one with two.
    const extra = path.join(FIXTURES, 'madr-extra');
    for (const f of fs.readdirSync(extra)) writeFiles(ws, { [`docs/adr/${f}`]: fs.readFileSync(path.join(extra, f)) });
    const r = charter(['check', '--format', 'json'], ws, 40_000);
    assertNoCrash(r);
    status = r.status;
    stderr = r.stderr;
    rep = json<JsonReport>(r);
  });

  after(() => {
    if (corpusBefore) assert.deepEqual(hashTree(MADR), corpusBefore, 'the corpus was modified');
  });

  // The records, and the template (listed only for what Charter's policy says on it).
  const inCorpus = () => rep.files.filter((f) => f.path.startsWith('docs/decisions/') && f.kind !== 'template');
  const template = () => rep.files.find((f) => f.path === 'docs/decisions/adr-template.md');

  it('the corpus holds ADRs 0000 to 0018', () => {
    assert.equal(numbered.length, 19);
    assert.ok(numbered[0].startsWith('0000-') && numbered[18].startsWith('0018-'));
  });

  it('recognises every numbered ADR as kind adr, and not index.md or adr-template.md', () => {
    assert.deepEqual(
      inCorpus().map((f) => f.path),
      numbered.map((f) => `docs/decisions/${f}`),
    );
    assert.ok(inCorpus().every((f) => f.kind === 'adr'));
    const all = rep.files.map((f) => f.path);
    assert.ok(!all.includes('docs/decisions/index.md'), all.join(', '));
    assert.equal(template()?.kind, 'template', 'adr-template.md is no record: it is listed as the template');
    assert.equal(rep.summary.files, 21 + 2, '21 markdown files in the corpus, 2 of ours');
    assert.equal(rep.summary.documents, 19 + 2);
  });

  it('exits 0 (warnings only) with nothing on stderr', () => {
    assert.equal(status, 0);
    assert.equal(stderr, '');
  });

  it('reports unowned-decision on exactly the ADRs without decision makers', () => {
    // No numbered ADR of the corpus names decision makers (0013 shows `decision-makers:`
    // only inside a code block): all 19 are unowned.
    const withOwners = numbered.filter((f) => {
      const text = fs.readFileSync(path.join(MADR, f), 'utf8');
      const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
      return /^(decision-makers|deciders)\s*:\s*\S/im.test(fm) || /^\s*[*-]?\s*\**(decision-makers|deciders)\**\s*:\s*\S/im.test(text.replace(/```[\s\S]*?```/g, ''));
    });
    assert.deepEqual(withOwners, []);
    const unowned = inCorpus().filter((f) => f.diagnostics.some((d) => d.rule === 'unowned-decision'));
    assert.equal(unowned.length, 19);
    for (const f of inCorpus()) assert.equal(f.diagnostics.filter((d) => d.rule === 'unowned-decision').length, 1, f.path);
    // The unowned-decision finding sits on the title (line 5, after 3 lines of front matter; 0003 has one more).
    assert.ok(inCorpus().every((f) => f.diagnostics.find((d) => d.rule === 'unowned-decision')!.line >= 5));
    // MADR's template keeps decision-makers optional (a commented-out key): naming a decider is
    // Charter's policy, not this team's — an info on each record, said once on the template.
    for (const f of inCorpus()) assert.equal(f.diagnostics.find((d) => d.rule === 'unowned-decision')!.severity, 'info', f.path);
    assert.deepEqual(
      template()!.diagnostics.map((d) => [
        d.rule,
        d.severity,
        d.line,
        /^Charter's policy: every decision names the one person who decides\. 19 of the 19 decisions of the ADRs governed by docs\/decisions\/adr-template\.md name no decider/.test(
          d.message,
        ),
      ]),
      [['unowned-decision', 'info', 1, true]],
    );
  });

  it('ADRs with decision makers in front matter are not unowned (one owner: clean; two: multiple-owners)', () => {
    const one = rep.files.find((f) => f.path === 'docs/adr/0100-use-one-decision-maker.md')!;
    assert.deepEqual(one.diagnostics, []);
    const two = rep.files.find((f) => f.path === 'docs/adr/0101-decide-together.md')!;
    assert.deepEqual(
      two.diagnostics.map((d) => d.rule),
      ['multiple-owners'],
    );
  });

  it('finds nothing else in the corpus but the missing dates and the images left out of it', () => {
    assert.deepEqual(countBy({ ...rep, files: inCorpus() }), { 'unowned-decision': 19, 'missing-decision-field': 19, 'broken-link': 4 });
    // The corpus keeps the records, not their screenshots: the four image links point nowhere here.
    const broken = inCorpus().flatMap((f) => f.diagnostics.filter((d) => d.rule === 'broken-link').map((d) => `${path.basename(f.path).slice(0, 4)}:${d.line}`));
    assert.deepEqual(broken, ['0008:47', '0008:74', '0008:82', '0013:48']);
    assert.deepEqual(
      fs.readdirSync(MADR).filter((f) => /\.(png|svg|jpg)$/i.test(f)),
      [],
    );
    for (const f of inCorpus()) {
      const m = f.diagnostics.find((d) => d.rule === 'missing-decision-field')!;
      assert.match(m.message, /has no date/, f.path);
      assert.equal(m.severity, 'info');
      assert.doesNotMatch(fs.readFileSync(path.join(MADR, path.basename(f.path)), 'utf8').split('\n---')[0], /^date:/m);
    }
  });
});

describe('corpus: Rust RFCs as a custom kind (text → rust-rfcs)', function () {
  this.timeout(120_000);
  let rep: JsonReport;
  let status: number | null;
  let stderr: string;
  let corpusBefore: Record<string, string>;

  before(function () {
    requireCorpus(this, 'rust-rfcs');
    corpusBefore = hashTree(RFCS);
    const ws = temps.make('rfcs');
    copyTree(RFCS, path.join(ws, 'text'));
    writeFiles(ws, {
      '.charter.yaml': [
        'kinds:',
        '  rfc:',
        '    include: ["text/*.md"]',
        '    sections:',
        '      - Summary',
        '      - Motivation',
        '      - { name: Detailed design, aliases: [Reference-level explanation] }',
        '',
      ].join('\n'),
    });
    const r = charter(['check', '--format', 'json'], ws, 60_000);
    assertNoCrash(r);
    status = r.status;
    stderr = r.stderr;
    rep = json<JsonReport>(r);
  });

  after(() => {
    if (corpusBefore) assert.deepEqual(hashTree(RFCS), corpusBefore, 'the corpus was modified');
  });

  const rfc = (name: string) => {
    const f = rep.files.find((x) => x.path === `text/${name}.md`);
    assert.ok(f, name);
    return f;
  };
  const missing = (name: string) =>
    rfc(name)
      .diagnostics.filter((d) => d.rule === 'missing-section')
      .map((d) => d.section);
  /** Headings of an RFC outside code blocks, normalised as a reader would. */
  const headings = (file: string) => {
    const ls = fs.readFileSync(path.join(RFCS, file), 'utf8').split(/\r?\n/);
    const out: string[] = [];
    let fence = false;
    ls.forEach((l, i) => {
      if (/^\s{0,3}(```|~~~)/.test(l)) fence = !fence;
      if (fence) return;
      const atx = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(l);
      if (atx) out.push(atx[1]);
      else if (/^\s{0,3}(=+|-+)\s*$/.test(l) && i > 0 && ls[i - 1].trim() && !/^\s*[-*]/.test(ls[i - 1])) out.push(ls[i - 1]);
    });
    // Plural or singular is the same section ("Motivations", "Reference-level explanations").
    return out.map((h) =>
      h
        .toLowerCase()
        .replace(/^\s*\d+(\.\d+)*\.?\s+/, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
        .replace(/(?<=\w{3})s$/, ''),
    );
  };

  it('recognises the 638 RFCs as kind rfc, and not the page that only says where one moved', () => {
    assert.equal(rep.files.length, 638);
    assert.ok(rep.files.every((f) => f.kind === 'rfc'));
    assert.deepEqual(rep.summary.files, 639);
    assert.deepEqual(rep.summary.documents, 638);
    // text/2071-impl-trait-type-alias.md is one line, "Moved to [2071-impl-trait-existential-types.md](…)".
    assert.ok(!rep.files.some((f) => f.path === 'text/2071-impl-trait-type-alias.md'));
    assert.ok(rep.files.some((f) => f.path === 'text/2071-impl-trait-existential-types.md'));
  });

  it('exits 0 (warnings only), no errors, nothing on stderr', () => {
    assert.equal(status, 0);
    assert.equal(rep.summary.errors, 0);
    assert.equal(stderr, '');
  });

  it('finds the missing sections per section name', () => {
    assert.deepEqual(
      countBy(rep, (_f, d) => (d.rule === 'missing-section' ? d.section : undefined)),
      {
        summary: 2,
        motivation: 7,
        'detailed design': 52,
      },
    );
  });

  it('a missing section is missing, and a present one (or its alias) is not reported — for every RFC', () => {
    const want: Record<string, string[]> = {
      summary: ['summary'],
      motivation: ['motivation'],
      'detailed design': ['detailed design', 'reference level explanation'],
    };
    // Headings a reader takes for the section although they say more than its name.
    const longer: Record<string, string[]> = {
      '0243-trait-based-exception-handling.md': ['motivation and overview'],
      '2574-simd-ffi.md': ['guide level and reference level explanation'],
      '3531-macro-fragment-policy.md': ['background and motivation'],
    };
    const wrong: string[] = [];
    for (const f of rep.files) {
      const hs = headings(path.basename(f.path)).map((h) => {
        const l = longer[path.basename(f.path)]?.find((x) => x === h);
        return l ? (l.includes('motivation') ? 'motivation' : 'reference level explanation') : h;
      });
      const reported = new Set(f.diagnostics.filter((d) => d.rule === 'missing-section').map((d) => d.section));
      for (const [section, names] of Object.entries(want)) {
        const absent = !hs.some((h) => names.includes(h));
        if (absent !== reported.has(section)) wrong.push(`${f.path} ${section}: absent=${absent} reported=${reported.has(section)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('spot checks: findings that were read in the RFCs themselves', () => {
    // "## Motivation and overview" is the Motivation.
    assert.deepEqual(missing('0243-trait-based-exception-handling'), []);
    // "## Problems" and "## Detailed design"; no Motivation.
    assert.deepEqual(missing('0517-io-os-reform'), ['motivation']);
    // "## Motivation and Summary", the first heading, is taken for the title: neither.
    assert.deepEqual(missing('2045-target-feature'), ['summary', 'motivation']);
    // The title is the only heading before Motivation; "Reference-level explanation" stands for Detailed design.
    assert.deepEqual(missing('2230-bury-description'), ['summary']);
    // "## Design" is not "Detailed design".
    assert.deepEqual(missing('1576-macros-literal-matcher'), ['detailed design']);
    // A complete old-style RFC.
    assert.deepEqual(missing('0001-private-fields'), []);
  });

  it('finds the broken local links', () => {
    assert.equal(countBy(rep)['broken-link'], 70);
    const links = (name: string) =>
      rfc(name)
        .diagnostics.filter((d) => d.rule === 'broken-link')
        .map((d) => `${d.line}:${d.column}`);
    // `[above](forced-unwind)` should have been `#forced-unwind`.
    assert.deepEqual(links('2945-c-unwind-abi'), ['274:24']);
    // `[RFC 3](0003-opt-in-builtin-traits.md)`: no such file (RFC 3 is 0003-attribute-usage.md).
    assert.deepEqual(links('0019-opt-in-builtin-traits'), ['263:20']);
    assert.ok(!fs.existsSync(path.join(RFCS, '0003-opt-in-builtin-traits.md')));
    // An image in a folder the corpus does not hold.
    assert.deepEqual(links('3606-temporary-lifetimes-in-tail-expressions'), ['12:1']);
    assert.ok(!fs.existsSync(path.join(RFCS, '3606-temporary-lifetimes-in-tail-expressions')));
    // External links and links to existing RFCs are not reported.
    assert.deepEqual(links('0001-private-fields'), []);
  });

  it('finds the empty sections', () => {
    const empties = rep.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === 'empty-section').map((d) => `${f.path}:${d.line} ${d.section}`));
    assert.equal(empties.length, 44);
    // text/3013's first heading is a level-2 title directly above "## Summary": the document's
    // title, not an empty section.
    assert.ok(!empties.some((e) => e.startsWith('text/3013-conditional-compilation-checking.md:6 ')));
    // "## Drawbacks" followed directly by "## Alternatives", both empty.
    assert.ok(empties.includes('text/1219-use-group-as.md:68 drawbacks'));
    assert.ok(empties.includes('text/1219-use-group-as.md:70 alternatives'));
    // "## Drawbacks" holding only the anchor `[drawbacks]: #drawbacks`.
    assert.ok(empties.includes('text/1399-repr-pack.md:77 drawbacks'));
    const lines = fs.readFileSync(path.join(RFCS, '1399-repr-pack.md'), 'utf8').split('\n');
    assert.deepEqual(lines.slice(76, 80), ['## Drawbacks', '[drawbacks]: #drawbacks', '', '## Alternatives']);
  });

  it('reports only these rules', () => {
    assert.deepEqual(Object.keys(countBy(rep)).sort(), ['broken-link', 'empty-section', 'missing-section']);
    const all = rep.files.flatMap((f) => f.diagnostics);
    assert.equal(rep.summary.warnings, all.length);
    assert.equal(all.length, 70 + 61 + 44);
  });
});
