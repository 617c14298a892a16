/**
 * Helpers for the end-to-end tests of the command-line checker: every test spawns the real
 * bundle (`node dist/cli.js …`) with a timeout, in a temporary workspace that is removed
 * afterwards.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');
/** The shared corpora, beside the repository (../shared/corpora). */
export { CORPORA } from '../support/requirements';

/** Every run is bounded: a hang is a failure, not a stuck test run. */
export const RUN_TIMEOUT_MS = 20_000;

/** The bundled server (one build writes it with the checker). */
export const SERVER = path.join(REPO, 'dist', 'server.js');

/** Builds the bundles once if the checker's or the server's is missing (`npm test` builds them first). */
export function ensureBuilt(): void {
  if (fs.existsSync(CLI) && fs.existsSync(SERVER)) return;
  const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0 || !fs.existsSync(CLI) || !fs.existsSync(SERVER)) throw new Error(`building dist/ failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

/** Runs `node dist/cli.js …args` in cwd, bounded by a timeout (`env`: variables added or, when undefined, removed). */
export function charter(args: string[], cwd: string, timeoutMs = RUN_TIMEOUT_MS, env: Record<string, string | undefined> = {}): Run {
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withEnv({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, env),
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (r.error && !timedOut) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut, ms: Date.now() - started };
}

/** An environment with variables set, or removed where the value is undefined. */
export function withEnv(base: NodeJS.ProcessEnv, changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** git without the machine's configuration (no global hooks, templates or signing), for tests that build a repository. */
export const GIT_ENV = withEnv(process.env, { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined });

/** Runs git in `cwd` as a fixed test author on `main`; fails the test when git does; returns its output, trimmed. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: GIT_ENV,
  });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** The run finished in time, did not crash, and exited 0 or 1. */
export function assertNoCrash(r: Run, what = 'charter'): void {
  assert.equal(r.timedOut, false, `${what} did not finish within the time limit`);
  assert.equal(r.signal, null, `${what} was killed by ${r.signal}`);
  assert.doesNotMatch(r.stderr, /internal error/i, `${what} reported an internal error:\n${r.stderr}`);
  assert.ok(r.status === 0 || r.status === 1, `${what} exited ${r.status}, expected 0 or 1:\n${r.stderr}`);
}

/** Parses stdout as JSON, with the output in the failure message when it is not. */
export function json<T = any>(r: Run): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch (e) {
    throw new Error(`stdout is not JSON (${(e as Error).message}); exit ${r.status}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`, { cause: e });
  }
}

/** Non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** Temporary folders made by a test file; remove them with {@link removeTemps}. */
export class Temps {
  private readonly dirs: string[] = [];

  /** A new empty folder under the system's temporary folder. */
  make(label = 'ws'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `charter-cli-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** A fresh copy of a fixture workspace from test/fixtures/cli. */
  fixture(name: string): string {
    const dir = this.make(name);
    fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
    return dir;
  }

  removeAll(): void {
    for (const d of this.dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** Writes files (text or bytes) under a root, making folders as needed. */
export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/**
 * A fingerprint of everything under a root, without following symbolic links: every
 * file's content hash and mode, every link's target, every folder.
 */
export function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (abs: string, rel: string) => {
    const st = fs.lstatSync(abs);
    if (st.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(abs)}`;
    else if (st.isDirectory()) {
      out[rel || '.'] = `dir ${st.mode.toString(8)}`;
      for (const name of fs.readdirSync(abs).sort()) visit(path.join(abs, name), rel ? `${rel}/${name}` : name);
    } else out[rel] = `file ${st.mode.toString(8)} ${st.size} ${createHash('sha256').update(fs.readFileSync(abs)).digest('hex')}`;
  };
  visit(root, '');
  return out;
}

// The documented shape of `charter check --format json`.

export interface JsonDiagnostic {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  section?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFile {
  path: string;
  kind: string;
  diagnostics: JsonDiagnostic[];
}

export interface JsonReport {
  version: number;
  files: JsonFile[];
  summary: { files: number; documents: number; errors: number; warnings: number; infos: number };
}

/** Counts findings by `rule` (or by any key function). */
export function countBy(report: JsonReport, key: (f: JsonFile, d: JsonDiagnostic) => string | undefined = (_f, d) => d.rule): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of report.files) {
    for (const d of f.diagnostics) {
      const k = key(f, d);
      if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
    }
  }
  return out;
}

/** The rules listed by `charter rules`: id and default severity, in order. */
export function listRules(cwd: string): { id: string; severity: string }[] {
  const r = charter(['rules'], cwd);
  assert.equal(r.status, 0, r.stderr);
  return lines(r.stdout).map((l) => {
    const m = /^(\S+)\s+(error|warning|info)\s+\S/.exec(l);
    assert.ok(m, `unexpected line from charter rules: ${l}`);
    return { id: m[1], severity: m[2] };
  });
}
