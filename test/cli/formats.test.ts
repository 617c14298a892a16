/**
 * `charter check --format text|json|sarif` end to end, on the `findings` fixture: one
 * finding of most rules, a document with a space and an accent in its name, a README that
 * is not a document.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { charter, ensureBuilt, json, lines, listRules, REPO, Temps, writeFiles, type JsonReport } from './helpers';
import { validateSarif } from './sarifValidator';

/** The repository's address, as package.json gives it (the rules' pages are there). */
const REPOSITORY = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url.replace(/\.git$/, '');

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

/**
 * What the findings fixture must produce: `path:line:column severity rule-id`, in order. No
 * PRD names an owner and the one SDD has no Who: Charter's policy, not the team's, so each is
 * said once for its folder, at info level, on the folder's first document (docs/contract.md).
 */
const EXPECTED = [
  'docs/broken.prd.md:3:1 error invalid-front-matter',
  'docs/broken.prd.md:5:1 info missing-document-owner',
  'docs/café plan.prd.md:1:1 info missing-document-owner',
  'docs/checkout.prd.md:1:1 info missing-document-owner',
  'docs/checkout.prd.md:7:1 warning empty-section',
  'docs/checkout.prd.md:11:1 warning empty-section',
  'docs/checkout.sdd.md:5:1 info missing-section',
  'docs/checkout.sdd.md:9:26 warning broken-link',
  'docs/decision-log.md:5:9 warning invalid-date',
  'docs/decision-log.md:9:1 warning unowned-decision',
  'docs/decision-log.md:9:1 info missing-decision-field',
];
const SUMMARY = '11 problems (1 error, 5 warnings, 5 infos) in 5 documents checked (6 markdown files).';
const DOCUMENTS = ['docs/broken.prd.md', 'docs/café plan.prd.md', 'docs/checkout.prd.md', 'docs/checkout.sdd.md', 'docs/decision-log.md'];

describe('charter check --format text', () => {
  let out: string[];
  let status: number | null;
  before(() => {
    const r = charter(['check'], temps.fixture('findings'));
    out = lines(r.stdout);
    status = r.status;
  });

  it('prints `path:line:column severity rule-id message` lines, then the summary', () => {
    assert.equal(status, 1);
    assert.equal(out.length, EXPECTED.length + 1, out.join('\n'));
    out.slice(0, -1).forEach((l, i) => {
      assert.ok(l.startsWith(`${EXPECTED[i]} `), `line ${i + 1}: ${l}\nexpected to start with: ${EXPECTED[i]}`);
      assert.match(l, /^.+:\d+:\d+ (error|warning|info) [a-z]+(-[a-z]+)* \S.*$/);
    });
    assert.equal(out.at(-1), SUMMARY);
  });

  it('messages name what is wrong', () => {
    const msg = (prefix: string) => out.find((l) => l.startsWith(prefix))!.slice(prefix.length + 1);
    assert.match(msg('docs/checkout.prd.md:7:1 warning empty-section'), /"What" is empty.*TBD/);
    assert.match(msg('docs/checkout.sdd.md:5:1 info missing-section'), /^Charter's policy: an SDD has a "Who" section\. The SDD in docs\/ has none/);
    assert.match(msg('docs/broken.prd.md:5:1 info missing-document-owner'), /^Charter's policy: a PRD names its owner\. 3 of the 3 PRDs in docs\/ name none/);
    assert.match(msg('docs/checkout.sdd.md:9:26 warning broken-link'), /spec\/payments\.md/);
    assert.match(msg('docs/decision-log.md:5:9 warning invalid-date'), /2024-02-30/);
    assert.match(msg('docs/decision-log.md:9:1 warning unowned-decision'), /Drop PayPal/);
  });

  it('a clean workspace prints only the summary', () => {
    const r = charter(['check', '--format', 'text'], temps.fixture('clean'));
    assert.deepEqual(lines(r.stdout), ['No problems: 4 documents checked (6 markdown files).']);
  });
});

describe('charter check --format json', () => {
  let rep: JsonReport;
  let textLines: string[];
  before(() => {
    const ws = temps.fixture('findings');
    const r = charter(['check', '--format', 'json'], ws);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    rep = json<JsonReport>(r);
    textLines = lines(charter(['check'], ws).stdout);
  });

  it('has exactly the documented keys at every level', () => {
    assert.deepEqual(Object.keys(rep).sort(), ['files', 'summary', 'version']);
    assert.equal(rep.version, 1);
    assert.deepEqual(Object.keys(rep.summary).sort(), ['documents', 'errors', 'files', 'infos', 'warnings']);
    for (const f of rep.files) {
      assert.deepEqual(Object.keys(f).sort(), ['diagnostics', 'kind', 'path'], f.path);
      for (const d of f.diagnostics) {
        const keys = ['column', 'endColumn', 'endLine', 'line', 'message', 'rule', 'severity'];
        if (d.rule === 'missing-section' || d.rule === 'empty-section') keys.push('section');
        assert.deepEqual(Object.keys(d).sort(), keys.sort(), `${f.path}: ${JSON.stringify(d)}`);
        assert.ok(['error', 'warning', 'info'].includes(d.severity));
        assert.equal(typeof d.message, 'string');
        assert.ok(d.message.length > 0);
      }
    }
  });

  it('lists every recognised document, with its kind, even without findings; not the README', () => {
    assert.deepEqual(
      rep.files.map((f) => f.path),
      DOCUMENTS,
    );
    assert.deepEqual(
      rep.files.map((f) => f.kind),
      ['prd', 'prd', 'prd', 'sdd', 'decision-log'],
    );
    const clean = json<JsonReport>(charter(['check', '--format', 'json'], temps.fixture('clean')));
    assert.deepEqual(
      clean.files.map((f) => [f.path, f.kind, f.diagnostics.length]),
      [
        ['CHARTER.md', 'charter', 0],
        ['docs/DECISIONS.md', 'decision-log', 0],
        ['docs/search.prd.md', 'prd', 0],
        ['docs/search.sdd.md', 'sdd', 0],
      ],
    );
    assert.deepEqual(clean.summary, { files: 6, documents: 4, errors: 0, warnings: 0, infos: 0 });
  });

  it('uses `/` paths relative to the root', () => {
    for (const f of rep.files) {
      assert.ok(!f.path.startsWith('/') && !f.path.startsWith('./') && !f.path.includes('\\') && !f.path.startsWith('..'), f.path);
    }
  });

  it('has 1-based positions that match the text output', () => {
    const fromJson = rep.files.flatMap((f) => f.diagnostics.map((d) => `${f.path}:${d.line}:${d.column} ${d.severity} ${d.rule}`));
    assert.deepEqual(fromJson, EXPECTED);
    assert.equal(fromJson.length, textLines.length - 1);
    for (const f of rep.files) {
      for (const d of f.diagnostics) {
        assert.ok(d.line >= 1 && d.column >= 1, JSON.stringify(d));
        assert.ok(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column), JSON.stringify(d));
        // The text line carries the same message.
        assert.ok(textLines.includes(`${f.path}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`), `${f.path} ${d.rule}`);
      }
    }
  });

  it('has the exact ranges of known findings', () => {
    const get = (p: string, rule: string) => rep.files.find((f) => f.path === p)!.diagnostics.find((d) => d.rule === rule)!;
    // The duplicate key `owner:` on line 3.
    assert.deepEqual(pick(get('docs/broken.prd.md', 'invalid-front-matter')), [3, 1, 3, 2]);
    // `[payment spec](spec/payments.md)` on line 9, columns 26..58.
    assert.deepEqual(pick(get('docs/checkout.sdd.md', 'broken-link')), [9, 26, 9, 58]);
    // The date value `2024-02-30` on line 5.
    assert.deepEqual(pick(get('docs/decision-log.md', 'invalid-date')), [5, 9, 5, 19]);
    // The title `# Checkout design` for a missing section.
    assert.deepEqual(pick(get('docs/checkout.sdd.md', 'missing-section')), [5, 1, 5, 18]);
  });

  it('has `section` (lower case) exactly on missing-section and empty-section', () => {
    const sections = rep.files.flatMap((f) => f.diagnostics.filter((d) => 'section' in d).map((d) => [f.path, d.rule, d.section]));
    assert.deepEqual(sections, [
      ['docs/checkout.prd.md', 'empty-section', 'what'],
      ['docs/checkout.prd.md', 'empty-section', 'open questions'],
      ['docs/checkout.sdd.md', 'missing-section', 'who'],
    ]);
  });

  it('summary counts match the findings', () => {
    const all = rep.files.flatMap((f) => f.diagnostics);
    assert.deepEqual(rep.summary, {
      files: 6,
      documents: rep.files.length,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
      infos: all.filter((d) => d.severity === 'info').length,
    });
    assert.deepEqual(rep.summary, { files: 6, documents: 5, errors: 1, warnings: 5, infos: 5 });
  });
});

describe('charter check --format sarif', () => {
  let sarif: any;
  let rep: JsonReport;
  let rules: { id: string; severity: string }[];
  before(() => {
    const ws = temps.fixture('findings');
    // A zero-width finding: an empty PRD's missing sections sit on an empty line 1.
    writeFiles(ws, { 'docs/empty.prd.md': '' });
    const r = charter(['check', '--format', 'sarif'], ws);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    sarif = json(r);
    rep = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    rules = listRules(ws);
  });

  it('passes the structural check of SARIF 2.1.0 as GitHub reads it', () => {
    assert.deepEqual(validateSarif(sarif), []);
  });

  it('the validator itself rejects what GitHub would reject', () => {
    const broken = JSON.parse(JSON.stringify(sarif));
    broken.version = '2.0.0';
    broken.runs[0].results[0].ruleIndex = broken.runs[0].results[0].ruleIndex + 1;
    broken.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = '/abs/path.md';
    broken.runs[0].results[2].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].results[3].level = 'info';
    broken.runs[0].results[4].extra = true;
    delete broken.runs[0].tool.driver.name;
    const problems = validateSarif(broken).join('\n');
    for (const p of [/\$\.version/, /ruleIndex/, /relative/, /startLine: must be at least 1/, /level/, /"extra" is not allowed/, /requires "name"/]) assert.match(problems, p);
  });

  it('has version 2.1.0, $schema and the driver name charter', () => {
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    assert.equal(sarif.runs.length, 1);
    assert.equal(sarif.runs[0].tool.driver.name, 'charter');
  });

  it('describes every rule, in the order `charter rules` lists them', () => {
    const driverRules = sarif.runs[0].tool.driver.rules as any[];
    assert.deepEqual(
      driverRules.map((r) => r.id),
      rules.map((r) => r.id),
    );
    assert.ok(rules.length >= 12, `only ${rules.length} rules`);
    const level = { error: 'error', warning: 'warning', info: 'note' } as Record<string, string>;
    driverRules.forEach((r, i) => {
      for (const k of ['id', 'shortDescription', 'fullDescription', 'help', 'helpUri', 'defaultConfiguration']) assert.ok(k in r, `${r.id} has no ${k}`);
      assert.ok(r.shortDescription.text.length > 10, r.id);
      assert.ok(r.fullDescription.text.length >= r.shortDescription.text.length, r.id);
      assert.ok(r.help.text.length > 10, r.id);
      assert.match(r.helpUri, /^https:\/\/\S+$/);
      // The rule's page in the repository package.json names, and that page exists.
      assert.equal(r.helpUri, `${REPOSITORY}/blob/main/docs/rules/${r.id}.md`);
      assert.ok(fs.existsSync(path.join(REPO, 'docs/rules', `${r.id}.md`)), `docs/rules/${r.id}.md`);
      assert.ok(r.help.markdown.includes(`(${r.helpUri})`), `${r.id}: the help links the page`);
      assert.equal(r.defaultConfiguration.level, level[rules[i].severity], r.id);
    });
  });

  it('has one result per finding, with the rule, level, message and place of the JSON report', () => {
    const results = sarif.runs[0].results as any[];
    const driverRules = sarif.runs[0].tool.driver.rules as any[];
    const expected = rep.files.flatMap((f) => f.diagnostics.map((d) => ({ f, d })));
    assert.equal(results.length, expected.length);
    assert.equal(results.length, 14); // the 11 of the fixture, and the empty PRD's missing Why, What and owner
    const level = { error: 'error', warning: 'warning', info: 'note' } as Record<string, string>;
    results.forEach((res, i) => {
      const { f, d } = expected[i];
      assert.equal(res.ruleId, d.rule);
      assert.equal(driverRules[res.ruleIndex].id, res.ruleId, `ruleIndex of ${res.ruleId}`);
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.equal(res.level, level[d.severity]);
      assert.equal(res.message.text, d.message);
      const loc = res.locations[0].physicalLocation;
      assert.equal(decodeURI(loc.artifactLocation.uri), f.path);
      assert.equal(loc.region.startLine, d.line);
      assert.equal(loc.region.startColumn, d.column);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
      if ((loc.region.endLine ?? loc.region.startLine) === loc.region.startLine && 'endColumn' in loc.region) {
        assert.ok(loc.region.endColumn > loc.region.startColumn, `${f.path}:${d.line}:${d.column} ${d.rule}: endColumn ${loc.region.endColumn}`);
      }
    });
  });

  it('encodes artifact URIs (a space and an accent in a file name)', () => {
    const uris = new Set((sarif.runs[0].results as any[]).map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('docs/caf%C3%A9%20plan.prd.md'), [...uris].join(', '));
    assert.ok(uris.has('docs/empty.prd.md'));
  });

  it('a zero-width finding still gets endColumn > startColumn', () => {
    const empty = (sarif.runs[0].results as any[]).filter((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'docs/empty.prd.md');
    assert.ok(empty.length >= 2, 'the empty PRD misses its Why and What');
    for (const r of empty) {
      const region = r.locations[0].physicalLocation.region;
      assert.equal(region.startLine, 1);
      assert.equal(region.startColumn, 1);
      assert.ok(region.endColumn > 1, JSON.stringify(region));
    }
  });

  it('a clean workspace gives a valid log with no results and exit 0', () => {
    const r = charter(['check', '--format', 'sarif'], temps.fixture('clean'));
    assert.equal(r.status, 0);
    const log = json(r);
    assert.deepEqual(validateSarif(log), []);
    assert.deepEqual(log.runs[0].results, []);
  });
});

function pick(d: { line: number; column: number; endLine: number; endColumn: number }): number[] {
  return [d.line, d.column, d.endLine, d.endColumn];
}
