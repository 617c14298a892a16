import type { DocumentRule } from '../rule';
import { stripInline } from '../syntax';
import { decisionAt, isFix, label, ownerChoices, setOwner } from '../edits';

/** A decision names no owner. */
export const unownedDecision: DocumentRule = {
  id: 'unowned-decision',
  description: 'A decision has no owner: no owner field, or an empty or placeholder value (TBD, ?, n/a, [who decides]).',
  help: 'Every decision has exactly one owner. Add an owner field ("Decision maker: Dana", or decision-makers: in an ADR\'s front matter) naming the one person who decides.',
  scope: 'document',
  defaultSeverity: 'warning',
  fixes(doc, finding, { index }) {
    const d = decisionAt(doc, finding.range);
    return d
      ? ownerChoices(doc, d, index)
          .map((p) => setOwner(doc, d, p.name, `Set the owner to ${label(p)}`))
          .filter(isFix)
      : [];
  },
  check(doc, _index, report) {
    for (const d of doc.decisions) {
      if (d.owner && !d.owner.unowned) continue;
      if (!d.owner) {
        // In a language Charter has no names for, the owner may be there under another name.
        if (doc.language?.known === false) continue;
        const field = doc.kind.fields?.owner?.[0];
        report(d.range, `Decision "${d.title}" has no owner: add ${field ? `"${field}:"` : 'a decision maker'}`, { field: false });
      } else {
        const written = stripInline(d.owner.raw);
        const shown = written ? `"${written}" names nobody` : `"${d.ownerKey ?? 'owner'}" is empty`;
        // Point at the value, or at the whole line of an owner field left empty.
        const r = d.owner.range;
        const where = r.start.line !== r.end.line || d.shape === 'table' || written ? r : doc.lines.trimmedLineRange(r.start.line);
        report(where, `Decision "${d.title}" is unowned: ${shown}`, { field: true });
      }
    }
  },
};
