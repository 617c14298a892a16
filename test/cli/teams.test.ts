/**
 * `charter check` and `charter owners` on test/fixtures/workspaces/two-teams: two charters
 * (Payments: team: + members: + a responsibilities table; Search: name: + people: +
 * front-matter responsibilities), each governing its own folder.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { charter, ensureBuilt, json, REPO } from './helpers';

const WS = path.join(REPO, 'test', 'fixtures', 'workspaces', 'two-teams');
before(ensureBuilt);

describe('two teams: charter check', () => {
  it('reports no false unknown owner, and the responsibilities nobody can hold', () => {
    const r = charter(['check', '--format', 'json'], WS);
    const found = json(r).files.flatMap((f: any) => f.diagnostics.map((d: any) => `${f.path}:${d.line}:${d.rule}`));
    assert.deepEqual(
      found.filter((f: string) => /unknown-owner|unassigned-responsibility/.test(f)),
      [
        'teams/payments/CHARTER.md:23:unassigned-responsibility',
        'teams/payments/DECISIONS.md:39:unknown-owner',
        'teams/search/CHARTER.md:12:unassigned-responsibility',
        'teams/search/DECISIONS.md:23:unknown-owner',
      ],
    );
  });
});

describe('two teams: charter owners', () => {
  it("prints one section per team, each with its balance and the people's responsibilities", () => {
    const r = charter(['owners'], WS);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    assert.equal(out.split('\n')[0], 'Teams: Payments (teams/payments/CHARTER.md), Search (teams/search/CHARTER.md)');
    const pay = out.indexOf('== Team Payments — teams/payments/CHARTER.md ==');
    const search = out.indexOf('== Team Search — teams/search/CHARTER.md ==');
    assert.ok(pay > 0 && search > pay, out);
    const payments = out.slice(pay, search);
    assert.match(
      payments,
      /\nBalance\n {2}decisions: 5 \(4 owned, 1 unowned\)\n {2}per person: Aisha Bello 2, Bruno Costa 1, Dmitri Volkov 1, Carla Mendes 0\n {2}most owned by: Aisha Bello, 2 of 4 \(50%\)\n {2}outside their owner's areas: 1 \("Retry failed captures": How by Aisha Bello \(PM\)\)\n {2}without context: 3, without alternatives: 4\n/,
    );
    assert.match(
      payments,
      /\nAisha Bello \(PM\) @aisha\n {2}accountable Product research +teams\/payments\/CHARTER\.md:19\n {2}accountable Team goals +teams\/payments\/CHARTER\.md:20\n/,
    );
    assert.match(payments, /\nResponsibilities nobody holds: 1\n {2}PCI compliance \(accountable: Compliance Officer\) +teams\/payments\/CHARTER\.md:23\n/);
    assert.match(payments, /\nUnowned decisions: 1\n {2}Card vault provider \(owner: "TBD"\)/);
    const searchPart = out.slice(search);
    assert.match(searchPart, /\nElena Ruiz \(Engineering Manager\) @elena\n {2}accountable Hiring +teams\/search\/CHARTER\.md:10\n {2}accountable Career development/);
    assert.match(searchPart, /\nBruno Costa — not in the charter\n/);
  });

  it('--format json: version 2 with teams, each with people, responsibilities, unowned and a summary', () => {
    const m = json(charter(['owners', '--format', 'json'], WS));
    assert.equal(m.version, 2);
    assert.deepEqual(
      m.teams.map((t: any) => [t.name, t.charter]),
      [
        ['Payments', 'teams/payments/CHARTER.md'],
        ['Search', 'teams/search/CHARTER.md'],
      ],
    );
    const [pay, search] = m.teams;
    const aisha = pay.people.find((p: any) => p.name === 'Aisha Bello');
    assert.deepEqual(aisha.responsibilities, [
      {
        name: 'Product research',
        role: 'PM',
        path: 'teams/payments/CHARTER.md',
        line: 19,
        pm: 'Talks to five merchants a month',
        em: 'Joins one interview a month',
        stakeholders: 'Support, Sales',
      },
      {
        name: 'Team goals',
        role: 'PM',
        path: 'teams/payments/CHARTER.md',
        line: 20,
        pm: "Drafts the quarter's goals",
        em: 'Checks they can be staffed',
        stakeholders: 'Leadership',
      },
    ]);
    const elena = search.people.find((p: any) => p.name === 'Elena Ruiz');
    assert.deepEqual(
      elena.responsibilities.map((r: any) => [r.name, r.role, r.line]),
      [
        ['Hiring', 'EM', 10],
        ['Career development', 'EM', 11],
      ],
    );
    assert.deepEqual(
      pay.unowned.map((u: any) => u.title),
      ['Card vault provider'],
    );
    assert.deepEqual(search.unowned, []);
    assert.deepEqual(pay.summary.top, { name: 'Aisha Bello', decisions: 2, share: 0.5 });
    assert.deepEqual(
      pay.summary.outsideAreas.map((o: any) => [o.title, o.area, o.owner, o.owningRole]),
      [['Retry failed captures', 'how', 'Aisha Bello', 'EM']],
    );
    assert.deepEqual(
      search.responsibilities.filter((r: any) => r.holders.length === 0).map((r: any) => r.name),
      ['Relevance evaluation'],
    );
    // Every person of every team is also in the flat list, as in version 1.
    assert.equal(m.people.length, pay.people.length + search.people.length);
  });

  it('--format html: one self-contained page with a section per team', () => {
    const r = charter(['owners', '--format', 'html'], WS);
    assert.equal(r.status, 0, r.stderr);
    const html = r.stdout;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.doesNotMatch(html, /<script|<link |https?:\/\/|@import|url\(/i, 'nothing loaded from elsewhere, no script');
    assert.equal((html.match(/<section class="team"/g) ?? []).length, 2);
    assert.match(html, /<td>Product research<\/td>|>Product research<\/a><\/td><td>PM<\/td><td>Aisha Bello<\/td>/);
    assert.match(html, /PCI compliance<\/a><\/td><td>Compliance Officer<\/td><td><span class="warn">nobody<\/span>/);
  });
});
