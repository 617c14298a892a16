/**
 * Untrusted workspaces: a full check (and a server index) of the examples opens no network
 * connection and resolves no name, and a workspace full of code that would run if anything
 * executed it — a .charter.js, node_modules, package.json scripts — runs none of it.
 *
 * Both run the real bundles with a `--require` preload (preload/nonet.cjs) that records every
 * socket, TLS, DNS, HTTP(S), fetch and child-process attempt and every module loaded from the
 * workspace. A self-test proves the trap catches what it should.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ensureBuilt, REPO, Temps, writeFiles } from '../cli/helpers';
import { TestClient } from '../server/lspClient';
import { writeResults, type Row } from './report';

const TRAP = path.join(__dirname, 'preload', 'nonet.cjs');
const temps = new Temps();
const rows: Row[] = [];

interface Attempt {
  kind: string;
  what: string;
  stack: string;
}
const readTrap = (file: string): Attempt[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Attempt)
    : [];

function trapped(
  ws: string,
  args: string[],
  extraNodeArgs: string[] = [],
  script?: string,
): { attempts: Attempt[]; ms: number; status: number | null; stdout: string; stderr: string } {
  const log = path.join(temps.make('trap'), 'attempts.jsonl');
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--require', TRAP, ...extraNodeArgs, ...(script ? ['-e', script] : [CLI, ...args])], {
    cwd: ws,
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CHARTER_TRAP_LOG: log, CHARTER_TRAP_WORKSPACE: ws, NO_COLOR: '1' },
  });
  return { attempts: readTrap(log), ms: Date.now() - started, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

async function trappedServer(ws: string): Promise<{ attempts: Attempt[]; ms: number; documents: string }> {
  const log = path.join(temps.make('trap'), 'attempts.jsonl');
  const env = { CHARTER_TRAP_LOG: process.env.CHARTER_TRAP_LOG, CHARTER_TRAP_WORKSPACE: process.env.CHARTER_TRAP_WORKSPACE };
  process.env.CHARTER_TRAP_LOG = log;
  process.env.CHARTER_TRAP_WORKSPACE = ws;
  const client = new TestClient(ws, ['--require', TRAP]);
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  const started = Date.now();
  try {
    await client.initialize();
    await client.ready(30_000);
    // Edit-time work too: open a document, ask for its fixes' basis (findings), hover the owners.
    const rel = 'docs/DECISIONS.md';
    if (fs.existsSync(path.join(ws, rel))) {
      await client.open(rel, fs.readFileSync(path.join(ws, rel), 'utf8'));
      await client.waitFor(() => client.diagnostics.get(client.uri(rel))?.version === 1, 10_000, 'the opened log');
    }
    const ms = Date.now() - started;
    return { attempts: readTrap(log), ms, documents: client.logs.find((l) => l.includes('Charter: indexed')) ?? '' };
  } finally {
    await client.stop();
  }
}

function record(name: string, where: string, ms: number, ok: boolean, sees: string): void {
  rows.push({ case: name, where, boundMs: 30_000, ms, result: ok ? 'pass' : 'fail', sees });
}
const describeAttempts = (a: Attempt[]) =>
  a.length
    ? `${a.length} attempts: ${a
        .slice(0, 3)
        .map((x) => `${x.kind}(${x.what}) at ${x.stack.split(' | ')[0]}`)
        .join('; ')}`
    : 'none';

before(function () {
  this.timeout(300_000);
  ensureBuilt();
});
after(() => {
  temps.removeAll();
  writeResults('safety', rows);
});

describe('reliability: untrusted workspaces and safety', function () {
  this.timeout(120_000);

  it('the trap itself records a connection, a DNS look-up and a workspace module (self-test)', () => {
    const ws = temps.make('self');
    writeFiles(ws, { 'mod.js': 'module.exports = 1;\n' });
    const r = trapped(
      ws,
      [],
      [],
      "require('net').connect(9,'127.0.0.1').on('error',()=>{}); require('dns').lookup('example.org',()=>{}); require('./mod.js'); try { require('https').get('https://example.org') } catch {}",
    );
    const kinds = new Set(r.attempts.map((a) => a.kind));
    const ok = kinds.has('net.connect') && kinds.has('dns.lookup') && kinds.has('module') && kinds.has('https.get');
    record('the trap records network, DNS and workspace-module attempts (self-test)', 'node --require nonet.cjs', r.ms, ok, [...kinds].join(', '));
    assert.ok(ok, `the trap missed something: ${JSON.stringify(r.attempts)}\n${r.stderr}`);
  });

  it('a full check of examples/ opens no socket and resolves no name', () => {
    const ws = temps.make('examples');
    fs.cpSync(path.join(REPO, 'examples'), ws, { recursive: true });
    const results = [trapped(ws, ['check']), trapped(ws, ['check', '--format', 'sarif']), trapped(ws, ['owners', '--format', 'json'])];
    const attempts = results.flatMap((r) => r.attempts);
    const summary = results[0].stdout.trim().split('\n').pop() ?? '';
    const ok = attempts.length === 0 && results.every((r) => r.status === 0 || r.status === 1) && /9 problems/.test(summary);
    record(
      'no network: a full check of examples/ (check, check --format sarif, owners)',
      'checker',
      Math.max(...results.map((r) => r.ms)),
      ok,
      `${summary} — network attempts: ${describeAttempts(attempts)}`,
    );
    assert.deepEqual(attempts, []);
    assert.match(summary, /9 problems/);
  });

  it('the server indexing examples/ and checking an opened document opens no socket and resolves no name', async () => {
    const ws = temps.make('examples-server');
    fs.cpSync(path.join(REPO, 'examples'), ws, { recursive: true });
    const r = await trappedServer(ws);
    // The LSP connection itself is over stdio pipes, never a socket.connect.
    const ok = r.attempts.length === 0 && /indexed 10 documents/.test(r.documents);
    record(
      'no network: the server indexing examples/ and checking an opened document',
      'server',
      r.ms,
      ok,
      `${r.documents.replace(/^Charter: /, '')} — network attempts: ${describeAttempts(r.attempts)}`,
    );
    assert.deepEqual(r.attempts, []);
    assert.match(r.documents, /indexed 10 documents/);
  });

  describe('a workspace full of code: none of it runs', () => {
    let ws: string;
    const marker = (name: string) => `require('fs').writeFileSync(require('path').join(${JSON.stringify('MARKER_DIR')}, ${JSON.stringify(name)}), 'ran');`;
    const markers = () => fs.readdirSync(path.join(ws, 'markers'));
    before(() => {
      ws = temps.make('evil');
      fs.cpSync(path.join(REPO, 'examples'), ws, { recursive: true });
      fs.mkdirSync(path.join(ws, 'markers'));
      const m = (name: string) => marker(name).replace('MARKER_DIR', path.join(ws, 'markers').replace(/\\/g, '\\\\'));
      writeFiles(ws, {
        '.charter.js': m('charter-js'),
        '.charter.cjs': m('charter-cjs'),
        '.charter.mjs': m('charter-mjs'),
        'charter.config.js': m('charter-config-js'),
        '.charterrc.js': m('charterrc-js'),
        'node_modules/evil/index.js': m('node-modules-evil'),
        'node_modules/evil/package.json': JSON.stringify({ name: 'evil', main: 'index.js', scripts: { postinstall: 'node index.js' } }),
        'node_modules/remark-parse/index.js': m('shadowed-remark-parse'),
        'node_modules/yaml/index.js': m('shadowed-yaml'),
        'node_modules/.bin/charter': `#!/bin/sh\n${'node -e "' + m('bin-charter').replace(/"/g, '\\"') + '"'}\n`,
        'package.json': JSON.stringify({
          name: 'evil-ws',
          main: 'index.js',
          charter: { plugins: ['./plugin.js'] },
          scripts: Object.fromEntries(
            ['preinstall', 'install', 'postinstall', 'prepare', 'test', 'charter', 'lint'].map((s) => [s, `node -e "${m(`script-${s}`).replace(/"/g, '\\"')}"`]),
          ),
        }),
        'index.js': m('index-js'),
        'plugin.js': m('plugin-js'),
        'docs/plugin.md':
          '---\ntype: prd\nowner: Dana\nplugins: ["../plugin.js"]\n---\n# P\n\n## Why\n\n<script>require("child_process")</script>\n\n## What\n\n```js\nrequire("../index.js")\n```\n',
        '.charter.yaml': 'kinds:\n  prd:\n    include: ["docs/prd/**/*.md", "docs/*.md"]\n',
      });
      fs.chmodSync(path.join(ws, 'node_modules/.bin/charter'), 0o755);
    });

    it('checker: no marker written, no workspace module loaded, no child process', () => {
      const results = [trapped(ws, ['check']), trapped(ws, ['owners'])];
      const attempts = results.flatMap((r) => r.attempts);
      const ran = markers();
      const ok = ran.length === 0 && attempts.length === 0 && results.every((r) => r.status === 0 || r.status === 1);
      record(
        'no workspace code: .charter.js/.cjs/.mjs, charter.config.js, node_modules (also shadowing remark-parse and yaml), package.json scripts',
        'checker',
        Math.max(...results.map((r) => r.ms)),
        ok,
        `markers written: ${ran.length ? ran.join(', ') : 'none'}; modules loaded from the workspace, sockets, child processes: ${describeAttempts(attempts)}`,
      );
      assert.deepEqual(ran, []);
      assert.deepEqual(attempts, []);
      assert.ok(
        results.every((r) => r.status === 0 || r.status === 1),
        results.map((r) => r.stderr).join('\n'),
      );
    });

    it('server: no marker written, no workspace module loaded, no child process', async () => {
      const r = await trappedServer(ws);
      const ran = markers();
      const ok = ran.length === 0 && r.attempts.length === 0 && /indexed \d+ documents/.test(r.documents);
      record(
        'no workspace code: .charter.js/.cjs/.mjs, charter.config.js, node_modules (also shadowing remark-parse and yaml), package.json scripts',
        'server',
        r.ms,
        ok,
        `markers written: ${ran.length ? ran.join(', ') : 'none'}; modules loaded from the workspace, sockets, child processes: ${describeAttempts(r.attempts)}`,
      );
      assert.deepEqual(ran, []);
      assert.deepEqual(r.attempts, []);
    });
  });
});
