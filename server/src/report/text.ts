/** `--format text`: `path:line:column severity rule-id message`, one a line, then a summary. */
import type { CheckResult } from './results';
import { visibleLines } from './safeText';

export function formatText(result: CheckResult): string {
  const out: string[] = [];
  for (const f of result.files) {
    for (const d of f.diagnostics) {
      out.push(`${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule} ${d.message}`);
    }
  }
  const { errors, warnings, infos } = result.summary;
  const total = errors + warnings + infos;
  const docs = result.files.length;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`;
  const scope = `${plural(docs, 'document')} checked (${plural(result.filesSeen, 'markdown file')})`;
  out.push(total === 0 ? `No problems: ${scope}.` : `${plural(total, 'problem')} (${counts}) in ${scope}.`);
  return visibleLines(out);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
