import type { WorkspaceRule } from '../rule';
import { isRecordFileName } from '../records/ids';
import { hasRecords, onSupersessionLine, recordsById } from '../records/workspace';
import { resolveLink } from '../links';

/** A decision id, or an index's link to a record, that names no record of the workspace. */
export const unknownDecisionReference: WorkspaceRule = {
  id: 'unknown-decision-reference',
  description: "A decision id (ADR-0012, ADR 12, or an id a kind declares), or an index's link to a record, names no record in the workspace.",
  help: 'Fix the number (or the link), or add the record. Ids of a prefix are only checked in a workspace that holds records of that prefix.',
  defaultSeverity: 'warning',
  scope: 'workspace',
  check(doc, index, report) {
    const known = new Map<string, boolean>();
    for (const c of doc.cites ?? []) {
      if (onSupersessionLine(doc, c.range)) continue;
      let has = known.get(c.prefix);
      if (has === undefined) known.set(c.prefix, (has = hasRecords(index, c.prefix)));
      if (!has) continue;
      if (recordsById(index, c.prefix, c.number, doc.path).length) continue;
      report(c.range, `${c.text} names no decision record: no ${c.prefix} record is numbered ${c.number}`, { target: c.text });
    }
    // On an index page, a dead link to a record is this rule's (broken-link leaves index pages alone).
    if (!doc.kind.indexesRecords) return;
    for (const ref of doc.references) {
      if (ref.role !== 'link') continue;
      const t = ref.target.trim().replace(/[?#].*$/, '');
      if (!isRecordFileName(t)) continue;
      const r = resolveLink(doc.path, ref.target);
      if (r.kind !== 'path' || index.paths.has(r.path)) continue;
      report(ref.range, `The record "${ref.target}" this index links to does not exist (looked for ${r.path})`, { target: ref.target });
    }
  },
};
