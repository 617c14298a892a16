/**
 * Go to definition: an SDD's PRD link to the PRD's title, an owner's name to their entry in the charter.
 */
import type { AnalyzedDocument } from '../document';
import type { IndexView } from '../workspace';
import type { Position, Range } from '../types';
import { resolveOwner } from '../roster';
import { rosterFor } from '../workspace';
import { resolveReference } from '../links';
import { ownedThings } from '../ownerValues';
import { inRange } from './shared';

/** Where the thing at a position is defined: an SDD's PRD, or an owner's charter entry. */
export function definition(doc: AnalyzedDocument, pos: Position, index: IndexView): { path: string; range: Range } | undefined {
  for (const ref of doc.references) {
    if (ref.role !== 'prd' || !inRange(ref.range, pos)) continue;
    const r = resolveReference(doc.path, ref, (p) => index.paths.has(p));
    if (r.kind !== 'path') return undefined;
    const target = index.documents.get(r.path);
    return { path: r.path, range: target?.titleRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  const roster = rosterFor(index, doc.path) ?? index.roster;
  if (!roster) return undefined;
  for (const t of ownedThings(doc)) {
    for (let i = 0; i < t.owner.names.length; i++) {
      const r = t.owner.nameRanges[i] ?? t.owner.range;
      if (!inRange(r, pos)) continue;
      const res = resolveOwner(roster, t.owner.names[i]);
      const person = res.kind === 'person' ? res.person : res.kind === 'role' ? res.people[0] : undefined;
      return person ? { path: roster.path, range: person.range } : undefined;
    }
  }
  return undefined;
}
