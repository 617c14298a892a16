/** A team's template, as far as it is the contract of the documents it governs: its sections and fields, and the folder it governs. */
import type { MarkdownModel } from '../types';

/** A heading of a template: a section its documents are to have. */
export interface TemplateSection {
  name: string;
  line: number;
  /** Marked optional: "(optional)" in the heading, or an "optional" note right under it. */
  optional: boolean;
}

/** A field a template asks its documents to fill: a `Key:` line or a front matter key. */
export interface TemplateField {
  key: string;
  line: number;
  /** What the template writes as its value (its instruction: "list everyone involved"). */
  value: string;
}

/** A team's template, as far as it is the contract of the documents it governs. */
export interface TemplateInfo {
  path: string;
  /** The folder whose documents (and sub-folders') it governs ('' for the root). */
  scope: string;
  sections: TemplateSection[];
  fields: TemplateField[];
}

/** The folder a template governs: its own, or its parent's when it sits in a `template(s)/` folder. */
export function templateScope(path: string): string {
  const parts = path.split('/').slice(0, -1);
  const t = parts.findIndex((p) => /^templates?$/i.test(p));
  const dir = t >= 0 ? parts.slice(0, t) : parts;
  return dir.join('/');
}

/** An "optional" mark: in a heading, or in the note or comment right under it. */
const OPTIONAL_RE =
  /\boptional\b|\bif so\b|\bfeel free to (?:remove|omit|skip)\b|\bif (?:applicable|relevant|needed|any)\b|\bfacultati[fv]e?\b|\bopcional\b|\boptionnel(?:le)?\b|\boptional\b/i;

/** A heading a template writes where its documents write their title: "Your Proposal Title", "[Title]", "<title>". */
const TITLE_PLACEHOLDER = /^(?:[[<{][^\]>}]*[\]>}]|(?:your|replace|insert|add|enter)\b.*\btitle\b.*|title)$/i;

/** Whether the next line that is not blank is a heading. */
function nextHeading(lines: readonly string[], from: number): boolean {
  for (let n = from; n < lines.length; n++) if (lines[n].trim()) return /^\s{0,3}#/.test(lines[n]);
  return false;
}

/** Reads a template's sections and fields from its markdown model. */
export function readTemplate(path: string, model: MarkdownModel, text: string): TemplateInfo {
  const lines = text.split(/\r\n|\r|\n/);
  // Its title is not a section: the first heading when it is a level-1 one, and a heading
  // that stands for the document's title ("Your Proposal Title", "[Title]").
  const heads = model.headings.filter((h, i) => !(i === 0 && h.depth === 1) && h.depth >= 1 && !TITLE_PLACEHOLDER.test(h.text.replace(/[*_`]/g, '').trim()));
  const level = heads.length ? Math.min(...heads.map((h) => h.depth)) : 2;
  const sections: TemplateSection[] = [];
  for (const h of heads) {
    if (h.depth !== level) continue;
    const start = h.range.start.line + 1;
    // The first lines under the heading, or a comment right above it (MADR's "This is an
    // optional element"), may mark it optional.
    let note = '';
    for (let n = start; n < Math.min(lines.length, start + 4); n++) {
      if (/^\s{0,3}#/.test(lines[n])) break;
      // A comment right above the next heading is that heading's note (MADR's "This is an optional element").
      if (/-->\s*$/.test(lines[n]) && nextHeading(lines, n + 1)) break;
      note += ` ${lines[n]}`;
    }
    for (let n = h.range.start.line - 1; n >= Math.max(0, h.range.start.line - 3); n--) {
      if (!lines[n].trim()) continue;
      if (/-->\s*$/.test(lines[n])) note += ` ${lines[n]}`;
      break;
    }
    sections.push({
      name: h.text.replace(/\s*\((?:optional|facultatif|opcional)\)\s*$/i, '').trim(),
      line: h.range.start.line,
      optional: OPTIONAL_RE.test(h.text) || OPTIONAL_RE.test(note),
    });
  }
  const fields: TemplateField[] = model.fields.map((f) => ({ key: f.key, line: f.line, value: f.value }));
  const fm = model.frontMatter;
  if (fm)
    for (const [k, pos] of fm.keys)
      fields.push({ key: k, line: pos.keyRange.start.line, value: typeof fm.data[k] === 'string' ? (fm.data[k] as string) : JSON.stringify(fm.data[k] ?? '') });
  return { path, scope: templateScope(path), sections, fields };
}
