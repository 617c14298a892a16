/**
 * The GitHub Action's entry: `action.yml` (a composite action) builds Charter in the action's
 * own folder and runs `node dist/action.js` with the inputs in `INPUT_*` variables. It checks
 * the documents as `charter check` does (same exit codes: 0 clean, 1 errors or more warnings
 * than max-warnings, 2 a usage or configuration error), and then:
 *
 * - annotates the findings with workflow commands (`--format github`): on a pull request only
 *   those on the lines it changed (`git diff --unified=0 BASE...HEAD`, the base from the event
 *   payload or GITHUB_BASE_REF), on a push every one. Findings on unchanged lines still count
 *   for the exit code and the summary, and are listed in the log;
 * - writes the job summary (GITHUB_STEP_SUMMARY), the step's outputs (GITHUB_OUTPUT) and, when
 *   asked, a SARIF file for code scanning (action.yml uploads it).
 *
 * Document text reaches the log only escaped (annotations) or between `::stop-commands::`
 * markers (the full report), and the summary only as escaped markdown: a document cannot
 * issue workflow commands. Nothing is written but the SARIF file asked for and the runner's files.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyBaseline, baselineTarget, check, EXIT, openWorkspace, readBaseline, UsageError } from './checkRun';
import { formatText, plural, summaryLine } from '../report/text';
import { escapeData, formatGithub } from '../report/github';
import { formatSarif } from '../report/sarif';
import { newFindings, type CheckResult } from '../report/results';
import type { Finding } from '../core/types';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { readBaseRecords } from '../node/baseRecords';

declare const CHARTER_VERSION: string | undefined;
const VERSION = typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : '0.0.0-dev';

/** The event payload is read only up to this size. */
const MAX_EVENT_BYTES = 32 * 1024 * 1024;

/** Line ranges (1-based, inclusive) changed in each file, by path relative to the checked root. */
export type ChangedLines = Map<string, [number, number][]>;

interface Io {
  out: (s: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** An input as the runner passes it: `INPUT_MAX_WARNINGS` (composite) or `INPUT_MAX-WARNINGS` (JavaScript actions). */
function input(env: NodeJS.ProcessEnv, name: string): string {
  const upper = name.toUpperCase();
  return (env[`INPUT_${upper.replace(/[- ]/g, '_')}`] ?? env[`INPUT_${upper.replace(/ /g, '_')}`] ?? '').trim();
}

/** Runs the action; returns the exit code. */
export async function runAction(io: Io): Promise<number> {
  const env = io.env;
  const workspace = path.resolve(io.cwd, env.GITHUB_WORKSPACE || '.');
  const stderr: string[] = [];
  const log = { err: (s: string) => void stderr.push(s) };
  try {
    const wd = path.resolve(workspace, input(env, 'working-directory') || '.');
    const rawPaths = input(env, 'paths');
    const paths = (rawPaths.includes('\n') ? rawPaths.split('\n') : rawPaths.split(/\s+/)).map((p) => p.trim()).filter(Boolean);
    const annotate = input(env, 'annotate') || 'changed-lines';
    if (!['changed-lines', 'changed-files', 'all'].includes(annotate)) throw new UsageError(`the input annotate must be changed-lines, changed-files or all, not "${annotate}"`);
    const maxRaw = input(env, 'max-warnings');
    if (maxRaw && !/^\d+$/.test(maxRaw)) throw new UsageError(`the input max-warnings must be a whole number, not "${maxRaw}"`);
    const maxWarnings = maxRaw ? Number(maxRaw) : Infinity;
    const baselineFile = input(env, 'baseline');
    const sarifFile = input(env, 'sarif');
    const config = input(env, 'config');
    if (!fs.existsSync(wd) || !fs.statSync(wd).isDirectory()) throw new UsageError(`the working-directory ${path.relative(workspace, wd) || '.'} is not a folder`);

    const target = baselineFile ? baselineTarget(wd, wd, baselineFile) : undefined;
    const baseline = target ? readBaseline(target) : undefined;
    if (target && !baseline) throw new UsageError(`the baseline ${target.shown} does not exist (create it with charter check --update-baseline, and commit it)`);

    const { ws, inScope } = await openWorkspace({ cwd: wd, root: '.', config: config || undefined, paths }, log);
    compareNumbersWithBase(wd, env, ws.index, log);
    let result = check(ws, inScope);
    if (target && baseline) result = applyBaseline(result, baseline, target.shown);

    const prefix = repoPrefix(workspace, wd);
    let changed: ChangedLines | undefined;
    let why = '';
    if (annotate !== 'all') {
      const diff = changedLines(wd, env);
      changed = diff.changed;
      why = diff.note ?? '';
    }
    const onChanged = (p: string, d: Finding) => !changed || (annotate === 'changed-files' ? changed.has(p) : touches(changed.get(p), d));

    // The annotations, then the whole report in the log where no text of it is a command.
    io.out(formatGithub(result, { pathPrefix: prefix, annotate: (f, d) => onChanged(f.path, d) }));
    if (why) io.out(`::notice title=charter::${escapeData(why)}\n`);
    const fresh = newFindings(result);
    const off = fresh.filter(({ file, diagnostic }) => !onChanged(file.path, diagnostic)).length;
    if (fresh.length || stderr.length) {
      const token = randomBytes(16).toString('hex');
      io.out(`::group::Charter: ${plural(fresh.length, 'finding')}${result.baseline ? ' not in the baseline' : ''}\n::stop-commands::${token}\n`);
      io.out(stderr.join(''));
      io.out(formatText(result));
      io.out(`::${token}::\n::endgroup::\n`);
    }

    let sarifPath = '';
    if (sarifFile) {
      sarifPath = path.resolve(workspace, sarifFile);
      if (!fs.existsSync(path.dirname(sarifPath))) fs.mkdirSync(path.dirname(sarifPath), { recursive: true });
      fs.writeFileSync(sarifPath, formatSarif(result, VERSION, prefix));
    }

    let code: number = EXIT.ok;
    let failure = '';
    const { errors, warnings } = result.summary;
    if (errors > 0) {
      code = EXIT.findings;
      failure = `Charter found ${plural(errors, 'error')}`;
    } else if (warnings > maxWarnings) {
      code = EXIT.findings;
      failure = `Charter found ${plural(warnings, 'warning')}, more than max-warnings ${maxWarnings}`;
    }
    if (failure && changed && off > 0) failure += `; ${plural(off, 'finding')} on lines this change did not touch ${off === 1 ? 'is' : 'are'} not annotated (see the log)`;
    if (failure) io.out(`::error title=charter::${escapeData(failure)}\n`);

    writeSummary(env, result, { changed: Boolean(changed), annotate, off, failure, prefix });
    writeOutputs(env, {
      errors: result.summary.errors,
      warnings: result.summary.warnings,
      infos: result.summary.infos,
      baselined: result.baseline?.hidden ?? 0,
      'sarif-file': sarifPath,
    });
    return code;
  } catch (e) {
    if (stderr.length) {
      const token = randomBytes(16).toString('hex');
      io.out(`::stop-commands::${token}\n${stderr.join('')}::${token}::\n`);
    }
    const message = e instanceof UsageError ? e.message : `internal error: ${(e as Error).stack ?? e}`;
    io.out(`::error title=charter::${escapeData(`charter: ${message}`)}\n`);
    return EXIT.usage;
  }
}

/** Whether a finding's lines meet a changed range. */
function touches(ranges: [number, number][] | undefined, d: Finding): boolean {
  if (!ranges) return false;
  const from = d.range.start.line + 1;
  const to = Math.max(from, d.range.end.character === 0 && d.range.end.line > d.range.start.line ? d.range.end.line : d.range.end.line + 1);
  return ranges.some(([a, b]) => a <= to && b >= from);
}

/** The checked folder's path in the repository (`docs/` for working-directory docs), or ''. */
function repoPrefix(workspace: string, wd: string): string {
  const rel = path.relative(workspace, wd);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return `${rel.split(path.sep).join('/')}/`;
}

/**
 * On a pull request, the base branch's records (GITHUB_BASE_REF, as `charter check --base`):
 * a new record whose number the base branch gave another record is reported.
 */
export function compareNumbersWithBase(wd: string, env: NodeJS.ProcessEnv, index: WorkspaceIndex, log: { err: (s: string) => void }): void {
  const baseRef = env.GITHUB_BASE_REF;
  if (!baseRef || baseRef.startsWith('-')) return;
  // No records, nothing to compare: git is not asked.
  if (![...index.documents.values()].some((d) => d.kind.decisions === 'per-file')) return;
  for (const rev of [`refs/remotes/origin/${baseRef}`, `refs/heads/${baseRef}`]) {
    const base = readBaseRecords(wd, rev, index);
    if ('problem' in base) continue;
    index.baseRecords = base.records;
    index.baseName = baseRef;
    return;
  }
  log.err(`Charter could not read the base branch ${baseRef} (with actions/checkout, set fetch-depth: 0), so record numbers were not compared with it.\n`);
}

/**
 * The lines changed since the base of a pull request (or a merge group), relative to the
 * checked folder; undefined when there is no base (a push: every finding is annotated), with
 * a note when there should be one but it cannot be compared with.
 */
export function changedLines(wd: string, env: NodeJS.ProcessEnv): { changed?: ChangedLines; note?: string } {
  const candidates: string[] = [];
  const payload = readEvent(env.GITHUB_EVENT_PATH);
  const pr = payload?.pull_request as { base?: { sha?: unknown } } | undefined;
  const group = payload?.merge_group as { base_sha?: unknown } | undefined;
  for (const sha of [pr?.base?.sha, group?.base_sha]) if (typeof sha === 'string' && /^[0-9a-f]{40,64}$/i.test(sha)) candidates.push(sha);
  const baseRef = env.GITHUB_BASE_REF;
  if (baseRef && !baseRef.startsWith('-')) candidates.push(`refs/remotes/origin/${baseRef}`, `refs/heads/${baseRef}`);
  if (!candidates.length) return {};
  const git = (args: string[]) => spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd: wd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 120_000 });
  const top = git(['rev-parse', '--show-toplevel']);
  if (top.status !== 0)
    return { note: `Charter could not read the git repository (${firstLine(top.stderr || top.error?.message)}), so every finding is annotated, not only those on changed lines.` };
  const toplevel = top.stdout.trim();
  for (const base of candidates) {
    if (git(['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).status !== 0) continue;
    const diff = git(['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/', '--find-renames', `${base}...HEAD`, '--']);
    if (diff.status !== 0) continue;
    const changed: ChangedLines = new Map();
    for (const [file, ranges] of parseDiff(diff.stdout)) {
      const rel = path.relative(wd, path.join(toplevel, ...file.split('/')));
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      changed.set(rel.split(path.sep).join('/'), ranges);
    }
    return { changed };
  }
  return {
    note: 'Charter could not compare with the base of this pull request (with actions/checkout, set fetch-depth: 0), so every finding is annotated, not only those on changed lines.',
  };
}

/** The files of a `git diff --unified=0` and the line ranges added or changed in each. */
export function parseDiff(text: string): ChangedLines {
  const out: ChangedLines = new Map();
  const lines = text.split('\n');
  let file: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('diff --git ')) {
      file = undefined;
      continue;
    }
    if (l.startsWith('+++ ')) {
      // git ends a name that has a space with a tab.
      const name = l.slice(4).replace(/\t$/, '');
      file = name === '/dev/null' ? undefined : stripPrefix(unquote(name));
      if (file !== undefined && !out.has(file)) out.set(file, []);
      continue;
    }
    const h = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(l);
    if (!h) continue;
    const removed = h[1] === undefined ? 1 : Number(h[1]);
    const start = Number(h[2]);
    const added = h[3] === undefined ? 1 : Number(h[3]);
    if (file !== undefined && added > 0) out.get(file)!.push([start, start + added - 1]);
    // Skip the hunk's own lines, whatever they say (an added line may read "+++ b/x").
    let skip = removed + added;
    while (skip > 0 && i + 1 < lines.length) {
      i++;
      if (!lines[i].startsWith('\\')) skip--;
    }
  }
  return out;
}

function stripPrefix(name: string): string | undefined {
  return name.startsWith('b/') ? name.slice(2) : undefined;
}

/** A path as git writes it: as is, or in double quotes with C escapes (octal bytes of UTF-8). */
export function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"') || name.length < 2) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1];
    if (/[0-7]/.test(next ?? '')) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else if (next !== undefined && next in simple) {
      bytes.push(simple[next]);
      i += 1;
    } else bytes.push(92);
  }
  return Buffer.from(bytes).toString('utf8');
}

function readEvent(file: string | undefined): Record<string, unknown> | undefined {
  if (!file) return undefined;
  try {
    if (fs.statSync(file).size > MAX_EVENT_BYTES) return undefined;
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(s: string | undefined): string {
  return (s ?? '').trim().split('\n')[0] || 'unknown error';
}

/** Text of a document as plain markdown: every punctuation character escaped, no line breaks. */
export function escapeMarkdown(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** The job summary: the counts, and the documents with new findings. */
function writeSummary(env: NodeJS.ProcessEnv, result: CheckResult, o: { changed: boolean; annotate: string; off: number; failure: string; prefix: string }): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const out: string[] = ['### Charter', '', escapeMarkdown(summaryLine(result)), ''];
  if (o.changed && o.off > 0)
    out.push(`${plural(o.off, 'finding')} on lines this change did not touch ${o.off === 1 ? 'is' : 'are'} counted but not annotated; the log lists every finding.`, '');
  if (o.failure) out.push(`**${escapeMarkdown(o.failure)}.**`, '');
  const rows = result.files
    .map((f) => {
      const n = { error: 0, warning: 0, info: 0 };
      f.diagnostics.forEach((d, i) => {
        if (!f.baselined?.[i]) n[d.severity]++;
      });
      return { path: o.prefix + f.path, ...n };
    })
    .filter((r) => r.error + r.warning + r.info > 0);
  if (rows.length) {
    out.push('| document | errors | warnings | infos |', '|---|---:|---:|---:|');
    for (const r of rows.slice(0, 100)) out.push(`| ${escapeMarkdown(r.path)} | ${r.error} | ${r.warning} | ${r.info} |`);
    if (rows.length > 100) out.push(`| … and ${rows.length - 100} more | | | |`);
    out.push('');
  }
  try {
    fs.appendFileSync(file, out.join('\n') + '\n');
  } catch {
    // The summary is a courtesy; the annotations and the exit code are what matter.
  }
}

/** The step's outputs, in the runner's `name<<delimiter` form. */
function writeOutputs(env: NodeJS.ProcessEnv, values: Record<string, string | number>): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  const delimiter = `charter_${randomBytes(8).toString('hex')}`;
  const text = Object.entries(values)
    .map(([k, v]) => `${k}<<${delimiter}\n${v}\n${delimiter}\n`)
    .join('');
  try {
    fs.appendFileSync(file, text);
  } catch {
    // As above.
  }
}

if (require.main === module) {
  void runAction({ out: (s) => process.stdout.write(s), env: process.env, cwd: process.cwd() }).then((code) => {
    process.exitCode = code;
  });
}
