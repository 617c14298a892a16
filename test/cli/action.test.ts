/**
 * The GitHub Action (action.yml) run the way a runner runs it: its "Check the documents" step's
 * script, with bash, the step's `env:` (inputs substituted as the runner would) and the
 * runner's variables (GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_BASE_REF,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH), in a temporary git repository with
 * a base branch and a pull request checked out as its merge commit. The exact annotation lines,
 * the exit code, the outputs, the summary and the SARIF file are checked; and action.yml
 * itself: it parses, and references only inputs, outputs and files that exist.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ensureBuilt, git, GIT_ENV, hashTree, REPO, Temps, withEnv, writeFiles } from './helpers';
import { validateSarif } from './sarifValidator';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionYml {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const ACTION = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as ActionYml;
const CHECK = ACTION.runs.steps.find((s) => s.id === 'check')!;

const PRD = `---
owner: Dana Lee
---
# Checkout

## Why

Customers abandon the cart.

## What

A one-page checkout.

## Open questions

TBD ::set-output name=x::y
`;

const LOG = `# Checkout decisions

## Adopt Stripe

- Date: 2024-03-01
- Decision: Stripe for card payments
- Decision maker: Sam Ortiz
`;

/** A file name git must quote (a double quote) with a comma and an accent in it. */
const ODD = 'docs/q3 "launch", café.prd.md';

/**
 * A repository as a pull_request job sees it: main (base B, then M on another file), a
 * feature branch (H: a new unowned decision, an edit near an old finding, a new PRD whose
 * front matter is broken), and the checkout at the merge commit of feature into main.
 * The old finding (the placeholder under "Open questions", line 14) is on a line H did not touch.
 */
function pullRequestRepo(prefix = ''): { repo: string; base: string } {
  const repo = temps.make('action-repo');
  git(repo, 'init', '-q');
  writeFiles(repo, { [`${prefix}docs/checkout.prd.md`]: PRD, [`${prefix}docs/decision-log.md`]: LOG, 'README.md': '# A repository\n' });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'B');
  git(repo, 'checkout', '-qb', 'feature');
  writeFiles(repo, {
    [`${prefix}docs/checkout.prd.md`]: PRD.replace('Customers abandon the cart.', 'Customers abandon the cart at payment.'),
    [`${prefix}docs/decision-log.md`]: `${LOG}\n## Drop PayPal\n\n- Date: 2024-03-02\n- Decision: no PayPal at launch\n- Decision maker: TBD\n`,
    [`${prefix}${ODD}`]: '---\nowner: Dana Lee\nowner: Sam Ortiz\n---\n# Q3 launch\n\n## Why\n\nGrowth.\n\n## What\n\nA launch.\n',
  });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'H');
  git(repo, 'checkout', '-q', 'main');
  writeFiles(repo, { 'README.md': '# A repository\n\nWith a readme.\n' });
  git(repo, 'commit', '-qam', 'M');
  const base = git(repo, 'rev-parse', 'HEAD');
  git(repo, 'checkout', '-q', '--detach');
  git(repo, 'merge', '-q', '--no-ff', '-m', 'Merge feature into main', 'feature');
  return { repo, base };
}

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the check step as the runner does: its `run:` script in a file, `bash --noprofile
 * --norc -eo pipefail`, in GITHUB_WORKSPACE, with the step's env (each `${{ inputs.x }}` the
 * input given, else its default) and the runner's variables.
 */
function runAction(repo: string, inputs: Record<string, string>, event: { name: string; payload: unknown; baseRef?: string }): ActionRun {
  const runner = temps.make('runner');
  const files = { event: path.join(runner, 'event.json'), output: path.join(runner, 'output'), summary: path.join(runner, 'summary.md'), script: path.join(runner, 'step.sh') };
  fs.writeFileSync(files.event, JSON.stringify(event.payload));
  fs.writeFileSync(files.output, '');
  fs.writeFileSync(files.summary, '');
  fs.writeFileSync(files.script, CHECK.run!);
  for (const name of Object.keys(inputs)) assert.ok(name in ACTION.inputs, `action.yml has no input ${name}`);
  const stepEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(CHECK.env ?? {})) {
    stepEnv[k] = v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => inputs[name] ?? ACTION.inputs[name]?.default ?? '');
  }
  const env = withEnv(GIT_ENV, {
    ...stepEnv,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: repo,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_BASE_REF: event.baseRef ?? '',
    GITHUB_HEAD_REF: event.baseRef ? 'feature' : '',
    GITHUB_REF: event.baseRef ? 'refs/pull/7/merge' : 'refs/heads/main',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ACTION_PATH: REPO,
    RUNNER_TEMP: runner,
    NO_COLOR: '1',
  });
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', files.script], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.error, undefined);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs: readOutputs(fs.readFileSync(files.output, 'utf8')), summary: fs.readFileSync(files.summary, 'utf8') };
}

/** GITHUB_OUTPUT in the runner's `name<<DELIMITER` form. */
function readOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(\S+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}

/** The workflow commands of a step's output outside `::stop-commands::` blocks, and the text inside them. */
function commands(stdout: string): { commands: string[]; quoted: string[] } {
  const out = { commands: [] as string[], quoted: [] as string[] };
  let stop: string | undefined;
  for (const line of stdout.split('\n')) {
    if (stop) {
      if (line === `::${stop}::`) stop = undefined;
      else out.quoted.push(line);
      continue;
    }
    const m = /^::stop-commands::(\S+)$/.exec(line);
    if (m) stop = m[1];
    else if (line.startsWith('::')) out.commands.push(line);
  }
  assert.equal(stop, undefined, 'every ::stop-commands:: block is closed');
  return out;
}

const pr = (base: string) => ({
  name: 'pull_request',
  baseRef: 'main',
  payload: { action: 'synchronize', number: 7, pull_request: { number: 7, base: { ref: 'main', sha: base }, head: { ref: 'feature' } } },
});

const NEW_ERROR = '::error file=docs/q3 "launch"%2C café.prd.md,line=3,col=1,endLine=3,endColumn=2,title=charter invalid-front-matter::Front matter: Map keys must be unique';
const NEW_UNOWNED =
  '::warning file=docs/decision-log.md,line=13,col=19,endLine=13,endColumn=22,title=charter unowned-decision::Decision "Drop PayPal" is unowned: "TBD" names nobody';
const OLD_EMPTY =
  '::warning file=docs/checkout.prd.md,line=14,col=1,endLine=14,endColumn=18,title=charter empty-section::Section "Open questions" is empty: it holds only the placeholder "TBD ::set-output name=x::y"';

describe('GitHub Action: action.yml', () => {
  it('is a composite action whose steps use only its own inputs, files that exist, and pinned actions', () => {
    assert.equal(ACTION.runs.using, 'composite');
    assert.ok(ACTION.name && ACTION.description);
    for (const [name, spec] of Object.entries(ACTION.inputs)) {
      assert.ok(spec.description.length > 10, `input ${name} is described`);
      assert.equal(typeof spec.default, 'string', `input ${name} has a default`);
    }
    assert.deepEqual(Object.keys(ACTION.inputs).sort(), ['annotate', 'baseline', 'config', 'max-warnings', 'paths', 'sarif', 'working-directory']);
    const text = fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8');
    for (const m of text.matchAll(/inputs\.([\w-]+)/g)) assert.ok(m[1] in ACTION.inputs, `inputs.${m[1]} is an input`);
    // Every input reaches the entry, in the variable it reads.
    for (const name of Object.keys(ACTION.inputs)) assert.equal(CHECK.env?.[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`], `\${{ inputs.${name} }}`);
    for (const step of ACTION.runs.steps) {
      assert.ok(step.name, 'every step has a name');
      if (step.run) assert.equal(step.shell, 'bash', `${step.name}: shell`);
      if (step.uses) assert.match(step.uses, /^(actions\/setup-node|github\/codeql-action\/upload-sarif)@v\d+$/, `${step.name}: a pinned, known action`);
    }
    // The files the steps run are the repository's (dist/ is what build.mjs writes, and is there).
    const referenced = [...text.matchAll(/(?:\$GITHUB_ACTION_PATH|\$\{\{ github\.action_path \}\})\/([\w./-]+)/g)].map((m) => m[1]);
    assert.ok(referenced.includes('dist/action.js'));
    for (const rel of referenced) assert.ok(fs.existsSync(path.join(REPO, rel)), `${rel} exists`);
    assert.match(fs.readFileSync(path.join(REPO, 'scripts/build.mjs'), 'utf8'), /out: 'dist\/action'/);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.equal(pkg.scripts.prepare, 'node scripts/build.mjs', 'npm ci in the action builds dist/');
    // The outputs are the check step's, which the entry writes.
    for (const [name, o] of Object.entries(ACTION.outputs)) assert.equal(o.value, `\${{ steps.check.outputs.${name} }}`);
  });
});

describe('GitHub Action: the entry, as a runner runs it', function () {
  this.timeout(120_000);

  it('on a pull request, annotates only the findings on changed lines, fails on the new error, and counts every finding', () => {
    const { repo, base } = pullRequestRepo();
    const before = hashTree(repo);
    const r = runAction(repo, {}, pr(base));
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    const { commands: cmds, quoted } = commands(r.stdout);
    assert.deepEqual(cmds, [
      NEW_UNOWNED,
      NEW_ERROR,
      '::group::Charter: 3 findings',
      '::endgroup::',
      '::error title=charter::Charter found 1 error; 1 finding on lines this change did not touch is not annotated (see the log)',
    ]);
    // The summary line follows the annotations; the log lists every finding, commands inert.
    assert.ok(r.stdout.includes(`${NEW_ERROR}\n3 problems (1 error, 2 warnings, 0 infos) in 3 documents checked (4 markdown files).\n`));
    assert.deepEqual(quoted, [
      'docs/checkout.prd.md:14:1 warning empty-section Section "Open questions" is empty: it holds only the placeholder "TBD ::set-output name=x::y"',
      'docs/decision-log.md:13:19 warning unowned-decision Decision "Drop PayPal" is unowned: "TBD" names nobody',
      `${ODD}:3:1 error invalid-front-matter Front matter: Map keys must be unique`,
      '3 problems (1 error, 2 warnings, 0 infos) in 3 documents checked (4 markdown files).',
    ]);
    assert.deepEqual(r.outputs, { errors: '1', warnings: '2', infos: '0', baselined: '0', 'sarif-file': '' });
    assert.match(r.summary, /^### Charter\n/);
    assert.ok(r.summary.includes('3 problems \\(1 error\\, 2 warnings\\, 0 infos\\) in 3 documents checked \\(4 markdown files\\)\\.'), r.summary);
    assert.ok(r.summary.includes('1 finding on lines this change did not touch is counted but not annotated'), r.summary);
    assert.ok(r.summary.includes('| docs\\/q3 \\"launch\\"\\, café\\.prd\\.md | 1 | 0 | 0 |'), r.summary);
    assert.ok(!r.summary.includes('set-output'), 'document text stays out of the summary');
    const after = hashTree(repo);
    assert.deepEqual(
      Object.keys(after).filter((k) => !k.startsWith('.git') && after[k] !== before[k]),
      [],
      'nothing written in the workspace',
    );
  });

  it('with annotate: changed-files, also annotates the other findings of the files the change touched; with all, every finding', () => {
    const { repo, base } = pullRequestRepo();
    const files = commands(runAction(repo, { annotate: 'changed-files' }, pr(base)).stdout).commands;
    assert.deepEqual(files.slice(0, 3), [OLD_EMPTY, NEW_UNOWNED, NEW_ERROR]);
    assert.equal(files.at(-1), '::error title=charter::Charter found 1 error');
    const all = commands(runAction(repo, { annotate: 'all' }, pr(base)).stdout).commands;
    assert.deepEqual(all.slice(0, 3), [OLD_EMPTY, NEW_UNOWNED, NEW_ERROR]);
  });

  it('takes the base from GITHUB_BASE_REF when the payload has none', () => {
    const { repo } = pullRequestRepo();
    const r = runAction(repo, {}, { name: 'pull_request', baseRef: 'main', payload: {} });
    assert.deepEqual(commands(r.stdout).commands.slice(0, 2), [NEW_UNOWNED, NEW_ERROR]);
  });

  it('on a push (no base), annotates every finding', () => {
    const { repo } = pullRequestRepo();
    const r = runAction(repo, {}, { name: 'push', payload: { ref: 'refs/heads/main', before: '0'.repeat(40), after: git(repo, 'rev-parse', 'HEAD') } });
    assert.equal(r.status, 1);
    assert.deepEqual(commands(r.stdout).commands.slice(0, 3), [OLD_EMPTY, NEW_UNOWNED, NEW_ERROR]);
  });

  it('when the base is not in the clone (a shallow checkout), annotates every finding and says why', () => {
    const { repo } = pullRequestRepo();
    // As actions/checkout leaves it by default: the merge commit, no base branch, no base commit.
    git(repo, 'branch', '-D', 'main', 'feature');
    const r = runAction(repo, {}, pr('f'.repeat(40)));
    const cmds = commands(r.stdout).commands;
    assert.deepEqual(cmds.slice(0, 4), [
      OLD_EMPTY,
      NEW_UNOWNED,
      NEW_ERROR,
      '::notice title=charter::Charter could not compare with the base of this pull request (with actions/checkout, set fetch-depth: 0), so every finding is annotated, not only those on changed lines.',
    ]);
    assert.equal(r.status, 1);
  });

  it('in a working-directory, with a baseline, max-warnings and SARIF: repository paths, held findings hidden, a valid SARIF file', () => {
    const { repo, base } = pullRequestRepo('product/');
    // The team's baseline holds the old finding (written by the checker, committed with the base).
    const cli = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'check', '--update-baseline', 'docs/checkout.prd.md'], {
      cwd: path.join(repo, 'product'),
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, cli.stderr);
    fs.rmSync(path.join(repo, 'product', ODD));
    const r = runAction(
      repo,
      { 'working-directory': 'product', baseline: '.charter-baseline.json', 'max-warnings': '0', sarif: 'results/charter.sarif', annotate: 'all' },
      pr(base),
    );
    assert.equal(r.status, 1, 'one new warning, more than max-warnings 0');
    assert.deepEqual(commands(r.stdout).commands, [
      NEW_UNOWNED.replace('file=docs/', 'file=product/docs/'),
      '::group::Charter: 1 finding not in the baseline',
      '::endgroup::',
      '::error title=charter::Charter found 1 warning, more than max-warnings 0',
    ]);
    assert.equal(r.outputs.baselined, '1');
    assert.equal(r.outputs['sarif-file'], path.join(repo, 'results/charter.sarif'));
    const sarif = JSON.parse(fs.readFileSync(r.outputs['sarif-file'], 'utf8'));
    assert.deepEqual(validateSarif(sarif), []);
    const results = sarif.runs[0].results as { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    assert.deepEqual(
      results.map((x) => `${x.ruleId} ${x.locations[0].physicalLocation.artifactLocation.uri} ${x.suppressions ? 'suppressed' : 'new'}`),
      ['empty-section product/docs/checkout.prd.md suppressed', 'unowned-decision product/docs/decision-log.md new'],
    );
    // Within the limit it passes.
    const ok = runAction(repo, { 'working-directory': 'product', baseline: '.charter-baseline.json', 'max-warnings': '1' }, pr(base));
    assert.equal(ok.status, 0, ok.stdout);
    assert.deepEqual(commands(ok.stdout).commands, [NEW_UNOWNED.replace('file=docs/', 'file=product/docs/'), '::group::Charter: 1 finding not in the baseline', '::endgroup::']);
  });

  it('stops with exit code 2 and one error on bad inputs, a missing baseline or an invalid configuration', () => {
    const { repo, base } = pullRequestRepo();
    const cases: [Record<string, string>, string][] = [
      [{ annotate: 'everything' }, '::error title=charter::charter: the input annotate must be changed-lines, changed-files or all, not "everything"'],
      [{ 'max-warnings': 'some' }, '::error title=charter::charter: the input max-warnings must be a whole number, not "some"'],
      [
        { baseline: 'ci/baseline.json' },
        '::error title=charter::charter: the baseline ci/baseline.json does not exist (create it with charter check --update-baseline, and commit it)',
      ],
      [{ 'working-directory': 'nowhere' }, '::error title=charter::charter: the working-directory nowhere is not a folder'],
      [{ paths: 'docs/missing.md' }, '::error title=charter::charter: docs/missing.md does not exist'],
    ];
    for (const [inputs, line] of cases) {
      const r = runAction(repo, inputs, pr(base));
      assert.equal(r.status, 2, JSON.stringify(inputs));
      assert.deepEqual(commands(r.stdout).commands, [line]);
    }
    fs.writeFileSync(path.join(repo, '.charter.yaml'), 'rules:\n  no-such-rule: error\n');
    const bad = runAction(repo, {}, pr(base));
    assert.equal(bad.status, 2);
    const out = commands(bad.stdout);
    assert.deepEqual(out.commands, ['::error title=charter::charter: invalid configuration in .charter.yaml: 1 problem (fix the lines above)']);
    assert.match(out.quoted.join('\n'), /^\.charter\.yaml:2:3 error invalid-config /);
  });

  it('checks only the paths given, one a line or separated by spaces', () => {
    const { repo, base } = pullRequestRepo();
    const r = runAction(repo, { paths: 'docs/decision-log.md\ndocs/checkout.prd.md', annotate: 'all' }, pr(base));
    assert.equal(r.status, 0);
    assert.deepEqual(commands(r.stdout).commands.slice(0, 2), [OLD_EMPTY, NEW_UNOWNED]);
    assert.deepEqual(r.outputs.errors, '0');
  });
});
