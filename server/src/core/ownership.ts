/**
 * The ownership model: who owns what. Every person (with the role the charter gives them)
 * and the documents, areas and decisions they own; then every unowned decision. The
 * `charter owners` report and the editor's sidebar are both drawn from it.
 */
import type { Area, Range } from './types';
import type { WorkspaceIndex } from './workspace';
import type { OwnerValue } from './owners';
import { resolveOwner } from './roster';
import { normalizeKey } from './syntax';

/** A place in the workspace: a document and a range in it. */
export interface Location {
  path: string;
  range: Range;
}

/** Something a person owns. */
export interface OwnedItem extends Location {
  title: string;
  /** The document's kind. */
  kind: string;
  /** Set on areas and on decisions that answer one. */
  area?: Area;
  /** Set when the owner shares it with others (breaking the single-owner rule). */
  joint?: boolean;
  /** For decisions: everything that belongs to the entry (where its findings are). */
  extent?: Range;
}

/** A person and everything they own. */
export interface PersonOwnership {
  name: string;
  role?: string;
  handle?: string;
  /** Whether the charter lists them. */
  inCharter: boolean;
  /** Where the charter lists them. */
  location?: Location;
  documents: OwnedItem[];
  areas: OwnedItem[];
  decisions: OwnedItem[];
}

/** A decision without an owner. */
export interface UnownedDecision extends OwnedItem {
  /** The owner value as written, when there was one ("TBD"). */
  written?: string;
}

/** Who owns what in the whole workspace. */
export interface OwnershipModel {
  charter?: string;
  people: PersonOwnership[];
  unowned: UnownedDecision[];
}

/** Builds the ownership model from the index; `include` limits it to some documents. */
export function buildOwnership(index: WorkspaceIndex, include: (path: string) => boolean = () => true): OwnershipModel {
  const roster = index.roster;
  const people = new Map<string, PersonOwnership>();
  for (const p of roster?.people ?? []) {
    people.set(`person:${normalizeKey(p.name)}`, {
      name: p.name,
      role: p.role || undefined,
      handle: p.handle,
      inCharter: true,
      location: { path: roster!.path, range: p.range },
      documents: [],
      areas: [],
      decisions: [],
    });
  }
  // The same few names recur across thousands of entries: resolve each once.
  const resolved = new Map<string, PersonOwnership>();
  const ownersOf = (value: OwnerValue): PersonOwnership[] =>
    value.names.map((name) => {
      const known = resolved.get(name);
      if (known) return known;
      const r = roster ? resolveOwner(roster, name) : { kind: 'unknown' as const };
      const key = r.kind === 'person' ? `person:${normalizeKey(r.person.name)}` : r.kind === 'role' && r.people.length === 1 ? `person:${normalizeKey(r.people[0].name)}` : `name:${normalizeKey(name)}`;
      let entry = people.get(key);
      if (!entry) {
        entry = { name: r.kind === 'role' ? r.role : name.trim(), inCharter: false, documents: [], areas: [], decisions: [] };
        people.set(key, entry);
      }
      resolved.set(name, entry);
      return entry;
    });

  const model: OwnershipModel = { charter: roster?.path, people: [], unowned: [] };
  const docs = [...index.documents.values()].filter((d) => include(d.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const doc of docs) {
    const kind = doc.kind.name;
    if (doc.owner && !doc.owner.unowned) {
      for (const p of ownersOf(doc.owner)) p.documents.push({ path: doc.path, range: doc.titleRange, title: doc.title, kind, joint: doc.owner.multiple || undefined });
    }
    for (const s of doc.sections) {
      if (!s.spec.area) continue;
      const owner = s.owner && !s.owner.unowned ? s.owner : doc.owner && !doc.owner.unowned ? doc.owner : undefined;
      if (!owner) continue;
      for (const p of ownersOf(owner)) p.areas.push({ path: doc.path, range: s.heading.range, title: `${s.spec.name} — ${doc.title}`, kind, area: s.spec.area, joint: owner.multiple || undefined });
    }
    for (const d of doc.decisions) {
      const item: OwnedItem = { path: doc.path, range: d.range, title: d.title, kind, area: d.area, extent: d.fullRange === d.range ? undefined : d.fullRange };
      if (!d.owner || d.owner.unowned) {
        model.unowned.push({ ...item, written: d.owner?.raw.trim() || undefined });
        continue;
      }
      for (const p of ownersOf(d.owner)) p.decisions.push({ ...item, joint: d.owner.multiple || undefined });
    }
  }
  model.people = [...people.values()].sort((a, b) => Number(b.inCharter) - Number(a.inCharter) || a.name.localeCompare(b.name));
  return model;
}
