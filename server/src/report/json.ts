/** `--format json`: the documented shape, 1-based lines and columns, `/` paths. */
import { documentCount, isBaselined, type CheckResult } from './results';

export function formatJson(result: CheckResult): string {
  const files = result.files.map((f) => ({
    path: f.path,
    kind: f.kind,
    diagnostics: f.diagnostics.map((d, i) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      ...(d.data?.section !== undefined ? { section: d.data.section } : {}),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      // With --baseline: the findings it holds are listed, marked, and not counted.
      ...(result.baseline ? { baselined: isBaselined(f, i) } : {}),
    })),
  }));
  const out = {
    version: 1,
    files,
    summary: { files: result.filesSeen, documents: documentCount(result), ...result.summary, ...(result.baseline ? { baselined: result.baseline.hidden } : {}) },
  };
  return JSON.stringify(out, null, 2) + '\n';
}
