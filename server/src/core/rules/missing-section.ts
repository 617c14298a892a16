import { before, type DocumentRule } from '../rule';
import { unknownLanguageNote } from '../languages';
import { lexiconFor } from '../lexicon';
import { insertSection } from '../edits';

/** Most alternative headings a message lists. */
const SHOWN = 8;
/** Where the message starts listing the other headings that count (they come from the configuration). */
const ALIASES = ' (these headings count too: ';

/** A required section of the document's kind is not there. */
export const missingSection: DocumentRule = {
  id: 'missing-section',
  description: 'A document lacks a section its kind requires (a PRD without Why or What, an SDD without How, Who or When).',
  help: 'Add a heading with the section\'s name or one of its aliases. Headings are compared without case, accents, numbering, punctuation, emoji, plural endings or a trailing "(optional)", in English and in the document\'s language (Portuguese, Spanish, French and German are built in). Configure the sections of a kind in .charter.yaml (kinds.<kind>.sections) and the names in other languages under languages:. A document in a language Charter has no names for gets one note instead.',
  scope: 'document',
  defaultSeverity: 'warning',
  fixes(doc, finding) {
    const spec = doc.missingSections.find((s) => s.name.toLowerCase() === finding.data?.section);
    return spec ? [insertSection(doc, spec)] : [];
  },
  check(doc, index, report) {
    const kindName = doc.kind.label;
    const lang = doc.language;
    if (lang && !lang.known && lang.withheld?.length) {
      report(doc.titleRange, unknownLanguageNote(lang, kindName), undefined, 'note');
      return;
    }
    const languages = index.config.languages ?? {};
    const lex = lexiconFor(
      languages,
      (lang?.code ?? 'en').split('+').filter((c) => languages[c]),
    );
    for (const spec of doc.missingSections) {
      // The document's own language first, then English.
      const english = lexiconFor(languages, []).namesOf(spec, doc.kind);
      const own = lex.namesOf(spec, doc.kind).filter((n) => !english.includes(n));
      // Field names are written in lower case ("decision outcome"); headings are not.
      const names = [...own, ...english.slice(1)].map((n) => n.charAt(0).toUpperCase() + n.slice(1));
      const shown = names
        .slice(0, SHOWN)
        .map((a) => `"${a}"`)
        .join(', ');
      const more = names.length > SHOWN ? ` and ${names.length - SHOWN} more` : '';
      const aliases = names.length ? `${ALIASES}${shown}${more})` : '';
      report(doc.titleRange, `${kindName} has no "${spec.name}" section${aliases}`, { section: spec.name.toLowerCase() });
    }
  },
  // The headings that would count are the configuration's, not the finding's.
  baselineKey: (message) => before(message, ALIASES, false),
};
