/**
 * The block parser (the container-stack algorithm of commonmark.js) and the assembly of the
 * model: headings, field lines, blocks, comments, and the inline work handed to the native
 * inline scanner or, as pieces, to remark.
 */
import type { Nodes, Root } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { findFrontMatter, parseFrontMatter } from '../frontMatter';
import { collectComments, finishSections, limitNesting, toText } from '../markdown';
import { isPlaceholderText, parseFieldLine, stripInline } from '../syntax';
import type { LineIndex } from '../text';
import type { Block, Cell, Comment, Heading, Link, MarkdownModel, Table } from '../types';
import { isSpaceOrTab, unescapeMd } from './chars';
import { Fallback, REMARK_BUDGET, inlineCost, scanStats } from './fallback';
import { PATHOLOGICAL, contentToOrig, scanInline, type Content, type InlineResult } from './inlines';
import { ENTITY, normalizeLabel, parseDefinition } from './links';
import { delimiterRowCells, splitRow } from './tables';

// Paragraph and heading pieces are read without the GFM table extension: a piece's lines
// were no table in the document (lazy lines aside, which could read as one in a piece).
const inlineProcessor = unified().use(remarkParse);
// Table cells are read as one-cell tables, so that their content is read exactly as in a row.
const tableProcessor = unified()
  .use(remarkParse)
  .use(function tablesOnly(this: Processor) {
    const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
    (data.micromarkExtensions ??= []).push(gfmTable());
    (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
  });

type BlockType = 'document' | 'blockquote' | 'list' | 'item' | 'paragraph' | 'heading' | 'code' | 'html' | 'hr' | 'table';

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
  /** A lazy continuation line (its containers did not continue). */
  lazy?: boolean;
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
  /** A table's rows (the delimiter row excluded), each from its first non-blank character. */
  rows?: ContentLine[];
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

export class Scanner {
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
  private readonly headingNodes: { node: Node; heading: Heading }[] = [];
  /** Labels of the link definitions found natively, as written (to re-declare in pieces). */
  private readonly definitionLabels: string[] = [];
  /** The same labels normalised as micromark compares them. */
  private readonly defined = new Set<string>();

  // What incremental re-scanning (scan/incremental.ts) needs to know of a scan.
  /** The lines before which the block parser had nothing open: a scan may restart there. */
  readonly syncs: number[] = [];
  /** The line of each link definition this scan found (its label is in `definitionLabels`, after the seeded ones). */
  readonly definitionLines: number[] = [];
  /** How many of `definitionLabels` were handed in by {@link seed} rather than found. */
  private seeded = 0;
  /** The lines of the pieces handed to remark, and their cost (see REMARK_BUDGET). */
  readonly pieceCosts: { line: number; cost: number }[] = [];
  /** Whether a piece was refused for the budget (the result then depends on the whole document). */
  refused = false;
  /** Whether the text needed {@link limitNesting} (likewise). */
  limited = false;

  constructor(
    private text: string,
    private readonly lines: LineIndex,
    /** Reads rare constructs as best it can instead of falling back, and hands nothing to remark. */
    private readonly lenient = false,
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
    }
    // Container markers nested beyond MAX_NESTING on a line are read as spaces, as parseMarkdown does.
    const original = this.text;
    this.text = limitNesting(original, span ? span.end : 0);
    this.limited = this.text !== original;
    if (span) this.body = this.text.slice(0, span.end).replace(/[^\r\n]/g, ' ') + this.text.slice(span.end);
    else this.body = this.text;
    for (let n = first; n < lines.lineCount; n++) {
      if (this.tip === this.doc) this.syncs.push(n);
      this.incorporateLine(n);
    }
    while (this.tip !== this.doc) this.finalize(this.tip);
    this.finalize(this.doc);
    this.collect();
    return model;
  }

  /**
   * The definitions found elsewhere in the document, and what its pieces elsewhere cost,
   * before {@link runPart}: references resolve, and the budget counts, as in the whole.
   */
  seed(labels: { label: string; key: string }[], pieceCost: number): this {
    for (const l of labels) {
      this.definitionLabels.push(l.label);
      this.defined.add(l.key);
    }
    this.seeded = labels.length;
    this.pieceCost = pieceCost;
    return this;
  }

  /** The model built so far (by {@link runPart}: the items of the lines it read). */
  get result(): MarkdownModel {
    return this.model;
  }

  /** The labels of the definitions this scan found, as written, one per `definitionLines` entry. */
  foundDefinitions(): string[] {
    return this.definitionLabels.slice(this.seeded);
  }

  /**
   * Scans from line `from`, where the block parser of the whole document has nothing open
   * (a sync line; after any front matter), up to the first later sync line that `stop`
   * accepts, or the end. The model then holds what those lines hold; returns the line
   * where the scan stopped. The caller sees to it that the text needs no limitNesting.
   */
  runPart(from: number, stop: (line: number) => boolean): number {
    const count = this.lines.lineCount;
    let n = from;
    for (; n < count; n++) {
      if (this.tip === this.doc) {
        if (n > from && stop(n)) break;
        this.syncs.push(n);
      }
      this.incorporateLine(n);
    }
    while (this.tip !== this.doc) this.finalize(this.tip);
    this.finalize(this.doc);
    this.collect();
    return n;
  }

  /** Falls back to remark for something not reproduced exactly (unless lenient: then reads on). */
  private fail(reason: string): void {
    if (!this.lenient) throw new Fallback(reason);
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
    this.interrupt = container.type === 'paragraph' || (this.oldtip.type === 'code' && !this.oldtip.fenced && this.oldtip.parent === container);
    if (container.type === 'paragraph' && this.allClosed && this.startsTable(container)) return;
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
        break;
      }
      container = started;
      if (container.type === 'code' || container.type === 'html' || container.type === 'heading' || container.type === 'hr') {
        matchedLeaf = true;
      }
    }

    if (this.partiallyConsumedTab) this.fail('tab split by a container');

    // What is left of the line is text.
    if (!this.allClosed && !this.blank && this.tip.type === 'paragraph') {
      // A lazy continuation line. A lazy line that would be a setext underline or a table
      // delimiter row reads differently in a piece: leave such documents to remark.
      if (SETEXT.test(this.ln.slice(this.nextNonspace))) this.fail('lazy setext-like line');
      this.addLine(this.tip);
      this.tip.lines[this.tip.lines.length - 1].lazy = true;
      return;
    }
    this.closeUnmatchedBlocks();

    const t = container.type;
    if (t === 'code' || t === 'html' || t === 'paragraph') {
      this.addLine(container);
      if (t === 'html' && container.htmlType !== undefined && container.htmlType <= 5) {
        if (this.htmlEnds(container.htmlType, this.ln.slice(this.offset))) this.finalize(container);
      }
    } else if (t === 'table') {
      // A body row: any line the table's containers continue that starts no other block.
      container.rows!.push({ line: this.lineNo, from: this.lineStart + this.offset, to: this.lineStart + this.ln.length });
      container.end = this.lineStart + this.ln.length;
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
          // As micromark: a blank line gives up at most the item's indentation; what is left
          // (four spaces more, say) stays with the blocks inside (indented code keeps it).
          if (this.indent >= l.markerOffset + l.padding) this.advanceOffset(l.markerOffset + l.padding, true);
          else this.advanceNextNonspace();
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
      case 'table':
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
      this.fail('container closed over open code or HTML');
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
      else if (/^<[?!]/.test(rest)) this.fail('html block of another kind');
      else if (HTML_TAG_LINE.test(rest) && container.type !== 'paragraph') {
        // On a lazy line (a paragraph still open deeper) micromark does not start one.
        if (this.tip.type === 'paragraph') this.fail('html block on a lazy line');
        // Type 7 (a lone complete tag) cannot interrupt a paragraph. Attributes over several
        // lines or odd whitespace are not read here: only what the regex proves complete.
        if (/\/?>[ \t]*$/.test(rest) && /[\t]/.test(rest)) this.fail('html block of another kind');
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
      if (/^[ \t]*\[/.test(this.text.slice(p.lines[0].from, p.lines[0].to))) this.fail('setext heading after a link definition');
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
      if (!this.allClosed && container === this.lastMatchedContainer) this.fail('indented code on a lazy line');
      const at = this.offset;
      this.advanceOffset(4, true);
      this.closeUnmatchedBlocks();
      return this.addChild('code', at);
    }
    return undefined;
  }

  /**
   * GFM tables, as micromark-extension-gfm-table reads them: a line of a paragraph (its
   * last so far) is a table's head row when the current line, in the same containers, is a
   * delimiter row with as many cells. The table interrupts the paragraph, which keeps the
   * lines before. Returns whether the line was taken as a delimiter row.
   */
  private startsTable(p: Node): boolean {
    this.findNextNonspace();
    if (this.indented) return false;
    const rest = this.ln.slice(this.nextNonspace);
    const c0 = rest.charCodeAt(0);
    // Only `|`, `:` and `-` start a delimiter row; `- ` would start a list item instead.
    if (c0 !== 124 && c0 !== 58 && !(c0 === 45 && rest.length > 1 && !isSpaceOrTab(rest.charCodeAt(1)))) return false;
    const delimiterCells = delimiterRowCells(rest);
    if (delimiterCells === 0) return false;
    const head = p.lines[p.lines.length - 1];
    let from = head.from;
    while (isSpaceOrTab(this.text.charCodeAt(from))) from++;
    const headRow = this.text.slice(from, head.to);
    if (splitRow(headRow).length !== delimiterCells || headRow.trim() === '|') return false;
    // What micromark does with a lazy head row, an indented one, or tabs in the indentation,
    // is not reproduced: such documents are left to remark.
    if (head.lazy) this.fail('table head on a lazy line');
    const indent = this.text.slice(head.from, from);
    if (indent.includes('\t') || indent.length >= 4 || this.ln.slice(this.offset, this.nextNonspace).includes('\t')) {
      this.fail('indented table row');
    }
    if (p.lines.length > 1 && this.text.charCodeAt(p.lines[0].from) === 91) this.fail('table after a possible definition');
    const parent = p.parent!;
    const t = this.newNode('table', head.line, from);
    t.parent = parent;
    t.rows = [{ line: head.line, from, to: head.to }];
    t.end = this.lineStart + this.ln.length;
    p.lines.pop();
    if (p.lines.length) {
      p.end = p.lines[p.lines.length - 1].to;
      this.finalize(p);
      parent.children.push(t);
    } else {
      parent.children[parent.children.indexOf(p)] = t;
    }
    this.tip = t;
    return true;
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
      // Only definitions: no paragraph remains, but its container still holds the
      // definitions (a list item ends where its last definition does, as in mdast).
      const parent = n.parent!;
      parent.children.splice(parent.children.indexOf(n), 1);
      if (n.end > parent.end) parent.end = n.end;
    }
    // A container ends where its last child does, if that is later.
    if (n.type === 'item' || n.type === 'list' || n.type === 'blockquote' || n.type === 'document') {
      const lastChild = n.children[n.children.length - 1];
      if (lastChild && lastChild.end > n.end) n.end = lastChild.end;
    }
    if (n === this.tip) this.tip = n.parent ?? this.doc;
  }

  /**
   * Reads the link definitions at the start of a paragraph, as micromark's definition
   * construct: `[label]:`, whitespace (a line end included), a destination, and an optional
   * title after whitespace; only spaces may follow on the last line. A definition may so
   * span lines; the paragraph keeps the lines after it.
   */
  private resolveDefinitions(p: Node): void {
    const text = this.text;
    while (p.lines.length && text.charCodeAt(p.lines[0].from) === 91) {
      const c = this.contentOf(p.lines);
      const d = parseDefinition(c.s);
      if (!d) return;
      if (d.label.includes('\n')) this.fail('multi-line definition label');
      if (ENTITY.test(d.dest.raw) || ENTITY.test(d.label)) this.fail('entity in a definition');
      // The definition ends at the end of its last line; that line is consumed.
      let last = 0;
      while (last + 1 < c.at.length && c.at[last + 1] <= d.end) last++;
      const s0 = p.lines[0].from;
      // remark decodes backslash escapes in both the destination and the label it reports.
      this.links.push({ key: s0, link: { target: d.dest.url, text: unescapeMd(d.label), range: this.lines.range(s0, p.lines[last].to) } });
      this.definitionLabels.push(d.label);
      this.definitionLines.push(p.lines[0].line);
      this.defined.add(normalizeLabel(d.label));
      p.lines.splice(0, last + 1);
      if (p.lines.length) {
        const f = p.lines[0];
        let st = f.from;
        while (st < f.to && isSpaceOrTab(text.charCodeAt(st))) st++;
        p.lines[0] = { ...f, from: st };
        p.start = st;
        p.startLine = f.line;
      }
    }
  }

  /**
   * A leaf's inline content as micromark sees it: its lines without container prefixes or
   * leading whitespace, joined with `\n`, with where each line starts in it and in the text.
   */
  private contentOf(lines: ContentLine[]): Content {
    const text = this.text;
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

  // ---- from the block tree to the model ----

  private collect(): void {
    const { model, lines } = this;
    // Headings, tables, blocks and field lines from the top level; links and comments from everywhere.
    for (const n of this.doc.children) {
      this.walk(n, true);
      if (n.type === 'heading') {
        const r = lines.range(n.start, n.end);
        const heading: Heading = { depth: n.depth!, text: '', range: r, bodyStartLine: r.end.line + 1, sectionEndLine: 0, ownEndLine: 0 };
        model.headings.push(heading);
        this.headingNodes.push({ node: n, heading });
        continue;
      }
      if (n.type === 'hr') continue;
      const startLine = lines.positionAt(n.start).line;
      const endLine = lines.positionAt(n.end).line;
      const block: Block = { kind: 'content', startLine, endLine };
      if (n.type !== 'code' && n.type !== 'table' && isPlaceholderText(this.body.slice(n.start, n.end), (l) => this.defined.has(normalizeLabel(l)))) block.kind = 'placeholder';
      model.blocks.push(block);
    }
    // Inline content: heading texts, cell texts, links and inline comments.
    for (const n of this.paragraphs) this.inline(n.lines, false, n, undefined);
    for (const { node, heading } of this.headingNodes) {
      this.inline(node.lines, true, node, (t) => (heading.text = t.trim()));
    }
    for (const n of this.nestedHeadings) this.inline(n.lines, false, n, undefined);
    for (const t of this.tableNodes) this.table(t);
    this.flushPieces();

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
    finishSections(model.headings, lines.lineCount);
  }

  private readonly nestedHeadings: Node[] = [];
  private readonly tableNodes: Node[] = [];

  /** Visits a block and what it holds, in document order (iteratively: nesting may be deep). */
  private walk(root: Node, rootContext: boolean): void {
    const stack: [Node, boolean][] = [[root, rootContext]];
    for (let top = stack.pop(); top; top = stack.pop()) {
      const [n, fieldContext] = top;
      if (n.type === 'list' || n.type === 'item' || n.type === 'blockquote') {
        const ctx = n.type === 'blockquote' ? false : fieldContext;
        for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], ctx]);
      } else {
        this.visit(n, fieldContext);
      }
    }
  }

  /** Visits a leaf block: field lines, comments of HTML blocks, and the inline work to do. */
  private visit(n: Node, fieldContext: boolean): void {
    switch (n.type) {
      case 'paragraph':
        if (fieldContext) for (const l of n.lines) this.fieldLines.push(l.line);
        this.paragraphs.push(n);
        return;
      case 'heading':
        if (n.parent !== this.doc) this.nestedHeadings.push(n);
        return;
      case 'table':
        this.tableNodes.push(n);
        return;
      case 'html': {
        // The node's value is its lines after the container prefixes, joined with their line
        // ends; parseMarkdown finds comments in that value and offsets them from its start.
        let value = '';
        n.lines.forEach((l, i) => {
          value += this.text.slice(l.from, l.to);
          if (i + 1 < n.lines.length) value += this.text.slice(l.to, this.lines.starts[l.line + 1]);
        });
        this.addComments(value, n.start);
        return;
      }
      default:
        return;
    }
  }

  /** Records the HTML comments in raw HTML that starts at `start`, as parseMarkdown does. */
  private addComments(value: string, start: number): void {
    if (!value.includes('<!--')) return;
    const found: Comment[] = [];
    collectComments(value, start, this.lines, found);
    found.forEach((c, i) => this.comments.push({ key: start + i / 1000, comment: c }));
  }

  /**
   * Reads the inline content of a paragraph or heading: records its links and comments, and
   * gives its text (for top-level headings) to `setText`. Content is read natively when the
   * native scanner is sure of it, else queued as a remark piece.
   */
  private inline(lines: ContentLine[], wantText: boolean, n: Node, setText: ((t: string) => void) | undefined): void {
    if (lines.length === 0) {
      setText?.('');
      return;
    }
    if (!wantText || lines.length === 1) {
      const c = this.contentOf(lines);
      if (wantText ? !NEEDS_INLINE.test(c.s) : c.s.indexOf('[') < 0 && c.s.indexOf('<') < 0) {
        setText?.(c.s);
        return;
      }
      const r = scanInline(c.s, this.defined, wantText, c.lf);
      if (r === PATHOLOGICAL) {
        // Too much markup to pair: the text as written, no links.
        setText?.(c.s);
        return;
      }
      if (r) {
        this.addInline(r, c);
        setText?.(r.text);
        return;
      }
    }
    // Multi-line setext heading texts (hard breaks, line ends) and the rest: remark.
    const src: string[] = [];
    const at: number[] = [];
    const orig: number[] = [];
    let len = 0;
    const pieceLines = n.atx ? [n.atx] : n.lines;
    pieceLines.forEach((l, i) => {
      at.push(len);
      orig.push(l.from);
      let part = this.text.slice(l.from, l.to);
      if (i + 1 < pieceLines.length) part += this.text.slice(l.to, this.lines.starts[l.line + 1]);
      src.push(part);
      len += part.length;
    });
    if (n.setext) src.push('\n' + (n.depth === 1 ? '===' : '---'));
    if (!this.affordPiece(src, n.startLine)) {
      setText?.(this.contentOf(lines).s);
      return;
    }
    this.plainPieces.push({ src: src.join(''), at, orig, want: n.type === 'heading' ? 'heading' : 'paragraph', setText });
  }

  /** Records what the native inline scanner found, mapped back to the document. */
  private addInline(r: InlineResult, c: Content): void {
    for (const l of r.links) {
      const s = contentToOrig(c, l.start);
      this.links.push({ key: s, link: { target: l.target, text: l.text, range: this.lines.range(s, contentToOrig(c, l.end)) } });
    }
    for (const h of r.html) this.addComments(h.value, contentToOrig(c, h.at));
  }

  /** A table's cells: their text (top-level tables, which the model records) and their links. */
  private table(t: Node): void {
    const text = this.text;
    const top = t.parent === this.doc;
    const toCells = (row: ContentLine): Cell[] =>
      splitRow(text.slice(row.from, row.to)).map((rc) => {
        const cell: Cell = { text: '', range: this.lines.range(row.from + rc.from, row.from + rc.to) };
        const from = row.from + rc.contentFrom;
        const content = text.slice(from, row.from + rc.contentTo);
        const c: Content = { s: content, at: [0], orig: [from], lf: true };
        const setText = top ? (x: string) => (cell.text = stripInline(x).trim()) : undefined;
        if (!NEEDS_INLINE.test(content)) {
          setText?.(content);
          return cell;
        }
        const r = scanInline(content, this.defined, top);
        if (r === PATHOLOGICAL || (!r && !this.affordPiece([content], row.line))) {
          setText?.(content);
        } else if (r) {
          this.addInline(r, c);
          setText?.(r.text);
        } else {
          // As a one-cell table, so that remark reads the content exactly as in its row.
          this.cellPieces.push({ src: `| ${content} |\n| - |`, at: [2], orig: [from], want: 'table', setText });
        }
        return cell;
      });
    const [head, ...body] = t.rows!;
    const table: Table = { header: toCells(head), rows: body.map(toCells), range: this.lines.range(t.start, t.end) };
    if (top) this.model.tables.push(table);
  }

  /** What pieces have cost remark so far (see REMARK_BUDGET). */
  private pieceCost = 0;

  /**
   * Whether a piece may go to remark: not when lenient, nor once the pieces' inline markup
   * would cost remark more than REMARK_BUDGET. Real pieces always may.
   */
  private affordPiece(src: string[], line: number): boolean {
    if (this.lenient) return false;
    const cost = inlineCost(src.join(''));
    if (this.pieceCost + cost > REMARK_BUDGET) {
      this.refused = true;
      return false;
    }
    this.pieceCost += cost;
    this.pieceCosts.push({ line, cost });
    return true;
  }

  /** Paragraphs and headings for remark, and table cells (read with GFM tables on). */
  private readonly plainPieces: Piece[] = [];
  private readonly cellPieces: Piece[] = [];

  private flushPieces(): void {
    if (this.plainPieces.length) this.runPieces(this.plainPieces, inlineProcessor);
    if (this.cellPieces.length) this.runPieces(this.cellPieces, tableProcessor);
  }

  /**
   * Parses pieces with remark in ONE call: they are joined with blank lines (which no piece
   * holds, so none can run into the next), after the document's link definitions (so that
   * references resolve as in the whole document). remark's fixed cost per call dominates
   * small pieces, so this is much quicker than a call each. Each piece must come back as
   * exactly one node of the expected kind; positions are mapped back line by line.
   */
  private runPieces(pieces: Piece[], processor: typeof inlineProcessor): void {
    let src = '';
    for (const label of this.definitionLabels) src += `[${label}]: x\n`;
    if (src) src += '\n';
    const bases: number[] = [];
    for (const p of pieces) {
      bases.push(src.length);
      src += p.src + '\n\n';
    }
    scanStats.pieces += pieces.length;
    scanStats.pieceBytes += src.length;
    scanStats.remarkCalls++;
    const tree = processor.parse(src) as Root;
    let k = 0;
    for (const node of tree.children) {
      const s = node.position?.start.offset ?? 0;
      if (s < bases[0]) continue;
      const p = pieces[k];
      if (!p || s < bases[k] || (k + 1 < bases.length && s >= bases[k + 1]) || node.type !== p.want) throw new Fallback('piece read differently');
      const base = bases[k];
      const toOrig = (o: number): number => {
        const local = o - base;
        let j = p.at.length - 1;
        while (j > 0 && p.at[j] > local) j--;
        return p.orig[j] + (local - p.at[j]);
      };
      if (node.type === 'table') {
        const rows = node.children;
        if (rows.length !== 1 || rows[0].children.length !== 1) throw new Fallback('piece read differently');
        const cell = rows[0].children[0];
        this.inlineNodes(cell, toOrig);
        p.setText?.(toText(cell));
      } else {
        this.inlineNodes(node, toOrig);
        p.setText?.(toText(node));
      }
      k++;
    }
    if (k !== pieces.length) throw new Fallback('piece read differently');
  }

  private inlineNodes(root: Nodes, toOrig: (o: number) => number): void {
    const stack: Nodes[] = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
        // As parseMarkdown: links, definitions and images, each with its text.
        const s = toOrig(node.position!.start.offset!);
        const e = toOrig(node.position!.end.offset!);
        const text = node.type === 'link' ? toText(node) : node.type === 'image' ? (node.alt ?? '') : (node.label ?? '');
        this.links.push({ key: s, link: { target: node.url, text, range: this.lines.range(s, e) } });
      } else if (node.type === 'html') {
        // The value of inline HTML spans lines with their prefixes removed, as in the piece.
        this.addComments(node.value, toOrig(node.position!.start.offset!));
      }
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
}

/** Text for remark: a paragraph, a heading or a one-cell table, with where its lines come from. */
interface Piece {
  src: string;
  at: number[];
  orig: number[];
  want: 'paragraph' | 'heading' | 'table';
  setText: ((t: string) => void) | undefined;
}

/** Content that may hold inline markup: a heading's text then needs remark. */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const NEEDS_INLINE = /[\\`*_&<[\x00]/;

/** A complete opening or closing tag alone on its line: an HTML block of type 7. */
const HTML_TAG_LINE =
  // eslint-disable-next-line no-control-regex -- CommonMark's unquoted attribute value excludes C0 controls
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^"'=<>`\x00-\x20]+|'[^'\n\r]*'|"[^"\n\r]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

function listsMatch(a: ListData, b: ListData): boolean {
  return a.ordered === b.ordered && a.marker === b.marker;
}

function canContain(parent: BlockType, child: BlockType): boolean {
  if (parent === 'list') return child === 'item';
  if (parent === 'document' || parent === 'blockquote' || parent === 'item') return child !== 'item';
  return false;
}
