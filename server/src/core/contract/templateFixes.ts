/** The quick fixes on a template: the field or section Charter's policy asks for, added to the template. */
import type { Finding, Range } from '../types';

/** A text edit (the shape core/fixes.ts uses). */
interface Edit {
  range: Range;
  newText: string;
}

/**
 * The fix for a piece of Charter's policy said on a template: the field or section added to
 * the template, so that the team adopts it (and its documents are held to it from then on).
 */
export function templateFixes(text: string, finding: Finding): { title: string; edits: Edit[] }[] {
  if (!finding.data?.policy) return [];
  const nl = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const lines = text.split(/\r\n|\r|\n/);
  const at = (line: number, character = 0) => ({ line, character });
  const insert = (line: number, newText: string): Edit => ({ range: { start: at(line), end: at(line) }, newText });
  // The end of the template's head: after its field lines and title, before its first section.
  const firstSection = lines.findIndex((l, i) => i > 0 && /^#{2,6}\s/.test(l));
  const headEnd = firstSection < 0 ? lines.length : firstSection;
  let lastField = -1;
  for (let i = 0; i < headEnd; i++)
    if (
      /^\s*(?:[-*+]\s+)?(?:\*\*|__)?[\p{L}][^:]{0,40}?(?:\*\*|__)?:(?:\*\*|__)?\s/u.test(lines[i]) ||
      /^\s*(?:[-*+]\s+)?(?:\*\*|__)?[\p{L}][^:]{0,40}?(?:\*\*|__)?:\s*$/u.test(lines[i])
    )
      lastField = i;
  const fm = /^---[ \t]*$/.test(lines[0] ?? '') ? lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l)) : -1;
  switch (finding.rule) {
    case 'unowned-decision': {
      const style = lastField >= 0 ? /^(\s*(?:[-*+]\s+)?)((?:\*\*|__)?)/.exec(lines[lastField])! : undefined;
      const line = style ? `${style[1]}${style[2]}Deciders:${style[2]} {the one person who decides}` : 'Deciders: {the one person who decides}';
      const where = lastField >= 0 ? lastField + 1 : Math.min(headEnd, lines.findIndex((l) => /^#\s/.test(l)) + 1 || 0);
      return [{ title: 'Add a "Deciders:" field to the template', edits: [insert(where, lastField >= 0 ? `${line}${nl}` : `${nl}${line}${nl}`)] }];
    }
    case 'missing-document-owner': {
      if (fm > 0) return [{ title: "Add owner: to the template's front matter", edits: [insert(fm, `owner: {who owns this document}${nl}`)] }];
      return [{ title: "Add owner: to the template's front matter", edits: [insert(0, `---${nl}owner: {who owns this document}${nl}---${nl}`)] }];
    }
    case 'missing-section': {
      const name = typeof finding.data.section === 'string' ? finding.data.section : '';
      if (!name) return [];
      const title = name.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
      const depth = firstSection >= 0 ? /^#+/.exec(lines[firstSection])![0] : '##';
      const last = lines.length - 1;
      const tail = lines[last] === '' ? '' : nl;
      return [
        {
          title: `Add a "${title}" section to the template`,
          edits: [
            {
              range: { start: at(last, lines[last].length), end: at(last, lines[last].length) },
              newText: `${tail}${nl}${depth} ${title}${nl}${nl}<!-- What goes under ${title}. -->${nl}`,
            },
          ],
        },
      ];
    }
    default:
      return [];
  }
}
