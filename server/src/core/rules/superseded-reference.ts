import type { WorkspaceRule } from '../rule';
import { before } from '../rule';
import { onSupersessionLine, recordByLink, recordName, recordsById, successorRecord, type DecisionRecord } from '../records/workspace';
import type { IndexView } from '../workspace';

/** A document cites a decision that has been superseded: the message names its successor. */
export const supersededReference: WorkspaceRule = {
  id: 'superseded-reference',
  description: 'A document cites (by id or by link) a decision record that has been superseded; the message names its successor.',
  help: 'Cite the decision that is in force (the successor named), or keep the citation if the history is the point.',
  defaultSeverity: 'info',
  scope: 'workspace',
  check(doc, index, report) {
    // A record's own supersession lines, and an index listing every record, cite superseded records on purpose.
    if (doc.kind.indexesRecords) return;
    const said = (rec: DecisionRecord | undefined) => rec && rec.status === 'superseded' && rec.path !== doc.path && !supersededBySelf(doc.path, rec, index);
    const seenLines = new Set<string>();
    for (const c of doc.cites ?? []) {
      if (onSupersessionLine(doc, c.range)) continue;
      const rec = recordsById(index, c.prefix, c.number, doc.path)[0];
      if (!said(rec)) continue;
      seenLines.add(`${c.range.start.line}:${rec!.path}`);
      report(c.range, message(c.text, rec!, index), { target: rec!.path });
    }
    for (const ref of doc.references) {
      if (ref.role !== 'link' || onSupersessionLine(doc, ref.range)) continue;
      const rec = recordByLink(index, doc.path, ref.target);
      if (!said(rec) || seenLines.has(`${ref.range.start.line}:${rec!.path}`)) continue;
      report(ref.range, message(ref.target, rec!, index), { target: rec!.path });
    }
  },
  baselineKey: (m) => before(m, '; its successor', false),
};

/** The record that supersedes `rec` is the citing document itself: it names its predecessor. */
function supersededBySelf(path: string, rec: DecisionRecord, index: IndexView): boolean {
  return successorRecord(index, rec)?.path === path;
}

function message(cited: string, rec: DecisionRecord, index: IndexView): string {
  const next = successorRecord(index, rec);
  const succ = next ? `; its successor is ${recordName(next)} (${next.path})` : rec.successors.length ? `; its successor is "${rec.successors[0]}"` : '';
  return `${cited} cites ${recordName(rec)}, which is superseded${succ}`;
}
