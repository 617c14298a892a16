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
import type { Diagnostic, Severity } from './types';
import { RULES, RULE_IDS, ruleById } from './rules/index';
import type { Rule } from './rule';
import type { Fix } from './types';

/** Checks one document against the workspace it belongs to: every rule. */
export function checkDocument(doc: AnalyzedDocument, index: IndexView): Diagnostic[] {
  return mergeFindings(checkLocal(doc, index), checkWorkspace(doc, index));
}

/** The findings of the document rules: a function of the document and the config only. */
export function checkLocal(doc: AnalyzedDocument, index: IndexView): Diagnostic[] {
  return run(doc, index, (r) => r.scope === 'document');
}

/** The findings of the workspace rules, which a compact document is enough for. */
export function checkWorkspace(doc: AnalyzedDocument, index: IndexView): Diagnostic[] {
  return run(doc, index, (r) => r.scope === 'workspace');
}

/** One document's findings from both scopes, in order. */
export function mergeFindings(a: Diagnostic[], b: Diagnostic[]): Diagnostic[] {
  return b.length === 0 ? a : [...a, ...b].sort(byPlace);
}

/** The order findings are listed in: by place, then by the rules' order. */
export function byPlace(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule);
}

/** The quick fixes for one finding of a document, from the finding's rule. `today` is YYYY-MM-DD. */
export function fixesFor(doc: AnalyzedDocument, finding: Diagnostic, index: IndexView, today: string): Fix[] {
  return ruleById(finding.rule)?.fixes?.(doc, finding, { index, today }) ?? [];
}

function run(doc: AnalyzedDocument, index: IndexView, which: (r: Rule) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const silence = doc.silence;
  const fileOff = new Set(silence.file);
  for (const rule of RULES) {
    if (rule.scope === 'host' || !which(rule)) continue;
    const configured = severityOf(index.config, rule);
    if (configured === 'off' || fileOff.has(rule.id) || fileOff.has('*')) continue;
    const severity: Severity = configured;
    rule.check(doc, index, (range, message, data, note) => {
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
export function configDiagnostics(problems: ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({ rule: 'invalid-config', severity: 'error' as const, message: p.message, range: p.range }));
}
