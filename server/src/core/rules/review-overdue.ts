import { before, type Rule } from '../rule';
import { localDate } from '../dates';
import { resolveInTeams } from '../roster';
import { allRosters, rosterFor, type IndexView } from '../workspace';
import type { CompactDocument } from '../document';
import type { Decision } from '../decisions';

const OWNER = '; ';

/** A decision's review date has passed. */
export const reviewOverdue: Rule = {
  id: 'review-overdue',
  description: 'A decision\'s "Review by" / "Revisit by" / "Expires" date has passed.',
  help: 'A decision written with a review date is meant to be looked at again by then: review it (and record the outcome: a new review date, or a record that supersedes it). The field is read in front matter (`review-by:`, `reviewBy:`), as a field line or a metadata-table row, in English, Portuguese, Spanish, French and German ("Revisar em", "Revisar el", "À revoir le", "Überprüfen bis").',
  defaultSeverity: 'warning',
  scope: 'workspace',
  check(doc, index, report) {
    const lc = doc.lifecycle;
    if (!lc) return;
    const today = index.today ?? localDate();
    lc.lives.forEach((life, i) => {
      const r = life.reviewBy;
      if (!r?.iso || r.iso >= today.slice(0, r.iso.length)) return;
      const d = doc.decisions[i];
      report(r.range, `The review date of "${d?.title ?? doc.title}" (${r.value}) has passed${OWNER}${ownerText(index, doc, d)}`);
    });
  },
  baselineKey: (message) => before(message, OWNER),
};

/** Who owns a decision, as the charter names them: "its owner is Dana Whitfield (PM)". */
export function ownerText(index: IndexView, doc: CompactDocument, d: Decision | undefined): string {
  const owner = d?.owner ?? doc.owner;
  if (!owner || owner.unowned || !owner.names.length) return 'it has no owner to review it';
  const rosters = allRosters(index);
  const roster = rosterFor(index, doc.path);
  const named = owner.names.map((name) => {
    const r = rosters.length ? resolveInTeams(rosters, roster, name).resolution : undefined;
    if (r?.kind === 'person') return r.person.role ? `${r.person.name} (${r.person.role})` : r.person.name;
    if (r?.kind === 'role') return `${r.role} (${r.people.map((p) => p.name).join(', ')})`;
    return name;
  });
  return `its owner${named.length > 1 ? 's are' : ' is'} ${named.join(', ')}`;
}
