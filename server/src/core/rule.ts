/**
 * What a rule is: data, one check and its quick fixes, typed by what the check may read.
 * Rules read the analyzed document and the workspace index, never the file system.
 */
import type { AnalyzedDocument, CompactDocument } from './document';
import type { IndexView } from './workspace';
import type { Config } from './config';
import type { Finding, FindingData, Fix, Range, Severity } from './types';

/**
 * Where a rule reports a finding. `note` makes it information whatever the rule's severity:
 * a remark about the check itself, such as why a document's sections were not checked.
 */
export type Report = (range: Range, message: string, data?: FindingData, note?: 'note') => void;

/** What every rule declares. Its id is its file name in `rules/`. */
interface RuleInfo {
  id: string;
  /** One sentence: what the rule finds. */
  description: string;
  /** Why it matters and how to fix it (shown in SARIF help and the rule's documentation). */
  help: string;
  defaultSeverity: Severity;
  /**
   * The finding's own text, which keys it in a baseline (core/baseline.ts): its message without
   * what the message adds about other documents or the configuration (the people a charter
   * lists, the headings that would count), so that editing those does not make a baselined
   * finding new. Without it, the whole message is the key. Never a line or a column.
   */
  baselineKey?(message: string): string;
  /**
   * The quick fixes for one of the rule's findings, as text edits of the open document (its
   * whole text is there when the editor asks). `today` is YYYY-MM-DD. A fix never trades the
   * finding for another one.
   */
  fixes?(doc: AnalyzedDocument, finding: Finding, context: FixContext): Fix[];
}

/** What a quick fix may read besides the document. */
export interface FixContext {
  index: IndexView;
  /** The local date, YYYY-MM-DD. */
  today: string;
}

/** What a document rule may read besides its document: the configuration, nothing of other documents. */
export interface ConfigView {
  config: Config;
}

/**
 * A rule about one document: it reads the whole document (text, markdown model, sections,
 * decisions) and the configuration — so its findings are the document's own, checked once
 * per reading, in whichever thread read it.
 */
export interface DocumentRule extends RuleInfo {
  scope: 'document';
  check(doc: AnalyzedDocument, view: ConfigView, report: Report): void;
}

/**
 * A rule that depends on other documents (a charter's people, a link's target). It reads only
 * what a compact document keeps — kind, title, sections, decisions, owners, references,
 * roster — never its text or model: the type says so, so a host can keep closed documents
 * compact and re-run these rules whenever another document changes.
 */
export interface WorkspaceRule extends RuleInfo {
  scope: 'workspace';
  check(doc: CompactDocument, index: IndexView, report: Report): void;
}

/** A rule the host reports itself, not per document (a configuration that cannot be used). */
export interface HostRule extends RuleInfo {
  scope: 'host';
}

/** One rule. */
export type Rule = DocumentRule | WorkspaceRule | HostRule;

/** A message up to a part it ends with (found by `marker`), or the whole message. */
export function before(message: string, marker: string, last = true): string {
  const i = last ? message.lastIndexOf(marker) : message.indexOf(marker);
  return i < 0 ? message : message.slice(0, i);
}

/** The documentation page of a rule (used as the diagnostic's link). */
export function ruleDocUrl(id: string): string {
  return `https://github.com/charter-dev/charter/blob/main/docs/rules/${id}.md`;
}
