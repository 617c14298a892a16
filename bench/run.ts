/**
 * `npm run bench`: how fast Charter is, against its peers, on the same files in the same run.
 *
 *   npx tsx bench/run.ts [--runs N] [--quick] [--count N] [--seed S] [--only 1,2,3,4,5] [--s2-remark] [--keep]
 *
 * 1. Checker, real corpus: `charter check` over the Rust RFCs as a custom kind, against
 *    markdownlint-cli2 (MD043 only) and a bare unified + remark-parse pass.
 * 2. Checker, synthetic scale: `charter check` over a generated workspace of 10,000 documents
 *    (bench/generate.ts); with --s2-remark, the bare remark pass over the same files for reference.
 * 3. Server cold and warm start on that workspace (initialize → index ready and
 *    charter/ownership answered), the warm start reusing the cold start's storagePath.
 * 4. Server edit latency: didChange → publishDiagnostics of that version, p50/p95 over 200
 *    single-character edits, in the largest RFC and in a ~10 KB PRD, the workspace indexed.
 * 5. Server memory: peak RSS after indexing, and after 2,000 more edits; heap after GC.
 *
 * Figures are medians of several runs (min–max beside them). The peer markdownlint-cli2 is
 * installed on demand into .bench/peers/ (git-ignored), never into the repository's
 * dependencies. Tables go to stdout and to bench/results.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateWorkspace, describeStats, type GenerateStats } from './generate';
import { BenchClient, procStatus } from './lsp';
import { pct, proseLine, typingEdit } from './edits';
import { copyTree } from '../test/support/copy';
import { switchBranch } from './branch';
import { DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_ARGS } from '../server/src/lsp/protocol';

const REPO = path.resolve(__dirname, '..');
const DIST = path.resolve(process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1] : path.join(REPO, 'dist'));
const BUILT_CLI = path.join(DIST, 'cli.js');
const BUILT_SERVER = path.join(DIST, 'server.js');
const REMARK_PASS = path.join(__dirname, 'remark-pass.mjs');
const FLOOR_PASS = path.join(__dirname, 'floor-pass.mjs');
/** Charter's target as a multiple of the floor (issue 22). */
const FLOOR_TARGET = 4;
const PEERS = path.join(REPO, '.bench/peers');
const MARKDOWNLINT_VERSION = '0.24.1';
const CORPUS = path.resolve(REPO, '../shared/corpora/rust-rfcs');
const RESULTS = path.join(__dirname, 'results.md');

// ---------------------------------------------------------------------------------------------
// Options

const USAGE =
  'usage: npx tsx bench/run.ts [--runs N] [--quick] [--count N] [--seed S] [--only 1,2,3,4,5,6] [--s2-remark] [--keep] [--s6-docs 5000,20000] [--s6-changes 500,2000,10000] [--dist DIR] [--server-args=FLAGS]\n';
let values: {
  runs?: string;
  count?: string;
  seed?: string;
  only?: string;
  quick?: boolean;
  keep?: boolean;
  's2-remark'?: boolean;
  's6-docs'?: string;
  's6-changes'?: string;
  dist?: string;
  'server-args'?: string;
  help?: boolean;
};
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      runs: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      quick: { type: 'boolean' },
      keep: { type: 'boolean' },
      's2-remark': { type: 'boolean' },
      's6-docs': { type: 'string' },
      's6-changes': { type: 'string' },
      dist: { type: 'string' },
      'server-args': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message.split('\n')[0]} (see --help)\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const quick = Boolean(values.quick);
const keep = Boolean(values.keep);
const runs = Number(values.runs ?? (quick ? 2 : 5));
const count = Number(values.count ?? (quick ? 2000 : 10_000));
const seed = Number(values.seed ?? 1);
/** The bare remark pass over the generated workspace too (a reference, not a target; slow). */
const s2Remark = Boolean(values['s2-remark']);
const only = new Set((values.only ?? '1,2,3,4,5,6').split(',').map((s) => Number(s.trim())));
const numbers = (v: string) => v.split(',').map((x) => Number(x.trim()));
/** Scenario 6: workspace sizes and batch sizes. */
const s6Docs = numbers(values['s6-docs'] ?? (quick ? '2000' : '5000,20000'));
const s6Changes = numbers(values['s6-changes'] ?? (quick ? '200,1000' : '500,2000,10000'));
if (![...s6Docs, ...s6Changes].every((n) => Number.isInteger(n) && n >= 10)) {
  process.stderr.write('bench: --s6-docs and --s6-changes are lists of numbers of at least 10 (see --help)\n');
  process.exit(2);
}
if (!(runs >= 1) || !(count >= 10) || !Number.isFinite(seed)) {
  process.stderr.write(`bench: --runs must be at least 1, --count at least 10, --seed a number (see --help)\n`);
  process.exit(2);
}
/** The node flags of every server the bench starts: the extension's own unless --server-args=… says otherwise (space-separated; empty for none). */
const serverArgs = values['server-args'] === undefined ? [...SERVER_NODE_ARGS] : values['server-args'].split(/\s+/).filter(Boolean);
const serverRuns = quick ? 1 : 3;
const latencyEdits = quick ? 50 : 200;
const memoryEdits = quick ? 200 : 2000;
const EDIT_TIMEOUT_MS = 2000;
const INDEX_TIMEOUT_MS = 15 * 60_000;

// ---------------------------------------------------------------------------------------------
// Output

const out: string[] = [];
function print(s = ''): void {
  process.stdout.write(`${s}\n`);
  out.push(s);
}
function note(s: string): void {
  process.stderr.write(`  … ${s}\n`);
}

const sec = (ms: number) => (ms >= 100_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const range = (xs: number[], f: (n: number) => string) => `${f(Math.min(...xs))}–${f(Math.max(...xs))}`;
const ok = (b: boolean) => (b ? '✓' : '✗');
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

function table(header: string[], rows: (string | number)[][]): void {
  print(`| ${header.join(' | ')} |`);
  print(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const r of rows) print(`| ${r.join(' | ')} |`);
}

// ---------------------------------------------------------------------------------------------
// Processes

interface Timed {
  wallMs: number;
  cpuMs: number;
  maxRss: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

const HAS_TIME = fs.existsSync('/usr/bin/time');

/** Runs a whole process; wall time from spawn to exit, CPU and peak RSS from GNU time. */
function timed(cmd: string, args: string[], cwd: string): Promise<Timed> {
  const timeFile = path.join(tmp, 'time.txt');
  const [c, a] = HAS_TIME ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(c, a, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout = (stdout + String(d)).slice(-100_000)));
    child.stderr.on('data', (d) => (stderr = (stderr + String(d)).slice(-100_000)));
    child.on('error', reject);
    child.on('close', (status) => {
      const wallMs = performance.now() - t0;
      let cpuMs = NaN;
      let maxRss = NaN;
      if (HAS_TIME) {
        const [u, s, m] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
        cpuMs = (u + s) * 1000;
        maxRss = m * 1024;
      }
      resolve({ wallMs, cpuMs, maxRss, status, stdout, stderr });
    });
  });
}

function ensureBuilt(): void {
  if (!fs.existsSync(BUILT_CLI) || !fs.existsSync(BUILT_SERVER)) {
    note('dist/ is missing: npm run build');
    const r = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm run build failed');
  }
}

function ensureMarkdownlint(): string {
  const bin = path.join(PEERS, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
  const pkgFile = path.join(PEERS, 'node_modules/markdownlint-cli2/package.json');
  const installed = fs.existsSync(pkgFile) && (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { version: string }).version === MARKDOWNLINT_VERSION;
  if (!installed) {
    note(`installing markdownlint-cli2@${MARKDOWNLINT_VERSION} into ${path.relative(REPO, PEERS)}/`);
    fs.mkdirSync(PEERS, { recursive: true });
    fs.writeFileSync(
      path.join(PEERS, 'package.json'),
      `${JSON.stringify({ name: 'charter-bench-peers', private: true, description: 'Peers for npm run bench; not a dependency of Charter', dependencies: { 'markdownlint-cli2': MARKDOWNLINT_VERSION } }, null, 2)}\n`,
    );
    const r = spawnSync('npm', ['install', '--prefix', PEERS, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: PEERS, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm install markdownlint-cli2 failed');
  }
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> };
  const rel = pkg.bin['markdownlint-cli2'] ?? 'markdownlint-cli2-bin.mjs';
  return fs.existsSync(bin) ? bin : path.join(PEERS, 'node_modules/markdownlint-cli2', rel);
}

// ---------------------------------------------------------------------------------------------
// Workspaces

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-bench-'));
/**
 * The bundles are self-contained: the run uses copies taken at its start, so a rebuild of
 * dist/ while it runs cannot mix two builds in one table.
 */
const CLI = path.join(tmp, 'dist/cli.js');
const SERVER = path.join(tmp, 'dist/server.js');
function snapshotBuild(): void {
  fs.mkdirSync(path.dirname(CLI), { recursive: true });
  fs.copyFileSync(BUILT_CLI, CLI);
  fs.copyFileSync(BUILT_SERVER, SERVER);
  // The reading threads' bundle: without it beside the others, both read on one thread.
  const worker = path.join(path.dirname(BUILT_CLI), 'worker.js');
  if (fs.existsSync(worker)) fs.copyFileSync(worker, path.join(path.dirname(CLI), 'worker.js'));
}

/** The RFC rule as a Charter kind. */
const RFC_KIND = [
  'kinds:',
  '  rfc:',
  '    include: ["text/*.md", "rfcs/*.md"]',
  '    sections:',
  '      - Summary',
  '      - Motivation',
  '      - { name: Detailed design, aliases: [Reference-level explanation] }',
  '',
].join('\n');

/**
 * markdownlint's closest equivalent. MD043 (required-headings) checks the document's heading
 * sequence against a list in which "*" stands for any number of headings. It has no
 * alternatives ("Detailed design" or "Reference-level explanation"), so only the two sections
 * every RFC template has are required, in order, at level 2, case-insensitively. The check
 * itself is cheap; the cost of either tool is reading and parsing the files.
 */
const MD043 = { config: { default: false, MD043: { headings: ['*', '## Summary', '*', '## Motivation', '*'], match_case: false } } };

function rfcWorkspace(): string {
  const ws = path.join(tmp, 'rfcs');
  fs.mkdirSync(ws);
  // A copy: Charter does not follow a link that leads outside the workspace root.
  copyTree(CORPUS, path.join(ws, 'text'));
  fs.writeFileSync(path.join(ws, '.charter.yaml'), RFC_KIND);
  fs.writeFileSync(path.join(ws, '.markdownlint-cli2.jsonc'), `${JSON.stringify(MD043, null, 2)}\n`);
  return ws;
}

// ---------------------------------------------------------------------------------------------
// Scenarios 1 and 2: whole processes

interface Tool {
  name: string;
  cmd: string;
  args: string[];
  /** Throws when the run did not do the work (so a crash is never timed as fast). */
  verify: (r: Timed) => string;
}

async function compare(ws: string, tools: Tool[], n: number): Promise<Map<Tool, Timed[]>> {
  const results = new Map<Tool, Timed[]>(tools.map((t) => [t, []]));
  // Interleaved, so that a slow minute on a shared machine hits every tool alike.
  for (let i = 0; i < n; i++) {
    for (const t of tools) {
      const r = await timed(t.cmd, t.args, ws);
      const what = t.verify(r);
      note(`${t.name} run ${i + 1}/${n}: ${sec(r.wallMs)} wall, ${sec(r.cpuMs)} CPU — ${what}`);
      results.get(t)!.push(r);
    }
  }
  return results;
}

function charterTool(): Tool {
  return {
    name: 'charter check',
    cmd: process.execPath,
    args: [CLI, 'check', '--root', '.'],
    verify: (r) => {
      const last = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 && r.status !== 1) throw new Error(`charter check exited ${r.status}: ${r.stderr.slice(-2000)}`);
      if (!/documents checked/.test(last)) throw new Error(`charter check printed no summary: ${last}\n${r.stderr.slice(-2000)}`);
      return last;
    },
  };
}

function remarkTool(expectFiles: number): Tool {
  return {
    name: 'unified + remark-parse (bare)',
    cmd: process.execPath,
    args: [REMARK_PASS, '.'],
    verify: (r) => {
      const m = /(\d+) files, (\d+) bytes/.exec(r.stdout);
      if (r.status !== 0 || !m) throw new Error(`remark pass failed (${r.status}): ${r.stderr.slice(-2000)}`);
      if (Number(m[1]) !== expectFiles) throw new Error(`remark pass read ${m[1]} files, expected ${expectFiles}`);
      return r.stdout.trim();
    },
  };
}

/** The floor: a node process that reads every markdown file and splits it into lines (bench/floor-pass.mjs). */
function floorTool(expectFiles: number): Tool {
  return {
    name: 'floor: read + split into lines (node)',
    cmd: process.execPath,
    args: [FLOOR_PASS, '.'],
    verify: (r) => {
      const m = /(\d+) files, (\d+) bytes, (\d+) lines/.exec(r.stdout);
      if (r.status !== 0 || !m) throw new Error(`floor pass failed (${r.status}): ${r.stderr.slice(-2000)}`);
      if (Number(m[1]) !== expectFiles) throw new Error(`floor pass read ${m[1]} files, expected ${expectFiles}`);
      return r.stdout.trim();
    },
  };
}

function markdownlintTool(bin: string, expectFiles: number): Tool {
  return {
    name: 'markdownlint-cli2 (MD043 only)',
    cmd: process.execPath,
    args: [bin, 'text/*.md'],
    verify: (r) => {
      const m = /Linting: (\d+) file/.exec(r.stdout + r.stderr);
      const s = /Summary: (\d+) (?:error|issue)/.exec(r.stdout + r.stderr);
      if ((r.status !== 0 && r.status !== 1) || !m || !s) throw new Error(`markdownlint-cli2 failed (${r.status}): ${(r.stdout + r.stderr).slice(-2000)}`);
      if (Number(m[1]) !== expectFiles) throw new Error(`markdownlint-cli2 linted ${m[1]} files, expected ${expectFiles}`);
      return `${m[1]} files, ${s[1]} MD043 issues`;
    },
  };
}

/**
 * The table of one comparison: Charter first, then the floor (if any), then the peers. Peers
 * show Charter's speed-up (peer ÷ Charter, target ≥ N×); the floor shows Charter as a
 * multiple of it (Charter ÷ floor, target ≤ 4×): the ratio of the medians, and beside it the
 * median of the ratios of each interleaved round (both measured in this run).
 */
function comparisonTable(results: Map<Tool, Timed[]>, targets: Map<Tool, number>, floor?: Tool): { charterMs: number; floorRatio?: number } {
  const [charter] = [...results.keys()];
  const cRuns = results.get(charter)!;
  const cMs = median(cRuns.map((r) => r.wallMs));
  const rows: (string | number)[][] = [];
  let floorRatio: number | undefined;
  for (const [t, rs] of results) {
    const wall = rs.map((r) => r.wallMs);
    const med = median(wall);
    const target = targets.get(t);
    const paired = (f: (c: Timed, p: Timed) => number) => median(rs.map((r, i) => f(cRuns[i], r)));
    let ratio: string;
    let verdict: string;
    if (t === charter) {
      ratio = '—';
      verdict = '';
    } else if (t === floor) {
      floorRatio = cMs / med;
      ratio = `Charter is **${floorRatio.toFixed(2)}×** the floor (paired ${paired((c, p) => c.wallMs / p.wallMs).toFixed(2)}×; CPU ${(median(cRuns.map((r) => r.cpuMs)) / median(rs.map((r) => r.cpuMs))).toFixed(2)}×)`;
      verdict = `≤ ${FLOOR_TARGET}× ${ok(floorRatio <= FLOOR_TARGET)}`;
    } else {
      ratio = `${(med / cMs).toFixed(2)}× (paired ${paired((c, p) => p.wallMs / c.wallMs).toFixed(2)}×)`;
      verdict = target === undefined ? '(reference)' : `≥ ${target}× ${ok(med / cMs >= target)}`;
    }
    rows.push([t.name, `**${sec(med)}**`, range(wall, sec), sec(median(rs.map((r) => r.cpuMs))), mb(median(rs.map((r) => r.maxRss))), ratio, verdict]);
  }
  table(['tool', 'wall (median)', 'min–max', 'CPU (median)', 'peak RSS', 'ratio (peer ÷ Charter; Charter ÷ floor)', 'target'], rows);
  return { charterMs: cMs, floorRatio };
}

async function scenario1(): Promise<void> {
  print('## 1. Checker, real corpus: Rust RFCs (custom kind `rfc`)');
  print();
  if (!fs.existsSync(CORPUS)) {
    print(`Skipped: ${CORPUS} is not there.`);
    print();
    return;
  }
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.md'));
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(CORPUS, f)).size, 0);
  const bin = ensureMarkdownlint();
  const ws = rfcWorkspace();
  const floor = floorTool(files.length);
  const tools = [charterTool(), floor, markdownlintTool(bin, files.length), remarkTool(files.length)];
  // One untimed pass of the floor reads every file into the page cache.
  await timed(floor.cmd, floor.args, ws);
  const l0 = load();
  const results = await compare(ws, tools, runs);
  print(
    `${files.length} documents, ${(bytes / 1024 / 1024).toFixed(1)} MB, \`text\` → ${path.relative(REPO, CORPUS)}; ${runs} runs each, interleaved; wall time of the whole process (node start included). Load average before/after: ${l0} / ${load()}.`,
  );
  print();
  const { charterMs } = comparisonTable(
    results,
    new Map([
      [tools[2], 15],
      [tools[3], 5],
    ]),
    floor,
  );
  print();
  print(
    `Charter: ${tools[0].verify(results.get(tools[0])![0]).replace(/\.$/, '')}. Charter's own median: ${sec(charterMs)}. MD043 approximation: \`${JSON.stringify(MD043.config.MD043.headings)}\` (MD043 cannot express "Detailed design *or* Reference-level explanation", so the third section is not required of markdownlint).`,
  );
  print();
}

let generated: { ws: string; stats: GenerateStats } | undefined;
function generatedWorkspace(): { ws: string; stats: GenerateStats } {
  if (generated) return generated;
  const ws = path.join(tmp, `workspace-${count}`);
  const t0 = performance.now();
  const stats = generateWorkspace(ws, { count, seed });
  note(`generated ${stats.files} files (${(stats.bytes / 1024 / 1024).toFixed(1)} MB) in ${sec(performance.now() - t0)} into ${ws}`);
  generated = { ws, stats };
  return generated;
}

/** The checker's median over the generated workspace (scenario 2), the cold start's target. */
let checkerMs: number | undefined;

async function scenario2(): Promise<void> {
  const { ws, stats } = generatedWorkspace();
  print(`## 2. Checker, synthetic scale: ${stats.documents} generated documents`);
  print();
  print(`Workspace (bench/generate.ts, seed ${seed}): ${describeStats(stats).split('\n')[0]}`);
  print();
  const floor = floorTool(stats.files);
  const tools = s2Remark ? [charterTool(), floor, remarkTool(stats.files)] : [charterTool(), floor];
  await timed(floor.cmd, floor.args, ws);
  const l0 = load();
  const results = await compare(ws, tools, runs);
  print(`${runs} runs each, interleaved; whole process. Load average before/after: ${l0} / ${load()}.`);
  print();
  const cRuns = results.get(tools[0])!.map((r) => r.wallMs);
  checkerMs = median(cRuns);
  const { floorRatio } = comparisonTable(results, new Map(), floor);
  print();
  print(
    `Target: \`charter check\` < 3 s or ≤ ${FLOOR_TARGET}× the floor: **${sec(median(cRuns))}**, **${floorRatio!.toFixed(2)}×** the floor ${ok(median(cRuns) < 3000 || floorRatio! <= FLOOR_TARGET)}. ${tools[0].verify(results.get(tools[0])![0])}`,
  );
  print();
}

// ---------------------------------------------------------------------------------------------
// Scenarios 3–5: the language server

interface Start {
  ms: number;
  serverSaysMs?: number;
  statusMs?: number;
  /** initialize → the log "Charter: indexed …". */
  logMs: number;
  ownershipMs: number;
  cpuMs: number;
  hwm: number;
  documents?: number;
}

/** Starts a server on the workspace and measures initialize → (index ready AND ownership answered). */
async function startServer(ws: string, storagePath: string, nodeArgs: string[] = []): Promise<{ client: BenchClient; start: Start }> {
  const client = new BenchClient(ws, [...serverArgs, ...nodeArgs], SERVER);
  // Let node load the bundle before the clock starts: the figure is initialize → ready.
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  await client.initialize([ws], { storagePath });
  const ownership = client.ownership().then(() => performance.now());
  await client.waitFor(() => client.indexedLogAt !== undefined && client.statusReadyAt !== undefined, INDEX_TIMEOUT_MS, 'the index to be ready');
  const ownedAt = await ownership;
  const end = Math.max(ownedAt, client.indexedLogAt!, client.statusReadyAt!);
  const p = procStatus(client.pid);
  const said = client.logs.map((l) => /Charter: indexed (\d+) documents in (\d+) ms/.exec(l)).find(Boolean);
  return {
    client,
    start: {
      ms: end - t0,
      serverSaysMs: said ? Number(said[2]) : undefined,
      documents: said ? Number(said[1]) : undefined,
      statusMs: client.statusReadyAt! - t0,
      logMs: client.indexedLogAt! - t0,
      ownershipMs: ownedAt - t0,
      cpuMs: p.cpuMs,
      hwm: p.hwm,
    },
  };
}

function dirSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(dir)) return { files, bytes };
  for (const ent of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!ent.isFile()) continue;
    files++;
    bytes += fs.statSync(path.join(ent.parentPath ?? (ent as unknown as { path: string }).path, ent.name)).size;
  }
  return { files, bytes };
}

async function scenario3(): Promise<void> {
  const { ws, stats } = generatedWorkspace();
  print(`## 3. Server, cold and warm start: ${stats.documents} documents`);
  print();
  const cold: Start[] = [];
  const warm: Start[] = [];
  const persisted: { files: number; bytes: number }[] = [];
  const l0 = load();
  for (let i = 0; i < serverRuns; i++) {
    const storage = fs.mkdtempSync(path.join(tmp, 'storage-'));
    for (const [label, list] of [
      ['cold', cold],
      ['warm', warm],
    ] as const) {
      const { client, start } = await startServer(ws, storage);
      await client.stop();
      list.push(start);
      if (label === 'cold') persisted.push(dirSize(storage));
      note(
        `${label} start ${i + 1}/${serverRuns}: ${sec(start.ms)} (server says ${start.serverSaysMs} ms for ${start.documents} documents; ownership at ${sec(start.ownershipMs)}; CPU ${sec(start.cpuMs)}; peak RSS ${mb(start.hwm)})`,
      );
    }
  }
  print(
    `\`node ${serverArgs.join(' ')}${serverArgs.length ? ' ' : ''}dist/server.js --stdio\`, \`initializationOptions.storagePath\` a fresh folder per cold start, reused by the warm start with a fresh process. Clock: from sending \`initialize\` to the later of the log "Charter: indexed N documents", \`charter/status\` ready, and the answer to a \`charter/ownership\` request sent right after \`initialized\`. ${serverRuns} runs. Load average before/after: ${l0} / ${load()}.`,
  );
  print();
  // Cold: no slower than `charter check` on the same workspace (timed now when scenario 2 did not run).
  if (checkerMs === undefined) {
    const r = await compare(ws, [charterTool()], runs);
    checkerMs = median([...r.values()][0].map((x) => x.wallMs));
  }
  const coldMs = median(cold.map((s) => s.ms));
  const row = (name: string, xs: Start[], target: number, label: string) => [
    name,
    `**${sec(median(xs.map((s) => s.ms)))}**`,
    range(
      xs.map((s) => s.ms),
      sec,
    ),
    xs[0].serverSaysMs === undefined ? '?' : sec(median(xs.map((s) => s.serverSaysMs!))),
    sec(median(xs.map((s) => s.logMs))),
    sec(median(xs.map((s) => s.ownershipMs))),
    sec(median(xs.map((s) => s.cpuMs))),
    mb(median(xs.map((s) => s.hwm))),
    `${label} ${ok(median(xs.map((s) => s.ms)) <= target)}`,
  ];
  table(
    ['start', 'initialize → ready (median)', 'min–max', '"indexed … in M ms" (server log)', 'that log arrived', 'ownership answered', 'server CPU', 'peak RSS', 'target'],
    [row('cold', cold, checkerMs, `≤ charter check (${sec(checkerMs)})`), row('warm (same storagePath)', warm, coldMs / 10, `≤ cold ÷ 10 (${sec(coldMs / 10)})`)],
  );
  print();
  const p = persisted[0];
  print(
    `Documents indexed: ${cold[0].documents}. The cold start left ${p.files} file(s), ${(p.bytes / 1024 / 1024).toFixed(1)} MB in storagePath${p.files === 0 ? " — nothing persisted, so the warm start redoes the cold start's work" : ''}. Warm ÷ cold: ${(median(warm.map((s) => s.ms)) / median(cold.map((s) => s.ms))).toFixed(2)}.`,
  );
  print();
}

/** A single-character edit series: `typing` inserts and deletes a letter in prose; `toggle` cuts and restores the last letter of a required heading, so the findings change on every edit. */
type Mode = 'typing' | 'toggle';

interface Series {
  doc: string;
  bytes: number;
  mode: Mode;
  latencies: number[];
  timeouts: number;
  sent: number;
  stopped: boolean;
}

function headingLine(lines: string[], names: RegExp): number {
  const i = lines.findIndex((l) => /^#{1,6}\s/.test(l) && names.test(l.replace(/^#+\s*/, '').trim()));
  if (i < 0) throw new Error(`no heading matching ${names}`);
  return i;
}

async function editSeries(client: BenchClient, rel: string, text: string, mode: Mode, edits: number, toggleHeading: RegExp, stopAfterTimeouts = 3): Promise<Series> {
  const lines = text.split('\n');
  const line = mode === 'typing' ? proseLine(lines) : headingLine(lines, toggleHeading);
  const end = lines[line].length;
  const s: Series = { doc: rel, bytes: Buffer.byteLength(text), mode, latencies: [], timeouts: 0, sent: 0, stopped: false };
  for (let i = 0; i < edits; i++) {
    // Even edits change the line, odd edits restore it: every edit is one character, and the text stays the same size.
    const change =
      mode === 'typing'
        ? typingEdit(line, end, i)
        : i % 2 === 0
          ? { range: { start: { line, character: end - 1 }, end: { line, character: end } }, text: '' }
          : { range: { start: { line, character: end - 1 }, end: { line, character: end - 1 } }, text: lines[line][end - 1] };
    const ms = await client.changeAndWait(rel, [change], EDIT_TIMEOUT_MS);
    s.sent++;
    if (ms === undefined) {
      s.timeouts++;
      if (s.latencies.length === 0 && s.timeouts >= stopAfterTimeouts) {
        s.stopped = true;
        break;
      }
    } else s.latencies.push(ms);
  }
  // An odd number of edits leaves a change behind: restore the text.
  if (s.sent % 2 === 1) note(`${rel}: ${s.sent} edits sent (odd): the last change stays in the open document`);
  return s;
}

function seriesRow(s: Series, target: number): (string | number)[] {
  const l = s.latencies;
  const has = l.length > 0;
  return [
    `${s.doc} (${(s.bytes / 1024).toFixed(0)} KB)`,
    s.mode,
    `${s.sent}${s.stopped ? ' (stopped)' : ''}`,
    has ? sec(pct(l, 50)) : '—',
    has ? `**${sec(pct(l, 95))}**` : '—',
    has ? sec(Math.max(...l)) : '—',
    s.timeouts ? `**${s.timeouts}**` : '0',
    `p95 < ${target} ms ${has && s.timeouts === 0 ? ok(pct(l, 95) < target) : '✗'}`,
  ];
}

async function scenarios45(): Promise<void> {
  const { ws } = generatedWorkspace();
  // The largest RFC, as a custom-kind document inside the generated workspace.
  const rfcs = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((f) => f.endsWith('.md')) : [];
  const largest = rfcs.map((f) => ({ f, size: fs.statSync(path.join(CORPUS, f)).size })).sort((a, b) => b.size - a.size)[0];
  const rfcRel = largest ? `rfcs/${largest.f}` : undefined;
  if (largest) {
    fs.mkdirSync(path.join(ws, 'rfcs'), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, largest.f), path.join(ws, rfcRel!));
    fs.writeFileSync(path.join(ws, '.charter.yaml'), RFC_KIND);
  }
  // A PRD of about 10 KB.
  const prdRoot = path.join(ws, 'docs/prd');
  const prds = fs
    .readdirSync(prdRoot, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md')
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .map((abs) => ({ abs, size: fs.statSync(abs).size }))
    .sort((a, b) => Math.abs(a.size - 10240) - Math.abs(b.size - 10240) || (a.abs < b.abs ? -1 : 1));
  const prdRel = path.relative(ws, prds[0].abs).split(path.sep).join('/');

  const docs = () => {
    const list: { rel: string; text: string; heading: RegExp; target: number }[] = [];
    if (rfcRel) list.push({ rel: rfcRel, text: fs.readFileSync(path.join(ws, rfcRel), 'utf8'), heading: /^summary$/i, target: 10 });
    list.push({ rel: prdRel, text: fs.readFileSync(path.join(ws, prdRel), 'utf8'), heading: /^(\d+\.\s*)?(problem|why|problem statement|background|motivation)$/i, target: 3 });
    return list;
  };
  const storage = fs.mkdtempSync(path.join(tmp, 'storage-'));
  const l0 = load();
  const { client, start } = await startServer(ws, storage, ['--expose-gc']);
  try {
    await editAndMeasure(client, start, l0, docs(), rfcRel, largest?.size, prdRel);
  } finally {
    await client.stop();
  }
}

async function editAndMeasure(
  client: BenchClient,
  start: Start,
  l0: string,
  docs: { rel: string; text: string; heading: RegExp; target: number }[],
  rfcRel: string | undefined,
  rfcSize: number | undefined,
  prdRel: string,
): Promise<void> {
  const afterIndex = { stats: await client.stats(), proc: procStatus(client.pid) };
  note(`server ready in ${sec(start.ms)}: ${afterIndex.stats.documents} documents, heap after GC ${mb(afterIndex.stats.heapUsed)}, peak RSS ${mb(afterIndex.proc.hwm)}`);

  const series: { s: Series; target: number }[] = [];
  for (const d of docs) {
    await client.open(d.rel, d.text);
    // The first analysis of the opened document is not an edit: let it finish.
    await new Promise((r) => setTimeout(r, 500));
  }
  for (const d of docs) {
    for (const mode of ['typing', 'toggle'] as const) {
      const s = await editSeries(client, d.rel, d.text, mode, latencyEdits, d.heading);
      series.push({ s, target: d.target });
      note(
        `${d.rel} ${mode}: ${s.latencies.length} answered, ${s.timeouts} timeouts${s.latencies.length ? `, p50 ${sec(pct(s.latencies, 50))}, p95 ${sec(pct(s.latencies, 95))}` : ''}`,
      );
    }
  }
  const beforeMemory = { stats: await client.stats(), proc: procStatus(client.pid) };

  // Scenario 5: 2,000 more edits, half in each document, in the mode the server answers.
  const typingAnswered = series.filter((x) => x.s.mode === 'typing').every((x) => x.s.timeouts === 0);
  const memMode: Mode = typingAnswered ? 'typing' : 'toggle';
  const t0 = performance.now();
  let memTimeouts = 0;
  let memSent = 0;
  let hwmDuring = 0;
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    const n = Math.floor(memoryEdits / docs.length) + (i < memoryEdits % docs.length ? 1 : 0);
    for (let done = 0; done < n; done += 100) {
      const s = await editSeries(client, d.rel, d.text, memMode, Math.min(100, n - done), d.heading, Infinity);
      memTimeouts += s.timeouts;
      memSent += s.sent;
      hwmDuring = Math.max(hwmDuring, procStatus(client.pid).rss);
    }
  }
  const memMs = performance.now() - t0;
  const afterEdits = { stats: await client.stats(), proc: procStatus(client.pid) };

  print(`## 4. Server, edit latency (${afterIndex.stats.documents} documents indexed)`);
  print();
  print(
    `One server on the generated workspace plus ${rfcRel ? `the largest RFC (${rfcRel}, ${(rfcSize! / 1024).toFixed(0)} KB, kind \`rfc\` from .charter.yaml)` : 'no RFC (corpus missing)'} and a PRD of about 10 KB (${prdRel}), both open. Each edit is one incremental \`didChange\` of one character; the clock runs until the \`publishDiagnostics\` whose \`version\` is the edit's version (the next edit waits for it; ${sec(EDIT_TIMEOUT_MS)} without one is a timeout, and a series whose first 3 edits all time out is stopped). **typing**: a letter added at the end of a prose line, then removed — findings unchanged. **toggle**: the last letter of a required heading (Summary / the PRD's Why) removed, then restored — findings change every edit. Load average before/after: ${l0} / ${load()}.`,
  );
  print();
  table(
    ['document', 'edits', 'sent', 'p50', 'p95', 'max', 'timeouts', 'target'],
    series.map((x) => seriesRow(x.s, x.target)),
  );
  print();
  if (series.some((x) => x.s.mode === 'typing' && x.s.stopped))
    print(
      `**The server sent no diagnostics for edits that leave the findings unchanged** (typing series: no publishDiagnostics of the edited version within ${sec(EDIT_TIMEOUT_MS)}), so those latencies cannot be measured; the toggle series measures the same path with a change in findings.`,
    );
  print();

  print('## 5. Server memory');
  print();
  print(
    `Same server (\`--expose-gc\`, so \`charter/stats\` reports the heap after a full GC). Peak RSS is VmHWM from /proc/<pid>/status. ${memSent} more edits (${memMode}, half in each open document) took ${sec(memMs)}${memTimeouts ? `, ${memTimeouts} without an answer within ${sec(EDIT_TIMEOUT_MS)}` : ''}.`,
  );
  print();
  const growth = afterEdits.stats.heapUsed - beforeMemory.stats.heapUsed;
  const rssGrowth = afterEdits.proc.rss - beforeMemory.proc.rss;
  table(
    ['when', 'peak RSS (VmHWM)', 'RSS now', 'heap after GC', 'documents', 'target'],
    [
      [
        'after indexing',
        `**${mb(afterIndex.proc.hwm)}**`,
        mb(afterIndex.proc.rss),
        mb(afterIndex.stats.heapUsed),
        afterIndex.stats.documents,
        `< 200 MB ${ok(afterIndex.proc.hwm < 200 * 1024 * 1024)}`,
      ],
      [
        `after the ${series.reduce((n, x) => n + x.s.sent, 0)} latency edits`,
        mb(beforeMemory.proc.hwm),
        mb(beforeMemory.proc.rss),
        mb(beforeMemory.stats.heapUsed),
        beforeMemory.stats.documents,
        '',
      ],
      [
        `after ${memSent} more edits`,
        `**${mb(afterEdits.proc.hwm)}**`,
        mb(afterEdits.proc.rss),
        mb(afterEdits.stats.heapUsed),
        afterEdits.stats.documents,
        `< 200 MB ${ok(afterEdits.proc.hwm < 200 * 1024 * 1024)}`,
      ],
    ],
  );
  print();
  // Heap per compact document: the heap after GC over the documents held (the server's own
  // fixed heap included, so an upper bound), and what the engine reserves and holds outside it.
  const st = afterIndex.stats as typeof afterIndex.stats & { heapTotal?: number; external?: number };
  print(
    `Heap per compact document after indexing: **${(st.heapUsed / st.documents / 1024).toFixed(1)} KB** (heap after GC ${mb(st.heapUsed)} ÷ ${st.documents} documents, two of them open; the server's fixed heap included).${st.heapTotal !== undefined ? ` The engine reserved ${mb(st.heapTotal)} of heap and ${mb(st.external ?? 0)} outside it; RSS ${mb(afterIndex.proc.rss)}.` : ''}`,
  );
  print();
  const heapSinceIndex = afterEdits.stats.heapUsed - afterIndex.stats.heapUsed;
  const rssSinceIndex = afterEdits.proc.rss - afterIndex.proc.rss;
  const hwmSinceIndex = afterEdits.proc.hwm - afterIndex.proc.hwm;
  const flat = heapSinceIndex < 5 * 1024 * 1024 && rssSinceIndex < 0.1 * afterIndex.proc.rss;
  const signed = (b: number) => `${b >= 0 ? '+' : ''}${(b / 1024 / 1024).toFixed(1)} MB`;
  print(
    `Growth over the ${memSent} memory edits: heap after GC ${signed(growth)}, RSS ${signed(rssGrowth)}. Since indexing (all ${series.reduce((n, x) => n + x.s.sent, 0) + memSent} edits): heap after GC ${signed(heapSinceIndex)}, RSS ${signed(rssSinceIndex)}, peak RSS ${signed(hwmSinceIndex)}. Highest RSS sampled during the memory edits: ${mb(hwmDuring)}. Target "no growth" (heap after GC within 5 MB and RSS within 10% of their values after indexing): ${ok(flat)}.`,
  );
  print();
}

// ---------------------------------------------------------------------------------------------
// Scenario 6: a branch switch — one didChangeWatchedFiles with many changes

/** The server's log line when a batch of file changes is done (builds before it have none). */
const BATCH_DONE = /Charter: (\d+) file changes? applied/;
/**
 * A build that does not say when a batch is done (before the batched server): it works
 * through a batch in one turn of its event loop, so the batch is done when a request sent
 * after it is answered; then nothing more is published.
 */
let legacyBuild = false;

interface BatchRun {
  docs: number;
  changes: number;
  events: number;
  mode: 'idle' | 'indexing';
  coldMs: number;
  /** Batch sent → the last publishDiagnostics it caused. */
  lastPublishMs: number;
  /** Batch sent → the server said it was done (its log), when it says so. */
  doneMs?: number;
  /** The longest any request waited for its answer while the batch was worked on, by request. */
  maxWait: { hover: number; symbol: number; ownership: number };
  /**
   * The longest wait over its bound: the cold start, plus — while indexing — what was left of
   * a cold start when the request was sent (it waits for the first index, which is one).
   */
  worst: number;
  requests: number;
  publishes: number;
  cpuMs: number;
  load: string;
}

/**
 * Sends requests one after another (hover, documentSymbol, charter/ownership in turn) until
 * `done()`, and records how long each one took to be answered.
 */
async function requestLoop(
  client: BenchClient,
  rel: string,
  state: { done: boolean; sent: number; answeredAfter?: number },
): Promise<{ maxWait: BatchRun['maxWait']; requests: number; samples: { sent: number; answered: number }[] }> {
  const maxWait = { hover: 0, symbol: 0, ownership: 0 };
  const samples: { sent: number; answered: number }[] = [];
  const textDocument = { uri: client.uri(rel) };
  let requests = 0;
  for (let i = 0; !state.done; i++) {
    const which = (['hover', 'symbol', 'ownership'] as const)[i % 3];
    const t0 = performance.now();
    if (which === 'hover') await client.connection.sendRequest(HoverRequest.type, { textDocument, position: { line: 0, character: 2 } });
    else if (which === 'symbol') await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
    else await client.ownership();
    const t1 = performance.now();
    maxWait[which] = Math.max(maxWait[which], t1 - t0);
    samples.push({ sent: t0, answered: t1 });
    requests++;
    if (state.answeredAfter === undefined && t0 >= state.sent) state.answeredAfter = t1;
    // Leave the server a moment between requests, as an editor does (hovers follow the mouse).
    await new Promise((r) => setTimeout(r, 20));
  }
  return { maxWait, requests, samples };
}

/**
 * One batch: the workspace copied afresh from `pristine`, a server started on it; `idle`
 * sends the batch once the server is ready, `indexing` 200 ms after `initialized`. Ends when
 * the server says the batch is done (or, for a build that does not say, when a request sent
 * after the batch was answered and nothing was published for 5 s).
 */
async function batchRun(pristine: string, docs: number, changes: number, mode: 'idle' | 'indexing', coldMs: number | undefined): Promise<BatchRun> {
  const ws = path.join(tmp, `branch-${docs}-${changes}-${mode}`);
  fs.rmSync(ws, { recursive: true, force: true });
  fs.cpSync(pristine, ws, { recursive: true });
  // The other branch is prepared beside it, so that the switch itself is two renames of
  // docs/ (as quick as a checkout, and no writing of thousands of files by this process
  // while the server works); bench/branch.ts says which files it changed.
  const next = `${ws}-next`;
  fs.rmSync(next, { recursive: true, force: true });
  fs.cpSync(pristine, next, { recursive: true });
  const { events } = switchBranch(next, { changes, seed: 7 });
  const client = new BenchClient(ws, [], SERVER);
  client.keepLog = (m) => BATCH_DONE.test(m);
  await new Promise((r) => setTimeout(r, 50));
  const l0 = load();
  const t0 = performance.now();
  await client.initialize([ws], {});
  const ownership = client.ownership().then(() => performance.now());
  let cold = coldMs;
  if (mode === 'idle') {
    await client.waitFor(() => client.indexedLogAt !== undefined && client.statusReadyAt !== undefined, INDEX_TIMEOUT_MS, 'the index to be ready');
    cold = Math.max(await ownership, client.indexedLogAt!, client.statusReadyAt!) - t0;
    await new Promise((r) => setTimeout(r, 1000)); // the ownership notification and the last publishes of the start
  } else await new Promise((r) => setTimeout(r, 200)); // the server is reading the folder
  // The branch switch: the files change, then the one notification goes.
  fs.renameSync(path.join(ws, 'docs'), path.join(tmp, `docs-before-${docs}-${changes}-${mode}`));
  fs.renameSync(path.join(next, 'docs'), path.join(ws, 'docs'));
  // The requests ask about the first PRD left untouched (or, when the batch touches every
  // file, about a document it leaves in place).
  const touched = new Set(events.map((e) => e.rel));
  const prds = fs
    .readdirSync(path.join(ws, 'docs/prd'), { recursive: true })
    .map((f) => `docs/prd/${String(f).split(path.sep).join('/')}`)
    .filter((f) => f.endsWith('.md') && !f.endsWith('README.md') && fs.existsSync(path.join(ws, f)));
  const probeRel = prds.find((f) => !touched.has(f)) ?? prds[0];
  const cpu0 = procStatus(client.pid).cpuMs;
  const publishes0 = client.publishes;
  const state: { done: boolean; sent: number; answeredAfter?: number } = { done: false, sent: performance.now() };
  await client.watched(events.map((e) => ({ uri: client.uri(e.rel), type: e.type })));
  const loop = requestLoop(client, probeRel, state);
  await client.waitFor(
    () => client.logTimes.length > 0 || (legacyBuild && state.answeredAfter !== undefined && performance.now() - Math.max(client.lastPublishAt, state.answeredAfter) > 5000),
    INDEX_TIMEOUT_MS,
    'the batch to be done',
  );
  state.done = true;
  const r = await loop;
  // Publishes written before the log line arrive before it; wait a moment all the same.
  await new Promise((res) => setTimeout(res, 300));
  const run: BatchRun = {
    docs,
    changes,
    events: events.length,
    mode,
    coldMs: cold!,
    lastPublishMs: Math.max(0, client.lastPublishAt - state.sent),
    doneMs: client.logTimes.length ? client.logTimes[0].at - state.sent : undefined,
    maxWait: r.maxWait,
    worst: Math.max(...r.samples.map((x) => (x.answered - x.sent) / (cold! + (mode === 'indexing' ? Math.max(0, t0 + cold! - x.sent) : 0)))),
    requests: r.requests,
    publishes: client.publishes - publishes0,
    cpuMs: procStatus(client.pid).cpuMs - cpu0,
    load: `${l0} / ${load()}`,
  };
  await client.stop();
  for (const d of [ws, next, path.join(tmp, `docs-before-${docs}-${changes}-${mode}`)]) fs.rmSync(d, { recursive: true, force: true });
  return run;
}

async function scenario6(): Promise<void> {
  print('## 6. Server, a branch switch: one `didChangeWatchedFiles` with many changes');
  print();
  legacyBuild = !fs.readFileSync(SERVER, 'utf8').includes(' applied in ');
  if (legacyBuild) note('this build does not log when a batch is done: done = a request answered after it, then 5 s without a publish');
  const rows: (string | number)[][] = [];
  const all: BatchRun[] = [];
  for (const docs of s6Docs) {
    const pristine = path.join(tmp, `branch-pristine-${docs}`);
    const stats = generateWorkspace(pristine, { count: docs, seed });
    note(`generated ${stats.documents} documents (${stats.files} files) for scenario 6`);
    for (const changes of s6Changes) {
      const idle = await batchRun(pristine, docs, changes, 'idle', undefined);
      note(
        `${docs} docs, ${changes} changes, ready: cold start ${sec(idle.coldMs)}, last publish after ${sec(idle.lastPublishMs)}, longest wait ${sec(Math.max(idle.maxWait.hover, idle.maxWait.symbol))} (ownership ${sec(idle.maxWait.ownership)})`,
      );
      const indexing = await batchRun(pristine, docs, changes, 'indexing', idle.coldMs);
      note(
        `${docs} docs, ${changes} changes, while indexing: last publish after ${sec(indexing.lastPublishMs)}, longest wait ${sec(Math.max(indexing.maxWait.hover, indexing.maxWait.symbol))} (ownership ${sec(indexing.maxWait.ownership)})`,
      );
      for (const x of [idle, indexing]) {
        all.push(x);
        rows.push([
          `${x.docs}`,
          `${x.changes} (${x.events} events)`,
          x.mode === 'idle' ? 'after the index' : 'while indexing',
          sec(x.coldMs),
          `**${sec(x.lastPublishMs)}**`,
          x.doneMs === undefined ? '—' : sec(x.doneMs),
          `**${sec(Math.max(x.maxWait.hover, x.maxWait.symbol))}**`,
          sec(x.maxWait.ownership),
          x.requests,
          x.publishes,
          sec(x.cpuMs),
          `${ok(x.worst <= 1)} ${x.worst.toFixed(2)}`,
          x.load,
        ]);
      }
    }
  }
  print(
    `A generated workspace (bench/generate.ts, seed ${seed}) copied afresh for each row; a server started on it (no storagePath: a cold start, timed as in scenario 3); then the folder \`docs/\` is swapped for a copy that \`switchBranch\` (bench/branch.ts) changed beforehand — about 55% edits, 15% deletes, 5% renames (two events each), the rest new documents, one edit of the charter, 2% of the paths reported twice — and ONE \`workspace/didChangeWatchedFiles\` carries all the events. **after the index**: the batch is sent once the server is ready; **while indexing**: 200 ms after \`initialized\`. Meanwhile a client sends hover, documentSymbol and charter/ownership in turn (one at a time, 20 ms apart) on a PRD the batch leaves alone, and records how long each waited for its answer. "Last publish": batch sent → the last publishDiagnostics; "done": → the server's log line saying so. Target: no request waits longer than the cold start of the same workspace (measured in the "after the index" run of the same size; while indexing, a request may also wait for what is left of the first index, which is a cold start). "Worst" is the longest wait divided by that bound: at most 1.`,
  );
  print();
  table(
    [
      'documents',
      'changes',
      'batch sent',
      'cold start',
      'last publish',
      'done (log)',
      'longest wait: hover / symbol',
      'longest wait: ownership',
      'requests',
      'publishes',
      'server CPU',
      'worst wait ÷ bound',
      'load before / after',
    ],
    rows,
  );
  print();
  void all;
}

// ---------------------------------------------------------------------------------------------

function machine(): void {
  const cpus = os.cpus();
  const git = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'server', 'client', 'package.json'], { cwd: REPO, encoding: 'utf8' }).stdout.trim()
    ? ' (server/ or client/ modified)'
    : '';
  print(`# Charter benchmark`);
  print();
  print(
    `- Machine: ${cpus[0]?.model.trim() ?? '?'}, ${cpus.length} cores (${os.availableParallelism?.() ?? cpus.length} available), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}`,
  );
  print(`- Node ${process.version}; Charter at ${git}${dirty}, dist/ built ${fs.statSync(BUILT_CLI).mtime.toISOString()} (copied at the start of the run)`);
  print(`- ${new Date().toISOString()}; load average at start ${load()} (other work on the machine slows wall times; CPU times are less affected)`);
  print(
    `- Runs: ${runs} per tool for scenarios 1–2, ${serverRuns} cold + warm starts, ${latencyEdits} edits per latency series, ${memoryEdits} memory edits; scenario 6 on ${s6Docs.join(' and ')} documents with ${s6Changes.join(', ')} changes${quick ? ' (--quick)' : ''}${DIST !== path.join(REPO, 'dist') ? `; bundles from ${DIST}` : ''}`,
  );
  print();
}

async function main(): Promise<void> {
  ensureBuilt();
  snapshotBuild();
  machine();
  try {
    if (only.has(1)) await scenario1();
    if (only.has(2)) await scenario2();
    if (only.has(3)) await scenario3();
    if (only.has(4) || only.has(5)) await scenarios45();
    if (only.has(6)) await scenario6();
    if (generated) {
      print('## The generated workspace');
      print();
      print(describeStats(generated.stats));
      print();
    }
  } finally {
    fs.writeFileSync(RESULTS, `${out.join('\n')}\n`);
    process.stderr.write(`\nWritten to ${path.relative(process.cwd(), RESULTS)}${keep ? `; workspaces kept in ${tmp}` : ''}\n`);
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
