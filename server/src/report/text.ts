/** `--format text`: `path:line:column severity rule-id message`, one a line, then a summary. */
import { documentCount, newFindings, type CheckResult } from './results';
import { visibleLines } from './safeText';

export function formatText(result: CheckResult): string {
  const out: string[] = [];
  for (const { file, diagnostic: d } of newFindings(result)) {
    out.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.rule} ${d.message}`);
  }
  out.push(summaryLine(result));
  return visibleLines(out);
}

/**
 * The summary: `3 problems (1 error, 2 warnings, 0 infos) in 5 documents checked (6 markdown
 * files).` With a baseline, the problems are the new ones, and the hidden ones are counted.
 */
export function summaryLine(result: CheckResult): string {
  const { errors, warnings, infos } = result.summary;
  const total = errors + warnings + infos;
  const docs = documentCount(result);
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}`;
  const scope = `${plural(docs, 'document')} checked (${plural(result.filesSeen, 'markdown file')})`;
  const b = result.baseline;
  if (!b) return total === 0 ? `No problems: ${scope}.` : `${plural(total, 'problem')} (${counts}) in ${scope}.`;
  const hidden = `${plural(b.hidden, 'baselined finding')} hidden (${b.file})`;
  return total === 0 ? `No new problems: ${scope}; ${hidden}.` : `${plural(total, 'new problem')} (${counts}) in ${scope}; ${hidden}.`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
