/**
 * The outcome of a check, independent of how it is printed: every recognised document in
 * scope with its findings (1-based positions come only at printing time).
 */
import type { Diagnostic } from '../core/types';

/** One recognised document and its findings. */
export interface FileResult {
  path: string;
  kind: string;
  diagnostics: Diagnostic[];
}

/** What a run of `charter check` found. */
export interface CheckResult {
  files: FileResult[];
  /** Markdown files looked at (recognised or not). */
  filesSeen: number;
  summary: { errors: number; warnings: number; infos: number };
}

/** Counts findings by severity. */
export function summarize(files: FileResult[]): CheckResult['summary'] {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    for (const d of f.diagnostics) {
      if (d.severity === 'error') s.errors++;
      else if (d.severity === 'warning') s.warnings++;
      else s.infos++;
    }
  }
  return s;
}
