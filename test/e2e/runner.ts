/**
 * End-to-end test runner: runs an extension's mocha suite inside a real VS Code (code-server
 * 4.100.3 = VS Code 1.100.3) driven by Debian's chromium through playwright-core. See
 * shared/E2E.md and test/e2e/README.md.
 *
 *   bash scripts/install-e2e.sh          # once: apt packages + .vscode-test/code-server/
 *   npx tsx test/e2e/runner.ts --extension <dir> --tests <abs path of compiled tests index.js>
 *       --workspace <fixture dir> [--timeout <ms>] [--screenshots <dir>] [--verbose] [--keep]
 *
 * The process exits with the suite's code (0 = all passed); a timeout, a crash of code-server
 * or of the page, or a bad argument exits non-zero too.
 *
 * code-server and playwright-core are loaded from .vscode-test/code-server/ (or from
 * $CHARTER_E2E_HOST), never from the repo's own node_modules: they are not dependencies of
 * the extension.
 *
 * Screenshot handshake: a test prints a line `CHARTER_SCREENSHOT <name> <done-file>`; the
 * runner saves a screenshot of the page to <screenshots dir>/<name>.png (default
 * docs/images/) and then writes <done-file>, which the test waits for. test/e2e/screenshot.ts
 * is a helper for the tests' side.
 *
 * The helpers that set up and tear down a run (sandbox folders, code-server, chromium) are
 * exported for other drivers (test/e2e/ui.ts); importing this module does not run the CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { parseArgs } from 'node:util';

// ---------------------------------------------------------------------------------------------
// The few playwright-core types used here (its package is not in the repo's node_modules).
export interface PwConsoleMessage {
  type(): string;
  text(): string;
}
export interface PwPage {
  exposeFunction(name: string, callback: (...args: any[]) => unknown): Promise<unknown>;
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit'; timeout?: number }): Promise<unknown>;
  screenshot(options?: { path?: string; fullPage?: boolean; animations?: 'disabled' | 'allow' }): Promise<Buffer>;
  on(event: 'console', listener: (msg: PwConsoleMessage) => void): unknown;
  on(event: 'pageerror', listener: (err: Error) => void): unknown;
  on(event: 'crash' | 'close', listener: () => void): unknown;
}
export interface PwBrowser {
  newContext(options?: { viewport?: { width: number; height: number } }): Promise<{ newPage(): Promise<PwPage> }>;
  close(): Promise<void>;
}
export interface PwChromium {
  launch(options: { executablePath: string; headless: boolean; args: string[]; timeout?: number; env?: NodeJS.ProcessEnv }): Promise<PwBrowser>;
}

// ---------------------------------------------------------------------------------------------
export const SCREENSHOT_MARKER = 'CHARTER_SCREENSHOT';
const MARKER_RE = new RegExp(`${SCREENSHOT_MARKER} ([A-Za-z0-9][A-Za-z0-9._-]*) (\\S.*?)\\s*$`, 'gm');

/** Lines the web workbench logs on every run (through codeAutomationLog too); shown with --verbose only. */
const WORKBENCH_NOISE = [
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Updating additional builtin extensions cache/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(renderer-/,
  /^\[Service Worker\] registered/,
  /^ChatSessionStore: /,
  /^Creation of workbench contribution '.*' took \d+ms/,
];

export const CHROMIUM = process.env.CHARTER_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

interface Options {
  extension: string;
  tests: string;
  workspace: string;
  timeout: number;
  screenshots: string;
  verbose: boolean;
  keep: boolean;
}

const USAGE =
  'usage: tsx test/e2e/runner.ts --extension <dir> --tests <compiled tests index.js> --workspace <fixture dir>\n' +
  '                              [--timeout <ms>=300000] [--screenshots <dir>=docs/images] [--verbose] [--keep]';

function fail(message: string): never {
  process.stderr.write(`e2e: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions(argv: string[], repoRoot: string): Options {
  let values: Partial<Record<'extension' | 'tests' | 'workspace' | 'timeout' | 'screenshots', string>> & { verbose?: boolean; keep?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        extension: { type: 'string' },
        tests: { type: 'string' },
        workspace: { type: 'string' },
        timeout: { type: 'string' },
        screenshots: { type: 'string' },
        verbose: { type: 'boolean' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    fail((e as Error).message.split('\n')[0]);
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const need = (name: 'extension' | 'tests' | 'workspace'): string => values[name] ?? fail(`--${name} is required`);
  const opts: Options = {
    extension: path.resolve(need('extension')),
    tests: path.resolve(need('tests')),
    workspace: path.resolve(need('workspace')),
    timeout: Number(values.timeout ?? 300_000),
    screenshots: path.resolve(values.screenshots ?? path.join(repoRoot, 'docs', 'images')),
    verbose: Boolean(values.verbose),
    keep: Boolean(values.keep),
  };
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) fail('--timeout must be a positive number of ms');
  if (!fs.existsSync(path.join(opts.extension, 'package.json'))) fail(`no package.json in --extension ${opts.extension}`);
  if (!fs.statSync(opts.tests, { throwIfNoEntry: false })?.isFile()) fail(`--tests ${opts.tests} is not a file (build the tests first?)`);
  if (!fs.statSync(opts.workspace, { throwIfNoEntry: false })?.isDirectory()) fail(`--workspace ${opts.workspace} is not a folder`);
  return opts;
}

/** The repo root: the nearest folder above this file (or the cwd) with a package.json and .vscode-test or .git. */
export function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json')) && (fs.existsSync(path.join(dir, '.vscode-test')) || fs.existsSync(path.join(dir, '.git')))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  return process.cwd();
}

/** Where code-server and playwright-core are installed: $CHARTER_E2E_HOST or <repo>/.vscode-test/code-server. */
export function hostDir(repoRoot: string): string {
  return path.resolve(process.env.CHARTER_E2E_HOST ?? path.join(repoRoot, '.vscode-test', 'code-server'));
}

/** Why the host folder cannot be used (undefined when code-server and playwright-core are there). */
export function hostProblem(host: string): string | undefined {
  if (!fs.existsSync(codeServerEntry(host)) || !fs.existsSync(path.join(host, 'node_modules', 'playwright-core', 'package.json'))) {
    return `code-server / playwright-core not found in ${host}: run \`bash scripts/install-e2e.sh\` first`;
  }
  return undefined;
}

/** code-server's entry point (run with this Node). */
export function codeServerEntry(host: string): string {
  return path.join(host, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** playwright-core's chromium, loaded from the host folder. */
export function loadChromium(host: string): PwChromium {
  const hostRequire = createRequire(path.join(host, 'package.json'));
  return (hostRequire('playwright-core') as { chromium: PwChromium }).chromium;
}

function findHost(repoRoot: string): string {
  const host = hostDir(repoRoot);
  const problem = hostProblem(host);
  if (problem) fail(problem);
  return host;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function healthz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A vscode-remote URI for an absolute path, with the page's own authority. */
export function remoteUri(authority: string, absPath: string): string {
  return `vscode-remote://${authority}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

function log(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

export function tailFile(file: string, n = 60): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

// ---------------------------------------------------------------------------------------------
// A run's sandbox and code-server.

/** A run's temp folder: user data, extensions, empty config, private HOME/XDG, code-server's log. */
export interface Sandbox {
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  configFile: string;
  serverLog: string;
  /** HOME and XDG_* pointing into tmp, for code-server, its extension host and chromium. */
  isolatedHome: { HOME: string; XDG_CONFIG_HOME: string; XDG_DATA_HOME: string; XDG_CACHE_HOME: string };
}

/**
 * Makes a temp folder with everything a run needs, including the user settings
 * (files.autoSave off, no start-up editor, telemetry off).
 */
export function createSandbox(prefix = 'charter-e2e-'): Sandbox {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const configFile = path.join(tmp, 'config.yaml');
  const xdg = path.join(tmp, 'xdg');
  const serverLog = path.join(tmp, 'code-server.log');
  const home = path.join(tmp, 'home');
  // A private HOME and XDG folders: code-server, its extension host and chromium write there
  // (config, logs, device id, crash reports) instead of into the real home folder.
  const isolatedHome = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, home, ...Object.values(isolatedHome)]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.writeFileSync(configFile, '');
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'files.autoSave': 'off',
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.enableExperiments': false,
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
  return { tmp, userDataDir, extensionsDir, configFile, serverLog, isolatedHome };
}

/** Copies a fixture folder to <tmp>/workspace/<its name>/ and returns the copy's path. */
export function copyWorkspace(sandbox: Sandbox, fixture: string): string {
  const workspace = path.join(sandbox.tmp, 'workspace', path.basename(fixture));
  fs.cpSync(fixture, workspace, { recursive: true });
  return workspace;
}

/** The environment code-server runs with: ours, the sandbox's HOME/XDG, no gallery, `extra`. */
export function codeServerEnv(sandbox: Sandbox, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...sandbox.isolatedHome,
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
  // Inside a VS Code terminal, code-server would otherwise hand the folder to that VS Code.
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  }
  return env;
}

/** A code-server started by startCodeServer, detached in its own process group. */
export interface CodeServer {
  process: ChildProcess;
  pid: number | undefined;
  port: number;
  /** host:port, as the page's URL and vscode-remote URIs must use it. */
  authority: string;
  /** Resolves (with why) when code-server exits or fails to start. */
  exited: Promise<string>;
  /** Waits for GET /healthz = 200; throws (with the log's tail) if it exits first or times out. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  /** Kills the process group at once (for signal and exit handlers). */
  killNow(): void;
  /** SIGTERM to the process group, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** Spawns code-server on a free port of 127.0.0.1 (returns at once; then call waitHealthy). */
export async function startCodeServer(o: { host: string; sandbox: Sandbox; env?: NodeJS.ProcessEnv }): Promise<CodeServer> {
  const { host, sandbox } = o;
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const env = codeServerEnv(sandbox, o.env);
  const out = fs.openSync(sandbox.serverLog, 'a');
  const child = spawn(
    process.execPath,
    [
      codeServerEntry(host),
      '--auth',
      'none',
      '--bind-addr',
      authority,
      '--config',
      sandbox.configFile,
      '--user-data-dir',
      sandbox.userDataDir,
      '--extensions-dir',
      sandbox.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { cwd: sandbox.tmp, env, detached: true, stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  let serverExited: ((why: string) => void) | undefined;
  const exited = new Promise<string>((resolve) => {
    serverExited = resolve;
  });
  child.on('exit', (c, s) => serverExited?.(`code-server exited (${s ?? c})`));
  child.on('error', (e) => serverExited?.(`code-server failed to start: ${e.message}`));
  let exitedEarly: string | undefined;
  void exited.then((why) => {
    exitedEarly = why;
  });
  const pgid = child.pid;
  const alive = () => {
    if (pgid === undefined) return false;
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    process: child,
    pid: pgid,
    port,
    authority,
    exited,
    async waitHealthy(timeoutMs = 60_000) {
      const healthDeadline = Date.now() + timeoutMs;
      while ((await healthz(port)) !== 200) {
        if (exitedEarly) throw new Error(`${exitedEarly} before it was healthy:\n${tailFile(sandbox.serverLog)}`);
        if (Date.now() > healthDeadline) throw new Error(`code-server not healthy after ${timeoutMs / 1000} s:\n${tailFile(sandbox.serverLog)}`);
        await sleep(200);
      }
    },
    killNow() {
      if (pgid === undefined) return;
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    },
    async stop() {
      // Kill the whole process group: code-server's file watcher and extension host outlive it otherwise.
      if (pgid === undefined) return;
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        /* gone */
      }
      for (let i = 0; i < 50 && alive(); i++) await sleep(100);
      if (alive()) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    },
  };
}

/** Headless chromium (Debian's, through playwright-core) with the sandbox's HOME/XDG. */
export function launchChromium(chromium: PwChromium, sandbox: Sandbox): Promise<PwBrowser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
    env: { ...process.env, ...sandbox.isolatedHome },
  });
}

// ---------------------------------------------------------------------------------------------
async function main(): Promise<number> {
  const t0 = Date.now();
  const repoRoot = findRepoRoot();
  const opts = parseOptions(process.argv.slice(2), repoRoot);
  const host = findHost(repoRoot);
  const chromium = loadChromium(host);
  const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

  const sandbox = createSandbox();
  const { tmp, serverLog } = sandbox;
  const workspace = copyWorkspace(sandbox, opts.workspace);

  let server: CodeServer | undefined;
  let browser: PwBrowser | undefined;

  const killServer = () => server?.killNow();
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping`);
    killServer();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', killServer);

  let code: number;
  let suiteCode: number | undefined;
  try {
    // ---- code-server
    server = await startCodeServer({
      host,
      sandbox,
      env: { CHARTER_E2E: '1', CHARTER_E2E_WORKSPACE: workspace, CHARTER_E2E_FIXTURE: opts.workspace },
    });
    const { authority } = server;
    const serverExit = server.exited;
    log(`code-server pid ${server.pid} on http://${authority} (tmp ${tmp})`);
    await server.waitHealthy();
    log(`code-server healthy after ${since()}`);

    // ---- chromium
    browser = await launchChromium(chromium, sandbox);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    let resolveExit: (c: number) => void = () => {};
    const suiteExit = new Promise<number>((r) => {
      resolveExit = r;
    });

    // Screenshot handshake; screenshots are taken one at a time, in the order asked.
    const handled = new Set<string>();
    let shots: Promise<void> = Promise.resolve();
    const scanForMarkers = (text: string) => {
      if (!text.includes(SCREENSHOT_MARKER)) return;
      for (const m of text.matchAll(MARKER_RE)) {
        const [, name, doneFile] = m;
        if (handled.has(doneFile)) continue;
        handled.add(doneFile);
        shots = shots.then(async () => {
          const file = path.join(opts.screenshots, `${name}.png`);
          let status = `ok ${file}`;
          try {
            fs.mkdirSync(opts.screenshots, { recursive: true });
            await page.screenshot({ path: file, animations: 'disabled' });
            log(`screenshot ${path.relative(process.cwd(), file) || file}`);
          } catch (e) {
            status = `error ${(e as Error).message}`;
            log(`screenshot ${name} failed: ${(e as Error).message}`);
          }
          try {
            fs.writeFileSync(doneFile, status + '\n');
          } catch (e) {
            log(`cannot write ${doneFile}: ${(e as Error).message}`);
          }
        });
      }
    };

    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = Array.isArray(args) ? format(...args) : typeof args === 'string' ? args : format(args);
      scanForMarkers(text);
      if (!opts.verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      const stream = type === 'error' || type === 'warn' ? process.stderr : process.stdout;
      stream.write(text.endsWith('\n') ? text : text + '\n');
    });
    await page.exposeFunction('codeAutomationExit', async (exitCode: number, logs?: Array<{ relativePath: string; contents: string }>) => {
      if (exitCode !== 0 && Array.isArray(logs) && logs.length > 0) {
        const dir = path.join(repoRoot, '.vscode-test', 'logs', new Date().toISOString().replace(/[:.]/g, '-'));
        for (const l of logs) {
          const f = path.join(dir, l.relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, l.contents);
        }
        log(`VS Code logs saved in ${dir}`);
      }
      resolveExit(exitCode);
    });
    let pageGone: ((why: string) => void) | undefined;
    const pageFailed = new Promise<string>((r) => {
      pageGone = r;
    });
    page.on('crash', () => pageGone?.('the page crashed'));
    page.on('pageerror', (err) => {
      if (opts.verbose) log(`page error: ${err.message}`);
    });
    page.on('console', (msg) => {
      // The page's own console; markers may arrive here too (deduplicated by done-file).
      const text = msg.text();
      scanForMarkers(text);
      if (opts.verbose) log(`console.${msg.type()}: ${text}`);
    });

    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remoteUri(authority, opts.extension)],
      ['extensionTestsPath', remoteUri(authority, opts.tests)],
    ]);
    const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
    if (opts.verbose) log(`open ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    log(`workbench opened after ${since()}; running ${path.relative(process.cwd(), opts.tests) || opts.tests}`);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<string>((r) => {
      timer = setTimeout(() => r(`timed out after ${opts.timeout} ms`), opts.timeout);
    });
    const result = await Promise.race([suiteExit, timedOut, serverExit, pageFailed]);
    clearTimeout(timer);
    await shots;
    if (typeof result === 'number') {
      code = suiteCode = result;
      log(`suite exited with code ${code} after ${since()}`);
    } else {
      code = 1;
      log(`FAILED: ${result}`);
    }
  } catch (e) {
    code = 1;
    log(`FAILED: ${(e as Error).stack ?? e}`);
  } finally {
    if (opts.verbose || suiteCode === undefined) {
      const t = tailFile(serverLog, 30);
      if (t.trim()) process.stdout.write(`[e2e] last lines of code-server's log:\n${t}\n`);
    }
    await browser?.close().catch(() => {});
    await server?.stop();
    if (opts.keep) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
  return code;
}

// Run as a script (tsx test/e2e/runner.ts ...), not when imported for its helpers.
if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`e2e: ${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
