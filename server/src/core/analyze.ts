/**
 * Runs the rules over a recognised document: severities from the config, findings
 * silenced by `charter-disable` comments dropped, the rest sorted by place.
 */
import type { AnalyzedDocument } from './document';
import type { WorkspaceIndex } from './workspace';
import type { ConfigProblem } from './config';
import type { Diagnostic, Severity } from './types';
import { RULES, RULE_IDS } from './rules/index';

/** Checks one document against the workspace it belongs to. */
export function checkDocument(doc: AnalyzedDocument, index: WorkspaceIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const silence = suppressions(doc);
  for (const rule of RULES) {
    if (!rule.check) continue;
    const configured = index.config.rules[rule.id] ?? rule.defaultSeverity;
    if (configured === 'off' || silence.file.has(rule.id) || silence.file.has('*')) continue;
    const severity: Severity = configured;
    rule.check(doc, index, (range, message, data) => {
      const lineRules = silence.lines.get(range.start.line);
      if (lineRules && (lineRules.has(rule.id) || lineRules.has('*'))) return;
      out.push({ rule: rule.id, severity, message, range, ...(data ? { data } : {}) });
    });
  }
  return out.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      RULE_IDS.indexOf(a.rule) - RULE_IDS.indexOf(b.rule),
  );
}

/** Findings for a configuration that cannot be used, at the bad keys. */
export function configDiagnostics(problems: ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({ rule: 'invalid-config', severity: 'error' as const, message: p.message, range: p.range }));
}

/** Reads `<!-- charter-disable ids -->` and `<!-- charter-disable-next-line ids -->`. */
export function suppressions(doc: AnalyzedDocument): { file: Set<string>; lines: Map<number, Set<string>> } {
  const file = new Set<string>();
  const lines = new Map<number, Set<string>>();
  for (const c of doc.model.comments) {
    const m = /^charter-disable(-next-line)?(?:\s+([\s\S]*))?$/.exec(c.text);
    if (!m) continue;
    const ids = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    const set = ids.length ? ids : ['*'];
    if (m[1]) {
      const line = c.range.end.line + 1;
      const s = lines.get(line) ?? new Set<string>();
      for (const id of set) s.add(id);
      lines.set(line, s);
    } else for (const id of set) file.add(id);
  }
  return { file, lines };
}
