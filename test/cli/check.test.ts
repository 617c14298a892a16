/**
 * `charter check` end to end: exit codes, usage errors, configuration errors, which paths
 * are read and which are reported.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { charter, ensureBuilt, hashTree, json, lines, REPO, Temps, writeFiles, type JsonReport } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const paths = (r: JsonReport) => r.files.map((f) => f.path);

describe('charter check: exit codes', () => {
  it('exits 0 on a clean workspace, with the summary line and nothing on stderr', () => {
    const ws = temps.fixture('clean');
    const r = charter(['check'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'No problems: 4 documents checked (6 markdown files).\n');
    assert.equal(r.stderr, '');
  });

  it('exits 0 when there are only warnings and no --max-warnings', () => {
    const r = charter(['check'], temps.fixture('warnings'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(lines(r.stdout).at(-1)!, /^3 problems \(0 errors, 3 warnings, 0 infos\)/);
  });

  it('exits 1 when an error finding exists (broken front matter YAML)', () => {
    const ws = temps.fixture('clean');
    writeFiles(ws, { 'docs/broken.prd.md': '---\nowner: Dana Lee\nowner: Sam Ortiz\n---\n# Broken\n\n## Why\n\nx\n\n## What\n\ny\n' });
    const r = charter(['check'], ws);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^docs\/broken\.prd\.md:3:1 error invalid-front-matter /m);
  });

  it('exits 1 on errors in every format, even with a generous --max-warnings', () => {
    const ws = temps.fixture('findings');
    for (const format of ['text', 'json', 'sarif']) {
      const r = charter(['check', '--format', format, '--max-warnings', '1000'], ws);
      assert.equal(r.status, 1, `${format}: ${r.stderr}`);
    }
  });

  it('exits 1 when warnings exceed --max-warnings, 0 when equal or fewer', () => {
    const ws = temps.fixture('warnings');
    const over = charter(['check', '--max-warnings', '2'], ws);
    assert.equal(over.status, 1);
    assert.match(over.stderr, /3 warnings, more than --max-warnings 2/);
    const zero = charter(['check', '--max-warnings', '0'], ws);
    assert.equal(zero.status, 1);
    const equal = charter(['check', '--max-warnings', '3'], ws);
    assert.equal(equal.status, 0, equal.stderr);
    assert.equal(equal.stderr, '');
    const more = charter(['check', '--max-warnings', '4'], ws);
    assert.equal(more.status, 0, more.stderr);
  });

  it('applies --max-warnings in json and sarif too, keeping stdout machine-readable', () => {
    const ws = temps.fixture('warnings');
    for (const format of ['json', 'sarif']) {
      const over = charter(['check', '--format', format, '--max-warnings', '2'], ws);
      assert.equal(over.status, 1, format);
      assert.doesNotThrow(() => JSON.parse(over.stdout), `${format} output is not JSON`);
      assert.equal(charter(['check', '--format', format, '--max-warnings', '3'], ws).status, 0, format);
    }
  });

  it('--max-warnings 0 on a clean workspace exits 0', () => {
    assert.equal(charter(['check', '--max-warnings', '0'], temps.fixture('clean')).status, 0);
  });
});

describe('charter check: usage errors exit 2', () => {
  let ws: string;
  before(() => {
    ws = temps.fixture('clean');
  });

  const usage = (args: string[], pattern: RegExp, cwd?: string) => {
    const r = charter(args, cwd ?? ws);
    assert.equal(r.status, 2, `charter ${args.join(' ')} exited ${r.status}\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /internal error/i);
    assert.equal(r.stdout, '', 'a usage error prints nothing on stdout');
    assert.equal(lines(r.stderr).length, 1, `one line of reason, got:\n${r.stderr}`);
  };

  it('an unknown command', () => usage(['frob'], /^charter: unknown command "frob"/));
  it('a bad --format for check', () => usage(['check', '--format', 'xml'], /--format must be one of text, json, sarif/));
  it('a check format given to owners', () => usage(['owners', '--format', 'sarif'], /--format must be one of table, markdown, json/));
  it('--max-warnings abc', () => usage(['check', '--max-warnings', 'abc'], /--max-warnings must be a whole number, not "abc"/));
  it('--max-warnings 1.5', () => usage(['check', '--max-warnings=1.5'], /--max-warnings must be a whole number/));
  it('--max-warnings without a value', () => usage(['check', '--max-warnings'], /max-warnings/));
  it('--max-warnings for owners', () => usage(['owners', '--max-warnings', '1'], /--max-warnings only applies to check/));
  it('an unknown option', () => usage(['check', '--bogus'], /--bogus/));
  it('a path that does not exist', () => usage(['check', 'nothere'], /nothere does not exist/));
  it('a path outside the root', () => usage(['check', '--root', 'docs', 'README.md'], /outside the workspace root/));
  it('--root that is a file', () => usage(['check', '--root', 'README.md'], /is not a folder/));
  it('--root that does not exist', () => usage(['check', '--root', 'no/such/dir'], /is not a folder/));
  it('--config that does not exist', () => usage(['check', '--config', 'nope.yaml'], /^charter: invalid configuration: nope\.yaml does not exist/));
  it('--config that is a folder', () => usage(['check', '--config', 'docs'], /docs is a folder, not a configuration file/));

  it('no command at all prints the help and exits 2', () => {
    const r = charter([], ws);
    assert.equal(r.status, 2);
    assert.match(r.stdout, /Usage:/);
  });

  it('--help exits 0 with the usage; --version prints the package version', () => {
    const help = charter(['--help'], ws);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /charter check/);
    assert.match(help.stdout, /charter owners/);
    const version = charter(['--version'], ws);
    assert.equal(version.status, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout.trim(), pkg.version);
  });
});

describe('charter check: configuration errors exit 2', () => {
  /** Writes the config into a copy of the clean workspace and runs `charter <args>`. */
  const withConfig = (config: string | Uint8Array, args = ['check']) => {
    const ws = temps.fixture('clean');
    writeFiles(ws, { '.charter.yaml': config });
    return charter(args, ws);
  };
  const PROBLEM_RE = /^\.charter\.yaml:(\d+):(\d+) error invalid-config (.+)$/;

  /** Asserts exit 2, one `path:line:col error invalid-config …` line per problem, then one reason line. */
  const expectProblems = (config: string, expected: { line: number; col: number; message: RegExp }[], args = ['check']) => {
    const r = withConfig(config, args);
    assert.equal(r.status, 2, `exit ${r.status}\n${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', 'nothing is checked with an invalid configuration');
    assert.doesNotMatch(r.stderr, /internal error/i);
    const ls = lines(r.stderr);
    assert.equal(ls.length, expected.length + 1, `expected ${expected.length} problem line(s) and one reason:\n${r.stderr}`);
    expected.forEach((e, i) => {
      const m = PROBLEM_RE.exec(ls[i]);
      assert.ok(m, `not a problem line: ${ls[i]}`);
      assert.deepEqual([Number(m[1]), Number(m[2])], [e.line, e.col], ls[i]);
      assert.match(m[3], e.message);
    });
    const n = expected.length;
    assert.equal(ls[n], `charter: invalid configuration in .charter.yaml: ${n} problem${n === 1 ? '' : 's'} (fix the lines above)`);
  };

  it('a list instead of a mapping', () => expectProblems('- a\n- b\n', [{ line: 1, col: 1, message: /must be a mapping .* not a list/ }]));
  // A file that is not a mapping may be anything (a link to a credentials file): it is described, never quoted.
  it('a number instead of a mapping', () => expectProblems('42\n', [{ line: 1, col: 1, message: /must be a mapping .* not a number$/ }]));
  it('a string instead of a mapping', () => expectProblems('"just text"\n', [{ line: 1, col: 1, message: /must be a mapping .* not a text$/ }]));
  it('an unknown key', () => expectProblems('kinds:\n  prd:\n    include: ["**/*.prd.md"]\nbogus: 1\n', [{ line: 4, col: 1, message: /unknown key "bogus"/ }]));
  it('an unknown key with a suggestion', () => expectProblems('rule:\n  missing-section: off\n', [{ line: 1, col: 1, message: /unknown key "rule".*did you mean "rules"/ }]));
  it('an unknown rule id', () =>
    expectProblems('rules:\n  missing-sectio: off\n', [{ line: 2, col: 3, message: /unknown rule "missing-sectio".*did you mean "missing-section"/ }]));
  it('a value of the wrong type', () => expectProblems('owners:\n  singleOwner: maybe\n', [{ line: 2, col: 16, message: /owners\.singleOwner must be true or false/ }]));
  it('a list of the wrong type', () => expectProblems('ignore: 5\n', [{ line: 1, col: 9, message: /ignore must be a list of strings/ }]));
  it('a bad severity', () => expectProblems('rules:\n  unowned-decision: loud\n', [{ line: 2, col: 21, message: /rules\.unowned-decision must be off, info, warning or error/ }]));
  it('broken YAML (a duplicate key)', () => expectProblems('rules: {}\nrules: {}\n', [{ line: 2, col: 1, message: /unique/i }]));
  it('broken YAML (tabs as indentation)', () => expectProblems('kinds:\n\tprd: {}\n', [{ line: 2, col: 1, message: /tab/i }]));
  it('every problem is reported, each on its own line', () =>
    expectProblems('owners:\n  singleOwner: maybe\nbogus: 1\n', [
      { line: 2, col: 16, message: /singleOwner/ },
      { line: 3, col: 1, message: /unknown key "bogus"/ },
    ]));
  it('a glob reaching outside the workspace', () => expectProblems('kinds:\n  prd:\n    include: ["../**/*.md"]\n', [{ line: 3, col: 15, message: /outside the workspace/ }]));
  it('an invalid configuration stops owners too', () => expectProblems('42\n', [{ line: 1, col: 1, message: /must be a mapping/ }], ['owners']));
  it('an invalid configuration stops --format json without printing JSON', () =>
    expectProblems('bogus: 1\n', [{ line: 1, col: 1, message: /unknown key/ }], ['check', '--format', 'json']));

  it('an empty configuration file is valid', () => {
    const r = withConfig('');
    assert.equal(r.status, 0, r.stderr);
  });

  it('a configuration read with --config is reported with its own path', () => {
    const ws = temps.fixture('clean');
    writeFiles(ws, { 'conf/charter.yaml': 'bogus: 1\n' });
    const r = charter(['check', '--config', 'conf/charter.yaml'], ws);
    assert.equal(r.status, 2);
    assert.match(lines(r.stderr)[0], /^conf\/charter\.yaml:1:1 error invalid-config unknown key "bogus"/);
  });

  it('a binary configuration file exits 2 with a reason, not a crash', () => {
    const r = withConfig(new Uint8Array([0x6b, 0x3a, 0x00, 0x01, 0x02]));
    assert.equal(r.status, 2, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error/i);
    assert.match(r.stderr, /\.charter\.yaml/);
  });
});

describe('charter check: which files are read and reported', () => {
  it('paths default to "."', () => {
    const ws = temps.fixture('scoped');
    const all = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    assert.deepEqual(paths(all), ['a/DECISIONS.md', 'a/feature.sdd.md', 'b/feature.prd.md', 'CHARTER.md'].sort());
    const dot = json<JsonReport>(charter(['check', '--format', 'json', '.'], ws));
    assert.deepEqual(dot, all);
  });

  it('a folder restricts the report, while cross-document checks still see the whole root', () => {
    const ws = temps.fixture('scoped');
    const r = charter(['check', '--format', 'json', 'a'], ws);
    assert.equal(r.status, 0, r.stderr);
    const rep = json<JsonReport>(r);
    assert.deepEqual(paths(rep), ['a/DECISIONS.md', 'a/feature.sdd.md']);
    const sdd = rep.files.find((f) => f.path === 'a/feature.sdd.md')!;
    // Its PRD (b/feature.prd.md) is outside the scope but exists: no broken link.
    assert.deepEqual(sdd.diagnostics, []);
    // The charter (outside the scope) is still used to resolve owners.
    const log = rep.files.find((f) => f.path === 'a/DECISIONS.md')!;
    assert.deepEqual(
      log.diagnostics.map((d) => [d.rule, d.line, d.column]),
      [['unknown-owner', 10, 19]],
    );
    assert.match(log.diagnostics[0].message, /not in the charter CHARTER\.md/);
    assert.deepEqual(rep.summary, { files: 2, documents: 2, errors: 0, warnings: 1, infos: 0 });
  });

  it('a file restricts the report to that file', () => {
    const ws = temps.fixture('scoped');
    const rep = json<JsonReport>(charter(['check', '--format', 'json', './a/feature.sdd.md'], ws));
    assert.deepEqual(paths(rep), ['a/feature.sdd.md']);
    assert.deepEqual(rep.summary, { files: 1, documents: 1, errors: 0, warnings: 0, infos: 0 });
  });

  it('several paths are reported together', () => {
    const ws = temps.fixture('scoped');
    const rep = json<JsonReport>(charter(['check', '--format', 'json', 'a', 'b/feature.prd.md'], ws));
    assert.deepEqual(paths(rep), ['a/DECISIONS.md', 'a/feature.sdd.md', 'b/feature.prd.md']);
    assert.deepEqual(
      rep.files[2].diagnostics.map((d) => [d.rule, d.section]),
      [['missing-section', 'what']],
    );
  });

  it('--root DIR with paths relative to the current folder', () => {
    const ws = temps.fixture('scoped');
    const parent = path.dirname(ws);
    const name = path.basename(ws);
    const rep = json<JsonReport>(charter(['check', '--format', 'json', '--root', name, `${name}/a`], parent));
    assert.deepEqual(paths(rep), ['a/DECISIONS.md', 'a/feature.sdd.md']);
    // From inside a subfolder: paths stay relative to the root in the report.
    const sub = json<JsonReport>(charter(['check', '--format', 'json', '--root', '..', '.'], path.join(ws, 'a')));
    assert.deepEqual(paths(sub), ['a/DECISIONS.md', 'a/feature.sdd.md']);
  });

  it('--root DIR without paths checks the whole root (as `npm run check:examples` does)', () => {
    const ws = temps.fixture('scoped');
    const parent = path.dirname(ws);
    const r = charter(['check', '--format', 'json', '--root', path.basename(ws)], parent);
    assert.equal(r.status, 0, `exit ${r.status}: ${r.stderr}`);
    const rep = json<JsonReport>(r);
    assert.equal(rep.summary.documents, 4);
    assert.ok(
      paths(rep).every((p) => !p.startsWith('/') && !p.startsWith('..')),
      paths(rep).join(', '),
    );
  });

  it('never reads node_modules or .git, at any depth', () => {
    const ws = temps.fixture('clean');
    const bad = '---\nowner: [unclosed\n---\n# Bad\n\n## Why\n\n## What\n';
    const badLog = '# Decisions\n\n## Hidden decision\n\n- Date: 2024-13-45\n- Decision: x\n- Decision maker: TBD\n';
    writeFiles(ws, {
      'node_modules/pkg/bad.prd.md': bad,
      'node_modules/pkg/DECISIONS.md': badLog,
      '.git/bad.prd.md': bad,
      '.git/DECISIONS.md': badLog,
      'docs/node_modules/deep/bad.sdd.md': bad,
      'docs/sub/.git/bad.prd.md': bad,
      'node_modules/CHARTER.md': '---\ntype: charter\npeople:\n  - name: Intruder\n    role: PM\n---\n# Other charter\n',
    });
    const before = hashTree(ws);
    const r = charter(['check', '--format', 'json'], ws);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const rep = json<JsonReport>(r);
    assert.deepEqual(paths(rep), ['CHARTER.md', 'docs/DECISIONS.md', 'docs/search.prd.md', 'docs/search.sdd.md']);
    assert.equal(rep.summary.files, 6, 'markdown files under node_modules/.git are not even counted');
    assert.doesNotMatch(r.stdout + r.stderr, /node_modules|\.git\b/);
    // Not even when asked for explicitly.
    const text = charter(['check', 'node_modules/pkg'], ws);
    assert.doesNotMatch(text.stdout, /bad\.prd\.md|DECISIONS/);
    assert.equal(text.status, 0);
    const owners = charter(['owners'], ws);
    assert.doesNotMatch(owners.stdout, /Intruder|Hidden decision|node_modules/);
    assert.deepEqual(hashTree(ws), before);
  });

  it('honours ignore: globs from .charter.yaml', () => {
    const ws = temps.fixture('clean');
    writeFiles(ws, { '.charter.yaml': 'ignore: ["drafts/**"]\n', 'drafts/wip.prd.md': '# WIP\n' });
    const rep = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    assert.ok(!paths(rep).some((p) => p.startsWith('drafts/')), paths(rep).join(', '));
    assert.equal(charter(['check'], ws).status, 0);
  });
});

describe('charter rules', () => {
  it('lists every rule in three aligned columns: id, default severity, description', () => {
    const r = charter(['rules'], REPO);
    assert.equal(r.status, 0, r.stderr);
    const rows = lines(r.stdout);
    assert.ok(rows.length >= 13, `${rows.length} rules`);
    const starts = (row: string) => [...row.matchAll(/(?<=^|\s{2})\S/g)].slice(0, 3).map((m) => m.index);
    const first = starts(rows[0]);
    assert.equal(first.length, 3, rows[0]);
    for (const row of rows) assert.deepEqual(starts(row), first, `out of line: "${row}"`);
  });
});
