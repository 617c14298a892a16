import type { Rule } from '../rule';

/** A required section of the document's kind is not there. */
export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A document lacks a section its kind requires (a PRD without Why or What, an SDD without How, Who or When).',
  help: 'Add a heading with the section\'s name or one of its aliases. Headings are compared without case, numbering, punctuation, emoji or a trailing "(optional)". Configure the sections of a kind in .charter.yaml (kinds.<kind>.sections).',
  defaultSeverity: 'warning',
  check(doc, _index, report) {
    const kindName = doc.kind.name.toUpperCase();
    for (const spec of doc.missingSections) {
      const aliases = spec.aliases.length ? ` (these headings count too: ${spec.aliases.map((a) => `"${a}"`).join(', ')})` : '';
      report(doc.titleRange, `${kindName} has no "${spec.name}" section${aliases}`, { section: spec.name.toLowerCase() });
    }
  },
};
