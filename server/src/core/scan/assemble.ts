/**
 * From the block parser's tree to the model: headings, field lines, blocks and comments,
 * and the inline work (heading and cell texts, links, inline comments) done by the native
 * inline scanner or, as pieces (scan/pieces.ts), by remark.
 */
import { finishSections } from '../markdown';
import type { LineIndex } from '../text';
import { isPlaceholderText, parseFieldLine, stripInline } from '../syntax';
import type { Block, Cell, Comment, Field, Heading, Link, MarkdownModel, Table } from '../types';
import { contentOf, lineEndOf, type BlockState, type ContentLine, type Node } from './blockState';
import { PATHOLOGICAL, contentToOrig, scanInline, type Content, type InlineResult } from './inlines';
import { normalizeLabel } from './links';
import type { Pieces } from './pieces';
import { splitRow } from './tables';

/** Content that may hold inline markup: a heading's text then needs remark. */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const NEEDS_INLINE = /[\\`*_&<[\x00]/;

/** One assembly: the parser's state and tree, the model it fills, and the leaves still to read. */
interface Assembly {
  readonly s: BlockState;
  readonly model: MarkdownModel;
  readonly pieces: Pieces;
  readonly fieldLines: number[];
  readonly paragraphs: Node[];
  readonly headingNodes: { node: Node; heading: Heading }[];
  readonly nestedHeadings: Node[];
  readonly tableNodes: Node[];
  /** Where the next `[` and `<` are in the text: inline content without either holds no links or comments. */
  readonly brackets: NextOf;
  readonly angles: NextOf;
}

/**
 * Where the next `ch` is at or after an offset, found by the engine's search and kept: when
 * asked in document order, as the assembly asks, each stretch of the text is searched once.
 */
class NextOf {
  /** text.indexOf(ch, asked) */
  private at: number;
  private asked = 0;

  constructor(
    private readonly text: string,
    private readonly ch: string,
  ) {
    this.at = text.indexOf(ch);
  }

  /** Whether `ch` occurs in [from, to). */
  within(from: number, to: number): boolean {
    if (from < this.asked || (this.at >= 0 && this.at < from)) {
      this.asked = from;
      this.at = this.text.indexOf(this.ch, from);
    }
    return this.at >= 0 && this.at < to;
  }
}

function isSorted(xs: number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i] < xs[i - 1]) return false;
  return true;
}

/**
 * Fills `model` from the finished tree of `s` (remark reads the pieces queued on `pieces`).
 * In one cold `charter check` this runs once per document while V8 optimises it; each
 * phase is a function of its own, so that a rarer path first taken in one (a placeholder,
 * a CRLF line end, a comment) throws away only that phase's optimised code.
 */
export function assemble(s: BlockState, model: MarkdownModel, pieces: Pieces): void {
  const a: Assembly = {
    s,
    model,
    pieces,
    fieldLines: [],
    paragraphs: [],
    headingNodes: [],
    nestedHeadings: [],
    tableNodes: [],
    brackets: new NextOf(s.text, '['),
    angles: new NextOf(s.text, '<'),
  };
  readBlocks(a);
  readInlines(a);
  pieces.flush(s);
  readFields(s.lines, a.fieldLines, model.fields);
  s.links.sort(byKey);
  s.comments.sort(byKey);
  model.links = s.links.map(linkOf);
  model.comments = s.comments.map(commentOf);
  finishSections(model.headings, s.lines.lineCount);
}

const byKey = (x: { key: number }, y: { key: number }): number => x.key - y.key;
const linkOf = (x: { link: Link }): Link => x.link;
const commentOf = (x: { comment: Comment }): Comment => x.comment;

/** Headings, tables, blocks and field lines from the top level; links and comments from everywhere. */
function readBlocks(a: Assembly): void {
  const s = a.s;
  const children = s.doc.children;
  for (let i = 0; i < children.length; i++) {
    const n = children[i];
    walk(a, n, true);
    if (n.type === 'heading') addHeading(a, n);
    else if (n.type !== 'hr') addBlock(a, n);
  }
}

function addHeading(a: Assembly, n: Node): void {
  const r = a.s.lines.range(n.start, n.end);
  const heading: Heading = { depth: n.depth!, text: '', range: r, bodyStartLine: r.end.line + 1, sectionEndLine: 0, ownEndLine: 0 };
  a.model.headings.push(heading);
  a.headingNodes.push({ node: n, heading });
}

function addBlock(a: Assembly, n: Node): void {
  const s = a.s;
  // The lines alone: the position's character needs the line's end, whose CRLF path, first
  // met in optimised code, would throw the code away.
  const startLine = s.lines.lineAt(n.start);
  const endLine = s.lines.lineAt(n.end);
  const placeholder = n.type !== 'code' && n.type !== 'table' && isPlaceholder(s, n.start, n.end);
  const block: Block = { kind: placeholder ? 'placeholder' : 'content', startLine, endLine };
  a.model.blocks.push(block);
}

/** Inline content: heading texts, cell texts, links and inline comments. */
function readInlines(a: Assembly): void {
  const paragraphs = a.paragraphs;
  for (let i = 0; i < paragraphs.length; i++) inline(a, paragraphs[i].lines, false, paragraphs[i], undefined);
  const headingNodes = a.headingNodes;
  for (let i = 0; i < headingNodes.length; i++) {
    const { node, heading } = headingNodes[i];
    inline(a, node.lines, true, node, (t) => (heading.text = t.trim()));
  }
  const nested = a.nestedHeadings;
  for (let i = 0; i < nested.length; i++) inline(a, nested[i].lines, false, nested[i], undefined);
  const tables = a.tableNodes;
  for (let i = 0; i < tables.length; i++) table(a, tables[i]);
}

/** The field lines (`Name: value`) of the paragraphs in field context, as `fields`. */
function readFields(lines: LineIndex, fieldLines: number[], fields: Field[]): void {
  // The walk pushes them in document order: sorted already, unless odd nesting says otherwise.
  if (!isSorted(fieldLines)) fieldLines.sort((x, y) => x - y);
  const colon = new NextOf(lines.text, ':');
  let prev = -1;
  for (let i = 0; i < fieldLines.length; i++) {
    const line = fieldLines[i];
    if (line === prev) continue;
    prev = line;
    // A field line has a colon (parseFieldLine would say no at once, after the line's copy).
    const end = lineEndOf(lines, line);
    if (!colon.within(lines.starts[line], end)) continue;
    const f = parseFieldLine(lines.text.slice(lines.starts[line], end), line);
    if (f) fields.push(f);
  }
}

/**
 * isPlaceholderText of the block's text, which holds only placeholders when each of its
 * lines does. Most blocks are prose: their first line alone says no, without the comments
 * taken out and the lines split of the whole block. That line must hold no `<` (a comment
 * could start there); one that may be a placeholder is decided with the rest of the block.
 */
function isPlaceholder(s: BlockState, start: number, end: number): boolean {
  const body = s.body;
  const isDefined = (l: string) => s.defined.has(normalizeLabel(l));
  let eol = start;
  while (eol < end) {
    const c = body.charCodeAt(eol);
    if (c === 10 || c === 13 || c === 60) break;
    eol++;
  }
  if (eol < end && body.charCodeAt(eol) !== 60 && !isPlaceholderText(body.slice(start, eol), isDefined)) return false;
  return isPlaceholderText(body.slice(start, end), isDefined);
}

/** Visits a block and what it holds, in document order (iteratively: nesting may be deep). */
function walk(a: Assembly, root: Node, rootContext: boolean): void {
  const nodes = [root];
  const contexts = [rootContext];
  while (nodes.length) {
    const n = nodes.pop()!;
    const fieldContext = contexts.pop()!;
    if (n.type === 'list' || n.type === 'item' || n.type === 'blockquote') {
      const ctx = n.type === 'blockquote' ? false : fieldContext;
      for (let i = n.children.length - 1; i >= 0; i--) {
        nodes.push(n.children[i]);
        contexts.push(ctx);
      }
    } else {
      visit(a, n, fieldContext);
    }
  }
}

/** Visits a leaf block: field lines, comments of HTML blocks, and the inline work to do. */
function visit(a: Assembly, n: Node, fieldContext: boolean): void {
  switch (n.type) {
    case 'paragraph':
      if (fieldContext) for (const l of n.lines) a.fieldLines.push(l.line);
      a.paragraphs.push(n);
      return;
    case 'heading':
      if (n.parent !== a.s.doc) a.nestedHeadings.push(n);
      return;
    case 'table':
      a.tableNodes.push(n);
      return;
    case 'html':
      htmlComments(a.s, n);
      return;
    default:
      return;
  }
}

/**
 * The comments of an HTML block. The node's value is its lines after the container
 * prefixes, joined with their line ends; parseMarkdown finds comments in that value and
 * offsets them from its start.
 */
function htmlComments(s: BlockState, n: Node): void {
  let value = '';
  n.lines.forEach((l, i) => {
    value += s.text.slice(l.from, l.to);
    if (i + 1 < n.lines.length) value += s.text.slice(l.to, s.lines.starts[l.line + 1]);
  });
  s.addComments(value, n.start);
}

/**
 * Reads the inline content of a paragraph or heading: records its links and comments, and
 * gives its text (for top-level headings) to `setText`. Content is read natively when the
 * native scanner is sure of it, else queued as a remark piece.
 */
function inline(a: Assembly, lines: ContentLine[], wantText: boolean, n: Node, setText: ((t: string) => void) | undefined): void {
  const s = a.s;
  if (lines.length === 0) {
    setText?.('');
    return;
  }
  if (!wantText) {
    // Links and comments need a `[` or `<`: most paragraphs have neither (no content is made).
    let marked = false;
    for (let k = 0; k < lines.length && !marked; k++) marked = a.brackets.within(lines[k].from, lines[k].to) || a.angles.within(lines[k].from, lines[k].to);
    if (!marked) return;
  }
  if (!wantText || lines.length === 1) {
    const c = contentOf(s.text, lines);
    if (wantText ? !NEEDS_INLINE.test(c.s) : c.s.indexOf('[') < 0 && c.s.indexOf('<') < 0) {
      setText?.(c.s);
      return;
    }
    const r = scanInline(c.s, s.defined, wantText, c.lf);
    if (r === PATHOLOGICAL) {
      // Too much markup to pair: the text as written, no links.
      setText?.(c.s);
      return;
    }
    if (r) {
      addInline(s, r, c);
      setText?.(r.text);
      return;
    }
  }
  // Multi-line setext heading texts (hard breaks, line ends) and the rest: remark.
  queuePiece(a, lines, n, setText);
}

/** Queues a paragraph's or heading's content as a remark piece (or, past the budget, takes its text as written). */
function queuePiece(a: Assembly, lines: ContentLine[], n: Node, setText: ((t: string) => void) | undefined): void {
  const s = a.s;
  const src: string[] = [];
  const at: number[] = [];
  const orig: number[] = [];
  let len = 0;
  const pieceLines = n.atx ? [n.atx] : n.lines;
  pieceLines.forEach((l, i) => {
    at.push(len);
    orig.push(l.from);
    let part = s.text.slice(l.from, l.to);
    if (i + 1 < pieceLines.length) part += s.text.slice(l.to, s.lines.starts[l.line + 1]);
    src.push(part);
    len += part.length;
  });
  if (n.setext) src.push('\n' + (n.depth === 1 ? '===' : '---'));
  if (!a.pieces.afford(src, n.startLine)) {
    setText?.(contentOf(s.text, lines).s);
    return;
  }
  a.pieces.plain.push({ src: src.join(''), at, orig, want: n.type === 'heading' ? 'heading' : 'paragraph', setText });
}

/** Records what the native inline scanner found, mapped back to the document. */
function addInline(s: BlockState, r: InlineResult, c: Content): void {
  for (const l of r.links) {
    const start = contentToOrig(c, l.start);
    s.links.push({ key: start, link: { target: l.target, text: l.text, range: s.lines.range(start, contentToOrig(c, l.end)) } });
  }
  for (const h of r.html) s.addComments(h.value, contentToOrig(c, h.at));
}

/** A table's cells: their text (top-level tables, which the model records) and their links. */
function table(a: Assembly, t: Node): void {
  const s = a.s;
  const text = s.text;
  const top = t.parent === s.doc;
  const toCells = (row: ContentLine): Cell[] =>
    splitRow(text.slice(row.from, row.to)).map((rc) => {
      const cell: Cell = { text: '', range: s.lines.range(row.from + rc.from, row.from + rc.to) };
      const from = row.from + rc.contentFrom;
      const content = text.slice(from, row.from + rc.contentTo);
      const c: Content = { s: content, at: [0], orig: [from], lf: true };
      const setText = top ? (x: string) => (cell.text = stripInline(x).trim()) : undefined;
      if (!NEEDS_INLINE.test(content)) {
        setText?.(content);
        return cell;
      }
      const r = scanInline(content, s.defined, top);
      if (r === PATHOLOGICAL || (!r && !a.pieces.afford([content], row.line))) {
        setText?.(content);
      } else if (r) {
        addInline(s, r, c);
        setText?.(r.text);
      } else {
        // As a one-cell table, so that remark reads the content exactly as in its row.
        a.pieces.cells.push({ src: `| ${content} |\n| - |`, at: [2], orig: [from], want: 'table', setText });
      }
      return cell;
    });
  const [head, ...body] = t.rows!;
  const tableItem: Table = { header: toCells(head), rows: body.map(toCells), range: s.lines.range(t.start, t.end) };
  if (top) a.model.tables.push(tableItem);
}
