/**
 * The pre-commit hook (.pre-commit-hooks.yaml, `id: charter`) with Debian's `pre-commit`, as a
 * team uses it: a temporary git repository whose .pre-commit-config.yaml points `repo:` at
 * this repository (its working tree, committed into a temporary clone: what a fresh clone's
 * HEAD holds) and `rev:` at that commit; `pre-commit install`; a commit of a bad PRD is refused
 * with the finding shown, the fixed one passes. pre-commit installs Charter the way it installs
 * every node hook (npm install, npm pack, npm install -g: the prepare script builds dist/), once,
 * in a PRE_COMMIT_HOME of the test's own, used by both commits.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { need } from '../support/requirements';
import { REPO, Temps, withEnv, writeFiles } from './helpers';

const temps = new Temps();
after(() => temps.removeAll());

const BAD_PRD = '---\nowner: Dana Lee\n---\n# Checkout\n\n## Why\n\nCustomers abandon the cart.\n\n## What\n\nTBD\n';
const GOOD_PRD = BAD_PRD.replace('TBD', 'A one-page checkout.');

describe('pre-commit hook (.pre-commit-hooks.yaml)', function () {
  // Installing the hook's environment (npm install of Charter's dependencies) takes a minute or two.
  this.timeout(600_000);
  let env: NodeJS.ProcessEnv;
  let repo: string;

  const run = (cmd: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> => {
    const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw r.error;
    return r;
  };
  const ok = (r: SpawnSyncReturns<string>, what: string) => assert.equal(r.status, 0, `${what} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  const git = (cwd: string, ...args: string[]) => {
    const r = run('git', args, cwd);
    ok(r, `git ${args.join(' ')}`);
    return r.stdout.trim();
  };

  before(function () {
    need(this, 'pre-commit');
    const home = temps.make('pre-commit-home');
    // A git of the test's own: no global hooks, signing or templates of the machine's.
    const gitconfig = path.join(home, 'gitconfig');
    fs.writeFileSync(gitconfig, '[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n');
    env = withEnv(process.env, {
      PRE_COMMIT_HOME: path.join(home, 'cache'),
      GIT_CONFIG_GLOBAL: gitconfig,
      GIT_CONFIG_NOSYSTEM: '1',
      PRE_COMMIT_COLOR: 'never',
      NO_COLOR: '1',
      GIT_DIR: undefined,
      GIT_WORK_TREE: undefined,
      GIT_INDEX_FILE: undefined,
    });

    // The hook's repository: this working tree as it would be committed (tracked and new files,
    // never what .gitignore leaves out: no node_modules, no dist/), in a clone of its own.
    const source = temps.make('pre-commit-source');
    const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO);
    ok(listed, 'git ls-files in the repository (the test needs a git checkout of Charter)');
    for (const rel of listed.stdout.split('\0').filter(Boolean)) {
      const from = path.join(REPO, rel);
      if (!fs.existsSync(from) || !fs.lstatSync(from).isFile()) continue; // deleted, or a link
      fs.mkdirSync(path.dirname(path.join(source, rel)), { recursive: true });
      fs.copyFileSync(from, path.join(source, rel));
    }
    git(source, 'init', '-q');
    git(source, 'add', '-A');
    git(source, 'commit', '-qm', 'Charter as a team would fetch it');
    const rev = git(source, 'rev-parse', 'HEAD');

    repo = temps.make('pre-commit-repo');
    git(repo, 'init', '-q');
    writeFiles(repo, {
      '.pre-commit-config.yaml': `repos:\n  - repo: ${JSON.stringify(source)}\n    rev: ${rev}\n    hooks:\n      - id: charter\n`,
      'README.md': '# A product repository\n',
    });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'pre-commit configuration');
    ok(run('pre-commit', ['install'], repo), 'pre-commit install');
    // Once for both commits below: the node environment with Charter built and installed.
    ok(run('pre-commit', ['install-hooks'], repo, 540_000), 'pre-commit install-hooks');
  });

  it('refuses a commit of a PRD with an empty section, showing the finding', () => {
    const head = git(repo, 'rev-parse', 'HEAD');
    writeFiles(repo, { 'docs/checkout.prd.md': BAD_PRD });
    git(repo, 'add', '-A');
    const r = run('git', ['commit', '-m', 'Add the checkout PRD'], repo);
    const out = r.stdout + r.stderr;
    assert.notEqual(r.status, 0, `the commit went through:\n${out}`);
    assert.match(out, /charter check\.+Failed/);
    assert.match(out, /^docs\/checkout\.prd\.md:10:1 warning empty-section Section "What" is empty: it holds only the placeholder "TBD"$/m);
    assert.match(out, /^charter: 1 warning, more than --max-warnings 0$/m);
    assert.equal(git(repo, 'rev-parse', 'HEAD'), head, 'no commit was made');
  });

  it('lets the fixed PRD through', () => {
    writeFiles(repo, { 'docs/checkout.prd.md': GOOD_PRD, 'notes.md': '# Notes\n\nNot a document.\n' });
    git(repo, 'add', '-A');
    const r = run('git', ['commit', '-m', 'Add the checkout PRD'], repo);
    const out = r.stdout + r.stderr;
    ok(r, `git commit:\n${out}`);
    assert.match(out, /charter check\.+Passed/);
    assert.equal(git(repo, 'log', '-1', '--format=%s'), 'Add the checkout PRD');
    assert.deepEqual(git(repo, 'show', '--name-only', '--format=', 'HEAD').split('\n').sort(), ['docs/checkout.prd.md', 'notes.md']);
  });
});
