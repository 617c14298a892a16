/**
 * One run of the checker, shared by the command line (cli.ts) and the GitHub Action's entry
 * (action.ts): find the root and the paths, read the configuration and the workspace, check
 * the documents in scope, and hold the findings against a baseline (or update it). Problems
 * the user must fix are thrown as {@link UsageError}s (exit code 2).
 */
import { checkSourceFiles } from './sourceFiles';
import { visible } from '../report/safeText';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfig, loadWorkspace, toRelative, type LoadedWorkspace, type Note } from '../node/fsWorkspace';
import { readBaselineFile } from '../node/baselineFile';
import { BASELINE_FILE, baselineSize, markBaselined, serializeBaseline, updateBaseline, type Baseline } from '../core/baseline';
import { summarize, type CheckResult, type FileResult } from '../report/results';
import { plural } from '../report/text';

/** Exit codes: clean, findings over the limit, usage or configuration error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A problem with what was asked (exit code 2): the message says what and how to fix it. */
export class UsageError extends Error {}

/** Where a run writes what is not the report. */
export interface ErrorStream {
  err: (s: string) => void;
}

/** What to read: paths are relative to `cwd`, as typed. */
export interface WorkspaceRequest {
  cwd: string;
  root?: string;
  config?: string;
  paths: string[];
}

/** A workspace read from disk, and which of its paths were asked for. */
export interface OpenedWorkspace {
  root: string;
  ws: LoadedWorkspace;
  /** Whether a root-relative path is among (or under) the paths asked for. */
  inScope: (p: string) => boolean;
}

/**
 * Resolves the root and the paths, reads the configuration (its problems are printed, each at
 * its line, before the UsageError) and the workspace, and prints the notes about files in scope.
 */
export async function openWorkspace(req: WorkspaceRequest, io: ErrorStream, progress?: (done: number, total: number) => void): Promise<OpenedWorkspace> {
  const root = path.resolve(req.cwd, req.root ?? '.');
  if (!isDir(root)) throw new UsageError(`the workspace root ${root} is not a folder`);
  // Paths are relative to the current folder; with none, the whole root is checked.
  const scopes = (req.paths.length ? req.paths.map((p) => path.resolve(req.cwd, p)) : [root]).map((abs) => {
    const p = path.relative(req.cwd, abs) || '.';
    if (!fs.existsSync(abs)) throw new UsageError(`${p} does not exist`);
    const st = fs.statSync(abs);
    if (!st.isFile() && !st.isDirectory()) throw new UsageError(`${p} could not be read: not a regular file (${st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'a device'})`);
    const rel = toRelative(root, abs);
    if (path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) throw new UsageError(`${p} is outside the workspace root ${root} (use --root)`);
    return rel;
  });
  const inScope = (p: string) => scopes.some((s) => s === '.' || p === s || p.startsWith(`${s}/`));

  const loaded = loadConfig(root, req.config && path.resolve(req.cwd, req.config));
  if (loaded.error) throw new UsageError(`invalid configuration: ${loaded.error}`);
  if (!loaded.config) {
    for (const p of loaded.problems) {
      io.err(`${visible(`${loaded.file}:${p.range.start.line + 1}:${p.range.start.character + 1} error invalid-config ${p.message}`)}\n`);
    }
    throw new UsageError(`invalid configuration in ${loaded.file}: ${plural(loaded.problems.length, 'problem')} (fix the lines above)`);
  }
  const ws = await loadWorkspace(root, loaded.config, progress);
  progress?.(-1, 0);
  printNotes(
    ws.notes.filter((n) => inScope(n.path)),
    io,
  );
  // A file named on the command line that could not be read is an error, not "0 documents".
  // (A file read and skipped for its content — binary, too large — is only a note, as in a folder.)
  const unread = ws.notes.find((n) => /^skipped: (?!binary|.*larger than|it holds more than)/.test(n.message) && scopes.includes(n.path));
  if (unread) throw new UsageError(`${unread.path} could not be read: ${unread.message.replace(/^skipped: /, '')}`);
  return { root, ws, inScope };
}

/** Checks every recognised document in scope. */
export function check(ws: LoadedWorkspace, inScope: (p: string) => boolean): CheckResult {
  const files: FileResult[] = [];
  for (const doc of ws.index.documents.values()) {
    if (!inScope(doc.path)) continue;
    files.push({ path: doc.path, kind: doc.kind.name, diagnostics: ws.index.check(doc.path) });
  }
  // A template is no document, but Charter's policy for the documents it governs is said on it.
  for (const t of ws.index.templates.keys()) {
    if (!inScope(t)) continue;
    const diagnostics = ws.index.check(t);
    if (diagnostics.length) files.push({ path: t, kind: 'template', diagnostics });
  }
  // Source files read for decision ids only (references.include).
  for (const f of checkSourceFiles(ws.root, ws.index, inScope)) files.push({ path: f.path, kind: 'source', diagnostics: f.diagnostics });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, filesSeen: ws.markdownFiles.filter(inScope).length, summary: summarize(files) };
}

/** The baseline file asked for: where it is, and how messages name it. */
export interface BaselineTarget {
  abs: string;
  shown: string;
}

/**
 * The baseline file of `--baseline FILE` (relative to the current folder), or, for
 * `--update-baseline` alone, `.charter-baseline.json` at the root.
 */
export function baselineTarget(cwd: string, root: string, file: string | undefined): BaselineTarget {
  const abs = file !== undefined ? path.resolve(cwd, file) : path.join(root, BASELINE_FILE);
  return { abs, shown: path.relative(cwd, abs).split(path.sep).join('/') || abs };
}

/** Reads a baseline the user named: missing is undefined; anything wrong with it is a UsageError at its place. */
export function readBaseline(target: BaselineTarget): Baseline | undefined {
  const loaded = readBaselineFile(target.abs);
  if (loaded.status === 'missing') return undefined;
  if (loaded.status === 'problem') {
    const { line, character } = loaded.problem.range.start;
    throw new UsageError(`invalid baseline ${target.shown}:${line + 1}:${character + 1}: ${loaded.problem.message}`);
  }
  return loaded.baseline;
}

/** Marks the findings the baseline holds, and counts only the others. */
export function applyBaseline(result: CheckResult, baseline: Baseline, shown: string): CheckResult {
  let hidden = 0;
  const files = result.files.map((f) => {
    const baselined = markBaselined(baseline, f.path, f.diagnostics);
    hidden += baselined.filter(Boolean).length;
    return { ...f, baselined };
  });
  return { ...result, files, summary: summarize(files), baseline: { file: shown, hidden } };
}

/** What `--update-baseline` did. */
export interface BaselineWritten {
  file: string;
  added: number;
  removed: number;
  unchanged: number;
  findings: number;
  documents: number;
  /** False when the file already held exactly this (it is not touched then). */
  written: boolean;
}

/**
 * Updates the baseline file from a check: the documents in scope hold exactly their findings
 * now, the others keep their entries. The file is written only when its text changes, and its
 * folder must exist. Returns what it did and the baseline now in force.
 */
export function writeBaseline(
  target: BaselineTarget,
  old: Baseline | undefined,
  result: CheckResult,
  inScope: (p: string) => boolean,
): { baseline: Baseline; report: BaselineWritten } {
  const dir = path.dirname(target.abs);
  if (!isDir(dir)) throw new UsageError(`cannot write the baseline ${target.shown}: its folder ${path.posix.dirname(target.shown)} does not exist`);
  const up = updateBaseline(old, result.files, inScope);
  const text = serializeBaseline(up.baseline);
  let same: boolean;
  try {
    same = fs.readFileSync(target.abs, 'utf8') === text;
  } catch {
    same = false;
  }
  if (!same) {
    try {
      fs.writeFileSync(target.abs, text);
    } catch (e) {
      throw new UsageError(`cannot write the baseline ${target.shown}: ${(e as Error).message}`);
    }
  }
  const size = baselineSize(up.baseline);
  return { baseline: up.baseline, report: { file: target.shown, added: up.added, removed: up.removed, unchanged: up.unchanged, ...size, written: !same } };
}

/** The line that says what `--update-baseline` did. */
export function baselineWrittenLine(w: BaselineWritten): string {
  const what = `${plural(w.findings, 'finding')} in ${plural(w.documents, 'document')}`;
  if (!w.written) return `charter: the baseline ${w.file} is up to date (${what})`;
  return `charter: wrote the baseline ${w.file}: ${w.added} added, ${w.removed} removed, ${w.unchanged} unchanged (${what})`;
}

/**
 * Checks that a report can be written to `file` (relative to `cwd`): its folder exists and
 * it is not a folder itself. Returns its absolute path.
 */
export function outputTarget(cwd: string, file: string): string {
  const abs = path.resolve(cwd, file);
  const dir = path.dirname(abs);
  if (!isDir(dir)) throw new UsageError(`--output-file ${file}: the folder ${path.relative(cwd, dir) || dir} does not exist`);
  if (isDir(abs)) throw new UsageError(`--output-file ${file} is a folder`);
  return abs;
}

/** Writes a report to the file checked by {@link outputTarget}. */
export function writeOutput(abs: string, shown: string, text: string): void {
  try {
    fs.writeFileSync(abs, text);
  } catch (e) {
    throw new UsageError(`cannot write --output-file ${shown}: ${(e as Error).message}`);
  }
}

function printNotes(notes: Note[], io: ErrorStream): void {
  for (const n of notes) io.err(`${visible(`${n.path}: note: ${n.message}`)}\n`);
}

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
