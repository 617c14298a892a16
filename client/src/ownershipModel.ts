/**
 * The ownership model as the sidebar reads it, unpacked from what `charter/ownership`
 * carries (each document once, items referring to people by index): people with their
 * documents, areas and decisions, teams with their people, roles and unowned decisions.
 * No `vscode` import: the server tests read the protocol's answer through it too.
 */
import type { OwnershipDecisions, OwnershipFolder, OwnershipLocation, OwnershipPerson, OwnershipResponsibility, OwnershipResult } from '../../server/src/lsp/protocol';
import type { Area } from '../../server/src/core/areas';

/** Something a person owns (or a decision nobody owns), as the sidebar shows it. */
export interface Item extends OwnershipLocation {
  title: string;
  /** The document's kind: prd, sdd, decision-log, adr, or a configured one. */
  kind: string;
  area?: Area;
  /** Owned together with someone else (a single-owner problem). */
  joint?: boolean;
  /** For decisions: the whole entry, where its findings and fixes are. */
  extent?: OwnershipLocation['range'];
  /** For an unowned decision: the owner value as written. */
  written?: string;
}

/** A person with what they own. */
export interface Person {
  name: string;
  role?: string;
  handle?: string;
  inCharter: boolean;
  /** Not in the charter, with every finding saying so silenced. */
  silenced?: boolean;
  location?: OwnershipLocation;
  documents: Item[];
  areas: Item[];
  decisions: Item[];
  responsibilities: OwnershipResponsibility[];
}

/** A role and its people. */
export interface Role {
  role: string;
  people: Person[];
}

/** How balanced a team's ownership is. */
export interface Summary {
  owned: number;
  unowned: number;
  perPerson: { name: string; decisions: number }[];
  top?: { name: string; decisions: number; share: number };
  outsideAreas: (Item & { owner: string; role: string; owningRole: string })[];
  withoutContext: number;
  withoutAlternatives: number;
  lines: string[];
}

/** One team: its charter, people, responsibilities, unowned decisions and balance. */
export interface Team {
  name: string;
  charter?: string;
  people: Person[];
  roles: Role[];
  responsibilities: OwnershipResponsibility[];
  unowned: Item[];
  summary: Summary;
}

/** One workspace folder's model. */
export interface Folder {
  uri: string;
  name: string;
  charter?: string;
  people: Person[];
  roles: Role[];
  unowned: Item[];
  teams: Team[];
  /** The decision records by status, and what needs attention (absent: the folder has no records). */
  decisions?: OwnershipDecisions;
}

/** The model of every folder. */
export interface Ownership {
  folders: Folder[];
  unownedCount: number;
}

export function readOwnership(r: OwnershipResult): Ownership {
  return { folders: r.folders.map(readFolder), unownedCount: r.unownedCount };
}

export function readFolder(f: OwnershipFolder): Folder {
  const people: Person[] = f.people.map((p) => ({ ...p, documents: [], areas: [], decisions: [] }));
  const items: Item[][] = [];
  const teamUnowned: Item[][] = f.teams.map(() => []);
  const unowned: Item[] = [];
  for (const d of f.documents) {
    const list: Item[] = [];
    items.push(list);
    for (const e of d.items) {
      const item: Item = { uri: d.uri, range: e.range, title: e.title, kind: d.kind };
      if (e.area) item.area = e.area;
      if (e.joint) item.joint = true;
      if (e.extent) item.extent = e.extent;
      if (e.written) item.written = e.written;
      list.push(item);
      if (e.what === 'decision' && e.owners.length === 0) {
        unowned.push(item);
        teamUnowned[d.team]?.push(item);
      }
      const key = e.what === 'document' ? 'documents' : e.what === 'area' ? 'areas' : 'decisions';
      for (const o of e.owners) people[o][key].push(item);
    }
  }
  const teams = f.teams.map((t, i): Team => {
    const tp = t.people.map((p) => people[p]);
    return {
      name: t.name,
      charter: t.charter,
      people: tp,
      roles: rolesOf(tp),
      responsibilities: t.responsibilities,
      unowned: teamUnowned[i],
      summary: { ...t.summary, outsideAreas: t.summary.outsideAreas.map(({ document, item, ...o }) => ({ ...items[document][item], ...o })) },
    };
  });
  return { uri: f.uri, name: f.name, charter: f.charter, people, roles: rolesOf(people), unowned, teams, ...(f.decisions ? { decisions: f.decisions } : {}) };
}

/** People grouped by role, in the order each role first appears (people → roles → what they own). */
function rolesOf(people: Person[]): Role[] {
  const roles = new Map<string, Person[]>();
  for (const p of people) {
    const r = p.role ?? (p.inCharter || p.silenced ? 'No role' : 'Not in the charter');
    const list = roles.get(r);
    if (list) list.push(p);
    else roles.set(r, [p]);
  }
  return [...roles].map(([role, ps]) => ({ role, people: ps }));
}

/**
 * The people a "New …" command offers as owner: those whose role owns the kind's areas first
 * (the PM for a PRD's Why and What, the EM for an SDD's How, Who and When, as the charter
 * splits them), then those who own some of them, the rest in the order given. Enter on the
 * list then picks the owner the product expects.
 */
export function ownerCandidates(list: OwnershipPerson[], areas: readonly Area[]): OwnershipPerson[] {
  if (areas.length === 0) return list;
  const share = (p: OwnershipPerson) => areas.filter((a) => p.owns?.includes(a)).length;
  return list
    .map((p, i) => ({ p, i, s: share(p) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.p);
}
