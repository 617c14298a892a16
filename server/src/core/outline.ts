/**
 * A document's outline as the readers of sections and decisions walk it: each heading's
 * normalised text and term key (once per heading), which sections hold nothing, which headings
 * carry a value (`## Status: accepted`), and the blocks, headings and field lines at or after
 * a line (binary search: a decision log holds thousands).
 */
import type { Field, Heading, MarkdownModel } from './types';
import { isPlaceholderText, normalizeHeading as normalizeHeadingText, parseFieldLine, termKey } from './syntax';

/**
 * Each heading's text normalised, once per document: section names are compared against
 * every heading. (Not a cache across documents: a heading's text is a slice of its file's
 * text, and keeping it would keep the whole file in memory.)
 */
const normalizedOf = new WeakMap<Heading, string>();
export function normalizedHeading(h: Heading | string): string {
  if (typeof h === 'string') return normalizeHeadingText(h);
  let n = normalizedOf.get(h);
  if (n === undefined) {
    n = normalizeHeadingText(h.text);
    normalizedOf.set(h, n);
  }
  return n;
}

/** Each heading's {@link termKey}, once per document, like its normalised text. */
const termKeyOf = new WeakMap<Heading, string>();
export function headingKey(h: Heading): string {
  let k = termKeyOf.get(h);
  if (k === undefined) {
    k = termKey(h.text);
    termKeyOf.set(h, k);
  }
  return k;
}

/**
 * Whether a section holds nothing but placeholders, subsections included. A heading that
 * carries its value (`## Status: accepted`, `### Related proposals: n/a`) is content.
 */
export function isEmptySection(md: MarkdownModel, h: Heading): boolean {
  if (firstContentBlock(md, h.bodyStartLine, h.sectionEndLine) !== undefined || headingCarriesValue(h)) return false;
  for (let i = lowerBound(md.headings, h.bodyStartLine, (x) => x.range.start.line); i < md.headings.length && md.headings[i].range.start.line < h.sectionEndLine; i++) {
    if (headingCarriesValue(md.headings[i])) return false;
  }
  return true;
}

/** The key of a heading written as a field (`## Decision: Option 3` → "decision"), as a termKey; undefined for other headings. */
export function valueHeadingKey(h: Heading): string | undefined {
  if (!h.text.includes(':')) return undefined;
  const f = parseFieldLine(h.text, h.range.start.line);
  return f ? termKey(f.key) : undefined;
}

/** Whether a heading is a `Key: value` line with a value: `## Status: accepted`. */
export function headingCarriesValue(h: Heading): boolean {
  if (!h.text.includes(':')) return false;
  const f = parseFieldLine(h.text, h.range.start.line);
  return f !== undefined && f.value !== '' && !isPlaceholderText(f.value);
}

/** Index of the first item at or after a line, in items sorted by line (binary search: logs hold thousands). */
export function lowerBound<T>(items: readonly T[], line: number, lineOf: (t: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineOf(items[mid]) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first line of a content block (not a placeholder) starting between two lines (the second excluded), if any. */
export function firstContentBlock(md: MarkdownModel, from: number, to: number): number | undefined {
  for (let i = lowerBound(md.blocks, from, (b) => b.startLine); i < md.blocks.length && md.blocks[i].startLine < to; i++) {
    if (md.blocks[i].kind === 'content') return md.blocks[i].startLine;
  }
  return undefined;
}

/** The field lines from one line to another (the second excluded). */
export function fieldsIn(fields: Field[], from: number, to: number): Field[] {
  const out: Field[] = [];
  for (let i = lowerBound(fields, from, (f) => f.line); i < fields.length && fields[i].line < to; i++) out.push(fields[i]);
  return out;
}
