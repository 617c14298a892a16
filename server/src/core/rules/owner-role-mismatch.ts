import type { WorkspaceRule } from '../rule';
import { areaRoleKey, resolveInTeams } from '../roster';
import { allRosters, rosterFor, type IndexView } from '../workspace';
import { isKnownRoleWord, roleKey } from '../kinds';
import { ownedThings } from '../ownerValues';
import { AREA, AREAS_BY_ROLE, DEFAULT_AREA_ROLES, areaLabels, type Area } from '../areas';

/** "Why and What belong to the PM, How, Who and When to the EM". */
const SPLIT = AREAS_BY_ROLE.map((g, i) => `${areaLabels(g.areas)} ${i ? 'to' : 'belong to'} the ${g.role}`).join(', ');
/** "The PM owns the Why and the What, the EM the How, the Who and the When." */
const SPLIT_SENTENCE = `${AREAS_BY_ROLE.map((g, i) => (i ? `the ${g.role} ${areaLabels(g.areas, 'the ')}` : `The ${g.role} owns ${areaLabels(g.areas, 'the ')}`)).join(', ')}.`;

/** An owner whose role does not own the area (a How decision made by the PM). */
export const ownerRoleMismatch: WorkspaceRule = {
  id: 'owner-role-mismatch',
  description: `An owner's role does not own the area (${SPLIT}, unless the charter says otherwise).`,
  help: `${SPLIT_SENTENCE} Hand the decision to the role that owns its area, or change the area split in the charter (areas: in its front matter).`,
  defaultSeverity: 'info',
  scope: 'workspace',
  check(doc, index, report) {
    for (const t of ownedThings(doc)) {
      if (t.owner.multiple || t.owner.names.length !== 1 || t.areas.length === 0) continue;
      const found = roleMismatch(index, doc.path, t.owner.names[0], t.areas);
      if (found)
        report(t.owner.nameRanges[0] ?? t.owner.range, `${t.label} answers ${AREA[found.area].label}, which the ${found.owning} owns, but its owner is ${found.who}`, {
          owner: t.owner.names[0],
          area: found.area,
        });
    }
  },
};

/**
 * Whether `name`, as the one owner of something in `path` that answers `areas`, holds a role
 * that owns none of them: the area, the role that owns it, and the owner as messages name
 * them. Undefined when the role owns one of them, or when no role can be told.
 */
export function roleMismatch(index: IndexView, path: string, name: string, areas: readonly Area[]): { area: Area; owning: string; who: string } | undefined {
  const rosters = allRosters(index);
  const governing = rosterFor(index, path);
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
  if (!role) return undefined;
  const outside = areas.filter((a) => areaRoleKey(roster, a) !== roleKey(role!));
  if (outside.length === 0 || outside.length < areas.length) return undefined;
  const area = outside[0];
  return { area, owning: roster?.areaRoles[area] ?? DEFAULT_AREA_ROLES[area], who };
}
