import type { Rule } from '../rule';
import { areaRoleKey, resolveInTeams } from '../roster';
import { allRosters, rosterFor } from '../workspace';
import { isKnownRoleWord, roleKey } from '../kinds';
import { ownedThings } from '../ownerValues';
import { AREA, AREAS_BY_ROLE, DEFAULT_AREA_ROLES, areaLabels } from '../areas';

/** "Why and What belong to the PM, How, Who and When to the EM". */
const SPLIT = AREAS_BY_ROLE.map((g, i) => `${areaLabels(g.areas)} ${i ? 'to' : 'belong to'} the ${g.role}`).join(', ');
/** "The PM owns the Why and the What, the EM the How, the Who and the When." */
const SPLIT_SENTENCE = `${AREAS_BY_ROLE.map((g, i) => (i ? `the ${g.role} ${areaLabels(g.areas, 'the ')}` : `The ${g.role} owns ${areaLabels(g.areas, 'the ')}`)).join(', ')}.`;

/** An owner whose role does not own the area (a How decision made by the PM). */
export const ownerRoleMismatch: Rule = {
  id: 'owner-role-mismatch',
  description: `An owner's role does not own the area (${SPLIT}, unless the charter says otherwise).`,
  help: `${SPLIT_SENTENCE} Hand the decision to the role that owns its area, or change the area split in the charter (areas: in its front matter).`,
  defaultSeverity: 'info',
  scope: 'workspace',
  check(doc, index, report) {
    const rosters = allRosters(index);
    const governing = rosterFor(index, doc.path);
    for (const t of ownedThings(doc)) {
      if (t.owner.multiple || t.owner.names.length !== 1 || t.areas.length === 0) continue;
      const name = t.owner.names[0];
      let role: string | undefined;
      let who = name;
      let roster = governing;
      if (rosters.length) {
        const found = resolveInTeams(rosters, governing, name);
        const r = found.resolution;
        roster = found.roster ?? governing;
        if (r.kind === 'person') {
          role = r.person.role;
          who = `${r.person.name} (${r.person.role || 'no role'})`;
        } else if (r.kind === 'role') role = r.role;
      } else if (isKnownRoleWord(name)) role = name;
      if (!role) continue;
      const areas = t.areas.filter((a) => areaRoleKey(roster, a) !== roleKey(role!));
      if (areas.length === 0 || areas.length < t.areas.length) continue;
      const area = areas[0];
      const owning = roster?.areaRoles[area] ?? DEFAULT_AREA_ROLES[area];
      report(t.owner.nameRanges[0] ?? t.owner.range, `${t.label} answers ${AREA[area].label}, which the ${owning} owns, but its owner is ${who}`, { owner: name, area });
    }
  },
};
