/**
 * Every owner value of a document, with what it owns: decisions, the document itself, and
 * sections that name their own owner.
 */
import type { CompactDocument } from './document';
import type { OwnerValue } from './owners';
import type { Area } from './areas';

/** An owner value and what it is the owner of. */
export interface OwnedThing {
  owner: OwnerValue;
  /** For messages: `Decision "Use Postgres"`, `PRD`, `Section "How"`. */
  label: string;
  /** The areas the owner answers for. */
  areas: Area[];
}

/** Lists the owner values in a document. */
export function ownedThings(doc: CompactDocument): OwnedThing[] {
  const out: OwnedThing[] = [];
  for (const d of doc.decisions) if (d.owner) out.push({ owner: d.owner, label: `Decision "${d.title}"`, areas: d.area ? [d.area] : [] });
  if (doc.owner) {
    const areas = doc.sections.filter((s) => s.spec.area && !s.owner).map((s) => s.spec.area!);
    const declared = doc.kind.sections.filter((s) => s.area).map((s) => s.area!);
    out.push({ owner: doc.owner, label: doc.kind.label, areas: areas.length ? areas : declared });
  }
  for (const s of doc.sections) if (s.owner) out.push({ owner: s.owner, label: `Section "${s.heading.text}"`, areas: s.spec.area ? [s.spec.area] : [] });
  return out;
}
