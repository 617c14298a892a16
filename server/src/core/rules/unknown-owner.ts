import type { Rule } from '../rule';
import { resolveOwner } from '../roster';
import { ownedThings } from '../ownerValues';

/** An owner the charter does not know. */
export const unknownOwner: Rule = {
  id: 'unknown-owner',
  description: 'An owner is not a person, @handle, e-mail address or role listed in the team charter (only when the workspace has a charter).',
  help: 'Owners are resolved through the charter\'s people (name, role, handle, email). Fix the spelling, use the person\'s @handle, or add the person to the charter.',
  defaultSeverity: 'warning',
  scope: 'workspace',
  check(doc, index, report) {
    const roster = index.roster;
    if (!roster) return;
    const known = roster.people.slice(0, 6).map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(', ');
    for (const t of ownedThings(doc)) {
      t.owner.names.forEach((name, i) => {
        if (resolveOwner(roster, name).kind !== 'unknown') return;
        const more = roster.people.length > 6 ? ', …' : '';
        report(t.owner.nameRanges[i] ?? t.owner.range, `"${name}" (owner of ${t.label}) is not in the charter ${roster.path}${known ? `; it lists ${known}${more}` : ''}`, { owner: name });
      });
    }
  },
};
