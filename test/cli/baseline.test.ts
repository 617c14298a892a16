/**
 * `charter check --baseline FILE` and `--update-baseline` end to end: the file written (and
 * nothing else), findings held across edits elsewhere, only new findings failing the run in
 * every format, the scope of an update, and every way the file can be missing or broken.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { charter, ensureBuilt, hashTree, json, lines, Temps, writeFiles, type JsonReport } from './helpers';
import { validateSarif } from './sarifValidator';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const BASELINE = '.charter-baseline.json';
// The findings fixture's 11 findings (its PRDs' missing owner said once, as Charter's policy, on the first of them).
const WROTE_ALL = 'charter: wrote the baseline .charter-baseline.json: 11 added, 0 removed, 0 unchanged (11 findings in 5 documents)';
const HIDDEN_ALL = 'No new problems: 5 documents checked (6 markdown files); 11 baselined findings hidden (.charter-baseline.json).';

/** The findings fixture with its baseline written by `--update-baseline`. */
function baselined(): string {
  const ws = temps.fixture('findings');
  const r = charter(['check', '--update-baseline'], ws);
  assert.equal(r.status, 0, r.stderr);
  return ws;
}

const read = (ws: string, rel = BASELINE) => fs.readFileSync(path.join(ws, rel), 'utf8');

describe('charter check --update-baseline', () => {
  it('writes .charter-baseline.json at the root and nothing else, says what it did, exits 0', () => {
    const ws = temps.fixture('findings');
    const before = hashTree(ws);
    const r = charter(['check', '--update-baseline'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, `${WROTE_ALL}\n`);
    assert.deepEqual(lines(r.stdout), [HIDDEN_ALL]);
    const after = hashTree(ws);
    assert.deepEqual(
      Object.keys(after).filter((k) => after[k] !== before[k]),
      [BASELINE],
    );
    const text = read(ws);
    const file = JSON.parse(text);
    assert.deepEqual(Object.keys(file), ['version', 'findings']);
    assert.equal(file.version, 1);
    assert.deepEqual(Object.keys(file.findings), ['docs/broken.prd.md', 'docs/café plan.prd.md', 'docs/checkout.prd.md', 'docs/checkout.sdd.md', 'docs/decision-log.md']);
    assert.deepEqual(file.findings['docs/checkout.prd.md'], {
      'empty-section': { 'Section "Open questions" is empty': 1, 'Section "What" is empty: it holds only the placeholder "TBD"': 1 },
      'missing-document-owner': { 'PRD "Checkout" has no owner: add "owner: <name>" to its front matter': 1 },
    });
    // The configuration's headings are not part of the key.
    // Charter's policy said once is kept by what it is about, not by its counts (they change with the folder).
    assert.deepEqual(file.findings['docs/checkout.sdd.md']['missing-section'], { 'Charter\'s policy: missing-section "who"': 1 });
    assert.doesNotMatch(text, /"line"|:\d+:\d+/);
    assert.ok(text.endsWith('}\n'));
  });

  it('leaves an unchanged baseline untouched and says it is up to date', () => {
    const ws = baselined();
    const stamp = fs.statSync(path.join(ws, BASELINE)).mtimeMs;
    const r = charter(['check', '--update-baseline'], ws);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, 'charter: the baseline .charter-baseline.json is up to date (11 findings in 5 documents)\n');
    assert.equal(fs.statSync(path.join(ws, BASELINE)).mtimeMs, stamp);
  });

  it('writes the file --baseline names, relative to the current folder, in any format', () => {
    const ws = temps.fixture('findings');
    fs.mkdirSync(path.join(ws, 'ci'));
    const r = charter(['check', '--update-baseline', '--baseline', 'ci/charter.json', '--format', 'json'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^charter: wrote the baseline ci\/charter\.json: 11 added/);
    const rep = json<JsonReport & { summary: { baselined: number } }>(r);
    assert.equal(rep.summary.baselined, 11);
    assert.ok(fs.existsSync(path.join(ws, 'ci/charter.json')));
    assert.ok(!fs.existsSync(path.join(ws, BASELINE)));
  });

  it('drops fixed findings, adds new ones, and keeps the entries of documents outside the paths checked', () => {
    const ws = baselined();
    // Fixed: the empty What of the PRD. New: an unowned decision in the log. Both in docs/.
    const prd = path.join(ws, 'docs/checkout.prd.md');
    fs.writeFileSync(prd, fs.readFileSync(prd, 'utf8').replace('TBD', 'A one-page checkout.'));
    fs.appendFileSync(path.join(ws, 'docs/decision-log.md'), '\n## Keep Klarna\n\n- Date: 2024-03-01\n- Decision: keep it\n- Decision maker: TBD\n');
    // Only the PRD is checked: the log's new finding is not added, its old entries are kept.
    const one = charter(['check', '--update-baseline', 'docs/checkout.prd.md'], ws);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(one.stderr, 'charter: wrote the baseline .charter-baseline.json: 0 added, 1 removed, 10 unchanged (10 findings in 5 documents)\n');
    const after = JSON.parse(read(ws)).findings;
    assert.deepEqual(Object.keys(after['docs/checkout.prd.md']['empty-section']), ['Section "Open questions" is empty']);
    assert.equal(after['docs/decision-log.md']['unowned-decision']['Decision "Keep Klarna" is unowned: "TBD" names nobody'], undefined);
    // The whole root: the new one comes in.
    const all = charter(['check', '--update-baseline'], ws);
    assert.equal(all.stderr, 'charter: wrote the baseline .charter-baseline.json: 1 added, 0 removed, 10 unchanged (11 findings in 5 documents)\n');
    assert.equal(JSON.parse(read(ws)).findings['docs/decision-log.md']['unowned-decision']['Decision "Keep Klarna" is unowned: "TBD" names nobody'], 1);
  });

  it('drops the entries of a deleted document in scope', () => {
    const ws = baselined();
    fs.rmSync(path.join(ws, 'docs/broken.prd.md'));
    const r = charter(['check', '--update-baseline', 'docs'], ws);
    // Its error goes, and the folder's policy note moves to the folder's new first PRD.
    assert.equal(r.stderr, 'charter: wrote the baseline .charter-baseline.json: 1 added, 2 removed, 9 unchanged (10 findings in 4 documents)\n');
    assert.equal(JSON.parse(read(ws)).findings['docs/broken.prd.md'], undefined);
  });
});

describe('charter check --baseline', () => {
  it('hides what the baseline holds: exit 0 despite the error, and the summary counts them', () => {
    const ws = baselined();
    const r = charter(['check', '--baseline', BASELINE], ws);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(lines(r.stdout), [HIDDEN_ALL]);
    assert.equal(r.stderr, '');
  });

  it('holds its findings when text is added above them (every line moved)', () => {
    const ws = baselined();
    for (const rel of ['docs/checkout.prd.md', 'docs/decision-log.md', 'docs/checkout.sdd.md']) {
      const abs = path.join(ws, rel);
      const text = fs.readFileSync(abs, 'utf8');
      // Text added after the title (or the front matter), which moves every finding below it.
      fs.writeFileSync(abs, text.replace(/^(# .*\n)/m, '$1\nA paragraph added above the findings.\n\nAnd another.\n'));
    }
    const r = charter(['check', '--baseline', BASELINE, '--format', 'json'], ws);
    assert.equal(r.status, 0, r.stderr);
    const rep = json<JsonReport>(r);
    assert.equal(rep.files.flatMap((f) => f.diagnostics).length, 11);
    assert.ok(rep.files.flatMap((f) => f.diagnostics).every((d) => (d as { baselined?: boolean }).baselined === true));
  });

  it('fails on a new finding only, and prints only it', () => {
    const ws = baselined();
    writeFiles(ws, { 'docs/new.prd.md': '---\nowner: Dana Lee\nowner: Sam Ortiz\n---\n# New\n\n## Why\n\nx\n\n## What\n\ny\n' });
    const r = charter(['check', '--baseline', BASELINE], ws);
    assert.equal(r.status, 1);
    assert.deepEqual(lines(r.stdout), [
      'docs/new.prd.md:3:1 error invalid-front-matter Front matter: Map keys must be unique',
      '1 new problem (1 error, 0 warnings, 0 infos) in 6 documents checked (7 markdown files); 11 baselined findings hidden (.charter-baseline.json).',
    ]);
  });

  it('counts a key: one more finding than the baseline holds is new', () => {
    const ws = baselined();
    // A second empty "Open questions" section in the same PRD: same rule, same message.
    fs.appendFileSync(path.join(ws, 'docs/checkout.prd.md'), '\n## Open questions\n');
    const r = charter(['check', '--baseline', BASELINE], ws);
    assert.equal(r.status, 0, 'a warning does not fail the run');
    assert.deepEqual(lines(r.stdout), [
      'docs/checkout.prd.md:13:1 warning empty-section Section "Open questions" is empty',
      '1 new problem (0 errors, 1 warning, 0 infos) in 5 documents checked (6 markdown files); 11 baselined findings hidden (.charter-baseline.json).',
    ]);
    assert.equal(charter(['check', '--baseline', BASELINE, '--max-warnings', '0'], ws).status, 1);
    assert.equal(charter(['check', '--baseline', BASELINE, '--max-warnings', '1'], ws).status, 0, '--max-warnings counts the new warnings only');
  });

  it('a renamed decision is a new finding', () => {
    const ws = baselined();
    const log = path.join(ws, 'docs/decision-log.md');
    fs.writeFileSync(log, fs.readFileSync(log, 'utf8').replace('## Drop PayPal', '## Drop PayPal for now'));
    const r = charter(['check', '--baseline', BASELINE], ws);
    assert.deepEqual(
      lines(r.stdout)
        .slice(0, -1)
        .map((l) => l.split(' ').slice(0, 3).join(' ')),
      ['docs/decision-log.md:9:1 warning unowned-decision', 'docs/decision-log.md:9:1 info missing-decision-field'],
    );
  });

  it('marks baselined findings in JSON and counts only the others', () => {
    const ws = baselined();
    writeFiles(ws, { 'docs/extra.prd.md': '---\nowner: Dana Lee\n---\n# Extra\n\n## Why\n\nx\n' });
    const r = charter(['check', '--baseline', BASELINE, '--format', 'json'], ws);
    assert.equal(r.status, 0, r.stderr);
    const rep = json<JsonReport & { summary: JsonReport['summary'] & { baselined: number } }>(r);
    assert.deepEqual(rep.summary, { files: 7, documents: 6, errors: 0, warnings: 1, infos: 0, baselined: 11 });
    for (const f of rep.files) {
      for (const d of f.diagnostics as ((typeof f.diagnostics)[number] & { baselined: boolean })[]) {
        assert.equal(typeof d.baselined, 'boolean');
        assert.equal(d.baselined, f.path !== 'docs/extra.prd.md', `${f.path} ${d.rule}`);
      }
    }
    // Without --baseline the shape is as before: no baselined keys at all.
    const plain = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    assert.ok(!('baselined' in plain.summary));
    assert.ok(plain.files.every((f) => f.diagnostics.every((d) => !('baselined' in d))));
  });

  it('gives baselined findings an external suppression in SARIF, still valid', () => {
    const ws = baselined();
    writeFiles(ws, { 'docs/extra.prd.md': '---\nowner: Dana Lee\n---\n# Extra\n\n## Why\n\nx\n' });
    const r = charter(['check', '--baseline', BASELINE, '--format', 'sarif'], ws);
    assert.equal(r.status, 0, r.stderr);
    const sarif = json(r);
    assert.deepEqual(validateSarif(sarif), []);
    const results = sarif.runs[0].results as { ruleId: string; suppressions?: unknown; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.equal(results.length, 12);
    for (const res of results) {
      const uri = res.locations[0].physicalLocation.artifactLocation.uri;
      if (uri === 'docs/extra.prd.md') assert.equal(res.suppressions, undefined);
      else assert.deepEqual(res.suppressions, [{ kind: 'external', status: 'accepted', justification: 'In the baseline .charter-baseline.json' }], uri);
    }
    // The validator reads suppressions too.
    const broken = JSON.parse(JSON.stringify(sarif));
    broken.runs[0].results.find((x: { suppressions?: unknown }) => x.suppressions).suppressions[0].kind = 'baseline';
    assert.match(validateSarif(broken).join('\n'), /suppressions\[0\]\.kind: must be one of inSource, external/);
    // The fingerprints do not depend on the baseline: code scanning sees the same alerts.
    const plain = json(charter(['check', '--format', 'sarif'], ws));
    assert.deepEqual(
      results.map((x) => (x as { partialFingerprints?: unknown }).partialFingerprints),
      (plain.runs[0].results as { partialFingerprints: unknown }[]).map((x) => x.partialFingerprints),
    );
  });

  it('hides baselined findings from --format github', () => {
    const ws = baselined();
    const r = charter(['check', '--baseline', BASELINE, '--format', 'github'], ws, undefined, { GITHUB_WORKSPACE: undefined });
    assert.equal(r.status, 0);
    assert.deepEqual(lines(r.stdout), [HIDDEN_ALL]);
  });
});

describe('charter check --baseline: a missing or broken file', () => {
  const fails = (r: ReturnType<typeof charter>, message: RegExp) => {
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
  };

  it('a missing file is an error, unless --update-baseline creates it', () => {
    const ws = temps.fixture('findings');
    const before = hashTree(ws);
    fails(charter(['check', '--baseline', 'ci/baseline.json'], ws), /^charter: the baseline ci\/baseline\.json does not exist \(create it with --update-baseline\)\n$/);
    assert.deepEqual(hashTree(ws), before);
  });

  it('a folder, broken JSON, another version or a bad count is an error at its place, and --update-baseline leaves it alone', () => {
    const ws = temps.fixture('findings');
    fs.mkdirSync(path.join(ws, 'folder.json'));
    fails(charter(['check', '--baseline', 'folder.json'], ws), /^charter: invalid baseline folder\.json:1:1: it is a folder, not a baseline file\n$/);
    const cases: [string, RegExp][] = [
      [
        '{\n  "version": 1,\n  "findings": {\n    "docs/a.md": { "r": { "k": 1, } }\n  }\n}\n',
        /^charter: invalid baseline bad\.json:4:35: it is not valid JSON \(.*\); fix it, or delete it and regenerate it with charter check --update-baseline\n$/,
      ],
      ['{ "version": 2, "findings": {} }\n', /^charter: invalid baseline bad\.json:1:3: "version" is 2; this Charter reads baselines of version 1/],
      [
        '{\n  "version": 1,\n  "findings": {\n    "docs/a.md": {\n      "r": { "k": 0 }\n    }\n  }\n}\n',
        /^charter: invalid baseline bad\.json:5:14: the count of a "r" finding of "docs\/a\.md" must be a whole number of at least 1, not 0\n$/,
      ],
      [Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('latin1'), /^charter: invalid baseline bad\.json:1:1: it is not UTF-8 text/],
    ];
    for (const [text, message] of cases) {
      fs.writeFileSync(path.join(ws, 'bad.json'), text.startsWith('{\u00ff') ? Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) : text);
      const before = hashTree(ws);
      fails(charter(['check', '--baseline', 'bad.json'], ws), message);
      fails(charter(['check', '--baseline', 'bad.json', '--update-baseline'], ws), message);
      assert.deepEqual(hashTree(ws), before, 'nothing written');
    }
  });

  it('a file over 16 MB is refused unread', () => {
    const ws = temps.fixture('clean');
    fs.writeFileSync(path.join(ws, 'huge.json'), Buffer.alloc(16 * 1024 * 1024 + 1, 0x20));
    fails(
      charter(['check', '--baseline', 'huge.json'], ws),
      /^charter: invalid baseline huge\.json:1:1: it is 16 MB; a baseline is at most 16 MB, and a larger one is not read\n$/,
    );
  });

  it('--update-baseline into a folder that does not exist is an error, and the options are only for check', () => {
    const ws = temps.fixture('findings');
    fails(
      charter(['check', '--update-baseline', '--baseline', 'no/such/b.json'], ws),
      /^charter: cannot write the baseline no\/such\/b\.json: its folder no\/such does not exist\n$/,
    );
    fails(charter(['owners', '--baseline', BASELINE], ws), /^charter: --baseline only applies to check\n$/);
    fails(charter(['owners', '--update-baseline'], ws), /^charter: --update-baseline only applies to check\n$/);
    fails(charter(['check', '--baseline'], ws), /--baseline/);
    fails(charter(['check', '--baseline='], ws), /^charter: --baseline needs a file name\n$/);
  });
});
