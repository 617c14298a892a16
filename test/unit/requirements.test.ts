/**
 * test/support/requirements.ts: a missing resource is a skip with one line outside CI, and a
 * failure under CI=true — checked in a child mocha run of a test that needs a corpus that
 * is not there, and through the shell entry point the e2e script uses.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(__dirname, '../..');
const REQUIREMENTS = path.join(ROOT, 'test/support/requirements.ts');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MOCHA = path.join(ROOT, 'node_modules/.bin/mocha');

describe('requirements: skip with one line outside CI, fail under CI=true', function () {
  this.timeout(60000);
  let tmp: string;
  let spec: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-req-'));
    fs.mkdirSync(path.join(tmp, 'corpora', 'present'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'corpora', 'present', 'a.md'), '# A\n');
    spec = path.join(tmp, 'needs.test.ts');
    fs.writeFileSync(
      spec,
      [
        `import { requireCorpus } from ${JSON.stringify(REQUIREMENTS)};`,
        `it('reads a corpus that is there', function () { requireCorpus(this, 'present'); });`,
        `it('needs a missing corpus', function () { requireCorpus(this, 'absent'); throw new Error('ran without it'); });`,
        `it('needs it again', function () { requireCorpus(this, 'absent'); throw new Error('ran without it'); });`,
        '',
      ].join('\n'),
    );
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const run = (ci: boolean) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHARTER_CORPORA: path.join(tmp, 'corpora') };
    delete env.CI;
    if (ci) env.CI = 'true';
    return spawnSync(MOCHA, ['--no-config', '-r', 'tsx/cjs', '--reporter', 'dot', spec], { cwd: ROOT, env, encoding: 'utf8' });
  };

  it('outside CI: the tests are pending, the run passes, and one line says what is missing and how to get it', () => {
    const r = run(false);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /1 passing/);
    assert.match(r.stdout, /2 pending/);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('skipped:'));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /the absent corpus is not at .*absent\) — get it with: bash scripts\/get-corpora\.sh/);
  });

  it('under CI=true: the tests fail with that line', () => {
    const r = run(true);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /1 passing/);
    assert.match(r.stdout + r.stderr, /missing under CI=true, where nothing may be skipped: needs a missing corpus: the absent corpus is not at/);
  });

  it('the shell entry point exits 0 when all is there, 3 to skip, 1 under CI=true', () => {
    const sh = (args: string[], ci: boolean) => {
      const env: NodeJS.ProcessEnv = { ...process.env, CHARTER_CORPORA: path.join(tmp, 'corpora') };
      delete env.CI;
      if (ci) env.CI = 'true';
      return spawnSync(TSX, [REQUIREMENTS, ...args], { cwd: ROOT, env, encoding: 'utf8' });
    };
    assert.equal(sh(['corpus:present'], false).status, 0);
    const skip = sh(['--suite', 'the X suite', 'corpus:present', 'corpus:absent'], false);
    assert.equal(skip.status, 3);
    assert.match(skip.stderr, /^skipped: the X suite \(the absent corpus is not at [^\n]*\) — get it with: [^\n]+\n$/);
    assert.equal(sh(['--suite', 'the X suite', 'corpus:absent'], true).status, 1);
  });
});
