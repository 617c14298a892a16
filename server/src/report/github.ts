/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns into
 * annotations on the files of a pull request or a push —
 * `::warning file=docs/a.prd.md,line=7,col=1,endLine=7,endColumn=12,title=charter empty-section::Section "What" is empty`.
 * Errors are `::error`, warnings `::warning`, infos `::notice`; the summary line ends it.
 *
 * Messages quote documents, which are untrusted: the data and the properties are escaped as
 * the runner expects (`%`, CR and LF; in properties also `:` and `,`), so no text of a
 * document can end a command or start another, and other control characters are replaced.
 */
import type { Finding, Severity } from '../core/types';
import { newFindings, type CheckResult, type FileResult } from './results';
import { summaryLine } from './text';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Control characters other than tab, CR and LF (which are escaped), and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** A command's data (the message), escaped as the runner reads it. */
export function escapeData(s: string): string {
  return s.replace(CONTROL, '\uFFFD').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value (a file name, a title), escaped as the runner reads it. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  /** Put before each root-relative path so that it is relative to the repository. */
  pathPrefix?: string;
  /** Which findings get an annotation (default: every one that counts). */
  annotate?: (file: FileResult, d: Finding) => boolean;
}

/** One workflow command for one finding. */
export function annotation(path: string, d: Finding): string {
  const line = d.range.start.line + 1;
  // A range that ends at the start of a line ends on the line before it.
  const endLine = Math.max(line, d.range.end.character === 0 && d.range.end.line > d.range.start.line ? d.range.end.line : d.range.end.line + 1);
  const props = [`file=${escapeProperty(path)}`, `line=${line}`];
  // Columns only for a range on one line (the runner takes them only then).
  const oneLine = d.range.end.line === d.range.start.line;
  if (oneLine) props.push(`col=${d.range.start.character + 1}`);
  props.push(`endLine=${endLine}`);
  if (oneLine) props.push(`endColumn=${Math.max(d.range.end.character + 1, d.range.start.character + 2)}`);
  props.push(`title=${escapeProperty(`charter ${d.rule}`)}`);
  return `::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}`;
}

export function formatGithub(result: CheckResult, options: GithubOptions = {}): string {
  const prefix = options.pathPrefix ?? '';
  const out: string[] = [];
  for (const { file, diagnostic } of newFindings(result)) {
    if (options.annotate && !options.annotate(file, diagnostic)) continue;
    out.push(annotation(prefix + file.path, diagnostic));
  }
  out.push(summaryLine(result));
  return out.join('\n') + '\n';
}
