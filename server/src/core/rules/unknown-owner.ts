import { before, type WorkspaceRule } from '../rule';
import { resolveInTeams } from '../roster';
import { allRosters, rosterFor } from '../workspace';
import { ownedThings } from '../ownerValues';

const NOT_IN = ' is not in ';

/** An owner the charter does not know. */
export const unknownOwner: WorkspaceRule = {
  id: 'unknown-owner',
  description: 'An owner is not a person, @handle, e-mail address or role listed in the team charter (only when the workspace has a charter).',
  help: "Owners are resolved through the people (name, role, handle, email) of the charter that governs the document: the one in its folder or the closest one above it, or the one `charter:` names in .charter.yaml. Fix the spelling, use the person's @handle, or add the person to that charter.",
  defaultSeverity: 'warning',
  scope: 'workspace',
  check(doc, index, report) {
    const rosters = allRosters(index);
    if (!rosters.length) return;
    const roster = rosterFor(index, doc.path);
    const listed = roster ?? (rosters.length === 1 ? rosters[0] : undefined);
    const known = listed
      ? listed.people
          .slice(0, 6)
          .map((p) => (p.role ? `${p.name} (${p.role})` : p.name))
          .join(', ')
      : '';
    const more = listed && listed.people.length > 6 ? ', …' : '';
    for (const t of ownedThings(doc)) {
      t.owner.names.forEach((name, i) => {
        const r = resolveInTeams(rosters, roster, name);
        if (r.resolution.kind !== 'unknown') return;
        const where = roster ? `the charter ${roster.path}` : `any team's charter (${rosters.map((x) => x.path).join(', ')})`;
        const other = r.elsewhere ? `; "${name}" is in the ${r.elsewhere.team} team (${r.elsewhere.path}), which does not govern this document` : '';
        report(t.owner.nameRanges[i] ?? t.owner.range, `"${name}" (owner of ${t.label})${NOT_IN}${where}${other}${known && !other ? `; it lists ${known}${more}` : ''}`, {
          owner: name,
        });
      });
    }
  },
  // Which charters there are and whom they list is not the finding's own text: the owner and
  // what they own is.
  baselineKey: (message) => {
    for (const where of ['the charter ', "any team's charter ("]) {
      const key = before(message, `)${NOT_IN}${where}`, false);
      if (key !== message) return `${key})`;
    }
    return message;
  },
};
