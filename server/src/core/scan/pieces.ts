/**
 * Inline content the native scanner is not sure of, handed to remark as "pieces": a
 * paragraph, a heading or a table cell each, parsed in one call per document with the
 * document's link definitions in front, positions mapped back. The cost of what is handed
 * over is held to REMARK_BUDGET.
 */
import type { Nodes, Root } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { toText } from '../markdown';
import type { BlockState } from './blockState';
import { Fallback, REMARK_BUDGET, inlineCost, scanStats } from './fallback';

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

/** Text for remark: a paragraph, a heading or a one-cell table, with where its lines come from. */
export interface Piece {
  src: string;
  at: number[];
  orig: number[];
  want: 'paragraph' | 'heading' | 'table';
  setText: ((t: string) => void) | undefined;
}

/** The pieces of one scan, queued until the blocks are all read, and what they cost. */
export class Pieces {
  /** What pieces have cost remark so far (see REMARK_BUDGET). */
  cost = 0;
  /** The lines of the pieces handed to remark, and their cost (see REMARK_BUDGET). */
  readonly costs: { line: number; cost: number }[] = [];
  /** Whether a piece was refused for the budget (the result then depends on the whole document). */
  refused = false;
  /** Paragraphs and headings for remark, and table cells (read with GFM tables on). */
  readonly plain: Piece[] = [];
  readonly cells: Piece[] = [];

  constructor(
    /** Hands nothing to remark. */
    private readonly lenient: boolean,
  ) {}

  /**
   * Whether a piece may go to remark: not when lenient, nor once the pieces' inline markup
   * would cost remark more than REMARK_BUDGET. Real pieces always may.
   */
  afford(src: string[], line: number): boolean {
    if (this.lenient) return false;
    const cost = inlineCost(src.join(''));
    if (this.cost + cost > REMARK_BUDGET) {
      this.refused = true;
      return false;
    }
    this.cost += cost;
    this.costs.push({ line, cost });
    return true;
  }

  /** Reads the queued pieces, recording their links and comments in `s`. */
  flush(s: BlockState): void {
    if (this.plain.length) runPieces(s, this.plain, inlineProcessor);
    if (this.cells.length) runPieces(s, this.cells, tableProcessor);
  }
}

/**
 * Parses pieces with remark in ONE call: they are joined with blank lines (which no piece
 * holds, so none can run into the next), after the document's link definitions (so that
 * references resolve as in the whole document). remark's fixed cost per call dominates
 * small pieces, so this is much quicker than a call each. Each piece must come back as
 * exactly one node of the expected kind; positions are mapped back line by line.
 */
function runPieces(s: BlockState, pieces: Piece[], processor: typeof inlineProcessor): void {
  let src = '';
  for (const label of s.definitionLabels) src += `[${label}]: x\n`;
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
    const start = node.position?.start.offset ?? 0;
    if (start < bases[0]) continue;
    const p = pieces[k];
    if (!p || start < bases[k] || (k + 1 < bases.length && start >= bases[k + 1]) || node.type !== p.want) throw new Fallback('piece read differently');
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
      inlineNodes(s, cell, toOrig);
      p.setText?.(toText(cell));
    } else {
      inlineNodes(s, node, toOrig);
      p.setText?.(toText(node));
    }
    k++;
  }
  if (k !== pieces.length) throw new Fallback('piece read differently');
}

function inlineNodes(s: BlockState, root: Nodes, toOrig: (o: number) => number): void {
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
      // As parseMarkdown: links, definitions and images, each with its text.
      const start = toOrig(node.position!.start.offset!);
      const end = toOrig(node.position!.end.offset!);
      const text = node.type === 'link' ? toText(node) : node.type === 'image' ? (node.alt ?? '') : (node.label ?? '');
      s.links.push({ key: start, link: { target: node.url, text, range: s.lines.range(start, end) } });
    } else if (node.type === 'html') {
      // The value of inline HTML spans lines with their prefixes removed, as in the piece.
      s.addComments(node.value, toOrig(node.position!.start.offset!));
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
}
