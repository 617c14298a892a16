import { renumber } from '../records/fixes';
import type { Rule } from '../rule';
import type { CompactDocument } from '../document';
import { folderOf, recordIndex } from '../records/workspace';

/** Two records of one folder with one number, or a new record whose number the base branch gave another. */
export const duplicateNumber: Rule = {
  id: 'duplicate-number',
  description: "Two decision records of one folder share a number; with `charter check --base REV`, a new record's number is taken by another record on REV.",
  help: 'A record\'s number is its identity: citations ("ADR-12"), the index and supersession name it. Give one of the records the next free number (the quick fix renames the file and its title, and updates the links to it). On a branch, merge the base branch first to see the numbers it took.',
  defaultSeverity: 'warning',
  scope: 'workspace',
  fixes: (doc, _finding, { index }) => {
    const fix = renumber(doc, index);
    return fix ? [fix] : [];
  },
  check(doc, index, report) {
    const lc = doc.lifecycle;
    if (!lc || lc.number === undefined || doc.kind.decisions !== 'per-file') return;
    const folder = folderOf(doc.path);
    const same = (recordIndex(index).numbers.get(folder)?.get(lc.number) ?? []).filter(
      (d) => d !== doc && (d.lifecycle?.series ?? '') === (lc.series ?? '') && !translations(doc, d),
    );
    if (same.length) {
      const names = same.map((d) => d.path).sort();
      report(doc.titleRange, `Number ${lc.number} is also the number of ${names.join(', ')}`, { target: names[0] });
    }
    const base = index.baseRecords?.get(folder);
    if (!base || base.some((b) => b.path === doc.path)) return;
    const taken = base.filter((b) => b.number === lc.number && b.series === (lc.series ?? '') && b.path !== doc.path && !index.paths.has(b.path));
    if (taken.length)
      report(doc.titleRange, `Number ${lc.number} is taken on ${index.baseName ?? 'the base revision'} by ${taken.map((b) => b.path).join(', ')}`, { target: taken[0].path });
  },
};

/** The same record in two languages (`adr-004-de.md`, `adr-004-en.md`): one number on purpose. */
function translations(a: CompactDocument, b: CompactDocument): boolean {
  const slug = (p: string) =>
    p
      .slice(p.lastIndexOf('/') + 1)
      .replace(/\.[a-z]+$/i, '')
      .replace(/[-_.](?:en|de|fr|es|pt|it|nl|ja|zh|ko|ru|pl|sv|pt[-_]br|en[-_]us|en[-_]gb)$/i, '')
      .toLowerCase();
  return slug(a.path) === slug(b.path);
}
