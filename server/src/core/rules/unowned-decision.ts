import type { Rule } from '../rule';

/** A decision names no owner. */
export const unownedDecision: Rule = {
  id: 'unowned-decision',
  description: 'A decision has no owner: no owner field, or an empty or placeholder value (TBD, ?, n/a, [who decides]).',
  help: 'Every decision has exactly one owner. Add an owner field ("Decision maker: Dana", or decision-makers: in an ADR\'s front matter) naming the one person who decides.',
  defaultSeverity: 'warning',
  check(doc, _index, report) {
    for (const d of doc.decisions) {
      if (d.owner && !d.owner.unowned) continue;
      if (!d.owner) {
        report(d.range, `Decision "${d.title}" has no owner: add a decision maker`);
      } else {
        const shown = d.owner.raw.trim() ? `"${d.owner.raw.trim()}" names nobody` : `"${d.ownerKey ?? 'owner'}" is empty`;
        report(d.owner.range.start.line === d.owner.range.end.line && d.owner.raw.trim() ? d.owner.range : d.range, `Decision "${d.title}" is unowned: ${shown}`);
      }
    }
  },
};
