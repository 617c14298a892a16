/**
 * What the block parser works on: the tree of blocks it builds, and its state while it reads
 * a line (as in commonmark.js, offset and column are where matching has got to). The
 * parser's steps (scan/blocks.ts, scan/blockStarts.ts, scan/blockTree.ts) are functions of
 * this state; scan/assemble.ts reads the finished tree into the model.
 */
import { collectComments } from '../markdown';
import type { LineIndex } from '../text';
import type { Comment, Link } from '../types';
import { isSpaceOrTab } from './chars';
import { Fallback } from './fallback';
import type { Content } from './inlines';

export type BlockType = 'document' | 'blockquote' | 'list' | 'item' | 'paragraph' | 'heading' | 'code' | 'html' | 'hr' | 'table';

export interface ListData {
  ordered: boolean;
  marker: string;
  markerOffset: number;
  padding: number;
}

/** A content line of a leaf block: absolute offsets of its content (after container prefixes). */
export interface ContentLine {
  line: number;
  from: number;
  to: number;
  /** A lazy continuation line (its containers did not continue). */
  lazy?: boolean;
}

export interface Node {
  type: BlockType;
  parent?: Node;
  children: Node[];
  open: boolean;
  startLine: number;
  start: number;
  end: number;
  /** Whether a paragraph's, quote's or list's chain up to the root holds only lists (field lines). */
  lines: ContentLine[];
  list?: ListData;
  fenced?: { char: string; length: number; offset: number };
  htmlType?: number;
  depth?: number;
  /** For headings: the inline content lines. */
  setext?: boolean;
  /** An ATX heading's line from its first `#`. */
  atx?: ContentLine;
  /** A table's rows (the delimiter row excluded), each from its first non-blank character. */
  rows?: ContentLine[];
}

/**
 * A node with every field present from the start: nodes then share one shape (hidden
 * class), and code optimised on the usual blocks is not thrown away when a rarer kind, with
 * its own fields set later, first comes by.
 */
export function newNode(type: BlockType, line: number, start: number): Node {
  return {
    type,
    parent: undefined,
    children: [],
    open: true,
    startLine: line,
    start,
    end: start,
    lines: [],
    list: undefined,
    fenced: undefined,
    htmlType: undefined,
    depth: undefined,
    setext: undefined,
    atx: undefined,
    rows: undefined,
  };
}

/**
 * lines.lineEnd(n), with both ends worked out on every line: a CRLF line end, first met in
 * code V8 has optimised on LF-only documents, would otherwise throw that code away.
 */
export function lineEndOf(lines: LineIndex, n: number): number {
  const starts = lines.starts;
  const text = lines.text;
  if (n + 1 >= starts.length) return text.length;
  const lf = starts[n + 1] - 1;
  const cr = lf - 1;
  return lf > starts[n] && text.charCodeAt(lf) === 10 && text.charCodeAt(cr) === 13 ? cr : lf;
}

/** The block parser's state, and what it records beyond the tree: link definitions, links and comments. */
export class BlockState {
  readonly doc: Node;
  tip: Node;
  oldtip!: Node;
  lastMatchedContainer!: Node;
  allClosed = true;
  // The current line, as in commonmark.js: offset/column are where matching has got to.
  ln = '';
  lineNo = 0;
  lineStart = 0;
  offset = 0;
  column = 0;
  nextNonspace = 0;
  nextNonspaceColumn = 0;
  indent = 0;
  indented = false;
  blank = false;
  partiallyConsumedTab = false;
  interrupt = false;
  /** The text with any front matter blanked out (what placeholders are read in). */
  body: string;

  /** Links and comments with a sort key (the node's start offset) so that they come out in tree order. */
  readonly links: { key: number; link: Link }[] = [];
  readonly comments: { key: number; comment: Comment }[] = [];
  /** Labels of the link definitions found natively, as written (to re-declare in pieces). */
  readonly definitionLabels: string[] = [];
  /** The same labels normalised as micromark compares them. */
  readonly defined = new Set<string>();
  /** The line of each link definition this scan found (its label is in `definitionLabels`, after the seeded ones). */
  readonly definitionLines: number[] = [];

  constructor(
    /** The text read (the scanner replaces it when it needs limitNesting). */
    public text: string,
    readonly lines: LineIndex,
    /** Reads rare constructs as best it can instead of falling back, and hands nothing to remark. */
    readonly lenient: boolean,
  ) {
    this.doc = newNode('document', 0, 0);
    this.tip = this.doc;
    this.body = text;
  }

  /** Falls back to remark for something not reproduced exactly (unless lenient: then reads on). */
  fail(reason: string): void {
    if (!this.lenient) throw new Fallback(reason);
  }

  findNextNonspace(): void {
    const ln = this.ln;
    let i = this.offset;
    let cols = this.column;
    let c: number;
    while ((c = ln.charCodeAt(i)) === 32 || c === 9) {
      // The columns to the next tab stop, worked out for spaces too: a tab first met in
      // optimised code would otherwise throw it away.
      const toTab = 4 - (cols % 4);
      i++;
      cols += c === 32 ? 1 : toTab;
    }
    this.blank = i >= ln.length;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = this.nextNonspaceColumn - this.column;
    this.indented = this.indent >= 4;
  }

  advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  advanceOffset(count: number, columns: boolean): void {
    const ln = this.ln;
    while (count > 0 && this.offset < ln.length) {
      const c = ln.charCodeAt(this.offset);
      if (c === 9) {
        const charsToTab = 4 - (this.column % 4);
        if (columns) {
          this.partiallyConsumedTab = charsToTab > count;
          const charsToAdvance = charsToTab > count ? count : charsToTab;
          this.column += charsToAdvance;
          this.offset += this.partiallyConsumedTab ? 0 : 1;
          count -= charsToAdvance;
        } else {
          this.partiallyConsumedTab = false;
          this.column += charsToTab;
          this.offset += 1;
          count -= 1;
        }
      } else {
        this.partiallyConsumedTab = false;
        this.offset += 1;
        this.column += 1;
        count -= 1;
      }
    }
  }

  /** Records the HTML comments in raw HTML that starts at `start`, as parseMarkdown does. */
  addComments(value: string, start: number): void {
    if (!value.includes('<!--')) return;
    const found: Comment[] = [];
    collectComments(value, start, this.lines, found);
    found.forEach((c, i) => this.comments.push({ key: start + i / 1000, comment: c }));
  }
}

/**
 * A leaf's inline content as micromark sees it: its lines without container prefixes or
 * leading whitespace, joined with `\n`, with where each line starts in it and in the text.
 */
export function contentOf(text: string, lines: ContentLine[]): Content {
  let s = '';
  const at: number[] = [];
  const orig: number[] = [];
  let lf = true;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    let from = l.from;
    while (from < l.to && isSpaceOrTab(text.charCodeAt(from))) from++;
    if (k) {
      s += '\n';
      if (text.charCodeAt(lines[k - 1].to) !== 10) lf = false;
    }
    at.push(s.length);
    orig.push(from);
    s += text.slice(from, l.to);
  }
  return { s, at, orig, lf };
}
