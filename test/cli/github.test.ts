/**
 * `charter check --format github`: one GitHub Actions workflow command per finding, exactly
 * as the runner reads them (errors `::error`, warnings `::warning`, infos `::notice`), paths
 * relative to GITHUB_WORKSPACE, and every property and message escaped so that no text of a
 * document can end a command or start another.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { charter, ensureBuilt, lines, Temps, writeFiles } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const NO_GITHUB = { GITHUB_WORKSPACE: undefined };

describe('charter check --format github', () => {
  it('prints one workflow command per finding, then the summary, with the exit code of text', () => {
    const ws = temps.fixture('findings');
    const r = charter(['check', '--format', 'github'], ws, undefined, NO_GITHUB);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual(lines(r.stdout), [
      '::error file=docs/broken.prd.md,line=3,col=1,endLine=3,endColumn=2,title=charter invalid-front-matter::Front matter: Map keys must be unique',
      "::notice file=docs/broken.prd.md,line=5,col=1,endLine=5,endColumn=22,title=charter missing-document-owner::Charter's policy: a PRD names its owner. 3 of the 3 PRDs in docs/ name none, and nothing of the team asks for one: add owner: to their front matter, or turn this off with rules: { missing-document-owner: off }",
      '::notice file=docs/café plan.prd.md,line=1,col=1,endLine=1,endColumn=12,title=charter missing-document-owner::PRD "Café plan" has no owner: add "owner: <name>" to its front matter',
      '::notice file=docs/checkout.prd.md,line=1,col=1,endLine=1,endColumn=11,title=charter missing-document-owner::PRD "Checkout" has no owner: add "owner: <name>" to its front matter',
      '::warning file=docs/checkout.prd.md,line=7,col=1,endLine=7,endColumn=8,title=charter empty-section::Section "What" is empty: it holds only the placeholder "TBD"',
      '::warning file=docs/checkout.prd.md,line=11,col=1,endLine=11,endColumn=18,title=charter empty-section::Section "Open questions" is empty',
      '::notice file=docs/checkout.sdd.md,line=5,col=1,endLine=5,endColumn=18,title=charter missing-section::Charter\'s policy: an SDD has a "Who" section. The SDD in docs/ has none, and nothing of the team asks for one: add it, or say which sections this team asks for under kinds: { sdd: { sections: … } } in .charter.yaml (charter init writes them)',
      '::warning file=docs/checkout.sdd.md,line=9,col=26,endLine=9,endColumn=58,title=charter broken-link::Link target "spec/payments.md" does not exist (looked for docs/spec/payments.md)',
      '::warning file=docs/decision-log.md,line=5,col=9,endLine=5,endColumn=19,title=charter invalid-date::Date of decision "Adopt Stripe": "2024-02-30" is not a day of the calendar (Feb 2024 has 29 days)',
      '::warning file=docs/decision-log.md,line=9,col=1,endLine=9,endColumn=15,title=charter unowned-decision::Decision "Drop PayPal" has no owner: add a decision maker',
      '::notice file=docs/decision-log.md,line=9,col=1,endLine=9,endColumn=15,title=charter missing-decision-field::Decision "Drop PayPal" has no date; also recommended: context, alternatives, trade-offs',
      '11 problems (1 error, 5 warnings, 5 infos) in 5 documents checked (6 markdown files).',
    ]);
    const clean = charter(['check', '--format', 'github'], temps.fixture('clean'), undefined, NO_GITHUB);
    assert.equal(clean.status, 0);
    assert.deepEqual(lines(clean.stdout), ['No problems: 4 documents checked (6 markdown files).']);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties; replaces other control characters', () => {
    const ws = temps.make('escape');
    // A file name with a comma, a colon and a percent sign; a title with %0A, a real escape
    // character and a would-be command.
    // (The team adopts the sections: a missing one is a warning, not Charter's policy said once.)
    writeFiles(ws, {
      '.charter.yaml': 'rules:\n  missing-section: warning\n',
      'docs/q3, plan: 100%.prd.md': '---\nowner: Dana Lee\n---\n# Plan %0A::error::x \u001b[31mred\n\n## Why\n\nBecause.\n',
    });
    const r = charter(['check', '--format', 'github'], ws, undefined, NO_GITHUB);
    const out = lines(r.stdout);
    assert.equal(out.length, 2);
    const text = lines(charter(['check'], ws).stdout)[0];
    assert.ok(text.startsWith('docs/q3, plan: 100%.prd.md:4:1 warning missing-section PRD has no "What" section'), text);
    assert.equal(
      out[0],
      `::warning file=docs/q3%2C plan%3A 100%25.prd.md,line=4,col=1,endLine=4,endColumn=30,title=charter missing-section::${text.slice(text.indexOf('PRD has no'))}`,
    );
    // The title is in no message here; an empty section's placeholder is.
    writeFiles(ws, { 'docs/q3, plan: 100%.prd.md': '---\nowner: Dana Lee\n---\n# Plan\n\n## Why\n\nBecause.\n\n## What\n\nTBD %0A::error::x \u001b[31m\r\n' });
    const again = charter(['check', '--format', 'github'], ws, undefined, NO_GITHUB);
    const first = lines(again.stdout)[0];
    assert.equal(
      first,
      '::warning file=docs/q3%2C plan%3A 100%25.prd.md,line=10,col=1,endLine=10,endColumn=8,title=charter empty-section::Section "What" is empty: it holds only the placeholder "TBD %250A::error::x \uFFFD[31m"',
    );
    assert.equal(lines(again.stdout).length, 2);
  });

  it('puts paths relative to GITHUB_WORKSPACE when the root is inside it', () => {
    const repo = temps.make('repo');
    fs.cpSync(temps.fixture('findings'), path.join(repo, 'product'), { recursive: true });
    const r = charter(['check', '--format', 'github', '--root', 'product'], repo, undefined, { GITHUB_WORKSPACE: repo });
    const files = lines(r.stdout)
      .slice(0, -1)
      .map((l) => /file=([^,]*)/.exec(l)![1]);
    assert.equal(files.length, 11);
    assert.ok(
      files.every((f) => f.startsWith('product/docs/')),
      files.join('\n'),
    );
    // Outside it, or without it: root-relative.
    const outside = charter(['check', '--format', 'github', '--root', 'product'], repo, undefined, { GITHUB_WORKSPACE: temps.make('elsewhere') });
    assert.ok(
      lines(outside.stdout)
        .slice(0, -1)
        .every((l) => l.includes('file=docs/')),
    );
  });

  it('says on stderr when warnings are over --max-warnings', () => {
    const r = charter(['check', '--format', 'github', '--max-warnings', '2'], temps.fixture('warnings'), undefined, NO_GITHUB);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'charter: 3 warnings, more than --max-warnings 2\n');
  });

  it('is only for check, and --help lists it', () => {
    const ws = temps.fixture('clean');
    const owners = charter(['owners', '--format', 'github'], ws);
    assert.equal(owners.status, 2);
    assert.match(owners.stderr, /--format must be one of table, markdown, json, html for owners, not "github"/);
    const help = charter(['--help'], ws);
    for (const option of ['text|json|sarif|github', '--baseline FILE', '--update-baseline', '--output-file']) assert.ok(help.stdout.includes(option), `--help shows ${option}`);
  });
});
