import { before, type DocumentRule } from '../rule';

/** What the message adds about the roles the team has. */
const ROLES = '; the roles on the team are ';
const NO_ROLES = '; nobody on the team has a role';
import { resolveOwner } from '../roster';

/** A responsibility in the charter whose accountable role nobody on the team holds. */
export const unassignedResponsibility: DocumentRule = {
  id: 'unassigned-responsibility',
  description: "A charter's responsibility is accountable to a role (or person) that nobody in the charter's people holds.",
  help: "Each responsibility in a charter names the role accountable for it (PM, EM, …). When nobody on the team has that role, nobody is accountable: give the role to someone in the charter's people, or make another role accountable.",
  scope: 'document',
  defaultSeverity: 'warning',
  check(doc, _index, report) {
    const roster = doc.roster;
    if (!roster || roster.people.length === 0) return;
    const roles = [...new Set(roster.people.map((p) => p.role).filter(Boolean))];
    for (const r of roster.responsibilities) {
      if (resolveOwner(roster, r.role).kind !== 'unknown') continue;
      const held = roles.length ? `${ROLES}${roles.join(', ')}` : NO_ROLES;
      report(r.range, `Responsibility "${r.name}" is accountable to ${r.role}, which nobody in the ${roster.team} team holds${held}`, { owner: r.role });
    }
  },
  // The roles the team has are not the responsibility's finding: who it is accountable to is.
  baselineKey: (message) => before(before(message, ROLES), NO_ROLES),
};
