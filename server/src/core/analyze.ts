/**
 * Runs the rules over a recognised document: severities from the config, findings
 * silenced by `charter-disable` comments dropped, the rest sorted by place.
 *
 * Rules come in two scopes. Document rules read the document's text and model. Workspace
 * rules (unknown owners, role mismatches, broken links) read only what a compact document
 * keeps (kind, sections, decisions, owners, references) and the index; so a host can check
 * a document's own findings once, keep the document compact, and recompute the workspace
 * findings whenever another document changes, without reading it again.
 */
import type { AnalyzedDocument } from './document';
import type { IndexView } from './workspace';
import type { Config, ConfigProblem } from './config';
import type { Finding, Severity } from './types';
import { RULES, RULE_IDS, ruleById } from './rules/index';
import type { ConfigView, DocumentRule, Report, Rule, WorkspaceRule } from './rule';
import type { Fix } from './types';

/** The findings of the document rules: a function of the document and the config only. */
export function checkLocal(doc: AnalyzedDocument, view: ConfigView): Finding[] {
  return run(doc, view.config, DOCUMENT_RULES, (rule, report) => rule.check(doc, view, report));
}

/** The findings of the workspace rules, which a compact document is enough for. */
export function checkWorkspace(doc: AnalyzedDocument, index: IndexView): Finding[] {
  return run(doc, index.config, WORKSPACE_RULES, (rule, report) => rule.check(doc, index, report));
}

/** One document's findings from both scopes, in order. */
export function mergeFindings(a: Finding[], b: Finding[]): Finding[] {
  return b.length === 0 ? a : [...a, ...b].sort(byPlace);
}

/** The order findings are listed in: by place, then by the rules' order. */
export function byPlace(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule);
}

/** The quick fixes for one finding of a document, from the finding's rule. `today` is YYYY-MM-DD. */
export function fixesFor(doc: AnalyzedDocument, finding: Finding, index: IndexView, today: string): Fix[] {
  return ruleById(finding.rule)?.fixes?.(doc, finding, { index, today }) ?? [];
}

const DOCUMENT_RULES = RULES.filter((r): r is DocumentRule => r.scope === 'document');
const WORKSPACE_RULES = RULES.filter((r): r is WorkspaceRule => r.scope === 'workspace');

/** Runs rules of one scope over a document: severities from the config, `charter-disable` comments applied, sorted. */
function run<R extends Rule>(doc: AnalyzedDocument, config: Config, rules: readonly R[], check: (rule: R, report: Report) => void): Finding[] {
  const out: Finding[] = [];
  const silence = doc.silence;
  const fileOff = new Set(silence.file);
  for (const rule of rules) {
    const configured = severityOf(config, rule);
    if (configured === 'off' || fileOff.has(rule.id) || fileOff.has('*')) continue;
    const severity: Severity = configured;
    check(rule, (range, message, data, note) => {
      const lineRules = silence.lines[range.start.line];
      if (lineRules && (lineRules.includes(rule.id) || lineRules.includes('*'))) return;
      out.push({ rule: rule.id, severity: note ? 'info' : severity, message, range, ...(data ? { data } : {}) });
    });
  }
  return out.sort(byPlace);
}

function severityOf(config: Config, rule: Rule) {
  return config.rules[rule.id] ?? rule.defaultSeverity;
}

/** Findings for a configuration that cannot be used, at the bad keys. */
export function configProblemFindings(problems: ConfigProblem[]): Finding[] {
  return problems.map((p) => ({ rule: 'invalid-config', severity: 'error' as const, message: p.message, range: p.range }));
}
