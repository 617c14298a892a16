/**
 * The outcome of a check, independent of how it is printed: every recognised document in
 * scope with its findings (1-based positions come only at printing time).
 */
import type { Finding } from '../core/types';

/** One recognised document and its findings. */
export interface FileResult {
  path: string;
  kind: string;
  diagnostics: Finding[];
  /** With a baseline: for each finding, in order, whether the baseline holds it. */
  baselined?: boolean[];
}

/** What a run of `charter check` found. */
export interface CheckResult {
  files: FileResult[];
  /** Markdown files looked at (recognised or not). */
  filesSeen: number;
  /** The findings that count (those the baseline does not hold), by severity. */
  summary: { errors: number; warnings: number; infos: number };
  /** With `--baseline`: the file (as the user named it) and how many findings it holds. */
  baseline?: { file: string; hidden: number };
}

/** Whether a file's finding `i` is held by the baseline. */
export function isBaselined(f: FileResult, i: number): boolean {
  return f.baselined?.[i] === true;
}

/** Counts the findings that count (not the baselined ones) by severity. */
export function summarize(files: FileResult[]): CheckResult['summary'] {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    f.diagnostics.forEach((d, i) => {
      if (isBaselined(f, i)) return;
      if (d.severity === 'error') s.errors++;
      else if (d.severity === 'warning') s.warnings++;
      else s.infos++;
    });
  }
  return s;
}

/** How many documents were checked (a template listed for its policy findings is none). */
export function documentCount(result: CheckResult): number {
  return result.files.filter((f) => f.kind !== 'template').length;
}

/** Every finding that counts, with its document, in order. */
export function newFindings(result: CheckResult): { file: FileResult; diagnostic: Finding }[] {
  return result.files.flatMap((file) => file.diagnostics.flatMap((diagnostic, i) => (isBaselined(file, i) ? [] : [{ file, diagnostic }])));
}
