/**
 * The real-world corpus: public repositories whose teams keep ADRs, decision logs, PRDs
 * and design docs, pinned by commit in test/realworld/corpus.json with what a careful
 * reader says each file is and which findings that reader agrees with. Nothing of those
 * repositories is committed here: `materialize` writes the pinned files into the ignored
 * folder .realworld/ from their copy in ../shared/corpora/realworld/<owner>+<name>/ (or
 * $CHARTER_CORPORA/realworld), and `measure` runs the built checker on each repository
 * folder with default settings and compares.
 *
 * The tests read the shared copy and nothing else. A repository newly added to the manifest
 * waits for its copy there (`"awaitingCopy": true`); until it arrives the tests leave it out,
 * and only `measure` reads it, from a bare git snapshot under $CHARTER_MIRROR
 * (`<owner>+<name>/` or `<owner>+<name>/repo/`), and only when that variable is set.
 *
 *   tsx scripts/realworld.ts materialize [--force]
 *   tsx scripts/realworld.ts measure [--triage] [--repo owner/name] [--json] [--no-mutation]
 *
 * A repository may also carry `config`, the `.charter.yaml` its team would write (its process
 * as a kind: folder, template sections, owner field), and each file its reader's verdict under
 * it (`configuredKind`, `configuredFindings`): the configured pass. `materialize` writes that
 * config into a copy of its own, .realworld-configured/<owner>+<name>/, never into .realworld/;
 * `measure` prints both passes and the tests check both.
 *   tsx scripts/realworld.ts mutate [--corpus NAME]…   (recall by mutation alone: scripts/mutation.ts)
 *
 * `measure` prints recognition, the findings' precision and recall overall and per rule, the
 * findings at info level per rule, and recall by mutation over the corpora (scripts/mutation.ts).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const MANIFEST = path.join(REPO_ROOT, 'test', 'realworld', 'corpus.json');
export const OUT_DIR = path.join(REPO_ROOT, '.realworld');
/** Where the repositories with a `config` are materialized with it (the configured pass). */
export const CONFIGURED_DIR = path.join(REPO_ROOT, '.realworld-configured');
/** Where the copies are: $CHARTER_CORPORA/realworld, or ../shared/corpora/realworld beside the clone. */
export const SHARED_COPY = path.join(process.env.CHARTER_CORPORA ? path.resolve(process.env.CHARTER_CORPORA) : path.resolve(REPO_ROOT, '..', 'shared', 'corpora'), 'realworld');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/** The kinds a reader can give a file; null means "not a document". */
export type ReaderKind = 'adr' | 'prd' | 'sdd' | 'decision-log' | 'charter' | 'decision-index' | null;

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
  /** Charter's policy said once for a folder or a template (on the template, or the folder's first document). */
  policy?: boolean;
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
  /**
   * A file that is a document only under the configuration `charter init` proposes (an RFC,
   * a TEP: a kind of the team's own): the findings at warning level the reader agrees with
   * there (test/realworld/init.test.ts).
   */
  initFindings?: Finding[];
  /** Set when the checker's kind still differs for a known, pending reason. */
  pending?: string;
  /** Under the repository's `config`: the kind the reader says (a configured kind's name), when it is not `kind`. */
  configuredKind?: string | null;
  /** Under the repository's `config`: the findings a careful reader agrees with (none when absent). */
  configuredFindings?: Finding[];
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
  /** Newly added: its copy in ../shared/corpora/realworld is yet to come (the tests leave it out until then). */
  awaitingCopy?: boolean;
  /** The `.charter.yaml` its team would write (the configured pass); absent: measured with default settings only. */
  config?: string;
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

/** The folder a repository with a `config` is materialized in with it. */
export function configuredDir(repo: string): string {
  return path.join(CONFIGURED_DIR, repo.replace('/', '+'));
}

/** The reader's verdict on a file for one pass: its kind and the findings agreed. */
export type Pass = 'default' | 'configured';
export function verdict(f: FileEntry, pass: Pass): { kind: string | null; findings: Finding[]; rejected: Finding[] } {
  if (pass === 'default') return { kind: f.kind, findings: f.findings ?? [], rejected: f.rejected ?? [] };
  return { kind: f.configuredKind !== undefined ? f.configuredKind : f.kind, findings: f.configuredFindings ?? [], rejected: [] };
}

/** The folder of a repository's copy in the shared corpora. */
export function sharedDir(repo: string): string {
  return path.join(SHARED_COPY, repo.replace('/', '+'));
}

function hasSharedCopy(repo: string): boolean {
  return fs.existsSync(sharedDir(repo));
}

/**
 * The repositories the tests run on: every one with a copy in the shared corpora, and every
 * one not marked as awaiting its copy (those must have one: their absence is reported).
 */
export function testSet(manifest: Manifest): RepoEntry[] {
  return manifest.repos.filter((r) => !r.awaitingCopy || hasSharedCopy(r.repo));
}

/** Whether the test set can be read here, or the reason it cannot (naming what is missing). */
export function corpusSource(manifest: Manifest): { from: 'shared' } | { missing: string } {
  const absent = testSet(manifest)
    .filter((r) => !hasSharedCopy(r.repo))
    .map((r) => r.repo);
  if (absent.length === 0) return { from: 'shared' };
  const named = absent.length <= 3 ? absent.join(', ') : `${absent.slice(0, 3).join(', ')} and ${absent.length - 3} more`;
  return { missing: `${absent.length} of ${testSet(manifest).length} repositories have no copy in ${SHARED_COPY}: ${named}` };
}

/** A bare git snapshot of the repository under $CHARTER_MIRROR, only when that variable is set. */
function mirrorGitDir(repo: string): string | undefined {
  const root = process.env.CHARTER_MIRROR;
  if (!root) return undefined;
  const base = path.join(path.resolve(root), repo.replace('/', '+'));
  for (const d of [path.join(base, 'repo'), base]) if (fs.existsSync(path.join(d, 'HEAD'))) return d;
  return undefined;
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

/**
 * Writes every pinned file of `repos` into .realworld/<owner>+<name>/ from the shared copy;
 * with `mirror`, a repository awaiting its copy is read from $CHARTER_MIRROR instead.
 * Returns what it did per repository.
 */
export function materialize(repos: RepoEntry[], options: { force?: boolean; mirror?: boolean } = {}): string[] {
  const log: string[] = [];
  for (const r of repos) {
    const dir = repoDir(r.repo);
    if (!options.force && isMaterialized(r)) {
      if (r.config !== undefined && !isConfiguredUpToDate(r)) materializeConfigured(r);
      log.push(`${r.repo}: up to date`);
      continue;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    const shared = sharedDir(r.repo);
    const git = fs.existsSync(shared) || !options.mirror || !r.awaitingCopy ? undefined : mirrorGitDir(r.repo);
    if (!fs.existsSync(shared) && !git) {
      const mirror =
        r.awaitingCopy && options.mirror
          ? process.env.CHARTER_MIRROR
            ? ` nor a git snapshot under ${process.env.CHARTER_MIRROR}`
            : ' (set CHARTER_MIRROR to a folder of git snapshots to measure it before its copy arrives)'
          : '';
      throw new Error(`${r.repo}: no copy in ${SHARED_COPY}${mirror}`);
    }
    for (const f of r.files) {
      const text = git ? gitShow(git, r.commit, f.path) : fs.readFileSync(path.join(shared, f.path));
      write(path.join(dir, f.path), text);
    }
    // A stand-in ending in / is a folder that links point to.
    for (const s of r.stubs ?? []) {
      if (s.endsWith('/')) fs.mkdirSync(path.join(dir, s), { recursive: true });
      else write(path.join(dir, s), Buffer.alloc(0));
    }
    fs.writeFileSync(path.join(dir, MARKER), markerText(r) + '\n');
    if (r.config !== undefined) materializeConfigured(r);
    log.push(`${r.repo}: ${r.files.length} files${r.stubs?.length ? ` and ${r.stubs.length} stand-ins` : ''} from ${git ? git : shared}`);
  }
  return log;
}

/** The configured copy: the materialized files and the team's `.charter.yaml`, in a folder of their own. */
function materializeConfigured(r: RepoEntry): void {
  const dir = configuredDir(r.repo);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(repoDir(r.repo), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '.charter.yaml'), r.config ?? '');
}

function isConfiguredUpToDate(r: RepoEntry): boolean {
  try {
    const dir = configuredDir(r.repo);
    return fs.readFileSync(path.join(dir, '.charter.yaml'), 'utf8') === r.config && fs.readFileSync(path.join(dir, MARKER), 'utf8').trim() === markerText(r);
  } catch {
    return false;
  }
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

/**
 * What the checker said about one file (undefined kind: not recognised): its findings at
 * warning or error level, which a reader must agree with one by one, and how many it noted
 * at info level (Charter's policy said per document, and other notes), counted by rule.
 */
export interface Actual {
  kind?: string;
  findings: { rule: string; line: number; section?: string; message: string }[];
  infos: Record<string, number>;
}

/**
 * Runs the built checker on one materialized repository: with default settings, or (the
 * configured pass) in its configured copy, under the team's `.charter.yaml`.
 */
export function check(repo: string, pass: Pass = 'default'): Map<string, Actual> {
  const dir = pass === 'default' ? repoDir(repo) : configuredDir(repo);
  const configured = fs.existsSync(path.join(dir, '.charter.yaml'));
  if (pass === 'default' && configured) throw new Error(`${dir} has a .charter.yaml: the corpus is measured with default settings`);
  if (pass === 'configured' && !configured) throw new Error(`${dir} has no .charter.yaml: materialize the repository's config first`);
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--root', dir], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`charter check in ${dir} exited ${r.status}: ${r.stderr}`);
  if (pass === 'configured' && r.stderr.trim()) throw new Error(`charter check in ${dir} said something about its .charter.yaml: ${r.stderr.trim()}`);
  const out = JSON.parse(r.stdout) as {
    files: { path: string; kind: string; diagnostics: { rule: string; severity: string; line: number; section?: string; message: string }[] }[];
  };
  const map = new Map<string, Actual>();
  for (const f of out.files) {
    const infos: Record<string, number> = {};
    for (const d of f.diagnostics) if (d.severity === 'info') infos[d.rule] = (infos[d.rule] ?? 0) + 1;
    const findings = f.diagnostics
      .filter((d) => d.severity !== 'info')
      .map((d) => ({ rule: d.rule, line: d.line, ...(d.section !== undefined ? { section: d.section } : {}), message: d.message }));
    // A template is no document: it is listed only for what Charter's policy says on it.
    map.set(f.path, { kind: f.kind === 'template' ? undefined : f.kind, findings, infos });
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
  /** Findings at info level (not judged one by one: Charter's policy per document, and notes). */
  infos: number;
  agreed: number;
  expected: number;
  found: number;
}

const DOC_KINDS = new Set(['adr', 'prd', 'sdd', 'decision-log']);
const key = (f: { rule: string; line: number; section?: string }) => `${f.rule}@${f.line}${f.section !== undefined ? `#${f.section}` : ''}`;

/** Compares the checker's output for one repository with the reader's verdicts. */
export function compare(entry: RepoEntry, actual: Map<string, Actual>, pass: Pass = 'default'): { figures: Figures; disagreements: Disagreement[] } {
  const fig: Figures = { documents: 0, recognised: 0, recognisedOther: 0, recognisedTotal: 0, findings: 0, infos: 0, agreed: 0, expected: 0, found: 0 };
  const dis: Disagreement[] = [];
  const listed = new Set(entry.files.map((f) => f.path));
  for (const f of entry.files) {
    const a = actual.get(f.path);
    const v = verdict(f, pass);
    // A document is one in either pass (the reader's default kind); recognised: with the pass's kind.
    if (f.kind && DOC_KINDS.has(f.kind)) {
      fig.documents++;
      if (a?.kind === v.kind) fig.recognised++;
    }
    if (a?.kind) {
      fig.recognisedTotal++;
      if (a.kind !== v.kind) fig.recognisedOther++;
    }
    if ((a?.kind ?? null) !== v.kind) {
      dis.push({
        repo: entry.repo,
        path: f.path,
        what: 'kind',
        charter: a?.kind ?? 'not recognised',
        reader: v.kind ?? 'not a document',
        reason: f.note,
        pending: pass === 'default' ? f.pending : undefined,
      });
    }
    const expected = new Map(v.findings.map((x) => [key(x), x]));
    const rejected = new Map(v.rejected.map((x) => [key(x), x]));
    const got = a?.findings ?? [];
    fig.findings += got.length;
    for (const n of Object.values(a?.infos ?? {})) fig.infos += n;
    fig.expected += expected.size;
    const gotKeys = new Set(got.map(key));
    for (const g of got) {
      if (expected.has(key(g))) {
        fig.agreed++;
        continue;
      }
      const r = rejected.get(key(g));
      dis.push({
        repo: entry.repo,
        path: f.path,
        what: 'false-finding',
        rule: g.rule,
        line: g.line,
        section: g.section,
        charter: g.message,
        reader: 'disagrees',
        reason: r?.reason,
        pending: r?.pending,
      });
    }
    for (const [k, e] of expected) {
      if (gotKeys.has(k)) fig.found++;
      else
        dis.push({
          repo: entry.repo,
          path: f.path,
          what: 'missed-finding',
          rule: e.rule,
          line: e.line,
          section: e.section,
          charter: 'nothing',
          reader: 'agrees',
          reason: e.reason,
          pending: e.pending,
        });
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

/** The findings of one rule: printed at warning or error level, agreed, expected, found; and at info level. */
export interface RuleFigures {
  printed: number;
  agreed: number;
  expected: number;
  found: number;
  infos: number;
}

/** Per rule: how many findings the checker printed and the reader agrees with, and how many it noted at info level. */
export function ruleFigures(entry: RepoEntry, actual: Map<string, Actual>, pass: Pass = 'default'): Record<string, RuleFigures> {
  const out: Record<string, RuleFigures> = {};
  const of = (rule: string) => (out[rule] ??= { printed: 0, agreed: 0, expected: 0, found: 0, infos: 0 });
  for (const f of entry.files) {
    const a = actual.get(f.path);
    const agreed = verdict(f, pass).findings;
    const expected = new Set(agreed.map(key));
    const got = new Set((a?.findings ?? []).map(key));
    for (const g of a?.findings ?? []) {
      of(g.rule).printed++;
      if (expected.has(key(g))) of(g.rule).agreed++;
    }
    for (const e of agreed) {
      of(e.rule).expected++;
      if (got.has(key(e))) of(e.rule).found++;
    }
    for (const [rule, n] of Object.entries(a?.infos ?? {})) of(rule).infos += n;
  }
  // Files the manifest does not list: all their findings are unagreed.
  for (const [p, a] of actual) {
    if (entry.files.some((f) => f.path === p)) continue;
    for (const g of a.findings) of(g.rule).printed++;
    for (const [rule, n] of Object.entries(a.infos)) of(rule).infos += n;
  }
  return out;
}

export function addRuleFigures(a: Record<string, RuleFigures>, b: Record<string, RuleFigures>): Record<string, RuleFigures> {
  const out: Record<string, RuleFigures> = Object.fromEntries(Object.entries(a).map(([k, v]) => [k, { ...v }]));
  for (const [rule, f] of Object.entries(b)) {
    const o = (out[rule] ??= { printed: 0, agreed: 0, expected: 0, found: 0, infos: 0 });
    for (const k of Object.keys(f) as (keyof RuleFigures)[]) o[k] += f[k];
  }
  return out;
}

export function formatRuleFigures(rules: Record<string, RuleFigures>): string {
  const rows = [['rule', 'precision', '(agreed/printed)', 'recall', '(found/agreed)', 'infos']];
  for (const [rule, f] of Object.entries(rules).sort(([a], [b]) => a.localeCompare(b))) {
    rows.push([rule, pct(f.agreed, f.printed).trim(), `${f.agreed}/${f.printed}`, pct(f.found, f.expected).trim(), `${f.found}/${f.expected}`, `${f.infos}`]);
  }
  const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ')).join('\n');
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
    `recall ${pct(f.found, f.expected)} (${f.found}/${f.expected})`.padEnd(24),
    `infos ${f.infos}`,
  ].join(' ');
}

function main(): void {
  if (process.argv[2] === 'mutate') {
    mutation().main(process.argv.slice(3));
    return;
  }
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      force: { type: 'boolean' },
      triage: { type: 'boolean' },
      json: { type: 'boolean' },
      repo: { type: 'string' },
      'no-mutation': { type: 'boolean' },
    },
  });
  const command = positionals[0];
  const manifest = loadManifest();
  // The test set from the shared copies; with $CHARTER_MIRROR, also those awaiting their copy.
  const tested = new Set(testSet(manifest));
  const waiting = manifest.repos.filter((r) => !tested.has(r));
  const reachable = [...tested, ...waiting.filter((r) => mirrorGitDir(r.repo))];
  for (const r of waiting.filter((x) => !reachable.includes(x))) {
    console.error(`realworld: ${r.repo} waits for its copy in ${SHARED_COPY}; left out (set CHARTER_MIRROR to a folder of git snapshots to measure it now)`);
  }
  const repos = manifest.repos.filter((r) => reachable.includes(r) && (!values.repo || r.repo === values.repo));
  if (values.repo && repos.length === 0) {
    console.error(`realworld: ${values.repo} is not a repository of the manifest that can be read here`);
    process.exitCode = 2;
    return;
  }
  if (command === 'materialize') {
    for (const line of materialize(repos, { force: values.force, mirror: true })) console.log(line);
    return;
  }
  if (command !== 'measure') {
    console.error('usage: tsx scripts/realworld.ts materialize [--force] | measure [--triage] [--repo owner/name] [--json] [--no-mutation] | mutate [--corpus NAME]…');
    process.exitCode = 2;
    return;
  }
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  materialize(repos, { mirror: true });
  let total: Figures | undefined;
  let rules: Record<string, RuleFigures> = {};
  const all: Disagreement[] = [];
  const rows: string[] = [];
  for (const r of repos) {
    const actual = check(r.repo);
    const { figures, disagreements } = compare(r, actual);
    rows.push(formatFigures(r.repo, figures));
    total = total ? addFigures(total, figures) : figures;
    rules = addRuleFigures(rules, ruleFigures(r, actual));
    all.push(...disagreements);
  }
  // The configured pass: the repositories whose team's .charter.yaml the manifest writes down.
  const configured = repos.filter((r) => r.config !== undefined);
  let configuredTotal: Figures | undefined;
  let configuredRules: Record<string, RuleFigures> = {};
  const configuredRows: string[] = [];
  for (const r of configured) {
    const actual = check(r.repo, 'configured');
    const { figures, disagreements } = compare(r, actual, 'configured');
    configuredRows.push(formatFigures(`${r.repo} (configured)`, figures));
    configuredTotal = configuredTotal ? addFigures(configuredTotal, figures) : figures;
    configuredRules = addRuleFigures(configuredRules, ruleFigures(r, actual, 'configured'));
    all.push(...disagreements.map((d) => ({ ...d, path: `${d.path} (configured)` })));
  }
  // Recall by mutation: over the whole test set and the other corpora, not one repository.
  const m = mutation();
  const mutated = values['no-mutation'] || values.repo ? undefined : m.measureMutations(m.available(), { log: values.json ? undefined : (l) => console.error(`mutation: ${l}`) });
  if (values.json) {
    const byKind = mutated && Object.fromEntries(m.MEASURES.map((k) => [k, m.tally(mutated.outcomes.filter((o) => o.kind === k))]));
    console.log(
      JSON.stringify(
        {
          total,
          rules,
          configured: { total: configuredTotal, rules: configuredRules },
          mutation: mutated && { byKind, outcomes: mutated.outcomes, notes: mutated.notes },
          disagreements: all,
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log('Recognition: recall = files a reader calls adr/prd/sdd/decision-log recognised with that kind;');
  console.log('precision = recognised files whose kind the reader agrees with. Findings (warnings and errors): precision = agreed/all printed,');
  console.log('recall = printed/agreed; infos = findings at info level, not judged one by one.\n');
  for (const row of rows) console.log(row);
  if (total) console.log(formatFigures(`ALL (${repos.length} repositories)`, total));
  console.log('\nFindings per rule (warnings and errors judged one by one against the reader; infos counted):\n');
  console.log(formatRuleFigures(rules));
  if (configured.length) {
    console.log(`\nConfigured as their teams would (${configured.length} repositories, each under the .charter.yaml of the manifest):\n`);
    for (const row of configuredRows) console.log(row);
    if (configuredTotal) console.log(formatFigures(`ALL CONFIGURED (${configured.length} repositories)`, configuredTotal));
    console.log('\nFindings per rule, configured:\n');
    console.log(formatRuleFigures(configuredRules));
  }
  if (mutated) console.log(`\n${m.formatMutationReport(mutated)}\n\n${m.formatMisses(mutated.outcomes)}`);
  else console.log(`\nRecall by mutation: not measured (${values.repo ? '--repo' : '--no-mutation'}); npm run realworld -- mutate`);
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

/** scripts/mutation.ts, which imports this module: loaded when it is needed. */
function mutation(): typeof import('./mutation') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./mutation') as typeof import('./mutation');
}

if (require.main === module) main();
