import type { WorkspaceRule } from '../rule';
import { before } from '../rule';
import { indexRowFix, unlisted } from '../records/indexPage';
import { recordName } from '../records/workspace';

/** A record of the folder that the folder's index page leaves out. */
export const missingFromIndex: WorkspaceRule = {
  id: 'missing-from-index',
  description: "A decision folder's index page (its README or index, listing the records by link) leaves out a record of the folder.",
  help: "Add a row for the record to the index, in the index's own shape (the quick fix does), or let `charter index --write` write the index between its markers.",
  defaultSeverity: 'warning',
  scope: 'workspace',
  fixes(doc, finding, { index }) {
    const fix = finding.data?.target ? indexRowFix(doc, finding.data.target, index) : undefined;
    return fix ? [fix] : [];
  },
  check(doc, index, report) {
    if (!doc.kind.indexesRecords) return;
    const { missing, at } = unlisted(index, doc);
    if (!at) return;
    for (const rec of missing) {
      report(at, `${recordName(rec)} (${rec.path}) is not listed in this index`, { target: rec.path });
    }
  },
  baselineKey: (message) => before(message, ' (', false),
};
