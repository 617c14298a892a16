import type { Rule } from '../rule';

/** A decision or a document names two or more owners. */
export const multipleOwners: Rule = {
  id: 'multiple-owners',
  description: 'A decision (or a document) has two or more owners ("A and B", "A, B", "A / B", "jointly", a YAML list).',
  help: 'When everyone owns a decision, no one does: discuss jointly, then name the one person who decides. Teams that decide by committee can set owners.singleOwner: false or turn this rule off.',
  defaultSeverity: 'warning',
  check(doc, index, report) {
    if (!index.config.singleOwner) return;
    const who = (names: string[]) => (names.length ? ` (${names.join(', ')})` : '');
    for (const d of doc.decisions) {
      if (d.owner?.multiple) {
        const n = Math.max(d.owner.names.length, 2);
        report(d.owner.range, `Decision "${d.title}" has ${n} owners${who(d.owner.names)}: a decision has exactly one owner`, { owners: d.owner.names });
      }
    }
    if (doc.owner?.multiple) {
      report(doc.owner.range, `${doc.kind.name.toUpperCase()} has ${Math.max(doc.owner.names.length, 2)} owners${who(doc.owner.names)}: name the one person accountable`, { owners: doc.owner.names });
    }
  },
};
