/**
 * Incremental re-scanning: the model of an edited text, from the model of the text before
 * the edit, by scanning again only the lines the edit can change. The result is exactly
 * what {@link scanMarkdown} gives for the new text (test/equivalence/incremental.test.ts holds it
 * to that over thousands of random edits of real documents).
 *
 * The block parser (scan/blocks.ts) reads a document line by line with a stack of open
 * blocks. Before some lines nothing at all is open (after a blank line that closed a
 * paragraph, after a closing fence, …): these *sync lines* split the document into runs
 * that are read independently of each other, and a full scan records them. After an edit:
 *
 * 1. the changed span is the text between the common prefix and the common suffix;
 * 2. the scan restarts at the last sync line at or before the span's first line (the text
 *    before it is unchanged, so nothing is open there either), and reads the new text until
 *    a line after the span that is a sync line both in this scan and in the old one (the
 *    text from there on is the old text, read from the same empty state: it reads the same).
 *    An edit that opens a fence or an HTML block so reads on to where the old and the new
 *    readings meet again, to the end at worst;
 * 3. the model is the old model's items before the restart line, the new scan's items, and
 *    the old items after the meeting line moved by the change in line count; headings get
 *    their section ends again (they depend on the headings that follow).
 *
 * What the block structure does not capture is global, and handled so:
 * - front matter (the first `---` … `---`): an edit up to its closing line (or of a first
 *   line that could open one) is scanned whole;
 * - link reference definitions resolve references anywhere: the new scan is handed the
 *   labels defined elsewhere, and when the set of labels changes, the whole is scanned;
 * - the remark budget (REMARK_BUDGET) counts every piece of the document: the new scan starts
 *   from the other runs' cost; a document that ever went over it is scanned whole;
 * - a scan that fell back to remark, or a text that needed limitNesting, is scanned whole.
 *
 * Strings of the new items are copied (as compact.ts does): a slice of a text keeps the
 * whole text alive, and items kept across edits would otherwise keep every old text.
 */
import { lastAtOrBefore, LineIndex } from '../text';
import type { Block, Cell, Comment, Field, Heading, Link, MarkdownModel, Range, Table } from '../types';
import { Scanner } from './scanner';
import { Fallback } from './fallback';
import { normalizeLabel } from './links';

/** What a scan knows of its document beyond the model, kept for the next edit's scan. */
export interface ScanState {
  /** The sync lines, ascending (the first is the first line after any front matter). */
  syncs: number[];
  /** Each link definition's first line, label as written and label normalised, by line. */
  definitions: Definition[];
  /** The pieces handed to remark: the line of each and its cost, by line. */
  pieceCosts: { line: number; cost: number }[];
}

/** A link reference definition: its first line, its label as written and normalised. */
interface Definition {
  line: number;
  label: string;
  key: string;
}

/** The state of each model a clean scan built (a fallback or a budget refusal keeps none). */
const states = new WeakMap<MarkdownModel, ScanState>();

/** The incremental state recorded for a model, if any (for the tests). */
export function scanStateOf(model: MarkdownModel): ScanState | undefined {
  return states.get(model);
}

/** Records what a whole-document scan saw, when a later edit can start from it. */
export function recordScan(model: MarkdownModel, s: Scanner): void {
  if (s.refused || s.limited) return;
  states.set(model, {
    syncs: s.syncs,
    definitions: found(s),
    pieceCosts: s.pieceCosts.sort((a, b) => a.line - b.line),
  });
}

/** Where two texts differ: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The changed span between two texts (common prefix and suffix), or undefined when they are equal. */
export function changeBetween(a: string, b: string): TextChange | undefined {
  if (a === b) return undefined;
  const max = Math.min(a.length, b.length);
  // Compare in chunks first (string equality is a memory compare), then character by character.
  let p = 0;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (p + step <= max && a.slice(p, p + step) === b.slice(p, p + step)) p += step;
  }
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  const room = max - p;
  for (let step = 4096; step >= 1; step >>= 4) {
    while (s + step <= room && a.slice(a.length - s - step, a.length - s) === b.slice(b.length - s - step, b.length - s)) s += step;
  }
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, oldEnd: a.length - s, newEnd: b.length - s };
}

/** The line index of the new text, from the old one: the lines around the change are found again, the rest moved. */
export function lineIndexAfter(old: LineIndex, text: string, c: TextChange): LineIndex {
  const starts = old.starts;
  // Line starts at or before the change's start stay (a start right after it may not: a CR
  // followed by an inserted LF makes one line end of two), those after its old end move.
  const i = lastAtOrBefore(starts, c.start - 1);
  const out = starts.slice(0, i + 1);
  // From the start of that line, find the starts again up to the end of the change (and
  // one character beyond, for a CR LF split by its edge).
  let k = starts[i];
  const until = Math.min(text.length, c.newEnd + 1);
  for (; k < until; k++) {
    const ch = text.charCodeAt(k);
    if (ch === 10) out.push(k + 1);
    else if (ch === 13) {
      if (text.charCodeAt(k + 1) === 10) k++;
      out.push(k + 1);
    }
  }
  // Old starts after that point, moved; the first one may coincide with the last found.
  const shift = c.newEnd - c.oldEnd;
  const last = out[out.length - 1];
  for (let j = firstAfter(starts, c.oldEnd); j < starts.length; j++) {
    const at = starts[j] + shift;
    if (at > last && at >= k) out.push(at);
  }
  return new LineIndex(text, out);
}

/** The index of the first element `> x` (`a.length` when none). */
function firstAfter(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The index of the first item whose line is `>= line`, in items sorted by line. */
function firstFrom<T>(items: T[], line: number, lineOf: (t: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineOf(items[mid]) >= line) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Container markers in a row as limitNesting looks for them (a match is always within a line). */
const DEEP_NESTING = /(?:[>*+-][ \t]*|\d{1,9}[.)][ \t]+){101}/;
/** A first line that opens front matter. */
const FRONT_MATTER_OPEN = /^---[ \t]*$/;

/**
 * The model of `text` (lines `lines`), given the model and lines of the text before the edit
 * `c`; undefined when the edit must be scanned whole (see the file's comment).
 */
export function rescan(prevModel: MarkdownModel, prevLines: LineIndex, text: string, lines: LineIndex, c: TextChange): MarkdownModel | undefined {
  const state = states.get(prevModel);
  if (!state || prevModel.lineCount !== prevLines.lineCount) return undefined;
  // The first line the edit touches; the one before when the edit follows a CR (which an
  // inserted LF would join to its line end).
  const firstChanged = prevLines.positionAt(c.start > 0 && prevLines.text.charCodeAt(c.start - 1) === 13 ? c.start - 1 : c.start).line;
  const fm = prevModel.frontMatter;
  if (fm ? firstChanged <= fm.range.end.line : firstChanged === 0 || FRONT_MATTER_OPEN.test(prevLines.line(0))) return undefined;
  // New lines of the change: none may need limitNesting (the old text needed none anywhere).
  const newFirst = firstChanged;
  const newLast = lines.positionAt(c.newEnd).line;
  if (DEEP_NESTING.test(text.slice(lines.starts[newFirst], lines.lineEnd(newLast)))) return undefined;

  const delta = lines.lineCount - prevLines.lineCount;
  // The first new line whose start lies after the change: from there on, the text is the old text.
  const safe = firstAfter(lines.starts, c.newEnd);
  const syncs = state.syncs;
  if (!syncs.length) return undefined;
  const from = syncs[lastAtOrBefore(syncs, firstChanged)];
  if (from > firstChanged) return undefined; // before the first sync line: front matter
  const stop = (n: number) => {
    if (n < safe) return false;
    const o = n - delta;
    // A binary search per sync line of the new scan: cheap, they are few past the change.
    const j = firstFrom(syncs, o, (x) => x);
    return j < syncs.length && syncs[j] === o;
  };

  // Where the scan will stop is only known once it has: it is seeded with the definitions
  // and the remark cost before `from` and from the first unchanged line on. Definitions read
  // again unchanged (after the change, before the stop) are then both seeded and found,
  // which is harmless (labels are a set); their cost is counted twice, which can only make
  // the scan refuse a piece, and so scan the whole.
  const defsBefore = state.definitions.filter((d) => d.line < from);
  const defsAfterChange = state.definitions.filter((d) => d.line >= safe - delta);
  let costOutside = 0;
  for (const p of state.pieceCosts) if (p.line < from || p.line >= safe - delta) costOutside += p.cost;
  const scanner = new Scanner(text, lines).seed([...defsBefore, ...defsAfterChange], costOutside);
  let end: number;
  try {
    end = scanner.runPart(from, stop);
  } catch (e) {
    if (e instanceof Fallback) return undefined;
    throw e;
  }
  if (scanner.refused) return undefined;
  const oldEnd = end - delta;
  // The old run was [from, oldEnd): what it defined is replaced by what the new scan found.
  // A change in the set of labels reads references differently anywhere: scan whole.
  const defsIn = found(scanner);
  const a = firstFrom(state.definitions, from, (d) => d.line);
  const b = firstFrom(state.definitions, oldEnd, (d) => d.line);
  if (!sameKeys(state.definitions.slice(a, b), defsIn)) {
    const before = new Set(state.definitions.map((d) => d.key));
    const after = new Set<string>();
    for (const d of state.definitions) if (d.line < from || d.line >= oldEnd) after.add(d.key);
    for (const d of defsIn) after.add(d.key);
    if (before.size !== after.size || [...before].some((l) => !after.has(l))) return undefined;
  }

  const part = scannerModel(scanner);
  const model: MarkdownModel = {
    headings: splice(prevModel.headings, part.headings, from, oldEnd, delta, (h) => h.range.start.line, shiftHeading),
    fields: splice(prevModel.fields, part.fields, from, oldEnd, delta, (f) => f.line, shiftField),
    tables: splice(prevModel.tables, part.tables, from, oldEnd, delta, (t) => t.range.start.line, shiftTable),
    links: splice(prevModel.links, part.links, from, oldEnd, delta, (l) => l.range.start.line, shiftLink),
    blocks: splice(prevModel.blocks, part.blocks, from, oldEnd, delta, (b) => b.startLine, shiftBlock),
    comments: splice(prevModel.comments, part.comments, from, oldEnd, delta, (x) => x.range.start.line, shiftComment),
    lineCount: lines.lineCount,
  };
  if (fm) model.frontMatter = fm;
  finishSectionsKeeping(model.headings, new Set(part.headings), lines.lineCount);
  states.set(model, {
    syncs: spliceNumbers(syncs, scanner.syncs, from, oldEnd, delta),
    definitions: splice(
      state.definitions,
      defsIn.map((d) => ({ line: d.line, label: own(d.label), key: own(d.key) })),
      from,
      oldEnd,
      delta,
      (d) => d.line,
      (d, n) => ({ ...d, line: d.line + n }),
    ),
    pieceCosts: splice(
      state.pieceCosts,
      scanner.pieceCosts.sort((a, b) => a.line - b.line),
      from,
      oldEnd,
      delta,
      (p) => p.line,
      (p, n) => ({ line: p.line + n, cost: p.cost }),
    ),
  });
  return model;
}

/** The definitions a scan found. */
function found(s: Scanner): Definition[] {
  const labels = s.foundDefinitions();
  return s.definitionLines.map((line, i) => ({ line, label: labels[i], key: normalizeLabel(labels[i]) }));
}

/** Whether two lists of definitions have the same labels in the same order. */
function sameKeys(a: Definition[], b: Definition[]): boolean {
  return a.length === b.length && a.every((d, i) => d.key === b[i].key);
}

/** The new scan's items, their strings copied off the text. */
function scannerModel(s: Scanner): MarkdownModel {
  const m = s.result;
  for (const h of m.headings) h.text = own(h.text);
  for (const f of m.fields) {
    f.key = own(f.key);
    f.normKey = own(f.normKey);
    f.value = own(f.value);
    f.rawValue = own(f.rawValue);
  }
  for (const t of m.tables) {
    for (const c of t.header) c.text = own(c.text);
    for (const r of t.rows) for (const c of r) c.text = own(c.text);
  }
  for (const l of m.links) {
    l.target = own(l.target);
    l.text = own(l.text);
  }
  for (const c of m.comments) c.text = own(c.text);
  return m;
}

/** A copy of a string that holds no reference to a larger one (V8 flattens the concatenation before slicing it). */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** Old items before line `from`, the new items, and old items from line `oldEnd` on, moved by `delta` lines. */
function splice<T>(old: T[], fresh: T[], from: number, oldEnd: number, delta: number, lineOf: (t: T) => number, shift: (t: T, delta: number) => T): T[] {
  const a = firstFrom(old, from, lineOf);
  const b = firstFrom(old, oldEnd, lineOf);
  const out = old.slice(0, a);
  for (const t of fresh) out.push(t);
  if (delta === 0) for (let i = b; i < old.length; i++) out.push(old[i]);
  else for (let i = b; i < old.length; i++) out.push(shift(old[i], delta));
  return out;
}

function spliceNumbers(old: number[], fresh: number[], from: number, oldEnd: number, delta: number): number[] {
  const a = firstFrom(old, from, (x) => x);
  const b = firstFrom(old, oldEnd, (x) => x);
  const out = old.slice(0, a);
  for (const n of fresh) out.push(n);
  for (let i = b; i < old.length; i++) out.push(old[i] + delta);
  return out;
}

function shiftRange(r: Range, d: number): Range {
  return { start: { line: r.start.line + d, character: r.start.character }, end: { line: r.end.line + d, character: r.end.character } };
}

function shiftHeading(h: Heading, d: number): Heading {
  return { ...h, range: shiftRange(h.range, d), bodyStartLine: h.bodyStartLine + d };
}

function shiftField(f: Field, d: number): Field {
  return { ...f, line: f.line + d, keyRange: shiftRange(f.keyRange, d), valueRange: shiftRange(f.valueRange, d) };
}

function shiftCell(c: Cell, d: number): Cell {
  return { ...c, range: shiftRange(c.range, d) };
}

function shiftTable(t: Table, d: number): Table {
  return { ...t, header: t.header.map((c) => shiftCell(c, d)), rows: t.rows.map((r) => r.map((c) => shiftCell(c, d))), range: shiftRange(t.range, d) };
}

function shiftLink(l: Link, d: number): Link {
  return { ...l, range: shiftRange(l.range, d) };
}

function shiftBlock(b: Block, d: number): Block {
  return { ...b, startLine: b.startLine + d, endLine: b.endLine + d };
}

function shiftComment(c: Comment, d: number): Comment {
  return { ...c, range: shiftRange(c.range, d) };
}

/**
 * Sets each heading's section end as finishSections does; an old heading whose ends change
 * is replaced by a copy (the old model stays as it was), new ones are set in place.
 */
function finishSectionsKeeping(headings: Heading[], fresh: Set<Heading>, lineCount: number): void {
  // The next heading of the same or a higher level, for every heading, with a stack.
  const sectionEnd = new Array<number>(headings.length).fill(lineCount);
  const open: number[] = [];
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    while (open.length && headings[open[open.length - 1]].depth >= h.depth) sectionEnd[open.pop()!] = h.range.start.line;
    open.push(i);
  }
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const ownEndLine = i + 1 < headings.length ? headings[i + 1].range.start.line : lineCount;
    if (h.ownEndLine === ownEndLine && h.sectionEndLine === sectionEnd[i]) continue;
    if (fresh.has(h)) {
      h.ownEndLine = ownEndLine;
      h.sectionEndLine = sectionEnd[i];
    } else {
      headings[i] = { ...h, sectionEndLine: sectionEnd[i], ownEndLine };
    }
  }
}
