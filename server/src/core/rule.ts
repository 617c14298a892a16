/**
 * What a rule is: data plus one function. Rules read the analysed document and the
 * workspace index, never the file system.
 */
import type { AnalyzedDocument } from './document';
import type { IndexView } from './workspace';
import type { DiagnosticData, Range, Severity } from './types';

/**
 * Where a rule reports a finding. `note` makes it information whatever the rule's severity:
 * a remark about the check itself, such as why a document's sections were not checked.
 */
export type Report = (range: Range, message: string, data?: DiagnosticData, note?: 'note') => void;

/** One rule. Its id is its file name in `rules/`. */
export interface Rule {
  id: string;
  /** One sentence: what the rule finds. */
  description: string;
  /** Why it matters and how to fix it (shown in SARIF help and the rule's documentation). */
  help: string;
  defaultSeverity: Severity;
  /**
   * `workspace` rules depend on other documents and read only what a compact document keeps
   * (kind, title, sections, decisions, owners, references, roster) — never its text or model.
   */
  scope?: 'document' | 'workspace';
  /** Checks one recognised document. Rules that are not about documents (invalid-config) have none. */
  check?(doc: AnalyzedDocument, index: IndexView, report: Report): void;
  /**
   * The finding's own text, which keys it in a baseline (core/baseline.ts): its message without
   * what the message adds about other documents or the configuration (the people a charter
   * lists, the headings that would count), so that editing those does not make a baselined
   * finding new. Without it, the whole message is the key. Never a line or a column.
   */
  baselineKey?(message: string): string;
}

/** A message up to a part it ends with (found by `marker`), or the whole message. */
export function before(message: string, marker: string, last = true): string {
  const i = last ? message.lastIndexOf(marker) : message.indexOf(marker);
  return i < 0 ? message : message.slice(0, i);
}

/** The documentation page of a rule (used as the diagnostic's link). */
export function ruleDocUrl(id: string): string {
  return `https://github.com/charter-dev/charter/blob/main/docs/rules/${id}.md`;
}
