/**
 * `npm run example` works for anyone: run as an ordinary user (not root) in a clone with no
 * code-server installed and no `code` command, it prints the checker's output, then builds
 * charter.vsix and says in one short message where it is and how to open it (their own VS
 * Code, or `npm run setup` for the bundled code-server), installs nothing, and exits 0 —
 * without waiting for input.
 *
 * The clone is a copy of this working tree (tracked and new files; nothing ignored, so no
 * dist/, no .vscode-test/, no charter.vsix) with node_modules linked in. Run as root (as CI
 * does), the test runs the example as the unprivileged uid 65534 (nobody), which owns the copy.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO, charter, ensureBuilt } from './helpers';
import { readZip } from '../support/zip';

const NOBODY = 65534;

/** Whether an executable of that name is on the PATH. */
function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => {
    try {
      fs.accessSync(path.join(d || '.', cmd), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** A copy of the working tree as a fresh clone has it (plus uncommitted changes), owned by uid. */
function copyWorkingTree(to: string, uid: number | undefined): void {
  const ls = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  assert.equal(ls.status, 0, `git ls-files failed: ${ls.stderr}`);
  for (const rel of ls.stdout.split('\0').filter(Boolean)) {
    const from = path.join(REPO, rel);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(to, rel));
  }
  const modules = path.join(REPO, 'node_modules');
  const readable =
    uid === undefined || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(modules)}, 5)`], { uid, gid: uid, stdio: 'ignore' }).status === 0;
  if (readable) fs.symlinkSync(modules, path.join(to, 'node_modules'), 'dir');
  else fs.cpSync(modules, path.join(to, 'node_modules'), { recursive: true, verbatimSymlinks: true });
}

function chownTree(dir: string, uid: number): void {
  fs.lchownSync(dir, uid, uid);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chownTree(p, uid);
    else fs.lchownSync(p, uid, uid);
  }
}

describe('npm run example, as an ordinary user with no VS Code', function () {
  this.timeout(300_000);
  let tmp: string | undefined;

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the checker output, then one short next step naming the built .vsix, and exits 0', async function () {
    if (process.platform !== 'linux' && onPath('code')) {
      process.stderr.write('skipped: npm run example without VS Code (a desktop `code` is on the PATH here)\n');
      this.skip();
    }
    ensureBuilt();
    const asRoot = process.getuid?.() === 0;
    const uid = asRoot ? NOBODY : undefined;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-example-'));
    const clone = path.join(tmp, 'charter');
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    copyWorkingTree(clone, uid);
    if (uid !== undefined) chownTree(tmp, uid);

    // The user's environment: their HOME, no display (so a `code` on the PATH is not used),
    // none of the variables of the npm that runs this test (its cache is root's).
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|INIT_CWD$|DISPLAY$|WAYLAND_DISPLAY$|VSCODE_)/i.test(k)) env[k] = v;
    Object.assign(env, { HOME: home, NO_COLOR: '1', npm_config_update_notifier: 'false' });
    const started = Date.now();
    const r = spawnSync('npm', ['run', 'example'], {
      cwd: clone,
      env,
      uid,
      gid: uid,
      encoding: 'utf8',
      timeout: 240_000,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seconds = (Date.now() - started) / 1000;
    const shown = `--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
    assert.equal((r.error as NodeJS.ErrnoException | undefined)?.code, undefined, `npm run example did not finish (${r.error?.message}) after ${seconds} s:\n${shown}`);
    assert.equal(r.status, 0, `npm run example exited ${r.status}:\n${shown}`);

    // The checker's output, exactly as `charter check` prints it.
    const expected = charter(['check', '--root', path.join(clone, 'examples')], clone).stdout.trim();
    assert.match(expected, /\d+ problems? \(/);
    assert.ok(r.stdout.includes(expected), `the checker's output is printed:\n${shown}`);

    // Then one short message: where the .vsix is, how to install it, the bundled code-server.
    const vsix = path.join(clone, 'charter.vsix');
    const after = r.stdout
      .slice(r.stdout.indexOf(expected) + expected.length)
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('>'));
    assert.ok(after.length <= 6, `at most 6 lines after the checker's output, not ${after.length}:\n${after.join('\n')}`);
    const message = after.join('\n');
    assert.ok(message.includes(vsix), `the message names ${vsix}:\n${message}`);
    assert.ok(message.includes(`code --install-extension ${vsix}`), `the message says how to install it:\n${message}`);
    assert.match(message, /Install from VSIX/);
    assert.match(message, /(sudo )?npm run setup, then npm run example/);
    assert.doesNotMatch(`${r.stdout}\n${r.stderr}`, /run as root|Could not install|EACCES/i, shown);

    // The .vsix is there and is the extension; nothing was installed.
    const files = await readZip(vsix);
    assert.ok(files.has('extension/readme.md') && files.has('extension/dist/extension.js'), `charter.vsix holds the extension: ${[...files.keys()].join(', ')}`);
    assert.equal(fs.existsSync(path.join(clone, '.vscode-test')), false, 'nothing was installed into .vscode-test/');
  });
});
