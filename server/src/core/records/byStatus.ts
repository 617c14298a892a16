/**
 * The decisions of a workspace by their life: the records grouped by status (proposed,
 * accepted, rejected, deprecated, superseded, and those whose status is not written or not
 * known), and what needs attention — the findings of the lifecycle rules, grouped by rule.
 * The sidebar and the HTML report draw it.
 */
import type { Finding, Range } from '../types';
import type { IndexView } from '../workspace';
import { STATUSES, type Status } from '../status';
import { bareTitle, recordsOf, type DecisionRecord } from './workspace';
import { byNumber } from './indexPage';

/**
 * The rules whose findings say a decision's life needs attention, in the order shown. Rules
 * not (yet) in the product simply have no findings: the group appears when they do.
 */
export const ATTENTION_RULES = [
  'review-overdue',
  'stale-proposal',
  'supersede-mismatch',
  'duplicate-number',
  'unknown-status',
  'missing-from-index',
  'unknown-decision-reference',
] as const;

/** How the sidebar and the report name each rule's group. */
export const ATTENTION_LABEL: Record<string, string> = {
  'review-overdue': 'Reviews overdue',
  'stale-proposal': 'Stale proposals',
  'supersede-mismatch': 'Supersession written on one side only',
  'duplicate-number': 'Numbers taken twice',
  'unknown-status': 'Statuses outside the lifecycle',
  'missing-from-index': 'Records missing from their index',
  'unknown-decision-reference': 'Citations of no record',
};

/** One record as the views list it. */
export interface LifeRecord {
  path: string;
  range: Range;
  title: string;
  number?: number;
  status?: Status;
  /** The status as written, when it is no known status. */
  written?: string;
  date?: string;
  owner?: string;
}

/** The records of one status ("unknown": none written, or a word outside the lifecycle). */
export interface StatusGroup {
  status: Status | 'unknown';
  records: LifeRecord[];
}

/** One finding that needs attention. */
export interface AttentionItem {
  path: string;
  range: Range;
  message: string;
}

/** The decisions' life in a workspace. */
export interface DecisionsByStatus {
  statuses: StatusGroup[];
  attention: { rule: string; label: string; items: AttentionItem[] }[];
}

/** Builds the model; `findings` (the index's) gives the attention groups, `include` limits the documents. */
export function buildDecisionLife(index: IndexView, findings?: (path: string) => Finding[], include: (path: string) => boolean = () => true): DecisionsByStatus {
  const groups = new Map<Status | 'unknown', LifeRecord[]>();
  for (const r of recordsOf(index)
    .filter((x) => include(x.path))
    .sort(byNumber)) {
    const key = r.status ?? 'unknown';
    const list = groups.get(key) ?? [];
    list.push(lifeRecord(r));
    groups.set(key, list);
  }
  const statuses = [...STATUSES, 'unknown' as const].filter((s) => groups.has(s)).map((status) => ({ status, records: groups.get(status)! }));
  const byRule = new Map<string, AttentionItem[]>();
  if (findings) {
    const paths = [...index.documents.keys()].filter(include).sort();
    for (const p of paths) {
      for (const d of findings(p)) {
        if (!(ATTENTION_RULES as readonly string[]).includes(d.rule)) continue;
        const list = byRule.get(d.rule) ?? [];
        list.push({ path: p, range: d.range, message: d.message });
        byRule.set(d.rule, list);
      }
    }
  }
  const attention = ATTENTION_RULES.filter((r) => byRule.has(r)).map((rule) => ({ rule, label: ATTENTION_LABEL[rule], items: byRule.get(rule)! }));
  return { statuses, attention };
}

function lifeRecord(r: DecisionRecord): LifeRecord {
  const out: LifeRecord = { path: r.path, range: r.doc.titleRange, title: bareTitle(r.title) };
  if (r.number !== undefined) out.number = r.number;
  if (r.status) out.status = r.status;
  else if (r.statusText) out.written = r.statusText;
  if (r.date) out.date = r.date;
  if (r.owner) out.owner = r.owner;
  return out;
}
