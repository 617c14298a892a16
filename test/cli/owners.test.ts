/**
 * `charter owners` end to end on the `team` fixture: a charter (Dana PM, Sam EM, Kim
 * Engineer), a PRD owned by Dana, an SDD owned by "@sam", and a decision log with an
 * owned, a joint and an unowned decision.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { charter, ensureBuilt, json, lines, Temps, writeFiles } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const LOG = 'docs/DECISIONS.md';
const PRD = 'docs/search.prd.md';
const SDD = 'docs/search.sdd.md';

describe('charter owners --format json', () => {
  let model: any;
  before(() => {
    const r = charter(['owners', '--format', 'json'], temps.fixture('team'));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    model = json(r);
  });

  it('has the documented shape', () => {
    assert.deepEqual(Object.keys(model).sort(), ['charter', 'people', 'teams', 'unowned', 'version']);
    assert.equal(model.version, 2, 'version 2: teams and responsibilities were added');
    assert.equal(model.charter, 'CHARTER.md');
    for (const p of model.people) {
      assert.deepEqual(
        Object.keys(p)
          .filter((k) => k !== 'silenced')
          .sort(),
        ['areas', 'decisions', 'documents', 'handle', 'inCharter', 'name', 'responsibilities', 'role'],
        p.name,
      );
      for (const item of [...p.documents, ...p.areas, ...p.decisions]) {
        const allowed = ['title', 'kind', 'area', 'joint', 'path', 'line', 'column'];
        for (const k of Object.keys(item)) assert.ok(allowed.includes(k), `${p.name}: unexpected key ${k}`);
        for (const k of ['title', 'kind', 'path', 'line', 'column']) assert.ok(k in item, `${p.name}: ${k} missing`);
        assert.ok(item.line >= 1 && item.column >= 1);
      }
      for (const a of p.areas) assert.ok(['why', 'what', 'how', 'who', 'when'].includes(a.area), JSON.stringify(a));
    }
    for (const u of model.unowned) {
      assert.deepEqual(
        Object.keys(u)
          .filter((k) => k !== 'area')
          .sort(),
        ['column', 'kind', 'line', 'path', 'title', 'written'],
      );
    }
  });

  it('lists the charter people with their roles, charter people first', () => {
    assert.deepEqual(
      model.people.map((p: any) => [p.name, p.role, p.handle, p.inCharter]),
      [
        ['Dana Lee', 'PM', 'dana', true],
        ['Kim Park', 'Engineer', null, true],
        ['Sam Ortiz', 'EM', 'sam', true],
      ],
    );
  });

  it('gives the PM her PRD, its Why and What areas, and her share of the joint decision', () => {
    const dana = model.people.find((p: any) => p.name === 'Dana Lee');
    assert.deepEqual(dana.documents, [{ title: 'Search', kind: 'prd', path: PRD, line: 4, column: 1 }]);
    assert.deepEqual(
      dana.areas.map((a: any) => [a.area, a.path, a.line, a.kind]),
      [
        ['why', PRD, 6, 'prd'],
        ['what', PRD, 10, 'prd'],
      ],
    );
    assert.deepEqual(
      dana.decisions.map((d: any) => [d.title, d.path, d.line, d.joint ?? false]),
      [['Ship search as a beta first', LOG, 12, true]],
    );
  });

  it('gives the EM (named by @handle) his SDD, How/Who/When, his decision and the joint one', () => {
    const sam = model.people.find((p: any) => p.name === 'Sam Ortiz');
    assert.deepEqual(sam.documents, [{ title: 'Search design', kind: 'sdd', path: SDD, line: 5, column: 1 }]);
    assert.deepEqual(
      sam.areas.map((a: any) => [a.area, a.line]),
      [
        ['how', 7],
        ['who', 11],
        ['when', 15],
      ],
    );
    assert.ok(sam.areas.every((a: any) => a.path === SDD && a.kind === 'sdd' && !a.joint));
    assert.deepEqual(
      sam.decisions.map((d: any) => [d.title, d.kind, d.path, d.line, d.joint ?? false]),
      [
        ['Use Postgres full-text search', 'decision-log', LOG, 3, false],
        ['Ship search as a beta first', 'decision-log', LOG, 12, true],
      ],
    );
  });

  it("one team, the charter's, with the same people and each person's responsibilities", () => {
    assert.equal(model.teams.length, 1);
    assert.equal(model.teams[0].charter, 'CHARTER.md');
    assert.deepEqual(model.teams[0].people, model.people);
    const dana = model.people.find((p: any) => p.name === 'Dana Lee');
    assert.deepEqual(dana.responsibilities, [{ name: 'Product research', role: 'PM', path: 'CHARTER.md', line: 13 }]);
  });

  it('someone who owns nothing is still listed, with nothing', () => {
    const kim = model.people.find((p: any) => p.name === 'Kim Park');
    assert.deepEqual([kim.documents, kim.areas, kim.decisions], [[], [], []]);
  });

  it('lists the unowned decision with its place and what was written', () => {
    assert.deepEqual(model.unowned, [{ title: 'Pick the colour of the search box', kind: 'decision-log', path: LOG, line: 21, column: 1, written: 'TBD' }]);
  });

  it('restricted to a path: only what that path holds, the charter still resolving names', () => {
    const r = charter(['owners', '--format', 'json', PRD], temps.fixture('team'));
    assert.equal(r.status, 0, r.stderr);
    const m = json(r);
    assert.equal(m.charter, 'CHARTER.md');
    assert.deepEqual(m.unowned, []);
    const dana = m.people.find((p: any) => p.name === 'Dana Lee');
    assert.equal(dana.documents.length, 1);
    assert.equal(dana.areas.length, 2);
    assert.deepEqual(dana.decisions, []);
    const sam = m.people.find((p: any) => p.name === 'Sam Ortiz');
    assert.deepEqual([sam.documents, sam.areas, sam.decisions], [[], [], []]);
  });

  it('without a charter, owners are shown as written and not in the charter', () => {
    const r = charter(['owners', '--format', 'json'], temps.fixture('warnings'));
    assert.equal(r.status, 0, r.stderr);
    const m = json(r);
    assert.equal(m.charter, null);
    assert.deepEqual(
      m.people.map((p: any) => [p.name, p.role, p.inCharter]),
      [
        ['Dana Lee', null, false],
        ['Sam Ortiz', null, false],
      ],
    );
  });
});

describe('charter owners --format table', () => {
  let out: string[];
  before(() => {
    const r = charter(['owners'], temps.fixture('team'));
    assert.equal(r.status, 0, r.stderr);
    out = r.stdout.split('\n');
    assert.equal(charter(['owners', '--format', 'table'], temps.fixture('team')).stdout, r.stdout, 'table is the default');
  });

  const block = (header: string) => {
    const i = out.indexOf(header);
    assert.ok(i >= 0, `no line "${header}" in:\n${out.join('\n')}`);
    const end = out.indexOf('', i);
    return out.slice(i + 1, end < 0 ? undefined : end);
  };

  it('names the charter', () => assert.equal(out[0], 'Charter: CHARTER.md'));

  it('lists each person with role and handle, and what they own with its place', () => {
    // Each person's responsibilities come first (the charter's, by role).
    const dana = block('Dana Lee (PM) @dana');
    assert.equal(dana.length, 5);
    assert.match(dana[0], /^ {2}accountable Product research +CHARTER\.md:13$/);
    assert.match(dana[1], /^ {2}document +PRD +Search +docs\/search\.prd\.md:4$/);
    assert.match(dana[2], /^ {2}area +Why +.*docs\/search\.prd\.md:6$/);
    assert.match(dana[3], /^ {2}area +What +.*docs\/search\.prd\.md:10$/);
    assert.match(dana[4], /^ {2}decision +Ship search as a beta first \(joint\) +docs\/DECISIONS\.md:12$/);
    const sam = block('Sam Ortiz (EM) @sam');
    assert.equal(sam.length, 7);
    assert.match(sam[0], /^ {2}accountable Hiring +CHARTER\.md:15$/);
    assert.match(sam[1], /document +SDD +Search design +docs\/search\.sdd\.md:5$/);
    assert.deepEqual(
      sam.slice(2, 5).map((l) => /area +(\w+) /.exec(l)?.[1]),
      ['How', 'Who', 'When'],
    );
    assert.match(sam[5], /decision +Use Postgres full-text search +docs\/DECISIONS\.md:3$/);
    assert.deepEqual(block('Kim Park (Engineer)'), ['  owns nothing yet']);
  });

  it('ends with the unowned decisions and their places', () => {
    assert.deepEqual(block('Unowned decisions: 1'), ['  Pick the colour of the search box (owner: "TBD")  docs/DECISIONS.md:21']);
  });

  it('without a charter, says so', () => {
    const r = charter(['owners'], temps.fixture('warnings'));
    assert.equal(lines(r.stdout)[0], 'No charter found: owners are shown as written.');
    assert.match(r.stdout, /Dana Lee — not in the charter/);
  });
});

describe('charter owners --format markdown', () => {
  let md: string;
  before(() => {
    const r = charter(['owners', '--format', 'markdown'], temps.fixture('team'));
    assert.equal(r.status, 0, r.stderr);
    md = r.stdout;
  });

  it('has a title, the charter link, and the unowned decisions first', () => {
    const ls = md.split('\n');
    assert.equal(ls[0], '# Who owns what');
    assert.ok(ls.includes('People and roles from [CHARTER.md](CHARTER.md).'));
    const unowned = ls.indexOf('## Unowned decisions (1)');
    assert.ok(unowned > 0 && unowned < ls.indexOf('## Dana Lee — PM'));
    assert.ok(ls.includes('| Pick the colour of the search box | TBD | [docs/DECISIONS.md:21](docs/DECISIONS.md#L21) |'), md);
  });

  it('has a section per person with a table of what they own, linked to the line', () => {
    for (const h of ['## Dana Lee — PM', '## Sam Ortiz — EM', '## Kim Park — Engineer']) assert.ok(md.includes(`\n${h}\n`), h);
    assert.ok(md.includes('| Document | PRD | Search | [docs/search.prd.md:4](docs/search.prd.md#L4) |'), md);
    assert.ok(md.includes('| Area | How | '), md);
    assert.ok(md.includes('| Decision | — | Ship search as a beta first (joint) | [docs/DECISIONS.md:12](docs/DECISIONS.md#L12) |'), md);
    assert.match(md, /## Kim Park — Engineer\n\nOwns nothing yet\./);
  });

  it('every table row has as many cells as its header', () => {
    const ls = md.split('\n');
    let cols = 0;
    for (const l of ls) {
      if (!l.startsWith('|')) {
        cols = 0;
        continue;
      }
      const n = l.replace(/\\\|/g, '').split('|').length - 2;
      if (cols === 0) cols = n;
      else assert.equal(n, cols, l);
    }
  });
});

describe('charter owners: a silenced finding is silent in every report', () => {
  // The example workspace silences the unknown-owner finding on Lars Eriksen's entry (he has
  // left; the entry is kept as history), and leaves Dmitri Volkov's (another team) standing.
  const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

  it('names the unsilenced unknown owner, and only that one, in the table, markdown, html and json', () => {
    for (const format of ['table', 'markdown', 'html']) {
      const r = charter(['owners', '--format', format, '--root', EXAMPLES], EXAMPLES);
      assert.equal(r.status, 0, r.stderr);
      const flagged = r.stdout.split('\n').filter((l) => /not in the charter/.test(l));
      assert.ok(
        flagged.some((l) => l.includes('Dmitri Volkov')),
        `${format}: Dmitri Volkov is flagged`,
      );
      assert.ok(!flagged.some((l) => l.includes('Lars Eriksen')), `${format}: Lars Eriksen is not flagged:\n${flagged.join('\n')}`);
      assert.match(r.stdout, /Lars Eriksen/, `${format}: Lars Eriksen is still listed with what he owns`);
    }
    const model = json(charter(['owners', '--format', 'json', '--root', EXAMPLES], EXAMPLES));
    const people = model.teams.flatMap((t: any) => t.people);
    assert.equal(people.find((p: any) => p.name === 'Lars Eriksen').silenced, true);
    assert.equal(people.find((p: any) => p.name === 'Dmitri Volkov').silenced, undefined);
  });

  it('leaves out of the unowned list a decision whose unowned-decision is silenced or turned off', () => {
    const log = [
      '# Decisions',
      '',
      '## Keep the legacy importer',
      '',
      'Date: 2024-02-01',
      'Decision: Keep it one more quarter.',
      '<!-- charter-disable-next-line unowned-decision -->',
      'Decision maker: TBD',
      '',
      '## Drop the CSV export',
      '',
      'Date: 2024-03-01',
      'Decision: Drop it.',
      'Decision maker: TBD',
      '',
    ].join('\n');
    const root = temps.make('silenced');
    writeFiles(root, { 'docs/DECISIONS.md': log });
    const unowned = (m: any) => m.unowned.map((u: any) => u.title);
    assert.deepEqual(unowned(json(charter(['owners', '--format', 'json'], root))), ['Drop the CSV export']);
    const table = charter(['owners'], root).stdout;
    assert.match(table, /Drop the CSV export/);
    assert.doesNotMatch(table, /Keep the legacy importer/);
    const off = temps.make('off');
    writeFiles(off, { 'docs/DECISIONS.md': log, '.charter.yaml': 'rules:\n  unowned-decision: off\n' });
    assert.deepEqual(unowned(json(charter(['owners', '--format', 'json'], off))), []);
  });
});
