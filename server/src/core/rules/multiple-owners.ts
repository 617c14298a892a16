import { before, type DocumentRule } from '../rule';
import { decisionAt, isFix, mayOwn, setOwner } from '../edits';

/** What the message says to teams that decide together (the same for every finding). */
const COMMITTEE = '; a team that decides together by design can turn this off with owners: { singleOwner: false } in .charter.yaml, or the setting "charter.singleOwner": false';

/** A decision or a document names two or more owners. */
export const multipleOwners: DocumentRule = {
  id: 'multiple-owners',
  description: 'A decision (or a document) has two or more owners ("A and B", "A, B", "A / B", "jointly", a YAML list).',
  help: 'When everyone owns a decision, no one does: discuss jointly, then name the one person who decides. Teams that decide by committee, or whose deciders: lists everyone involved by design, can set owners: { singleOwner: false } in .charter.yaml (or the setting charter.singleOwner: false), or turn this rule off.',
  scope: 'document',
  defaultSeverity: 'warning',
  fixes(doc, finding, { index }) {
    const d = decisionAt(doc, finding.range);
    if (!d?.owner) return [];
    return d.owner.names
      .filter((name) => mayOwn(doc, d, name, index))
      .map((name) => setOwner(doc, d, name, `Make ${name} the one owner`))
      .filter(isFix);
  },
  check(doc, index, report) {
    if (!index.config.singleOwner) return;
    const who = (names: string[]) => (names.length ? ` (${names.join(', ')})` : '');
    // Teams whose deciders list everyone involved, by design, need to know how to stop this.
    const committee = COMMITTEE;
    for (const d of doc.decisions) {
      if (d.owner?.multiple) {
        const n = Math.max(d.owner.names.length, 2);
        report(d.owner.range, `Decision "${d.title}" has ${n} owners${who(d.owner.names)}: a decision has exactly one owner${committee}`, { owners: d.owner.names });
      }
    }
    if (doc.owner?.multiple) {
      report(doc.owner.range, `${doc.kind.label} has ${Math.max(doc.owner.names.length, 2)} owners${who(doc.owner.names)}: name the one person accountable${committee}`, {
        owners: doc.owner.names,
        scope: 'document',
      });
    }
  },
  baselineKey: (message) => before(message, COMMITTEE),
};
