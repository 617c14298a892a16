import type { DocumentRule } from '../rule';
import { isEmptySection } from '../outline';
import type { Heading } from '../types';
import { isLinkList } from '../linkList';
import { termKey } from '../syntax';

/** A section holds nothing, or only a placeholder. */
export const emptySection: DocumentRule = {
  id: 'empty-section',
  description: 'A section is only a heading, or holds only a placeholder (TBD, TODO, {…}, […], ___, a template comment).',
  help: 'Write the section, or remove the heading. An empty required section is as good as missing.',
  scope: 'document',
  defaultSeverity: 'warning',
  check(doc, _index, report) {
    const md = doc.model;
    const required = new Map(doc.sections.map((s) => [s.heading, s.spec.name]));
    // The document's title is not a section of its own (unless it is one of the kind's sections).
    const titleHeading = md.headings.find((h) => h.range.start.line === doc.titleRange.start.line);
    const title = titleHeading && !required.has(titleHeading) ? titleHeading : undefined;
    let reportedUntil = -1;
    for (const h of md.headings) {
      if (h === title || h.range.start.line < reportedUntil) continue;
      if (!isEmptySection(md, h)) continue;
      const body = doc.lines.text.slice(doc.lines.starts[h.bodyStartLine] ?? doc.lines.text.length, doc.lines.starts[h.sectionEndLine] ?? doc.lines.text.length);
      const definitions = onlyLinkDefinitions(body);
      // A list of references written as link definitions (Tendermint's "## References" of
      // "[label]: url" lines, cited in the text above) is the section's content.
      if (definitions && isLinkList(termKey(h.text))) continue;
      // Report the outermost empty section only; its empty subsections go with it.
      reportedUntil = h.sectionEndLine;
      const name = required.get(h as Heading);
      const what = definitions ? ': it holds only link definitions, which render as nothing' : placeholderNote(body);
      report(h.range, `Section "${h.text}" is empty${what}`, { section: (name ?? h.text).toLowerCase() });
    }
  },
};

/** Whether a section's text is nothing but link reference definitions (`[label]: https://…`). */
function onlyLinkDefinitions(raw: string): boolean {
  const lines = raw
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 0 && lines.every((l) => /^\[[^\]]+\]:\s*\S/.test(l));
}

function placeholderNote(raw: string): string {
  const body = raw.replace(/<!--[\s\S]*?-->/g, ' ');
  const first = body
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .find((l) => l && !/^#{1,6}(\s|$)/.test(l) && !/^[=-]+$/.test(l));
  if (!first) return /<!--/.test(raw) ? ': it holds only a template comment' : '';
  return `: it holds only the placeholder "${shorten(first, 40)}"`;
}

function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
