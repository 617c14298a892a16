/**
 * The ownership model as the protocol carries it: the core's model with paths turned into
 * URIs and people grouped by role for the sidebar.
 */
import type { OwnershipModel } from '../core/ownership';
import type { OwnershipFolder, OwnershipItem, OwnershipPerson, OwnershipResponsibility, OwnershipTeam } from '../protocol';
import { summaryLines } from '../report/owners';

export function toProtocol(uriOf: (rel: string) => string, folder: { uri: string; name: string }, m: OwnershipModel): OwnershipFolder {
  const { uri, name } = folder;
  const item = (i: { path: string; range: OwnershipItem['range']; title: string; kind: string; area?: OwnershipItem['area']; joint?: boolean; extent?: OwnershipItem['range'] }): OwnershipItem => ({
    uri: uriOf(i.path),
    range: i.range,
    title: i.title,
    kind: i.kind,
    ...(i.area ? { area: i.area } : {}),
    ...(i.joint ? { joint: true } : {}),
    ...(i.extent ? { extent: i.extent } : {}),
  });
  // The model's item with its path as a URI (the fields are the same on both sides).
  const responsibility = ({ path, ...rest }: OwnershipModel['teams'][number]['responsibilities'][number]): OwnershipResponsibility => ({
    uri: uriOf(path),
    ...rest,
  });
  const converted = new Map<OwnershipModel['people'][number], OwnershipPerson>();
  const person = (p: OwnershipModel['people'][number]): OwnershipPerson => {
    let out = converted.get(p);
    if (!out) {
      out = {
        name: p.name,
        role: p.role,
        handle: p.handle,
        inCharter: p.inCharter,
        location: p.location ? { uri: uriOf(p.location.path), range: p.location.range } : undefined,
        documents: p.documents.map(item),
        areas: p.areas.map(item),
        decisions: p.decisions.map(item),
        responsibilities: p.responsibilities.map(responsibility),
      };
      converted.set(p, out);
    }
    return out;
  };
  const rolesOf = (people: OwnershipPerson[]) => {
    const roles = new Map<string, OwnershipPerson[]>();
    for (const p of people) {
      const r = p.role ?? (p.inCharter ? 'No role' : 'Not in the charter');
      roles.set(r, [...(roles.get(r) ?? []), p]);
    }
    return [...roles].map(([role, ps]) => ({ role, people: ps }));
  };
  const unowned = (u: OwnershipModel['unowned'][number]) => ({ ...item(u), ...(u.written ? { written: u.written } : {}) });
  const people = m.people.map(person);
  const teams: OwnershipTeam[] = m.teams.map((t) => {
    const tp = t.people.map(person);
    return {
      name: t.name,
      charter: t.charter ? uriOf(t.charter) : undefined,
      people: tp,
      roles: rolesOf(tp),
      responsibilities: t.responsibilities.map(responsibility),
      unowned: t.unowned.map(unowned),
      summary: {
        owned: t.summary.owned,
        unowned: t.summary.unowned,
        perPerson: t.summary.perPerson,
        ...(t.summary.top ? { top: t.summary.top } : {}),
        outsideAreas: t.summary.outsideAreas.map((o) => ({ ...item(o), owner: o.owner, role: o.role, owningRole: o.owningRole })),
        withoutContext: t.summary.withoutContext.length,
        withoutAlternatives: t.summary.withoutAlternatives.length,
        lines: summaryLines(t.summary),
      },
    };
  });
  return {
    uri,
    name,
    charter: m.charter ? uriOf(m.charter) : undefined,
    people,
    roles: rolesOf(people),
    unowned: m.unowned.map(unowned),
    teams,
  };
}
