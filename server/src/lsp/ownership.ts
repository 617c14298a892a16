/**
 * The ownership model as the protocol carries it: the core's model with paths turned into
 * URIs, each document named once with everything owned in it, and people and teams
 * referring to those items by index (see `OwnershipFolder` in protocol.ts).
 */
import type { OwnedItem, OwnershipModel, PersonOwnership } from '../core/ownership';
import type { Range } from '../core/types';
import type { OwnershipDecisions, OwnershipDocument, OwnershipEntry, OwnershipFolder, OwnershipRef, OwnershipResponsibility, OwnershipTeam } from './protocol';
import type { DecisionsByStatus } from '../core/records/byStatus';
import { summaryLines } from '../report/owners';

const ORDER = { document: 0, area: 1, decision: 2 } as const;

export function toProtocol(uriOf: (rel: string) => string, folder: { uri: string; name: string }, m: OwnershipModel): OwnershipFolder {
  const { uri, name } = folder;
  const docs = new Map<string, { kind: string; team: number; items: OwnershipEntry[] }>();
  // The same item reaches us once per owner (a joint decision, in each of its owners' lists),
  // each copy with the range object of the one heading: that object finds the one entry.
  // (Keys built from line and character cost a string per item, tens of thousands a model.)
  const byRange = { document: new Map<Range, OwnershipEntry>(), area: new Map<Range, OwnershipEntry>(), decision: new Map<Range, OwnershipEntry>() };
  const entry = (team: number, what: OwnershipEntry['what'], i: OwnedItem): OwnershipEntry => {
    let e = byRange[what].get(i.range);
    if (!e) {
      // Optional fields assigned, not spread: thousands of entries keep one object shape.
      e = { what, title: i.title, range: i.range, owners: [] };
      if (i.area) e.area = i.area;
      if (i.extent) e.extent = i.extent;
      byRange[what].set(i.range, e);
      const d = docs.get(i.path);
      if (d) d.items.push(e);
      else docs.set(i.path, { kind: i.kind, team, items: [e] });
    }
    if (i.joint) e.joint = true;
    return e;
  };
  const personIndex = new Map<PersonOwnership, number>(m.people.map((p, i) => [p, i]));
  m.teams.forEach((t, team) => {
    for (const p of t.people) {
      const pi = personIndex.get(p)!;
      for (const i of p.documents) entry(team, 'document', i).owners.push(pi);
      for (const i of p.areas) entry(team, 'area', i).owners.push(pi);
      for (const i of p.decisions) entry(team, 'decision', i).owners.push(pi);
    }
    for (const u of t.unowned) {
      const e = entry(team, 'decision', u);
      if (u.written) e.written = u.written;
    }
  });

  const documents: OwnershipDocument[] = [];
  const documentIndex = new Map<string, number>();
  for (const path of [...docs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const d = docs.get(path)!;
    const items = d.items.sort((a, b) => ORDER[a.what] - ORDER[b.what] || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    documentIndex.set(path, documents.length);
    documents.push({ uri: uriOf(path), kind: d.kind, team: d.team, items });
  }
  // Few decisions are made outside their owner's areas: each is looked up when needed.
  const refOf = (o: OwnedItem): OwnershipRef => {
    const document = documentIndex.get(o.path)!;
    return { document, item: documents[document].items.indexOf(byRange.decision.get(o.range)!) };
  };

  // The model's responsibility with its path as a URI (the fields are the same on both sides).
  const responsibility = ({ path, ...rest }: OwnershipModel['teams'][number]['responsibilities'][number]): OwnershipResponsibility => ({ uri: uriOf(path), ...rest });
  const teams: OwnershipTeam[] = m.teams.map((t) => ({
    name: t.name,
    ...(t.charter ? { charter: uriOf(t.charter) } : {}),
    people: t.people.map((p) => personIndex.get(p)!),
    responsibilities: t.responsibilities.map(responsibility),
    summary: {
      owned: t.summary.owned,
      unowned: t.summary.unowned,
      perPerson: t.summary.perPerson,
      ...(t.summary.top ? { top: t.summary.top } : {}),
      outsideAreas: t.summary.outsideAreas.map((o) => ({ ...refOf(o), owner: o.owner, role: o.role, owningRole: o.owningRole })),
      withoutContext: t.summary.withoutContext.length,
      withoutAlternatives: t.summary.withoutAlternatives.length,
      lines: summaryLines(t.summary),
    },
  }));
  return {
    uri,
    name,
    ...(m.charter ? { charter: uriOf(m.charter) } : {}),
    people: m.people.map((p) => ({
      name: p.name,
      ...(p.role ? { role: p.role } : {}),
      ...(p.handle ? { handle: p.handle } : {}),
      inCharter: p.inCharter,
      ...(p.silenced ? { silenced: true } : {}),
      ...(p.owns ? { owns: p.owns } : {}),
      ...(p.location ? { location: { uri: uriOf(p.location.path), range: p.location.range } } : {}),
      responsibilities: p.responsibilities.map(responsibility),
    })),
    documents,
    teams,
  };
}

/** The decisions' life as the protocol carries it: paths turned into URIs. */
export function decisionsToProtocol(uriOf: (rel: string) => string, life: DecisionsByStatus): OwnershipDecisions {
  return {
    statuses: life.statuses.map((g) => ({ status: g.status, records: g.records.map(({ path, ...rest }) => ({ uri: uriOf(path), ...rest })) })),
    attention: life.attention.map((a) => ({ rule: a.rule, label: a.label, items: a.items.map(({ path, ...rest }) => ({ uri: uriOf(path), ...rest })) })),
  };
}
