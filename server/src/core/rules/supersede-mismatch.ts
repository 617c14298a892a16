import { writeSide } from '../records/fixes';
import type { Rule } from '../rule';
import type { CompactDocument } from '../document';
import type { Pointer } from '../records/read';
import { findRecord, recordIndex, statusIn } from '../records/workspace';
import { posix } from 'node:path';

/** One record says it supersedes another, and the other does not say so. */
export const supersedeMismatch: Rule = {
  id: 'supersede-mismatch',
  description:
    'A record says it supersedes this one, but this one neither says it is superseded by it nor has the status superseded; or a record says this one supersedes it, and this one does not say so.',
  help: 'Supersession is written on both sides: the new record says "Supersedes [ADR-3](0003-….md)", the old one says "Superseded by [ADR-5](0005-….md)" (its status, or a field). The quick fix writes the missing side into this record.',
  defaultSeverity: 'warning',
  scope: 'workspace',
  fixes: (doc, finding, { index }) => {
    const fix = writeSide(doc, finding, index);
    return fix ? [fix] : [];
  },
  check(doc, index, report) {
    const life = doc.lifecycle?.lives[0];
    if (!life || doc.kind.decisions !== 'per-file') return;
    const records = recordIndex(index);
    const claims = records.claims.get(doc.path);
    if (!claims) return;
    const said = new Set<string>();
    const names = (p: Pointer) => findRecord(index, records, doc.path, p);
    for (const c of claims) {
      const key = `${c.says}\0${c.from.path}`;
      if (said.has(key)) continue;
      said.add(key);
      const target = relative(doc.path, c.from.path);
      if (c.says === 'supersedes') {
        if (statusIn(index.config, life.status) === 'superseded' || life.supersededBy.some((p) => names(p) === c.from)) continue;
        const status = life.status ? ` (its status is "${life.status.text}")` : '';
        report(
          life.status?.range ?? doc.titleRange,
          `${label(c.from)} says it supersedes this record, but this record neither says it is superseded by it nor has the status superseded${status}`,
          { target, side: 'superseded-by' },
        );
      } else {
        if (life.supersedes.some((p) => names(p) === c.from)) continue;
        report(doc.titleRange, `${label(c.from)} says it is superseded by this record, but this record does not say it supersedes it`, { target, side: 'supersedes' });
      }
    }
  },
};

function label(d: CompactDocument): string {
  return `${d.path.slice(d.path.lastIndexOf('/') + 1)} ("${d.title}")`;
}

/** A path relative to a document's folder, as a link in it is written. */
export function relative(from: string, to: string): string {
  return posix.relative(posix.dirname(from), to);
}
