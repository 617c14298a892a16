/**
 * The packaged extension, clicked through as a user would: installs charter.vsix into a fresh
 * code-server 4.100.3 (= VS Code 1.100.3), opens a copy of test/fixtures/server/team in
 * headless chromium (playwright-core), opens the Charter view from the activity bar, expands a
 * person, opens an unowned decision from the tree, opens the Problems panel, checks the
 * activity-bar badge, saves two screenshots for the README, and opens the extension's details
 * page: it must show the user README (README.vscode.md) with its pictures loaded from the
 * package. See test/e2e/README.md.
 *
 *   bash scripts/install-e2e.sh          # once
 *   npx tsx test/e2e/ui.ts [--vsix charter.vsix] [--screenshots docs/images] [--fixture <dir>]
 *                          [--timeout 180000] [--verbose] [--keep]
 *
 * Without --vsix it uses ./charter.vsix, built first (`npm run package`) when missing or older
 * than what goes into it. Exit code 0 when every check passes, 1 when one fails (with what was
 * expected and what the page showed; a screenshot and the page's text go to
 * .vscode-test/logs/ui-<time>/), 2 on bad arguments or a missing install. Every process it
 * starts is killed at the end; the fixture is only copied, and checked byte for byte after.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  codeServerEntry,
  codeServerEnv,
  copyWorkspace,
  createSandbox,
  findRepoRoot,
  hostDir,
  hostProblem,
  launchChromium,
  loadChromium,
  tailFile,
  type CodeServer,
  type PwBrowser,
  startCodeServer,
} from './runner';

// ---------------------------------------------------------------------------------------------
// The parts of playwright-core's Page used here (playwright-core is not in the repo's node_modules).
interface Page {
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit'; timeout?: number }): Promise<unknown>;
  screenshot(options?: { path?: string; animations?: 'disabled' | 'allow' }): Promise<Buffer>;
  click(selector: string, options?: { timeout?: number; position?: { x: number; y: number } }): Promise<void>;
  hover(selector: string, options?: { timeout?: number; position?: { x: number; y: number } }): Promise<void>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  keyboard: { press(key: string): Promise<void> };
  mouse: { move(x: number, y: number, options?: { steps?: number }): Promise<void>; down(): Promise<void>; up(): Promise<void> };
  on(event: 'console', listener: (msg: { type(): string; text(): string }) => void): unknown;
  on(event: 'pageerror', listener: (err: Error) => void): unknown;
  frames(): Frame[];
}
/** A frame of the page (webviews are nested iframes). */
interface Frame {
  url(): string;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
}
interface Context {
  newPage(): Promise<Page>;
}

// ---------------------------------------------------------------------------------------------
const CONTAINER = 'workbench.view.extension.charter';
const VIEW_ROWS = `[id="${CONTAINER}"] .monaco-list-row`;
const PROBLEM_ROWS = '.markers-panel .monaco-list-row';
const EXTENSION_ID = 'charter-dev.charter';

interface Options {
  vsix?: string;
  screenshots: string;
  fixture: string;
  timeout: number;
  verbose: boolean;
  keep: boolean;
}

const USAGE =
  'usage: tsx test/e2e/ui.ts [--vsix <file>=charter.vsix] [--screenshots <dir>=docs/images]\n' +
  '                          [--fixture <dir>=test/fixtures/server/team] [--timeout <ms>=180000] [--verbose] [--keep]';

function usage(message: string): never {
  process.stderr.write(`ui: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseOptions(argv: string[], repoRoot: string): Options {
  let values: Partial<Record<'vsix' | 'screenshots' | 'fixture' | 'timeout', string>> & { verbose?: boolean; keep?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        vsix: { type: 'string' },
        screenshots: { type: 'string' },
        fixture: { type: 'string' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean' },
        keep: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    usage((e as Error).message.split('\n')[0]);
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const opts: Options = {
    vsix: values.vsix !== undefined ? path.resolve(values.vsix) : undefined,
    screenshots: path.resolve(values.screenshots ?? path.join(repoRoot, 'docs', 'images')),
    fixture: path.resolve(values.fixture ?? path.join(repoRoot, 'test', 'fixtures', 'server', 'team')),
    timeout: Number(values.timeout ?? 180_000),
    verbose: Boolean(values.verbose),
    keep: Boolean(values.keep),
  };
  if (!Number.isFinite(opts.timeout) || opts.timeout <= 0) usage('--timeout must be a positive number of ms');
  if (opts.vsix && !fs.statSync(opts.vsix, { throwIfNoEntry: false })?.isFile()) usage(`--vsix ${opts.vsix} is not a file`);
  if (!fs.statSync(opts.fixture, { throwIfNoEntry: false })?.isDirectory()) usage(`--fixture ${opts.fixture} is not a folder`);
  return opts;
}

const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
function log(message: string): void {
  process.stdout.write(`[ui ${since()}] ${message}\n`);
}

class CheckFailed extends Error {}

// ---------------------------------------------------------------------------------------------
// Files

/** Every file under a folder (relative path → sha256), for the before/after check of the fixture. */
function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else out.set(path.relative(root, p), ent.isFile() ? createHash('sha256').update(fs.readFileSync(p)).digest('hex') : `(${ent.isSymbolicLink() ? 'symlink' : 'special'})`);
    }
  };
  walk(root);
  return out;
}

function diffTrees(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [f, h] of before)
    if (!after.has(f)) out.push(`deleted ${f}`);
    else if (after.get(f) !== h) out.push(`changed ${f}`);
  for (const f of after.keys()) if (!before.has(f)) out.push(`added ${f}`);
  return out;
}

/** The newest modification time among files (recursively), or 0. */
function newestMtime(paths: string[]): { time: number; file?: string } {
  let best: { time: number; file?: string } = { time: 0 };
  const visit = (p: string) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else if (st.mtimeMs > best.time) best = { time: st.mtimeMs, file: p };
  };
  paths.forEach(visit);
  return best;
}

/** ./charter.vsix, packaged first when it is missing or older than its sources. */
function ensureVsix(repoRoot: string): string {
  const vsix = path.join(repoRoot, 'charter.vsix');
  // What the bundles are built from and what the .vsix ships besides them.
  const sources = [
    'client/src',
    'server/src',
    'package.json',
    'scripts/build.mjs',
    'scripts/vsix-readme.mjs',
    '.vscodeignore',
    'syntaxes',
    'snippets',
    'schemas',
    'media',
    'README.vscode.md',
    'docs/images',
    'LICENSE',
  ].map((p) => path.join(repoRoot, p));
  const built = fs.statSync(vsix, { throwIfNoEntry: false })?.mtimeMs;
  const newest = newestMtime(sources);
  if (built !== undefined && built >= newest.time) {
    log(`using ${path.relative(process.cwd(), vsix)} (newer than its sources)`);
    return vsix;
  }
  log(built === undefined ? 'charter.vsix is missing: npm run package' : `charter.vsix is older than ${path.relative(repoRoot, newest.file!)}: npm run package`);
  const r = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  if (r.status !== 0 || !fs.existsSync(vsix)) {
    throw new CheckFailed(
      `npm run package failed (${r.error?.message ?? `exit ${r.status}`}):\n${`${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n')}`,
    );
  }
  log('packaged charter.vsix');
  return vsix;
}

// ---------------------------------------------------------------------------------------------
// Page helpers: everything waits by polling, with a bound.

/** Polls `get` until `ok`; throws with `what` and the last value seen. */
async function waitFor<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  let last: T | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await get();
      error = undefined;
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() - start > timeoutMs) {
      const seen = error ? `error: ${(error as Error).message}` : JSON.stringify(last, null, 1)?.slice(0, 1500);
      throw new CheckFailed(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the elements matching a selector show: their text, and their aria-label when it says more. */
function texts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel: string) => {
    const doc = (globalThis as any).document;
    return Array.from(doc.querySelectorAll(sel) as ArrayLike<any>).map((e: any) => {
      const text = String(e.innerText || e.textContent || '')
        .replace(/\s+/g, ' ')
        .trim();
      const aria = String(e.getAttribute('aria-label') || '')
        .replace(/\s+/g, ' ')
        .trim();
      return aria && aria !== text ? `${text} — ${aria}` : text;
    });
  }, selector);
}

/** The view's rows: label text, level, expanded state. */
interface Row {
  text: string;
  label: string;
  level: number;
  expanded: boolean | null;
  selected: boolean;
}
function viewRows(page: Page): Promise<Row[]> {
  return page.evaluate((sel: string) => {
    const doc = (globalThis as any).document;
    return Array.from(doc.querySelectorAll(sel) as ArrayLike<any>).map((e: any) => ({
      text: [e.querySelector('.label-name')?.textContent, e.querySelector('.label-description')?.textContent].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim(),
      label: String(e.querySelector('.label-name')?.textContent || e.querySelector('.monaco-highlighted-label')?.textContent || '').trim(),
      level: Number(e.getAttribute('aria-level') || 0),
      expanded: e.hasAttribute('aria-expanded') ? e.getAttribute('aria-expanded') === 'true' : null,
      selected: e.getAttribute('aria-selected') === 'true',
    }));
  }, VIEW_ROWS);
}

function isVisible(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel: string) => {
    const e = (globalThis as any).document.querySelector(sel);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }, selector);
}

/** The bounding box of the first element matching a selector (undefined when none is shown). */
function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number } | undefined> {
  return page.evaluate((sel: string) => {
    const e = (globalThis as any).document.querySelector(sel);
    if (!e) return undefined;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : undefined;
  }, selector);
}

/** Saves a screenshot once no progress bar runs, with the mouse parked where it shows no hover (empty editor space). */
async function shoot(page: Page, file: string): Promise<void> {
  await waitFor(
    'no progress bar before the screenshot',
    () => isVisible(page, '.part .monaco-progress-container.active'),
    (busy) => !busy,
    10_000,
  );
  await waitFor(
    'the status bar to stop saying "Activating Extensions"',
    () => texts(page, '.part.statusbar .statusbar-item'),
    (t) => !t.some((x) => /Activating Extensions/i.test(x)),
    20_000,
  );
  // The editor is coloured (markdown grammar + ours), and its rendering no longer changes.
  let previous = '';
  await waitFor(
    'the editor to be syntax-coloured and settled',
    async () => {
      const now = await page.evaluate((sel: string) => {
        const lines = (globalThis as any).document.querySelector(sel);
        if (!lines) return { classes: 0, html: '' };
        const classes = new Set(Array.from(lines.querySelectorAll('span[class^="mtk"]') as ArrayLike<any>).map((e: any) => e.className));
        return { classes: classes.size, html: String(lines.innerHTML) };
      }, '.editor-group-container.active .monaco-editor .view-lines');
      const stable = now.html === previous;
      previous = now.html;
      return { classes: now.classes, stable };
    },
    (v) => v.classes >= 4 && v.stable,
    20_000,
  );
  await page.mouse.move(1120, 510);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, animations: 'disabled' });
  log(`screenshot ${path.relative(process.cwd(), file) || file}`);
}

// ---------------------------------------------------------------------------------------------
async function clickThrough(page: Page, url: string, opts: Options): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitFor('the workbench', () => isVisible(page, '.monaco-workbench .part.activitybar'), Boolean, 60_000);
  log('workbench shown');

  // ---- the Charter icon in the activity bar
  const charterIcon = '.part.activitybar .action-item:has(a.action-label[aria-label^="Charter"])';
  await waitFor('the Charter icon in the activity bar', () => isVisible(page, charterIcon), Boolean, 60_000);
  await page.click(charterIcon);
  await waitFor(`the Charter container (${CONTAINER}) to open`, () => isVisible(page, `[id="${CONTAINER}"]`), Boolean);

  // ---- its tree: the balance and the unowned decisions on top, then the people
  const people = ['Lena Ortiz', 'Marco Bianchi', 'Priya Raman'];
  const rows = await waitFor(
    'the tree rows: Unowned decisions 1, Lena Ortiz, Marco Bianchi, Priya Raman',
    () => viewRows(page),
    (rs) => rs.some((r) => /^Unowned decisions\s*1\b/.test(r.text)) && people.every((p) => rs.some((r) => r.label === p && r.level === 1)),
    90_000,
  );
  const top = rows.filter((r) => r.level === 1).map((r) => r.label);
  // The team's Balance node first, then its unowned decisions, then its people, then the decisions' life.
  const life = ['Needs attention', 'Decisions by status'];
  if (top[0] !== 'Balance' || top[1] !== 'Unowned decisions' || top.slice(2).join('|') !== [...people, ...life].join('|')) {
    throw new CheckFailed(`top-level rows: expected Balance, Unowned decisions, ${[...people, ...life].join(', ')}; got ${JSON.stringify(top)}`);
  }
  // Widen the side bar by dragging its edge, so that the rows' descriptions show in the pictures.
  const side = await box(page, '.part.sidebar');
  if (side && side.width < 500) {
    const edge = side.x + side.width;
    await page.mouse.move(edge, 450);
    await page.mouse.down();
    await page.mouse.move(edge + 120, 450, { steps: 4 });
    await page.mouse.move(side.x + 520, 450, { steps: 4 });
    await page.mouse.up();
    await waitFor(
      'the side bar to widen',
      () => box(page, '.part.sidebar'),
      (b) => (b?.width ?? 0) >= 490,
      5_000,
    );
  }
  log(`tree: ${rows.map((r) => `${'  '.repeat(r.level - 1)}${r.text}`).join(' | ')}`);

  // ---- expand a person
  // The person's own row, by its place among the top rows (the Balance row's description names him too).
  const marcoAt = rows.filter((r) => r.level === 1).findIndex((r) => r.label === 'Marco Bianchi');
  const marco = `${VIEW_ROWS}[aria-level="1"] >> nth=${marcoAt}`;
  await page.click(`${marco} >> .monaco-tl-twistie`);
  const expanded = await waitFor(
    'Marco Bianchi to expand (rows under him)',
    () => viewRows(page),
    (rs) => {
      const i = rs.findIndex((r) => r.label === 'Marco Bianchi');
      return i >= 0 && rs[i].expanded === true && rs[i + 1]?.level === 2;
    },
  );
  const i = expanded.findIndex((r) => r.label === 'Marco Bianchi');
  const under: string[] = [];
  for (let j = i + 1; j < expanded.length && expanded[j].level > 1; j++) under.push(expanded[j].text);
  log(`Marco Bianchi owns: ${under.join(' | ')}`);
  if (!under.some((t) => /Search design|SDD/.test(t))) throw new CheckFailed(`Marco Bianchi's rows should include his SDD (Search design); got ${JSON.stringify(under)}`);

  // ---- open the unowned decision from the tree
  const decision = `${VIEW_ROWS}[aria-level="2"]:has-text("Use trigram matching")`;
  await page.click(`${decision} .label-name`);
  await waitFor(
    'the editor tab DECISIONS.md',
    () => texts(page, '.editor-group-container.active .tabs-container .tab.active .label-name'),
    (t) => t.includes('DECISIONS.md'),
  );
  const status = await waitFor(
    'the cursor at line 3 (status bar "Ln 3")',
    () => texts(page, '[id="status.editor.selection"]'),
    (t) => t.some((s) => /\bLn 3\b/.test(s)),
  );
  log(`opened DECISIONS.md from the tree; status bar: ${status.join(' ')}`);
  // The squiggles of the open document are drawn once the server has checked it.
  await waitFor(
    'the squiggles in DECISIONS.md',
    () => texts(page, '.editor-group-container.active .squiggly-warning, .editor-group-container.active .squiggly-error, .editor-group-container.active .squiggly-info'),
    (t) => t.length >= 2,
  );

  // ---- the activity bar's badge
  const badge = await waitFor(
    'the Charter badge to show 1',
    () => texts(page, `${charterIcon} .badge .badge-content`),
    (t) => t.length === 1 && t[0] === '1',
  );
  log(`activity-bar badge: ${badge[0]}`);

  // sidebar.png: the Charter container with the tree expanded, the decision open in the editor.
  await shoot(page, path.join(opts.screenshots, 'sidebar.png'));

  // ---- the Problems panel (keyboard, as a user would)
  await page.keyboard.press('Control+Shift+M');
  const need = [
    { what: 'unowned', re: /unowned/i },
    { what: 'multiple-owners / 2 owners', re: /multiple-owners|2 owners/i },
    { what: 'missing-section', re: /missing-section/i },
  ];
  const problems = await waitFor(
    `Problems rows with ${need.map((n) => `"${n.what}"`).join(', ')}`,
    () => texts(page, PROBLEM_ROWS),
    (t) => need.every((n) => t.some((s) => n.re.test(s))),
  );
  log(`Problems panel: ${problems.length} rows, e.g. ${need.map((n) => JSON.stringify(problems.find((s) => n.re.test(s))!.slice(0, 120))).join('; ')}`);

  // Click the multiple-owners problem: the editor jumps to it (line 13, "Priya and Marco").
  await page.click(`${PROBLEM_ROWS}:has-text("multiple-owners")`);
  await waitFor(
    'the cursor at the multiple-owners problem (status bar "Ln 13")',
    () => texts(page, '[id="status.editor.selection"]'),
    (t) => t.some((x) => /\bLn 13\b/.test(x)),
  );

  // diagnostic.png: the squiggles in DECISIONS.md and the Problems panel under them, the side
  // bar closed (Ctrl+B) so that the problems show in full.
  await page.keyboard.press('Control+B');
  await waitFor(
    'the side bar to close (Ctrl+B)',
    () => isVisible(page, '.part.sidebar'),
    (shown) => !shown,
    5_000,
  );
  await shoot(page, path.join(opts.screenshots, 'diagnostic.png'));

  // ---- the extension's details page: the user README (README.vscode.md), pictures and all,
  // loaded from inside the installed package (code-server here has no gallery and no internet).
  await page.keyboard.press('Control+Shift+X');
  await waitFor(
    'Charter in the Extensions view',
    () => texts(page, '.extensions-viewlet .monaco-list-row .name'),
    (t) => t.includes('Charter'),
    30_000,
  );
  await page.click('.extensions-viewlet .monaco-list-row .name:text-is("Charter")');
  const readme = await waitFor(
    'the details page to show the user README ("Charter for VS Code") with its pictures loaded',
    () => readmeFrames(page),
    (fs) => fs.some((f) => f.h1 === 'Charter for VS Code' && f.images.length >= 3 && f.images.every((i) => i.loaded)),
    60_000,
  );
  const shown = readme.find((f) => f.h1 === 'Charter for VS Code')!;
  const outside = shown.images.filter((i) => !i.src.startsWith('data:'));
  if (outside.length > 0) throw new CheckFailed(`the details page loads pictures from outside the package: ${outside.map((i) => i.src).join(', ')}`);
  log(`details page: "${shown.h1}", ${shown.images.length} pictures loaded from the package (${shown.images.map((i) => `${i.width}px wide`).join(', ')})`);
}

/** What each frame of the page shows as a README: its first heading and its images. */
async function readmeFrames(page: Page): Promise<{ h1: string; images: { src: string; loaded: boolean; width: number }[] }[]> {
  const out: { h1: string; images: { src: string; loaded: boolean; width: number }[] }[] = [];
  for (const frame of page.frames()) {
    try {
      out.push(
        await frame.evaluate(() => {
          const doc = (globalThis as any).document;
          const h1 = String(doc.querySelector('h1')?.textContent ?? '').trim();
          const images = Array.from(doc.querySelectorAll('img') as ArrayLike<any>).map((img: any) => ({
            src: String(img.currentSrc || img.src),
            loaded: Boolean(img.complete && img.naturalWidth > 0),
            width: Number(img.naturalWidth),
          }));
          return { h1, images };
        }, undefined),
      );
    } catch {
      // a frame that went away while we looked
    }
  }
  return out.filter((f) => f.h1);
}

// ---------------------------------------------------------------------------------------------
async function main(): Promise<number> {
  const repoRoot = findRepoRoot();
  const opts = parseOptions(process.argv.slice(2), repoRoot);
  const host = hostDir(repoRoot);
  const problem = hostProblem(host);
  if (problem) usage(problem);
  const chromium = loadChromium(host);

  const before = hashTree(opts.fixture);
  let server: CodeServer | undefined;
  let browser: PwBrowser | undefined;
  const killServer = () => server?.killNow();
  process.once('exit', killServer);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping`);
      killServer();
      process.exit(130);
    });
  }

  const sandbox = createSandbox('charter-ui-');
  let page: Page | undefined;
  let code: number;
  try {
    const vsix = opts.vsix ?? ensureVsix(repoRoot);
    const workspace = copyWorkspace(sandbox, opts.fixture);

    // ---- install the packaged extension, as a user would
    const install = spawnSync(
      process.execPath,
      [codeServerEntry(host), '--install-extension', vsix, '--extensions-dir', sandbox.extensionsDir, '--user-data-dir', sandbox.userDataDir, '--config', sandbox.configFile],
      { cwd: sandbox.tmp, env: codeServerEnv(sandbox), encoding: 'utf8', timeout: 120_000 },
    );
    const installOut = `${install.stdout ?? ''}${install.stderr ?? ''}`.trim();
    const installed = fs.readdirSync(sandbox.extensionsDir).filter((d) => d.startsWith(`${EXTENSION_ID}-`));
    if (install.status !== 0 || installed.length !== 1) {
      throw new CheckFailed(`code-server --install-extension ${vsix} failed (exit ${install.status}${install.error ? `, ${install.error.message}` : ''}):\n${installOut}`);
    }
    log(`installed ${path.relative(process.cwd(), vsix) || vsix} as ${installed[0]}`);

    // ---- code-server and chromium
    server = await startCodeServer({ host, sandbox });
    log(`code-server pid ${server.pid} on http://${server.authority} (tmp ${sandbox.tmp})`);
    await server.waitHealthy();
    log('code-server healthy');
    browser = await launchChromium(chromium, sandbox);
    const context = (await browser.newContext({ viewport: { width: 1400, height: 900 } })) as unknown as Context;
    page = await context.newPage();
    if (opts.verbose) {
      page.on('console', (m) => log(`console.${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => log(`page error: ${e.message}`));
    }

    const url = `http://${server.authority}/?folder=${encodeURIComponent(workspace)}`;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      clickThrough(page, url, opts),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CheckFailed(`the whole run took longer than ${opts.timeout / 1000} s`)), opts.timeout);
      }),
      server.exited.then((why) => {
        throw new CheckFailed(`${why} during the run:\n${tailFile(sandbox.serverLog, 30)}`);
      }),
    ]).finally(() => clearTimeout(timer));
    code = 0;
  } catch (e) {
    code = 1;
    log(`FAILED: ${e instanceof CheckFailed ? e.message : ((e as Error).stack ?? e)}`);
    if (page) {
      // What the page showed: a screenshot and its text, for the failure's reader.
      const dir = path.join(repoRoot, '.vscode-test', 'logs', `ui-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      try {
        fs.mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: path.join(dir, 'failure.png') });
        const text = await page.evaluate(() => String((globalThis as any).document.body.innerText), undefined);
        fs.writeFileSync(path.join(dir, 'page.txt'), text);
        fs.writeFileSync(path.join(dir, 'code-server.log'), tailFile(sandbox.serverLog, 400));
        log(`the page at the failure: ${dir}/failure.png, page.txt, code-server.log`);
      } catch (err) {
        log(`could not save the page at the failure: ${(err as Error).message}`);
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (opts.keep) log(`kept ${sandbox.tmp}`);
    else fs.rmSync(sandbox.tmp, { recursive: true, force: true });
  }

  // ---- nothing of the user's was written
  const changed = diffTrees(before, hashTree(opts.fixture));
  if (changed.length > 0) {
    log(`FAILED: the fixture ${opts.fixture} was modified: ${changed.join(', ')}`);
    code = 1;
  } else {
    log(`fixture unchanged (${before.size} files, sha256)`);
  }
  log(code === 0 ? 'PASSED' : 'FAILED');
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`ui: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
