/**
 * A fast, hand-written scanner that builds the same {@link MarkdownModel} as
 * {@link parseMarkdown}, an order of magnitude quicker.
 *
 * remark-parse tokenises every character of every paragraph (~1 MB/s); the model needs far
 * less: the CommonMark *block* structure (which lines are headings, paragraphs, code, HTML,
 * lists, quotes), the text of headings, and the links and comments inside inline content.
 * So this file:
 *
 * 1. runs a line-by-line CommonMark block parser (the container-stack algorithm of the
 *    reference implementation, commonmark.js), which gives headings, field lines, blocks
 *    and HTML comments directly;
 * 2. looks at inline content only where it can matter: a paragraph or heading with no `[`,
 *    `<` or markup outside code spans has no links, comments or markup to strip. The rest is
 *    read by a small native link scanner when it is plainly simple, and otherwise parsed by
 *    remark on its own (a "piece": just that paragraph or heading, with the document's link
 *    definitions in front so that references resolve the same), positions mapped back;
 * 3. gives up on constructs that are rare and fiddly to get exactly right (GFM tables, HTML
 *    blocks other than comments and block-level tags, tabs inside container indentation,
 *    multi-line link definitions, …) by throwing {@link Fallback}: the whole document is
 *    then parsed by {@link parseMarkdown}. Correctness first; `scanStats` counts how often.
 *
 * The equivalence test (test/unit/scan.test.ts) holds this to exactly parseMarkdown's output
 * on real corpora and on generated documents.
 */
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { findFrontMatter, parseFrontMatter } from './frontMatter';
import { collectComments, finishSections, parseMarkdown, toText } from './markdown';
import { isPlaceholderText, parseFieldLine } from './syntax';
import { LineIndex } from './text';
import type { Block, Comment, Heading, Link, MarkdownModel } from './types';

/** Thrown when the scanner meets something it does not reproduce exactly; the reason is counted. */
class Fallback extends Error {}

/** How often the scanner fell back, and why; read by scripts/measure-scan.mjs and the tests. */
export const scanStats = {
  documents: 0,
  fallbacks: new Map<string, number>(),
  /** Paragraphs and headings handed to remark as pieces. */
  pieces: 0,
  reset(): void {
    this.documents = 0;
    this.fallbacks.clear();
    this.pieces = 0;
  },
};

// remark without the GFM table extension: pieces never hold tables (a document with a table
// falls back as a whole), and a piece must be read exactly as the same text inside a document.
const inlineProcessor = unified().use(remarkParse);

/** Scans a document's text into the model the rules read; same result as parseMarkdown. */
export function scanMarkdown(text: string, lines = new LineIndex(text)): MarkdownModel {
  scanStats.documents++;
  try {
    return new Scanner(text, lines).run();
  } catch (e) {
    if (!(e instanceof Fallback)) throw e;
    scanStats.fallbacks.set(e.message, (scanStats.fallbacks.get(e.message) ?? 0) + 1);
    return parseMarkdown(text, lines);
  }
}

type BlockType = 'document' | 'blockquote' | 'list' | 'item' | 'paragraph' | 'heading' | 'code' | 'html' | 'hr';

interface ListData {
  ordered: boolean;
  marker: string;
  markerOffset: number;
  padding: number;
}

/** A content line of a leaf block: absolute offsets of its content (after container prefixes). */
interface ContentLine {
  line: number;
  from: number;
  to: number;
}

interface Node {
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
}

const MAYBE_SPECIAL = /^[#`~*+_=<>0-9-]/;
const ATX = /^#{1,6}(?:[ \t]+|$)/;
const FENCE = /^`{3,}(?!.*`)|^~{3,}/;
const CLOSING_FENCE = /^(?:`{3,}|~{3,})(?=[ \t]*$)/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const BULLET = /^[*+-]/;
const ORDERED = /^(\d{1,9})([.)])/;
const HTML_RAW = /^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
const HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK = new RegExp(`^</?(?:${HTML_BLOCK_NAMES})(?:[ \\t>]|/>|$)`, 'i');
/** A line that might be a GFM table delimiter row: tables are left to remark. */
const TABLE_DELIMITER = /^[ \t>*+\-\d.):|]*$/;

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

class Scanner {
  private readonly doc: Node;
  private tip: Node;
  private oldtip!: Node;
  private lastMatchedContainer!: Node;
  private allClosed = true;
  // The current line, as in commonmark.js: offset/column are where matching has got to.
  private ln = '';
  private lineNo = 0;
  private lineStart = 0;
  private offset = 0;
  private column = 0;
  private nextNonspace = 0;
  private nextNonspaceColumn = 0;
  private indent = 0;
  private indented = false;
  private blank = false;
  private partiallyConsumedTab = false;
  private interrupt = false;
  private body: string;

  private readonly model: MarkdownModel;
  /** Links and comments with a sort key (the node's start offset) so that they come out in tree order. */
  private readonly links: { key: number; link: Link }[] = [];
  private readonly comments: { key: number; comment: Comment }[] = [];
  private readonly fieldLines: number[] = [];
  private readonly paragraphs: Node[] = [];
  private readonly headingNodes: Node[] = [];
  /** Labels of the link definitions found natively, as written (to re-declare in pieces). */
  private readonly definitionLabels: string[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    this.doc = this.newNode('document', 0, 0);
    this.tip = this.doc;
    this.body = text;
    this.model = { headings: [], fields: [], tables: [], links: [], blocks: [], comments: [], lineCount: lines.lineCount };
  }

  run(): MarkdownModel {
    const { lines, model } = this;
    const span = findFrontMatter(lines);
    let first = 0;
    if (span) {
      model.frontMatter = parseFrontMatter(lines, span);
      // parseMarkdown blanks the block out; the scanner simply starts after it. The blanked
      // lines are blank lines to remark, which open or continue nothing.
      first = span.closeLine + 1;
      this.body = this.text.slice(0, span.end).replace(/[^\r\n]/g, ' ') + this.text.slice(span.end);
    }
    for (let n = first; n < lines.lineCount; n++) this.incorporateLine(n);
    while (this.tip !== this.doc) this.finalize(this.tip);
    this.finalize(this.doc);
    this.collect();
    return model;
  }

  // ---- the block parser (after commonmark.js) ----

  private newNode(type: BlockType, line: number, start: number): Node {
    return { type, children: [], open: true, startLine: line, start, end: start, lines: [] };
  }

  private findNextNonspace(): void {
    const ln = this.ln;
    let i = this.offset;
    let cols = this.column;
    let c: number;
    while ((c = ln.charCodeAt(i)) === 32 || c === 9) {
      if (c === 32) {
        i++;
        cols++;
      } else {
        i++;
        cols += 4 - (cols % 4);
      }
    }
    this.blank = i >= ln.length;
    this.nextNonspace = i;
    this.nextNonspaceColumn = cols;
    this.indent = this.nextNonspaceColumn - this.column;
    this.indented = this.indent >= 4;
  }

  private advanceNextNonspace(): void {
    this.offset = this.nextNonspace;
    this.column = this.nextNonspaceColumn;
    this.partiallyConsumedTab = false;
  }

  private advanceOffset(count: number, columns: boolean): void {
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

  private incorporateLine(n: number): void {
    const lines = this.lines;
    this.lineNo = n;
    this.lineStart = lines.starts[n];
    this.ln = this.text.slice(this.lineStart, lines.lineEnd(n));
    this.offset = 0;
    this.column = 0;
    this.blank = false;
    this.partiallyConsumedTab = false;

    if (this.ln.includes('-') && this.tableLike(this.ln)) throw new Fallback('table');

    let container = this.doc;
    this.oldtip = this.tip;
    let last: Node | undefined;
    while ((last = container.children[container.children.length - 1]) && last.open) {
      container = last;
      this.findNextNonspace();
      const r = this.continues(container);
      if (r === 1) {
        container = container.parent!;
        break;
      }
      if (r === 2) return; // the line was a closing fence
    }
    this.allClosed = container === this.oldtip;
    this.lastMatchedContainer = container;

    let matchedLeaf = container.type !== 'paragraph' && (container.type === 'code' || container.type === 'html');
    // micromark decides once per line whether a new list item would interrupt something: a
    // paragraph (as CommonMark says), but also an indented code block still open in the same
    // container (a micromark quirk: `    code`, blank, `  3. x` is a paragraph). The flag holds
    // for every container opened on the line (`a` then `> 2. b` is a quote with a paragraph).
    this.interrupt =
      container.type === 'paragraph' || (this.oldtip.type === 'code' && !this.oldtip.fenced && this.oldtip.parent === container);
    while (!matchedLeaf) {
      this.findNextNonspace();
      const rest = this.ln.slice(this.nextNonspace);
      if (!this.indented && !MAYBE_SPECIAL.test(rest)) {
        this.advanceNextNonspace();
        break;
      }
      const started = this.tryStarts(container, rest);
      if (started === undefined) {
        this.advanceNextNonspace();
        break;
      }
      if (started === 'leaf') {
        container = this.tip;
        matchedLeaf = true;
        break;
      }
      container = started;
      if (container.type === 'code' || container.type === 'html' || container.type === 'heading' || container.type === 'hr') {
        matchedLeaf = true;
      }
    }

    if (this.partiallyConsumedTab) throw new Fallback('tab split by a container');

    // What is left of the line is text.
    if (!this.allClosed && !this.blank && this.tip.type === 'paragraph') {
      // A lazy continuation line. A lazy line that would be a setext underline or a table
      // delimiter row reads differently in a piece: leave such documents to remark.
      if (SETEXT.test(this.ln.slice(this.nextNonspace))) throw new Fallback('lazy setext-like line');
      this.addLine(this.tip);
      return;
    }
    this.closeUnmatchedBlocks();

    const t = container.type;
    if (t === 'code' || t === 'html' || t === 'paragraph') {
      this.addLine(container);
      if (t === 'html' && container.htmlType !== undefined && container.htmlType <= 5) {
        if (this.htmlEnds(container.htmlType, this.ln.slice(this.offset))) this.finalize(container);
      }
    } else if (t === 'heading' || t === 'hr') {
      // closed on the next line
    } else if (this.offset < this.ln.length && !this.blank) {
      const p = this.addChild('paragraph', this.nextNonspace);
      this.advanceNextNonspace();
      this.addLine(p);
    } else if (this.blank) {
      this.touchBlank(container);
    }
  }

  /** A blank line that only a container (quote) holds still extends it. */
  private touchBlank(container: Node): void {
    if (container.type === 'blockquote') container.end = Math.max(container.end, this.lineStart + this.ln.length);
  }

  /**
   * Whether this line leaves an open fenced code or HTML block inside a container. When such
   * a line also opens a container, micromark ends the code at the start of the line (a list
   * then ends on the next list's first line): not reproduced, left to remark.
   */
  private closesOpenCode(): boolean {
    const t = this.oldtip;
    return !this.allClosed && ((t.type === 'code' && t.fenced !== undefined) || t.type === 'html') && t.parent !== this.doc;
  }

  /** 0: the line continues the block; 1: it does not; 2: the line is consumed (closing fence). */
  private continues(c: Node): 0 | 1 | 2 {
    const ln = this.ln;
    switch (c.type) {
      case 'blockquote':
        if (!this.indented && ln.charCodeAt(this.nextNonspace) === 62) {
          this.advanceNextNonspace();
          this.advanceOffset(1, false);
          if (isSpaceOrTab(ln.charCodeAt(this.offset))) this.advanceOffset(1, true);
          c.end = this.lineStart + ln.length;
          return 0;
        }
        return 1;
      case 'item': {
        const l = c.list!;
        if (this.blank) {
          if (c.children.length === 0) return 1;
          this.advanceNextNonspace();
        } else if (this.indent >= l.markerOffset + l.padding) {
          this.advanceOffset(l.markerOffset + l.padding, true);
        } else {
          return 1;
        }
        return 0;
      }
      case 'list':
        return 0;
      case 'heading':
      case 'hr':
        return 1;
      case 'code': {
        if (c.fenced) {
          const m = this.indent <= 3 ? CLOSING_FENCE.exec(ln.slice(this.nextNonspace)) : null;
          if (m && m[0].charAt(0) === c.fenced.char && m[0].length >= c.fenced.length) {
            c.end = this.lineStart + ln.length;
            this.finalize(c);
            return 2;
          }
          // Skip the fence's own indentation.
          let i = c.fenced.offset;
          while (i > 0 && isSpaceOrTab(ln.charCodeAt(this.offset))) {
            this.advanceOffset(1, true);
            i--;
          }
          return 0;
        }
        if (this.indent >= 4) {
          this.advanceOffset(4, true);
        } else if (this.blank) {
          this.advanceNextNonspace();
        } else {
          return 1;
        }
        return 0;
      }
      case 'html':
        return this.blank && (c.htmlType === 6 || c.htmlType === 7) ? 1 : 0;
      case 'paragraph':
        return this.blank ? 1 : 0;
      default:
        return 0;
    }
  }

  /** Tries the block starts in commonmark.js order; returns the new container, 'leaf', or undefined. */
  private tryStarts(container: Node, rest: string): Node | 'leaf' | undefined {
    const c0 = rest.charCodeAt(0);
    const indented = this.indented;
    if ((c0 === 62 || (c0 >= 48 && c0 <= 57) || c0 === 42 || c0 === 43 || c0 === 45) && this.closesOpenCode()) {
      throw new Fallback('container closed over open code or HTML');
    }
    // Block quote.
    if (!indented && c0 === 62) {
      this.advanceNextNonspace();
      this.advanceOffset(1, false);
      if (isSpaceOrTab(this.ln.charCodeAt(this.offset))) this.advanceOffset(1, true);
      this.closeUnmatchedBlocks();
      const q = this.addChild('blockquote', this.nextNonspace);
      q.end = this.lineStart + this.ln.length;
      return q;
    }
    // ATX heading.
    if (!indented && c0 === 35) {
      const m = ATX.exec(rest);
      if (m) {
        this.advanceNextNonspace();
        this.closeUnmatchedBlocks();
        const h = this.addChild('heading', this.nextNonspace);
        h.depth = m[0].trim().length;
        let content = rest.slice(m[0].length);
        // The content without its closing sequence, as CommonMark reads it.
        const contentFrom = this.nextNonspace + m[0].length;
        content = content.replace(/^[ \t]*#+[ \t]*$/, '').replace(/[ \t]+#+[ \t]*$/, '');
        const lead = content.length - content.trimStart().length;
        const trimmed = content.trim();
        h.lines.push({ line: this.lineNo, from: this.lineStart + contentFrom + lead, to: this.lineStart + contentFrom + lead + trimmed.length });
        // The whole line from the first `#`, for a piece: remark must see the same closing sequence.
        h.atx = { line: this.lineNo, from: this.lineStart + this.nextNonspace, to: this.lineStart + this.ln.length };
        h.end = this.lineStart + this.ln.length;
        this.advanceOffset(this.ln.length - this.offset, false);
        return h;
      }
    }
    // Fenced code.
    if (!indented && (c0 === 96 || c0 === 126)) {
      const m = FENCE.exec(rest);
      if (m) {
        const fenceLength = m[0].length;
        this.closeUnmatchedBlocks();
        const f = this.addChild('code', this.nextNonspace);
        f.fenced = { char: m[0].charAt(0), length: fenceLength, offset: this.indent };
        f.end = this.lineStart + this.ln.length;
        this.advanceNextNonspace();
        this.advanceOffset(fenceLength, false);
        return f;
      }
    }
    // HTML block: comments and block-level tags are read here, other kinds fall back.
    if (!indented && c0 === 60) {
      let type = 0;
      if (rest.startsWith('<!--')) type = 2;
      else if (HTML_RAW.test(rest)) type = 1;
      else if (HTML_BLOCK.test(rest)) type = 6;
      else if (/^<[?!]/.test(rest)) throw new Fallback('html block of another kind');
      else if (HTML_TAG_LINE.test(rest) && container.type !== 'paragraph') {
        // On a lazy line (a paragraph still open deeper) micromark does not start one.
        if (this.tip.type === 'paragraph') throw new Fallback('html block on a lazy line');
        // Type 7 (a lone complete tag) cannot interrupt a paragraph. Attributes over several
        // lines or odd whitespace are not read here: only what the regex proves complete.
        if (/\/?>[ \t]*$/.test(rest) && /[\t]/.test(rest)) throw new Fallback('html block of another kind');
        type = 7;
      }
      if (type) {
        this.closeUnmatchedBlocks();
        const b = this.addChild('html', this.offset);
        b.start = this.lineStart + this.nextNonspace;
        b.htmlType = type;
        // Leave the offset alone: the indentation is part of the HTML content.
        return b;
      }
    }
    // Setext heading underline.
    if (!indented && container.type === 'paragraph' && SETEXT.test(rest)) {
      const p = container;
      if (/^[ \t]*\[/.test(this.text.slice(p.lines[0].from, p.lines[0].to))) throw new Fallback('setext heading after a link definition');
      this.closeUnmatchedBlocks();
      const h = this.newNode('heading', p.startLine, p.start);
      h.depth = rest.charAt(0) === '=' ? 1 : 2;
      h.setext = true;
      h.lines = p.lines;
      h.parent = p.parent;
      p.parent!.children[p.parent!.children.indexOf(p)] = h;
      h.end = this.lineStart + this.ln.length;
      this.tip = h;
      this.advanceOffset(this.ln.length - this.offset, false);
      return h;
    }
    // Thematic break.
    if (!indented && THEMATIC.test(rest)) {
      this.closeUnmatchedBlocks();
      const hr = this.addChild('hr', this.nextNonspace);
      hr.end = this.lineStart + this.ln.length;
      this.advanceOffset(this.ln.length - this.offset, false);
      return hr;
    }
    // List item.
    if ((!indented || container.type === 'list') && this.indent < 4) {
      const data = this.parseListMarker(rest);
      if (data) {
        this.closeUnmatchedBlocks();
        if (this.tip.type !== 'list' || !listsMatch(this.tip.list!, data)) {
          const l = this.addChild('list', 0);
          l.start = data.start;
          l.list = data;
        }
        const item = this.addChild('item', data.start);
        item.start = data.start;
        item.list = data;
        item.end = this.lineStart + this.ln.length;
        return item;
      }
    }
    // Indented code.
    if (indented && this.tip.type !== 'paragraph' && !this.blank) {
      // A line that closes a container without opening one is "lazy" to micromark, and
      // indented code begun on a lazy line ends there (`> ```` then two indented lines are
      // two code blocks). Rare: leave it to remark.
      if (!this.allClosed && container === this.lastMatchedContainer) throw new Fallback('indented code on a lazy line');
      const at = this.offset;
      this.advanceOffset(4, true);
      this.closeUnmatchedBlocks();
      return this.addChild('code', at);
    }
    return undefined;
  }

  /**
   * A line that might be a GFM table's delimiter row (under any prefix of quotes and list
   * markers): tables are left to remark.
   */
  private tableLike(line: string): boolean {
    if (!TABLE_DELIMITER.test(line)) return false;
    if (line.includes('|') || line.includes(':')) return true;
    // `---` under a line with a pipe may also be a one-column table.
    return this.lineNo > 0 && this.lines.line(this.lineNo - 1).includes('|');
  }

  private parseListMarker(rest: string): (ListData & { start: number }) | undefined {
    let marker: string;
    let ordered = false;
    let length: number;
    const m = BULLET.exec(rest);
    if (m) {
      marker = m[0];
      length = 1;
    } else {
      const o = ORDERED.exec(rest);
      if (!o || (this.interrupt && o[1] !== '1')) return undefined;
      marker = o[2];
      ordered = true;
      length = o[0].length;
    }
    const next = this.ln.charCodeAt(this.nextNonspace + length);
    if (!(Number.isNaN(next) || next === 32 || next === 9)) return undefined;
    if (this.interrupt && !/[^ \t]/.test(this.ln.slice(this.nextNonspace + length))) return undefined;
    const markerOffset = this.indent;
    const start = this.lineStart + this.nextNonspace;
    this.advanceNextNonspace();
    this.advanceOffset(length, true);
    const spacesStartCol = this.column;
    const spacesStartOffset = this.offset;
    let nextc: number;
    do {
      this.advanceOffset(1, true);
      nextc = this.ln.charCodeAt(this.offset);
    } while (this.column - spacesStartCol < 5 && isSpaceOrTab(nextc));
    const blankItem = Number.isNaN(nextc);
    const spacesAfterMarker = this.column - spacesStartCol;
    let padding: number;
    if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
      padding = length + 1;
      this.column = spacesStartCol;
      this.offset = spacesStartOffset;
      if (isSpaceOrTab(this.ln.charCodeAt(this.offset))) this.advanceOffset(1, true);
    } else {
      padding = length + spacesAfterMarker;
    }
    return { ordered, marker, markerOffset, padding, start };
  }

  private htmlEnds(type: number, rest: string): boolean {
    if (type === 2) return rest.includes('-->');
    if (type === 1) return HTML_RAW_END.test(rest);
    return false;
  }

  private closeUnmatchedBlocks(): void {
    if (!this.allClosed) {
      while (this.oldtip !== this.lastMatchedContainer) {
        const parent = this.oldtip.parent!;
        this.finalize(this.oldtip);
        this.oldtip = parent;
      }
      this.allClosed = true;
    }
  }

  private addChild(type: BlockType, offsetInLine: number): Node {
    while (!canContain(this.tip.type, type)) this.finalize(this.tip);
    const n = this.newNode(type, this.lineNo, this.lineStart + offsetInLine);
    n.parent = this.tip;
    this.tip.children.push(n);
    this.tip = n;
    return n;
  }

  private addLine(n: Node): void {
    const from = this.lineStart + this.offset;
    const to = this.lineStart + this.ln.length;
    if (n.type === 'code' && !n.fenced) {
      // Indented code ends at its last line that is not blank, where a line of four or more
      // spaces counts as not blank (remark keeps it as code content).
      if (!this.blank || this.indent >= 4) n.end = to;
      return;
    }
    if (n.type === 'html') {
      n.lines.push({ line: this.lineNo, from: n.lines.length ? from : n.start, to });
      n.end = to;
      return;
    }
    if (n.type === 'code') {
      n.end = to;
      return;
    }
    n.lines.push({ line: this.lineNo, from, to });
    n.end = to;
  }

  private finalize(n: Node): void {
    if (!n.open) return;
    n.open = false;
    if (n.type === 'paragraph') this.resolveDefinitions(n);
    if (n.type === 'paragraph' && n.lines.length === 0) {
      // Only definitions: no paragraph remains.
      const siblings = n.parent!.children;
      siblings.splice(siblings.indexOf(n), 1);
    }
    // A container ends where its last child does, if that is later.
    if (n.type === 'item' || n.type === 'list' || n.type === 'blockquote' || n.type === 'document') {
      const lastChild = n.children[n.children.length - 1];
      if (lastChild && lastChild.end > n.end) n.end = lastChild.end;
    }
    if (n === this.tip) this.tip = n.parent ?? this.doc;
  }

  /**
   * Reads the link definitions at the start of a paragraph. Single-line definitions are read
   * here; anything that might be a multi-line one falls back.
   */
  private resolveDefinitions(p: Node): void {
    const text = this.text;
    while (p.lines.length) {
      const l = p.lines[0];
      const more = p.lines.length > 1;
      let s = l.from;
      while (s < l.to && isSpaceOrTab(text.charCodeAt(s))) s++;
      if (text.charCodeAt(s) !== 91) return;
      const raw = text.slice(s, l.to);
      const label = LABEL.exec(raw);
      if (!label) {
        // The label may go on on the next line.
        if (more) throw new Fallback('multi-line link definition');
        return;
      }
      if (raw.charCodeAt(label[0].length) !== 58 || !/[^ \t]/.test(label[1])) return;
      const afterColon = raw.slice(label[0].length + 1);
      const rest = afterColon.replace(/^[ \t]+/, '');
      if (!rest) {
        // The destination may be on the next line.
        if (more) throw new Fallback('multi-line link definition');
        return;
      }
      let dest: string;
      let destLength: number;
      if (rest.startsWith('<')) {
        const d = /^<((?:[^<>\\]|\\.)*)>/.exec(rest);
        if (!d) throw new Fallback('definition destination');
        dest = d[1];
        destLength = d[0].length;
      } else {
        dest = /^[^ \t]+/.exec(rest)![0];
        destLength = dest.length;
        if (/[\x00-\x1f]/.test(dest) || /\\[()]/.test(dest) || !balancedParens(dest)) throw new Fallback('definition destination');
      }
      const tail = rest.slice(destLength);
      const afterDest = tail.replace(/^[ \t]+/, '');
      if (afterDest) {
        // Something follows the destination on its line: a title, or this is no definition.
        if (tail === afterDest) throw new Fallback('definition destination');
        if (/^["'(]/.test(afterDest)) {
          if (!TITLE.test(afterDest)) throw new Fallback('multi-line definition title');
        } else {
          return;
        }
      } else if (more && /^[ \t]*["'(]/.test(text.slice(p.lines[1].from, p.lines[1].to))) {
        throw new Fallback('definition title on the next line');
      }
      if (label[1].length > 999) throw new Fallback('long label');
      if (ENTITY.test(dest) || ENTITY.test(label[1])) throw new Fallback('entity in a definition');
      // remark decodes backslash escapes in both the destination and the label it reports.
      const unescape = (x: string) => x.replace(/\\([!-/:-@[-`{-~])/g, '$1');
      this.links.push({ key: s, link: { target: unescape(dest), text: unescape(label[1]), range: this.lines.range(s, l.to) } });
      this.definitionLabels.push(label[1]);
      p.lines.shift();
      if (p.lines.length) {
        const f = p.lines[0];
        let st = f.from;
        while (st < f.to && isSpaceOrTab(text.charCodeAt(st))) st++;
        p.start = st;
        p.startLine = f.line;
      }
    }
  }

  // ---- from the block tree to the model ----

  private collect(): void {
    const { model, lines } = this;
    // Headings, blocks and field lines from the top level; links and comments from everywhere.
    for (const n of this.doc.children) {
      this.walk(n, true);
      if (n.type === 'heading') {
        const r = lines.range(n.start, n.end);
        this.headingNodes.push(n);
        model.headings.push({ depth: n.depth!, text: '', range: r, bodyStartLine: r.end.line + 1, sectionEndLine: 0, ownEndLine: 0 });
        continue;
      }
      if (n.type === 'hr') continue;
      const startLine = lines.positionAt(n.start).line;
      const endLine = lines.positionAt(n.end).line;
      const block: Block = { kind: 'content', startLine, endLine };
      if (n.type !== 'code' && isPlaceholderText(this.body.slice(n.start, n.end))) block.kind = 'placeholder';
      model.blocks.push(block);
    }
    // Inline content: heading texts, links and inline comments.
    const headingTexts = new Map<Node, string>();
    for (const h of this.headingNodes) headingTexts.set(h, '');
    for (const n of this.paragraphs) this.inline(n, undefined);
    this.headingNodes.forEach((h, i) => {
      model.headings[i].text = this.inline(h, h).trim();
    });
    // Inline nodes within headings/paragraphs inside quotes and lists.
    for (const n of this.nestedHeadings) this.inline(n, undefined);

    this.fieldLines.sort((a, b) => a - b);
    let prev = -1;
    for (const line of this.fieldLines) {
      if (line === prev) continue;
      prev = line;
      const f = parseFieldLine(lines.line(line), line);
      if (f) model.fields.push(f);
    }
    this.links.sort((a, b) => a.key - b.key);
    this.comments.sort((a, b) => a.key - b.key);
    model.links = this.links.map((x) => x.link);
    model.comments = this.comments.map((x) => x.comment);
    finishSections(model.headings as Heading[], lines.lineCount);
  }

  private readonly nestedHeadings: Node[] = [];

  /** Visits a block: field lines, comments of HTML blocks, and the inline work to do. */
  private walk(n: Node, fieldContext: boolean): void {
    switch (n.type) {
      case 'paragraph':
        if (fieldContext) for (const l of n.lines) this.fieldLines.push(l.line);
        this.paragraphs.push(n);
        return;
      case 'heading':
        if (n.parent !== this.doc) this.nestedHeadings.push(n);
        return;
      case 'html': {
        // The node's value is its lines after the container prefixes, joined with their line
        // ends; parseMarkdown finds comments in that value and offsets them from its start.
        let value = '';
        n.lines.forEach((l, i) => {
          value += this.text.slice(l.from, l.to);
          if (i + 1 < n.lines.length) value += this.text.slice(l.to, this.lines.starts[l.line + 1]);
        });
        const found: Comment[] = [];
        collectComments(value, n.start, this.lines, found);
        found.forEach((c, i) => this.comments.push({ key: n.start + i / 1000, comment: c }));
        return;
      }
      case 'list':
      case 'item':
        for (const c of n.children) this.walk(c, fieldContext);
        return;
      case 'blockquote':
        for (const c of n.children) this.walk(c, false);
        return;
      default:
        return;
    }
  }

  /**
   * Reads the inline content of a paragraph or heading: records its links and comments, and
   * returns its text (for headings). Simple content is read natively, the rest by remark.
   */
  private inline(n: Node, heading: Node | undefined): string {
    const text = this.text;
    if (n.lines.length === 0) return '';
    if (heading && n.lines.length === 1) {
      const l = n.lines[0];
      const content = text.slice(l.from, l.to);
      if (!NEEDS_INLINE.test(content)) return content;
    } else if (!heading) {
      // A paragraph matters only for its links, images and inline HTML (comments).
      let content = '';
      for (const l of n.lines) content += text.slice(l.from, l.to) + '\n';
      if (!mayHoldLinkOrHtml(content)) return '';
    }
    return this.piece(n, heading !== undefined);
  }

  /**
   * Parses one paragraph or heading with remark, on its own: its lines without container
   * prefixes, after the document's link definitions (so references resolve as in the whole
   * document). Positions are mapped back line by line.
   */
  private piece(n: Node, isHeading: boolean): string {
    scanStats.pieces++;
    const text = this.text;
    let src = '';
    if (this.definitionLabels.length) {
      // Only the definitions whose label the piece might use: re-declaring all of them for
      // every piece would make a document with many references quadratic.
      let folded = '';
      for (const l of n.atx ? [n.atx] : n.lines) folded += ' ' + this.text.slice(l.from, l.to);
      folded = folded.replace(/[\t\n\r ]+/g, ' ').toLowerCase();
      for (const label of this.definitionLabels) {
        const key = label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase();
        if (/[^\x00-\x7f]/.test(key) || folded.includes(key)) src += `[${label}]: x\n`;
      }
      if (src) src += '\n';
    }
    const map: { at: number; orig: number }[] = [];
    const prefix = '';
    (n.atx ? [n.atx] : n.lines).forEach((l, i) => {
      map.push({ at: src.length, orig: l.from });
      src += text.slice(l.from, l.to);
      if (i + 1 < n.lines.length) src += text.slice(l.to, this.lines.starts[l.line + 1]);
    });
    if (n.setext) src += '\n' + (n.depth === 1 ? '===' : '---');
    const pieceStart = map[0].at - prefix.length;
    const toOrig = (o: number): number => {
      let k = 0;
      while (k + 1 < map.length && map[k + 1].at <= o) k++;
      return map[k].orig + (o - map[k].at);
    };
    const tree = inlineProcessor.parse(src) as Root;
    let out = '';
    let found = false;
    for (const node of tree.children) {
      const s = node.position?.start.offset ?? 0;
      if (s < pieceStart) continue;
      found = true;
      const want = isHeading ? 'heading' : 'paragraph';
      if (node.type !== want) throw new Fallback('piece read differently');
      out = toText(node);
      this.inlineNodes(node, toOrig);
    }
    if (!found) throw new Fallback('piece read differently');
    return out;
  }

  private inlineNodes(node: Nodes, toOrig: (o: number) => number): void {
    if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
      // As parseMarkdown: links, definitions and images, each with its text.
      const s = toOrig(node.position!.start.offset!);
      const e = toOrig(node.position!.end.offset!);
      const text = node.type === 'link' ? toText(node) : node.type === 'image' ? node.alt ?? '' : node.label ?? '';
      this.links.push({ key: s, link: { target: node.url, text, range: this.lines.range(s, e) } });
    } else if (node.type === 'html') {
      const s = toOrig(node.position!.start.offset!);
      const found: Comment[] = [];
      // The value of inline HTML spans lines with their prefixes removed, as in the piece.
      collectComments(node.value, s, this.lines, found);
      found.forEach((c, i) => this.comments.push({ key: s + i / 1000, comment: c }));
    }
    if ('children' in node) for (const c of node.children) this.inlineNodes(c as Nodes, toOrig);
  }
}

/** Content that may hold inline markup: a heading's text then needs remark. */
const NEEDS_INLINE = /[\\`*_&<[]/;

/**
 * Whether inline content may hold a link, an image or inline HTML: a `[` or `<` outside code
 * spans. Scanning left to right as CommonMark does, a code span hides what it holds, while a
 * `[` or `<` before it is seen first (and answers yes), so skipping spans is exact.
 */
export function mayHoldLinkOrHtml(s: string): boolean {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 91 || c === 60) return true;
    if (c === 92) {
      i += 2; // an escaped character, backtick included, opens nothing
      continue;
    }
    if (c !== 96) {
      i++;
      continue;
    }
    let j = i;
    while (s.charCodeAt(j) === 96) j++;
    const run = j - i;
    // Find the next backtick run of exactly the same length: it closes the span.
    let k = j;
    let close = -1;
    while (k < n) {
      if (s.charCodeAt(k) !== 96) {
        k++;
        continue;
      }
      let e = k;
      while (s.charCodeAt(e) === 96) e++;
      if (e - k === run) {
        close = e;
        break;
      }
      k = e;
    }
    i = close < 0 ? j : close;
  }
  return false;
}

/** A link label closed on its line (no unescaped brackets inside). */
const LABEL = /^\[((?:[^\\[\]]|\\.)*)\]/;
/** A definition's title closed on its line, with nothing after it. */
const TITLE = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))[ \t]*$/;
/** A character reference, which remark would decode in a destination. */
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;
/** A complete opening or closing tag alone on its line: an HTML block of type 7. */
const HTML_TAG_LINE =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^"'=<>`\x00-\x20]+|'[^'\n\r]*'|"[^"\n\r]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

function balancedParens(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && --depth < 0) return false;
  }
  return depth === 0;
}

function listsMatch(a: ListData, b: ListData): boolean {
  return a.ordered === b.ordered && a.marker === b.marker;
}

function canContain(parent: BlockType, child: BlockType): boolean {
  if (parent === 'list') return child === 'item';
  if (parent === 'document' || parent === 'blockquote' || parent === 'item') return child !== 'item';
  return false;
}
