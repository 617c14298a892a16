/**
 * A document's sections: the heading that stands for each section its kind asks for (the
 * one that names it most closely), the required ones missing, whether the document is
 * organised by topics of its own, and where its other headings and field lines sit among
 * the sections found.
 */
import type { Heading, MarkdownModel } from './types';
import type { KindSpec, SectionSpec } from './kinds';
import type { Lexicon } from './lexicon';
import type { LineIndex } from './text';
import { termKey } from './syntax';
import { parseOwnerText, type OwnerValue } from './owners';
import { isOwnerKey, type OwnerKeys, type Reading } from './fieldNames';
import { fieldsIn, headingKey, isEmptySection, normalizedHeading } from './outline';

/** A required or recommended section as found in a document. */
export interface FoundSection {
  spec: SectionSpec;
  heading: Heading;
  /** Holds nothing but placeholders. */
  empty: boolean;
  /** An owner named directly under the heading, which overrides the document's owner. */
  owner?: OwnerValue;
}

/**
 * The sections a document's kind asks for, as its headings name them (those it asks for and
 * does not find are missing when required), and whether it is organised by topics.
 */
export function readSections(
  md: MarkdownModel,
  text: string,
  titleLine: number,
  r: Reading,
  kinds: readonly KindSpec[],
): { sections: FoundSection[]; missingSections: SectionSpec[]; topical: boolean } {
  const sections: FoundSection[] = [];
  let missingSections: SectionSpec[] = [];
  let topical = false;
  // Each heading stands for at most one section; a section takes the heading that names it
  // most closely (its name, then a heading starting with it, ending with it, holding it),
  // the first in the document among equals. The title only counts when it is the name.
  const bestOf = new Map<Heading, { spec: SectionSpec; level: number }>();
  if (r.kind.sections.length) {
    for (const h of md.headings) {
      const named = namedByCode(h, text, r.lines);
      const m = named ? (named.key ? r.lex.sectionOf(named.key, r.kind, r.owners, named.text) : undefined) : r.lex.sectionOf(headingKey(h), r.kind, r.owners, h.text);
      // The title is a section only when it is written exactly as one of its names ("# Feature" is not "Features").
      const isTitle = h.range.start.line === titleLine;
      if (m && (!isTitle || (m.level === 0 && r.lex.namesOf(m.spec, r.kind).some((n) => normalizedHeading(n) === normalizedHeading(h))))) bestOf.set(h, m);
    }
  }
  for (const spec of r.kind.sections) {
    let heading: Heading | undefined;
    let level = Infinity;
    for (const [h, m] of bestOf)
      if (m.spec === spec && m.level < level) {
        heading = h;
        level = m.level;
      }
    if (!heading) {
      if (spec.required) missingSections.push(spec);
      continue;
    }
    const ownField = fieldsIn(md.fields, heading.bodyStartLine, heading.ownEndLine).find((f) => isOwnerKey(r.owners, f.key, f.normKey));
    sections.push({
      spec,
      heading,
      empty: isEmptySection(md, heading),
      owner: ownField ? parseOwnerText(ownField.rawValue, ownField.valueRange) : undefined,
    });
  }

  // A design document organised by topics ("File Format", "Wire Protocol") holds its How in
  // them: How is missing only where every section is named for something else.
  const how = missingSections.find((s) => s.area === 'how' && !s.configured);
  if (
    r.kind.sections.some((s) => s.area === 'how' && !s.configured) &&
    md.headings.some((h) => h.range.start.line !== titleLine && h.depth >= 2 && isTopical(h, r.lex, kinds, r.owners))
  ) {
    topical = true;
    if (how) missingSections = missingSections.filter((s) => s !== how);
  }
  return { sections, missingSections, topical };
}

/** Where a document's headings and field lines sit among its sections (see AnalyzedDocument's fields of these names). */
export interface HeadingPlaces {
  headingTexts: string[];
  headingsAround?: Record<string, string[]>;
  fieldKeys: string[];
  fieldWithin?: Record<string, string>;
  headingWithin?: Record<string, string>;
}

/**
 * Where a document's headings and field lines sit among its sections: what a template's
 * sections are looked for in, even once the document is compact.
 */
export function headingPlaces(md: MarkdownModel, sections: readonly FoundSection[], titleLine: number): HeadingPlaces {
  const headingTexts = md.headings.filter((h) => h.range.start.line !== titleLine).map((h) => h.text);
  let headingsAround: Record<string, string[]> | undefined;
  for (const sec of sections) {
    const at = sec.heading.range.start.line;
    const around = md.headings.filter(
      (h) =>
        h !== sec.heading &&
        h.range.start.line !== titleLine &&
        ((h.range.start.line >= sec.heading.bodyStartLine && h.range.start.line < sec.heading.sectionEndLine) || (at >= h.bodyStartLine && at < h.sectionEndLine)),
    );
    if (around.length) (headingsAround ??= {})[sec.spec.name] = around.map((h) => h.text);
  }
  const fieldKeys = [...new Set([...md.fields.map((f) => f.key), ...Object.keys(md.frontMatter?.data ?? {})])];
  let fieldWithin: Record<string, string> | undefined;
  for (const f of md.fields) {
    const home = sections.find((s) => f.line >= s.heading.bodyStartLine && f.line < s.heading.sectionEndLine);
    if (home) (fieldWithin ??= {})[f.key] = home.spec.name;
  }
  let headingWithin: Record<string, string> | undefined;
  for (const h of md.headings) {
    const home = sections.find((s) => s.heading !== h && h.range.start.line >= s.heading.bodyStartLine && h.range.start.line < s.heading.sectionEndLine);
    if (home) (headingWithin ??= {})[h.text] = home.spec.name;
  }
  // In the order the document has always had them.
  return { headingTexts, ...(headingsAround ? { headingsAround } : {}), fieldKeys, ...(fieldWithin ? { fieldWithin } : {}), ...(headingWithin ? { headingWithin } : {}) };
}

/**
 * A heading that names something in code ("Field `resource`", "Message `Profile`"): its words
 * outside the code spans, which alone can name a section. Undefined for a heading without
 * code, or one that is all code.
 */
function namedByCode(h: Heading, text: string, li: LineIndex): { key: string; text: string } | undefined {
  const line = h.range.start.line;
  const start = li.offsetAt({ line, character: 0 });
  const end = line + 1 < li.starts.length ? li.starts[line + 1] : text.length;
  const raw = text.slice(start, end);
  if (!raw.includes('`')) return undefined;
  const words = raw
    .replace(/^\s{0,3}#+/, '')
    .replace(/(`+)[^`]*?\1/g, ' ')
    .replace(/[#*_]/g, ' ')
    .trim();
  if (!words || words === raw.replace(/^\s{0,3}#+/, '').trim()) return undefined;
  return { key: termKey(words), text: words };
}

/** Headings that frame a document rather than carry its content. */
const FRAME_HEADINGS = new Set(
  [
    'summary',
    'overview',
    'introduction',
    'abstract',
    'tl dr',
    'tldr',
    'references',
    'reference',
    'appendix',
    'appendice',
    'glossary',
    'terminology',
    'definitions',
    'faq',
    'question',
    'open question',
    'open issue',
    'changelog',
    'change log',
    'history',
    'revision history',
    'document history',
    'acknowledgement',
    'acknowledgment',
    'author',
    'contributor',
    'reviewer',
    'status',
    'metadata',
    'table of content',
    'content',
    'toc',
    'link',
    'resource',
    'see also',
    'related',
    'related work',
    'note',
    'prior art',
    'conclusion',
    'next step',
    'future work',
    'out of scope',
    'non goal',
    'drawback',
    'risk',
    'alternative',
    'alternatives considered',
    'unresolved question',
    'discussion',
    'feedback',
    'approval',
    'sign off',
  ].map((w) => termKey(w)),
);

/** A heading about a topic of its own: no section of any kind, no decision field, no frame, no question. */
function isTopical(h: Heading, lex: Lexicon, kinds: readonly KindSpec[], ownerKeys: OwnerKeys): boolean {
  const key = headingKey(h);
  if (!key || FRAME_HEADINGS.has(key) || /\?\s*$/.test(h.text) || lex.fieldOfKey(key)) return false;
  for (const k of kinds) if (k.sections.length && lex.sectionOf(key, k, ownerKeys, h.text)) return false;
  return true;
}
