import type { Rule } from '../rule';
import { isEmptySection } from '../document';
import type { Heading } from '../types';

/** A section holds nothing, or only a placeholder. */
export const emptySection: Rule = {
  id: 'empty-section',
  description: 'A section is only a heading, or holds only a placeholder (TBD, TODO, {…}, […], ___, a template comment).',
  help: 'Write the section, or remove the heading. An empty required section is as good as missing.',
  defaultSeverity: 'warning',
  check(doc, _index, report) {
    const md = doc.model;
    const required = new Map(doc.sections.map((s) => [s.heading, s.spec.name]));
    // The document's title is not a section of its own.
    const title = md.headings[0]?.depth === 1 ? md.headings[0] : undefined;
    let reportedUntil = -1;
    for (const h of md.headings) {
      if (h === title || h.range.start.line < reportedUntil) continue;
      if (!isEmptySection(md, h)) continue;
      // Report the outermost empty section only; its empty subsections go with it.
      reportedUntil = h.sectionEndLine;
      const name = required.get(h as Heading);
      const what = placeholderNote(doc.lines.text, doc.lines.starts[h.bodyStartLine] ?? doc.lines.text.length, doc.lines.starts[h.sectionEndLine] ?? doc.lines.text.length);
      report(h.range, `Section "${h.text}" is empty${what}`, { section: (name ?? h.text).toLowerCase() });
    }
  },
};

function placeholderNote(text: string, from: number, to: number): string {
  const body = text.slice(from, to).replace(/<!--[\s\S]*?-->/g, ' ').trim();
  if (!body) return from < to && /<!--/.test(text.slice(from, to)) ? ': it holds only a template comment' : '';
  const first = body.split(/\r\n|\r|\n/).find((l) => l.trim()) ?? '';
  return `: it holds only the placeholder "${first.trim().slice(0, 40)}"`;
}
