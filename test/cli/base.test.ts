/**
 * `charter check --base REV` on a real git repository built here: a record new on this branch
 * whose number the base branch gave another record is reported (naming that file), read with
 * git and nothing checked out or written; records both sides share, and a branch that merged
 * the base, are not; a revision that is not one stops the run with exit code 2.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareNumbersWithBase } from '../../server/src/cli/action';
import { loadWorkspace } from '../../server/src/node/fsWorkspace';
import { defaultConfig } from '../../server/src/core/config';
import { checkWorkspace } from '../../server/src/core/analyze';
import { charter, ensureBuilt, git, hashTree, json, Temps, writeFiles, type JsonReport } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const record = (n: number, title: string) =>
  `# ${n}. ${title}\n\nDate: 2025-0${n}-01\nDecision maker: Evan Mercer\n\n## Status\n\nAccepted\n\n## Context\n\nWhy ${title.toLowerCase()}.\n\n## Decision\n\n${title}.\n`;

/**
 * main: 0001, 0002, then 0003-use-nats (after the branch left); feature: 0003-use-kafka.
 * The repository may keep the documents in a folder (`prefix`); the feature branch is checked out.
 */
function branchedRepo(prefix = ''): string {
  const repo = temps.make('base');
  git(repo, 'init', '-q');
  writeFiles(repo, { [`${prefix}docs/adr/0001-record-decisions.md`]: record(1, 'Record decisions'), [`${prefix}docs/adr/0002-use-postgres.md`]: record(2, 'Use Postgres') });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'first records');
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFiles(repo, { [`${prefix}docs/adr/0003-use-kafka.md`]: record(3, 'Use Kafka') });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'feature record');
  git(repo, 'checkout', '-q', 'main');
  writeFiles(repo, { [`${prefix}docs/adr/0003-use-nats.md`]: record(3, 'Use NATS') });
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'main record');
  git(repo, 'checkout', '-q', 'feature');
  return repo;
}

/** The duplicate-number findings of a JSON report, as "path: message". */
function duplicates(report: JsonReport): string[] {
  return report.files.flatMap((f) => f.diagnostics.filter((d) => d.rule === 'duplicate-number').map((d) => `${f.path}: ${d.message}`)).sort();
}

describe('charter check --base REV', () => {
  it('reports a new record whose number the base gave another record, naming it; reads git without touching the tree', () => {
    const repo = branchedRepo();
    const before = hashTree(repo);
    const head = git(repo, 'rev-parse', 'HEAD');
    assert.deepEqual(duplicates(json(charter(['check', '-f', 'json'], repo))), [], 'no clash inside the branch');
    const r = charter(['check', '-f', 'json', '--base', 'main'], repo);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(duplicates(json(r)), ['docs/adr/0003-use-kafka.md: Number 3 is taken on main by docs/adr/0003-use-nats.md']);
    const text = charter(['check', '--base', 'main'], repo);
    assert.match(text.stdout, /^docs\/adr\/0003-use-kafka\.md:1:1 warning duplicate-number Number 3 is taken on main by docs\/adr\/0003-use-nats\.md$/m);
    // Nothing checked out, nothing written.
    assert.deepEqual(hashTree(repo), before);
    assert.equal(git(repo, 'rev-parse', 'HEAD'), head);
    assert.equal(git(repo, 'status', '--porcelain'), '');
    // A commit works as well as a branch.
    const sha = git(repo, 'rev-parse', 'main');
    assert.deepEqual(duplicates(json(charter(['check', '-f', 'json', '--base', sha], repo))), [
      `docs/adr/0003-use-kafka.md: Number 3 is taken on ${sha} by docs/adr/0003-use-nats.md`,
    ]);
  });

  it('says nothing of records the base has too, and reports the clash locally once the base is merged', () => {
    const repo = branchedRepo();
    git(repo, 'merge', '-q', '--no-edit', 'main');
    const r = charter(['check', '-f', 'json', '--base', 'main'], repo);
    assert.deepEqual(duplicates(json(r)), [
      'docs/adr/0003-use-kafka.md: Number 3 is also the number of docs/adr/0003-use-nats.md',
      'docs/adr/0003-use-nats.md: Number 3 is also the number of docs/adr/0003-use-kafka.md',
    ]);
    // Renumbered on the branch: clean against the base.
    git(repo, 'mv', 'docs/adr/0003-use-kafka.md', 'docs/adr/0004-use-kafka.md');
    fs.writeFileSync(path.join(repo, 'docs/adr/0004-use-kafka.md'), record(4, 'Use Kafka'));
    assert.deepEqual(duplicates(json(charter(['check', '-f', 'json', '--base', 'main'], repo))), []);
  });

  it('reads the base from a root inside the repository', () => {
    const repo = branchedRepo('handbook/');
    const r = charter(['check', '-f', 'json', '--root', 'handbook', '--base', 'main'], repo);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(duplicates(json(r)), ['docs/adr/0003-use-kafka.md: Number 3 is taken on main by docs/adr/0003-use-nats.md']);
  });

  it('stops with exit code 2 on a revision that is not one, outside a repository, or with another command', () => {
    const repo = branchedRepo();
    const before = hashTree(repo);
    for (const [args, message] of [
      [['--base', 'no-such-branch'], /--base no-such-branch: "no-such-branch" is not a commit of the repository/],
      [['--base=--output=x'], /"--output=x" is not a revision/],
      [['--base', ''], /--base needs a revision/],
    ] as const) {
      const r = charter(['check', ...args], repo);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.deepEqual(hashTree(repo), before, 'nothing written');
    const plain = temps.make('nogit');
    writeFiles(plain, { 'docs/adr/0001-a.md': record(1, 'A') });
    const r = charter(['check', '--base', 'main'], plain);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /is not in a git repository/);
    assert.equal(charter(['owners', '--base', 'main'], repo).status, 2);
    assert.equal(charter(['init', '--base', 'main'], repo).status, 2);
  });
});

describe("the GitHub Action compares numbers with the pull request's base branch", () => {
  it("reads GITHUB_BASE_REF (origin's branch, else the local one), and says when it cannot", async () => {
    const repo = branchedRepo();
    const ws = await loadWorkspace(repo, defaultConfig());
    const said: string[] = [];
    const log = { err: (s: string) => void said.push(s) };
    compareNumbersWithBase(repo, { GITHUB_BASE_REF: 'main' }, ws.index, log);
    assert.deepEqual(said, []);
    assert.equal(ws.index.baseName, 'main');
    const kafka = ws.index.documents.get('docs/adr/0003-use-kafka.md')!;
    assert.deepEqual(
      checkWorkspace(kafka, ws.index)
        .filter((d) => d.rule === 'duplicate-number')
        .map((d) => d.message),
      ['Number 3 is taken on main by docs/adr/0003-use-nats.md'],
    );
    // A shallow clone without the base branch: a line says so, and nothing is compared.
    git(repo, 'branch', '-D', 'main');
    const other = await loadWorkspace(repo, defaultConfig());
    compareNumbersWithBase(repo, { GITHUB_BASE_REF: 'main' }, other.index, log);
    assert.equal(other.index.baseRecords, undefined);
    assert.match(said.join(''), /could not read the base branch main/);
    // No base branch (a push): git is not asked.
    compareNumbersWithBase(repo, {}, other.index, log);
    assert.equal(said.length, 1);
  });
});
