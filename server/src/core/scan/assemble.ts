/**
 * From the block parser's tree to the model: headings, field lines, blocks and comments,
 * and the inline work (heading and cell texts, links, inline comments) done by the native
 * inline scanner or, as pieces (scan/pieces.ts), by remark.
 */
import { finishSections } from '../markdown';
import { isPlaceholderText, parseFieldLine, stripInline } from '../syntax';
import type { Block, Cell, Heading, MarkdownModel, Table } from '../types';
import { contentOf, type BlockState, type ContentLine, type Node } from './blockState';
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

/** Fills `model` from the finished tree of `s` (remark reads the pieces queued on `pieces`). */
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
  const lines = s.lines;
  // Headings, tables, blocks and field lines from the top level; links and comments from everywhere.
  for (const n of s.doc.children) {
    walk(a, n, true);
    if (n.type === 'heading') {
      const r = lines.range(n.start, n.end);
      const heading: Heading = { depth: n.depth!, text: '', range: r, bodyStartLine: r.end.line + 1, sectionEndLine: 0, ownEndLine: 0 };
      model.headings.push(heading);
      a.headingNodes.push({ node: n, heading });
      continue;
    }
    if (n.type === 'hr') continue;
    const startLine = lines.positionAt(n.start).line;
    const endLine = lines.positionAt(n.end).line;
    const block: Block = { kind: 'content', startLine, endLine };
    if (n.type !== 'code' && n.type !== 'table' && isPlaceholder(s, n.start, n.end)) block.kind = 'placeholder';
    model.blocks.push(block);
  }
  // Inline content: heading texts, cell texts, links and inline comments.
  for (const n of a.paragraphs) inline(a, n.lines, false, n, undefined);
  for (const { node, heading } of a.headingNodes) {
    inline(a, node.lines, true, node, (t) => (heading.text = t.trim()));
  }
  for (const n of a.nestedHeadings) inline(a, n.lines, false, n, undefined);
  for (const t of a.tableNodes) table(a, t);
  pieces.flush(s);

  // The walk pushes them in document order: sorted already, unless odd nesting says otherwise.
  if (!isSorted(a.fieldLines)) a.fieldLines.sort((x, y) => x - y);
  const colon = new NextOf(lines.text, ':');
  let prev = -1;
  for (const line of a.fieldLines) {
    if (line === prev) continue;
    prev = line;
    // A field line has a colon (parseFieldLine would say no at once, after the line's copy).
    if (!colon.within(lines.starts[line], lines.lineEnd(line))) continue;
    const f = parseFieldLine(lines.line(line), line);
    if (f) model.fields.push(f);
  }
  s.links.sort((x, y) => x.key - y.key);
  s.comments.sort((x, y) => x.key - y.key);
  model.links = s.links.map((x) => x.link);
  model.comments = s.comments.map((x) => x.comment);
  finishSections(model.headings, lines.lineCount);
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
  const stack: [Node, boolean][] = [[root, rootContext]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [n, fieldContext] = top;
    if (n.type === 'list' || n.type === 'item' || n.type === 'blockquote') {
      const ctx = n.type === 'blockquote' ? false : fieldContext;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push([n.children[i], ctx]);
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
    case 'html': {
      // The node's value is its lines after the container prefixes, joined with their line
      // ends; parseMarkdown finds comments in that value and offsets them from its start.
      const s = a.s;
      let value = '';
      n.lines.forEach((l, i) => {
        value += s.text.slice(l.from, l.to);
        if (i + 1 < n.lines.length) value += s.text.slice(l.to, s.lines.starts[l.line + 1]);
      });
      s.addComments(value, n.start);
      return;
    }
    default:
      return;
  }
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
