/**
 * `--output-file FILE` (`-o`): the report goes to FILE instead of standard output, in every
 * format of `check` and `owners`, with the same exit code; a folder that does not exist, or a
 * FILE that is a folder, is a usage error before anything is read or written.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { charter, ensureBuilt, hashTree, Temps } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const CASES: [string, string][] = [
  ['check', 'text'],
  ['check', 'json'],
  ['check', 'sarif'],
  ['check', 'github'],
  ['owners', 'table'],
  ['owners', 'markdown'],
  ['owners', 'json'],
  ['owners', 'html'],
];

describe('--output-file', () => {
  it('writes the report to the file, exactly what standard output would get, for every format', function () {
    this.timeout(120_000);
    const ws = temps.fixture('findings');
    const out = temps.make('out');
    const env = { GITHUB_WORKSPACE: undefined };
    for (const [command, format] of CASES) {
      const plain = charter([command, '--format', format], ws, undefined, env);
      const file = path.join(out, `${command}.${format}`);
      const r = charter([command, '--format', format, '--output-file', file], ws, undefined, env);
      assert.equal(r.status, plain.status, `${command} ${format}: exit code`);
      assert.equal(r.stdout, '', `${command} ${format}: nothing on standard output`);
      assert.equal(r.stderr, plain.stderr, `${command} ${format}: standard error`);
      assert.ok(plain.stdout.length > 10);
      assert.equal(fs.readFileSync(file, 'utf8'), plain.stdout, `${command} ${format}: the file's content`);
    }
  });

  it('takes -o and a path relative to the current folder, and replaces an existing file', () => {
    const ws = temps.fixture('findings');
    fs.mkdirSync(path.join(ws, 'reports'));
    fs.writeFileSync(path.join(ws, 'reports/charter.sarif'), 'old');
    const r = charter(['check', '-f', 'sarif', '-o', 'reports/charter.sarif'], ws);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(path.join(ws, 'reports/charter.sarif'), 'utf8')).version, '2.1.0');
  });

  it('refuses a folder that does not exist, or a folder as the file, before writing anything', () => {
    const ws = temps.fixture('findings');
    fs.mkdirSync(path.join(ws, 'reports'));
    const before = hashTree(ws);
    const missing = charter(['check', '--output-file', 'no/such/report.txt'], ws);
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr, 'charter: --output-file no/such/report.txt: the folder no/such does not exist\n');
    const folder = charter(['owners', '-o', 'reports'], ws);
    assert.equal(folder.status, 2);
    assert.equal(folder.stderr, 'charter: --output-file reports is a folder\n');
    const empty = charter(['check', '--output-file='], ws);
    assert.equal(empty.status, 2);
    assert.equal(empty.stderr, 'charter: --output-file needs a file name\n');
    assert.deepEqual(hashTree(ws), before);
  });
});
