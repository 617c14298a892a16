/**
 * Several teams in one repository (test/fixtures/workspaces/two-teams): the nearest charter
 * governs each document, a team is named by its charter, responsibilities are read from a
 * table or the front matter and shown under the people who hold their role, a responsibility
 * nobody can hold is reported, and each team's balance is summed up.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/core/config';
import { buildOwnership } from '../../server/src/core/ownership';
import { rosterFor } from '../../server/src/core/workspace';
import { documentSkeleton } from '../../server/src/core/templates';
import { Classifier } from '../../server/src/core/classify';
import { readDocument } from '../../server/src/core/workspace';
import * as fs from 'node:fs';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { check, FIXTURES, loadFolder } from './harness';

const ROOT = path.join(FIXTURES, 'workspaces', 'two-teams');
const PAY = 'teams/payments/CHARTER.md';
const SEARCH = 'teams/search/CHARTER.md';

describe('two teams in one repository', () => {
  const folder = loadFolder(ROOT, defaultConfig());
  const findings = (file: string) => check(folder, file).map((d) => `${d.range.start.line + 1}:${d.rule}`);

  it('reads both charters: team: with members:, and name: with people:', () => {
    const pay = folder.index.documents.get(PAY)!.roster!;
    assert.equal(pay.team, 'Payments');
    assert.deepEqual(
      pay.people.map((p) => [p.name, p.role]),
      [
        ['Aisha Bello', 'PM'],
        ['Bruno Costa', 'EM'],
        ['Carla Mendes', 'Engineer'],
      ],
    );
    assert.deepEqual(pay.problems, []);
    const search = folder.index.documents.get(SEARCH)!.roster!;
    assert.equal(search.team, 'Search');
    assert.deepEqual(
      search.people.map((p) => p.name),
      ['Dmitri Volkov', 'Elena Ruiz'],
    );
    assert.deepEqual(
      findings(PAY).filter((f) => f.endsWith('invalid-front-matter')),
      [],
    );
  });

  it('reads the responsibilities table with its expectations, and the front-matter list', () => {
    const pay = folder.index.documents.get(PAY)!.roster!;
    assert.deepEqual(
      pay.responsibilities.map((r) => [r.name, r.role, r.range.start.line + 1]),
      [
        ['Product research', 'PM', 19],
        ['Team goals', 'PM', 20],
        ['Hiring', 'EM', 21],
        ['Iteration execution', 'EM', 22],
        ['PCI compliance', 'Compliance Officer', 23],
      ],
    );
    assert.deepEqual(pay.responsibilities[2], { ...pay.responsibilities[2], pm: 'Interviews for product sense', em: 'Runs the loop and decides', stakeholders: 'People team' });
    const search = folder.index.documents.get(SEARCH)!.roster!;
    assert.deepEqual(
      search.responsibilities.map((r) => [r.name, r.role]),
      [
        ['Product research', 'PM'],
        ['Iteration planning', 'PM'],
        ['Hiring', 'EM'],
        ['Career development', 'EM'],
        ['Relevance evaluation', 'Data Scientist'],
      ],
    );
    assert.equal(search.responsibilities[0].stakeholders, 'Support');
  });

  it('resolves each document against the nearest charter above it', () => {
    assert.equal(rosterFor(folder.index, 'teams/payments/DECISIONS.md')?.path, PAY);
    assert.equal(rosterFor(folder.index, 'teams/payments/prd/refunds.prd.md')?.path, PAY);
    assert.equal(rosterFor(folder.index, 'teams/search/adr/0001-use-opensearch.md')?.path, SEARCH);
    assert.equal(rosterFor(folder.index, 'docs/other.md'), undefined, 'no charter above, several charters: none governs');
  });

  it('has no false unknown owners: only a person of the other team, named with that team', () => {
    assert.deepEqual(findings('teams/payments/prd/refunds.prd.md'), []);
    assert.deepEqual(findings('teams/search/adr/0001-use-opensearch.md'), []);
    const pay = check(folder, 'teams/payments/DECISIONS.md').filter((d) => d.rule === 'unknown-owner');
    assert.deepEqual(
      pay.map((d) => d.range.start.line + 1),
      [39],
    );
    assert.match(pay[0].message, /"Dmitri Volkov" .* is not in the charter teams\/payments\/CHARTER\.md; "Dmitri Volkov" is in the Search team \(teams\/search\/CHARTER\.md\)/);
    const search = check(folder, 'teams/search/DECISIONS.md').filter((d) => d.rule === 'unknown-owner');
    assert.deepEqual(
      search.map((d) => d.message.replace(/ \(owner.*?\)/, '')),
      ['"Bruno Costa" is not in the charter teams/search/CHARTER.md; "Bruno Costa" is in the Payments team (teams/payments/CHARTER.md), which does not govern this document'],
    );
    // "Dmitri" (a first name) resolves in Search's own charter.
    assert.ok(!findings('teams/search/DECISIONS.md').includes('10:unknown-owner'));
  });

  it('reports the responsibility nobody in the team can hold, on its line', () => {
    assert.deepEqual(findings(PAY), ['23:unassigned-responsibility']);
    assert.match(check(folder, PAY)[0].message, /"PCI compliance" is accountable to Compliance Officer, which nobody in the Payments team holds/);
    assert.deepEqual(findings(SEARCH), ['12:unassigned-responsibility']);
  });

  it('the role split of the governing charter decides owner-role-mismatch', () => {
    assert.deepEqual(
      findings('teams/payments/DECISIONS.md').filter((f) => f.endsWith('owner-role-mismatch')),
      ['25:owner-role-mismatch'],
    );
  });

  it('charter: in .charter.yaml still forces one charter for the whole workspace', () => {
    const forced = loadFolder(ROOT, { ...defaultConfig(), charter: PAY });
    assert.equal(rosterFor(forced.index, 'teams/search/DECISIONS.md')?.path, PAY);
    const unknown = check(forced, 'teams/search/DECISIONS.md')
      .filter((d) => d.rule === 'unknown-owner')
      .map((d) => d.data?.owner);
    assert.deepEqual(unknown, ['Dmitri', 'Elena Ruiz']);
    assert.deepEqual(
      buildOwnership(forced.index).teams.map((t) => t.name),
      ['Payments'],
    );
  });

  it("completes and describes owners from the document's own team", () => {
    const rel = 'teams/search/DECISIONS.md';
    const doc = folder.index.documents.get(rel)!;
    const lines = folder.texts.get(rel)!.split('\n');
    const line = lines.indexOf('Owner: Elena Ruiz');
    const offered = complete(doc, lines, { line, character: 'Owner: '.length }, folder.index).map((x) => x.label);
    assert.ok(offered.includes('Elena Ruiz') && offered.includes('Dmitri Volkov'), offered.join(', '));
    assert.ok(!offered.includes('Aisha Bello'), 'not the Payments people');
    const bruno = lines.indexOf('Owner: Bruno Costa');
    const h = hover(doc, { line: bruno, character: 10 }, folder.index)!;
    assert.match(h.contents, /\*\*Bruno Costa\*\* is not in the charter \(teams\/search\/CHARTER\.md\)/);
  });

  describe('the ownership model', () => {
    const model = buildOwnership(folder.index);
    const team = (name: string) => model.teams.find((t) => t.name === name)!;

    it('has one team per charter, by path', () => {
      assert.deepEqual(
        model.teams.map((t) => [t.name, t.charter]),
        [
          ['Payments', PAY],
          ['Search', SEARCH],
        ],
      );
    });

    it('gives each person the responsibilities of their role, and names who holds each', () => {
      const people = (t: string) => team(t).people.map((p) => [p.name, p.inCharter, p.responsibilities.map((r) => r.name)]);
      assert.deepEqual(people('Payments'), [
        ['Aisha Bello', true, ['Product research', 'Team goals']],
        ['Bruno Costa', true, ['Hiring', 'Iteration execution']],
        ['Carla Mendes', true, []],
        ['Dmitri Volkov', false, []],
      ]);
      assert.deepEqual(people('Search'), [
        ['Dmitri Volkov', true, ['Product research', 'Iteration planning']],
        ['Elena Ruiz', true, ['Hiring', 'Career development']],
        ['Bruno Costa', false, []],
      ]);
      assert.deepEqual(
        team('Payments')
          .responsibilities.map((r) => [r.name, r.holders])
          .at(-1),
        ['PCI compliance', []],
      );
    });

    it('sums up each team: per person, top share, outside areas, unowned, without context or alternatives', () => {
      const s = team('Payments').summary;
      assert.deepEqual([s.owned, s.unowned], [4, 1]);
      assert.deepEqual(s.perPerson, [
        { name: 'Aisha Bello', decisions: 2 },
        { name: 'Bruno Costa', decisions: 1 },
        { name: 'Dmitri Volkov', decisions: 1 },
        { name: 'Carla Mendes', decisions: 0 },
      ]);
      assert.deepEqual(s.top, { name: 'Aisha Bello', decisions: 2, share: 0.5 });
      assert.deepEqual(
        s.outsideAreas.map((o) => [o.title, o.owner, o.role, o.owningRole]),
        [['Retry failed captures', 'Aisha Bello', 'PM', 'EM']],
      );
      assert.deepEqual(
        s.withoutContext.map((d) => d.title),
        ['Payout schedule', 'Card vault provider', 'Search ranking for receipts'],
      );
      assert.equal(s.withoutAlternatives.length, 4);
      assert.deepEqual(
        team('Payments').unowned.map((u) => [u.title, u.written, u.date]),
        [['Card vault provider', 'TBD', '2026-03-05']],
      );
      const t = team('Search').summary;
      assert.deepEqual([t.owned, t.unowned, t.top?.name, t.outsideAreas.length], [4, 0, 'Elena Ruiz', 0]);
    });
  });
});

describe('the charter skeleton and snippet write the responsibilities table', () => {
  const read = (text: string) => readDocument('CHARTER.md', text, new Classifier(defaultConfig()))!.roster!;

  it('"New Charter" writes a table that reads back as seven responsibilities with expectations', () => {
    const roster = read(documentSkeleton({ kind: 'charter', title: 'Search team charter', owner: 'Dana', today: '2026-01-01' }, undefined));
    assert.deepEqual(
      roster.responsibilities.map((r) => [r.name, r.role]),
      [
        ['Product research', 'PM'],
        ['Team goals', 'PM'],
        ['Iteration planning', 'PM'],
        ['Hiring', 'EM'],
        ['Iteration execution', 'EM'],
        ['Reporting', 'EM'],
        ['Career development', 'EM'],
      ],
    );
    assert.ok(roster.responsibilities.every((r) => r.pm && r.em && r.stakeholders));
    assert.equal(roster.team, 'Search team charter');
  });

  it('the charter snippet, filled in, reads the same table', () => {
    const snippets = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../snippets/markdown.json'), 'utf8'));
    const fill = (body: string[]) =>
      body
        .join('\n')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\d/g, '');
    const roster = read(fill(snippets.Charter.body));
    assert.deepEqual(
      roster.people.map((p) => p.role),
      ['PM', 'EM'],
    );
    assert.equal(roster.responsibilities.length, 7);
    assert.equal(roster.responsibilities[3].em, 'Runs the loop and makes the call');
    const table = read(`---\ntype: charter\npeople: [{ name: A, role: PM }]\n---\n# T\n\n${fill(snippets['Responsibilities table'].body)}`);
    assert.equal(table.responsibilities.length, 7);
  });
});
