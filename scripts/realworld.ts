/**
 * The real-world corpus: public repositories whose teams keep ADRs, decision logs, PRDs
 * and design docs, pinned by commit in test/realworld/corpus.json with what a careful
 * reader says each file is and which findings that reader agrees with. Nothing of those
 * repositories is committed here: `materialize` writes the pinned files into the ignored
 * folder .realworld/ (from ../shared/corpora/realworld/ when present, else from the git
 * snapshots under $CHARTER_MIRROR), and `measure` runs the built checker on each
 * repository folder with default settings and compares.
 *
 *   tsx scripts/realworld.ts materialize [--force]
 *   tsx scripts/realworld.ts measure [--triage] [--repo owner/name] [--json]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const MANIFEST = path.join(REPO_ROOT, 'test', 'realworld', 'corpus.json');
export const OUT_DIR = path.join(REPO_ROOT, '.realworld');
export const SHARED_COPY = path.resolve(REPO_ROOT, '..', 'shared', 'corpora', 'realworld');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** The kinds a reader can give a file; null means "not a document". */
export type ReaderKind = 'adr' | 'prd' | 'sdd' | 'decision-log' | 'charter' | null;

/** A finding at a line (1-based), as the checker reports it or a reader expects it. */
export interface Finding {
  rule: string;
  line: number;
  /** The section a missing-section or empty-section finding names (several can share a line). */
  section?: string;
  /** Why a reader agrees (or, under `rejected`, disagrees), where it is not obvious. */
  reason?: string;
  /** Set while the checker still disagrees because another change is not merged yet. */
  pending?: string;
}

/** One file of a repository and the reader's verdict on it. */
export interface FileEntry {
  path: string;
  kind: ReaderKind;
  /** Why the reader says this kind, where it is not obvious. */
  note?: string;
  /** The findings a careful reader agrees with. */
  findings?: Finding[];
  /** Findings the checker prints today that the reader disagrees with (each pending). */
  rejected?: Finding[];
  /** Set when the checker's kind still differs for a known, pending reason. */
  pending?: string;
}

/** One pinned repository. */
export interface RepoEntry {
  repo: string;
  commit: string;
  licence: string;
  language: string;
  what: string;
  subtrees: string[];
  /** Paths that exist in the repository and are linked to, written as empty stand-ins (folders end in /). */
  stubs?: string[];
  files: FileEntry[];
}

export interface Manifest {
  description: string;
  repos: RepoEntry[];
}

export function loadManifest(file = MANIFEST): Manifest {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The folder a repository is materialized in. */
export function repoDir(repo: string): string {
  return path.join(OUT_DIR, repo.replace('/', '+'));
}

function mirrorRoot(): string {
  return process.env.CHARTER_MIRROR || '/work/.mirror';
}

function gitDir(repo: string): string | undefined {
  const base = path.join(mirrorRoot(), repo.replace('/', '+'));
  for (const d of [path.join(base, 'repo'), base]) if (fs.existsSync(path.join(d, 'HEAD'))) return d;
  return undefined;
}

/** Where the corpus can be had from, or undefined with the reason it cannot. */
export function corpusSource(manifest: Manifest): { from: 'materialized' | 'shared' | 'mirror' } | { missing: string } {
  if (manifest.repos.every((r) => isMaterialized(r))) return { from: 'materialized' };
  if (manifest.repos.every((r) => fs.existsSync(path.join(SHARED_COPY, r.repo.replace('/', '+'))))) return { from: 'shared' };
  const absent = manifest.repos.filter((r) => !gitDir(r.repo)).map((r) => r.repo);
  if (absent.length === 0) return { from: 'mirror' };
  return { missing: `${absent.length} of ${manifest.repos.length} repositories (${absent[0]}…) have no copy in ${SHARED_COPY} nor a snapshot in ${mirrorRoot()}; set CHARTER_MIRROR` };
}

const MARKER = '.realworld-commit';

function isMaterialized(r: RepoEntry): boolean {
  try {
    return fs.readFileSync(path.join(repoDir(r.repo), MARKER), 'utf8').trim() === markerText(r);
  } catch {
    return false;
  }
}

/** The marker changes whenever the commit or the file list does, so a stale copy is redone. */
function markerText(r: RepoEntry): string {
  return `${r.commit} ${r.files.length} ${(r.stubs ?? []).length}`;
}

/** Writes every pinned file into .realworld/<owner>+<name>/; returns what it did per repository. */
export function materialize(manifest: Manifest, force = false): string[] {
  const log: string[] = [];
  for (const r of manifest.repos) {
    const dir = repoDir(r.repo);
    if (!force && isMaterialized(r)) {
      log.push(`${r.repo}: up to date`);
      continue;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    const shared = path.join(SHARED_COPY, r.repo.replace('/', '+'));
    const git = fs.existsSync(shared) ? undefined : gitDir(r.repo);
    if (!fs.existsSync(shared) && !git) throw new Error(`${r.repo}: no copy in ${SHARED_COPY} and no git snapshot in ${mirrorRoot()}`);
    for (const f of r.files) {
      const text = git ? gitShow(git, r.commit, f.path) : fs.readFileSync(path.join(shared, f.path));
      write(path.join(dir, f.path), text);
    }
    // A stand-in ending in / is a folder that links point to.
    for (const s of r.stubs ?? []) s.endsWith('/') ? fs.mkdirSync(path.join(dir, s), { recursive: true }) : write(path.join(dir, s), Buffer.alloc(0));
    fs.writeFileSync(path.join(dir, MARKER), markerText(r) + '\n');
    log.push(`${r.repo}: ${r.files.length} files${r.stubs?.length ? ` and ${r.stubs.length} stand-ins` : ''} from ${git ? git : shared}`);
  }
  return log;
}

function gitShow(git: string, commit: string, file: string): Buffer {
  const r = spawnSync('git', ['--git-dir', git, 'cat-file', 'blob', `${commit}:${file}`], { maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git cat-file ${commit}:${file} in ${git} failed: ${r.stderr.toString().trim()}`);
  return r.stdout;
}

function write(file: string, data: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/** What the checker said about one file (undefined kind: not recognised). */
export interface Actual {
  kind?: string;
  findings: { rule: string; line: number; section?: string; message: string }[];
}

/** Runs the built checker on one materialized repository with default settings. */
export function check(repo: string): Map<string, Actual> {
  const dir = repoDir(repo);
  if (fs.existsSync(path.join(dir, '.charter.yaml'))) throw new Error(`${dir} has a .charter.yaml: the corpus is measured with default settings`);
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--root', dir], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`charter check in ${dir} exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { files: { path: string; kind: string; diagnostics: { rule: string; line: number; section?: string; message: string }[] }[] };
  const map = new Map<string, Actual>();
  for (const f of out.files) {
    map.set(f.path, { kind: f.kind, findings: f.diagnostics.map((d) => ({ rule: d.rule, line: d.line, ...(d.section !== undefined ? { section: d.section } : {}), message: d.message })) });
  }
  return map;
}

/** One difference between the checker and the reader. */
export interface Disagreement {
  repo: string;
  path: string;
  what: 'kind' | 'false-finding' | 'missed-finding' | 'unlisted-file';
  rule?: string;
  line?: number;
  section?: string;
  charter: string;
  reader: string;
  reason?: string;
  pending?: string;
}

/** Figures for one repository or for the whole corpus. */
export interface Figures {
  documents: number;
  recognised: number;
  recognisedOther: number;
  recognisedTotal: number;
  findings: number;
  agreed: number;
  expected: number;
  found: number;
}

const DOC_KINDS = new Set(['adr', 'prd', 'sdd', 'decision-log']);
const key = (f: { rule: string; line: number; section?: string }) => `${f.rule}@${f.line}${f.section !== undefined ? `#${f.section}` : ''}`;

/** Compares the checker's output for one repository with the reader's verdicts. */
export function compare(entry: RepoEntry, actual: Map<string, Actual>): { figures: Figures; disagreements: Disagreement[] } {
  const fig: Figures = { documents: 0, recognised: 0, recognisedOther: 0, recognisedTotal: 0, findings: 0, agreed: 0, expected: 0, found: 0 };
  const dis: Disagreement[] = [];
  const listed = new Set(entry.files.map((f) => f.path));
  for (const f of entry.files) {
    const a = actual.get(f.path);
    if (f.kind && DOC_KINDS.has(f.kind)) {
      fig.documents++;
      if (a?.kind === f.kind) fig.recognised++;
    }
    if (a) {
      fig.recognisedTotal++;
      if (a.kind !== f.kind) fig.recognisedOther++;
    }
    if ((a?.kind ?? null) !== f.kind) {
      dis.push({ repo: entry.repo, path: f.path, what: 'kind', charter: a?.kind ?? 'not recognised', reader: f.kind ?? 'not a document', reason: f.note, pending: f.pending });
    }
    const expected = new Map((f.findings ?? []).map((x) => [key(x), x]));
    const rejected = new Map((f.rejected ?? []).map((x) => [key(x), x]));
    const got = a?.findings ?? [];
    fig.findings += got.length;
    fig.expected += expected.size;
    const gotKeys = new Set(got.map(key));
    for (const g of got) {
      if (expected.has(key(g))) {
        fig.agreed++;
        continue;
      }
      const r = rejected.get(key(g));
      dis.push({ repo: entry.repo, path: f.path, what: 'false-finding', rule: g.rule, line: g.line, section: g.section, charter: g.message, reader: 'disagrees', reason: r?.reason, pending: r?.pending });
    }
    for (const [k, e] of expected) {
      if (gotKeys.has(k)) fig.found++;
      else dis.push({ repo: entry.repo, path: f.path, what: 'missed-finding', rule: e.rule, line: e.line, section: e.section, charter: 'nothing', reader: 'agrees', reason: e.reason, pending: e.pending });
    }
  }
  for (const [p, a] of actual) {
    if (listed.has(p)) continue;
    fig.recognisedTotal++;
    fig.recognisedOther++;
    dis.push({ repo: entry.repo, path: p, what: 'unlisted-file', charter: `${a.kind} with ${a.findings.length} findings`, reader: 'not in the manifest' });
  }
  return { figures: fig, disagreements: dis };
}

/** Every `pending` mark in the manifest: each must match one disagreement. */
export function pendingMarks(manifest: Manifest): number {
  let n = 0;
  for (const r of manifest.repos) {
    for (const f of r.files) {
      if (f.pending) n++;
      n += (f.findings ?? []).filter((x) => x.pending).length + (f.rejected ?? []).filter((x) => x.pending).length;
    }
  }
  return n;
}

export function addFigures(a: Figures, b: Figures): Figures {
  const out = { ...a };
  for (const k of Object.keys(b) as (keyof Figures)[]) out[k] += b[k];
  return out;
}

const pct = (n: number, d: number) => (d === 0 ? '  n/a' : `${((100 * n) / d).toFixed(1)}%`.padStart(6));

export function formatFigures(name: string, f: Figures): string {
  return [
    name.padEnd(52),
    `recall ${pct(f.recognised, f.documents)} (${f.recognised}/${f.documents})`.padEnd(24),
    `precision ${pct(f.recognisedTotal - f.recognisedOther, f.recognisedTotal)} (${f.recognisedTotal - f.recognisedOther}/${f.recognisedTotal})`.padEnd(28),
    `findings: precision ${pct(f.agreed, f.findings)} (${f.agreed}/${f.findings})`.padEnd(36),
    `recall ${pct(f.found, f.expected)} (${f.found}/${f.expected})`,
  ].join(' ');
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      force: { type: 'boolean' },
      triage: { type: 'boolean' },
      json: { type: 'boolean' },
      repo: { type: 'string' },
    },
  });
  const command = positionals[0];
  const manifest = loadManifest();
  if (command === 'materialize') {
    for (const line of materialize(manifest, values.force)) console.log(line);
    return;
  }
  if (command !== 'measure') {
    console.error('usage: tsx scripts/realworld.ts materialize [--force] | measure [--triage] [--repo owner/name] [--json]');
    process.exitCode = 2;
    return;
  }
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  materialize(manifest);
  const repos = manifest.repos.filter((r) => !values.repo || r.repo === values.repo);
  let total: Figures | undefined;
  const all: Disagreement[] = [];
  const rows: string[] = [];
  for (const r of repos) {
    const { figures, disagreements } = compare(r, check(r.repo));
    rows.push(formatFigures(r.repo, figures));
    total = total ? addFigures(total, figures) : figures;
    all.push(...disagreements);
  }
  if (values.json) {
    console.log(JSON.stringify({ total, disagreements: all }, null, 2));
    return;
  }
  console.log('Recognition: recall = files a reader calls adr/prd/sdd/decision-log recognised with that kind;');
  console.log('precision = recognised files whose kind the reader agrees with. Findings: precision = agreed/all printed, recall = printed/agreed.\n');
  for (const row of rows) console.log(row);
  if (total) console.log(formatFigures(`ALL (${repos.length} repositories)`, total));
  const pending = all.filter((d) => d.pending).length;
  console.log(`\n${all.length} disagreements (${pending} marked pending)`);
  if (values.triage) {
    for (const d of all) {
      const where = `${d.repo} ${d.path}${d.line ? `:${d.line}` : ''}`;
      const what = d.what === 'kind' ? `kind: charter ${d.charter}, reader ${d.reader}` : `${d.what} ${d.rule}: ${d.charter}`;
      console.log(`- ${where} — ${what}${d.reason ? ` — ${d.reason}` : ''}${d.pending ? ` [pending ${d.pending}]` : ''}`);
    }
  }
}

if (require.main === module) main();
