/**
 * One scan of a document: front matter, the block parser (scan/blocks.ts) over the lines
 * after it, then the model's assembly (scan/assemble.ts). A scan may also read one run of
 * lines only, seeded with what the rest of the document defines (scan/incremental.ts).
 */
import { findFrontMatter, parseFrontMatter } from '../frontMatter';
import { MAX_NESTING, limitNesting } from '../markdown';
import type { LineIndex } from '../text';
import type { MarkdownModel } from '../types';
import { assemble } from './assemble';
import { closeAll, incorporateLine } from './blocks';
import { BlockState } from './blockState';
import { Pieces } from './pieces';

export class Scanner {
  private readonly s: BlockState;
  private readonly pieces: Pieces;
  private readonly model: MarkdownModel;

  // What incremental re-scanning (scan/incremental.ts) needs to know of a scan.
  /** The lines before which the block parser had nothing open: a scan may restart there. */
  readonly syncs: number[] = [];
  /** How many of the definitions' labels were handed in by {@link seed} rather than found. */
  private seeded = 0;
  /** Whether the text needed {@link limitNesting} (the result then depends on the whole document). */
  limited = false;

  constructor(
    text: string,
    private readonly lines: LineIndex,
    /** Reads rare constructs as best it can instead of falling back, and hands nothing to remark. */
    lenient = false,
  ) {
    this.s = new BlockState(text, lines, lenient);
    this.pieces = new Pieces(lenient);
    this.model = { headings: [], fields: [], tables: [], links: [], blocks: [], comments: [], lineCount: lines.lineCount };
  }

  run(): MarkdownModel {
    const { lines, model, s } = this;
    const span = findFrontMatter(lines);
    let first = 0;
    if (span) {
      model.frontMatter = parseFrontMatter(lines, span);
      // parseMarkdown blanks the block out; the scanner simply starts after it. The blanked
      // lines are blank lines to remark, which open or continue nothing.
      first = span.closeLine + 1;
    }
    // Container markers nested beyond MAX_NESTING on a line are read as spaces, as parseMarkdown does.
    const original = s.text;
    const from = span ? span.end : 0;
    s.text = mayNestTooDeep(original, lines, from) ? limitNesting(original, from) : original;
    this.limited = s.text !== original;
    if (span) s.body = s.text.slice(0, span.end).replace(/[^\r\n]/g, ' ') + s.text.slice(span.end);
    else s.body = s.text;
    for (let n = first; n < lines.lineCount; n++) {
      if (s.tip === s.doc) this.syncs.push(n);
      incorporateLine(s, n);
    }
    closeAll(s);
    assemble(s, model, this.pieces);
    return model;
  }

  /**
   * The definitions found elsewhere in the document, and what its pieces elsewhere cost,
   * before {@link runPart}: references resolve, and the budget counts, as in the whole.
   */
  seed(labels: { label: string; key: string }[], pieceCost: number): this {
    for (const l of labels) {
      this.s.definitionLabels.push(l.label);
      this.s.defined.add(l.key);
    }
    this.seeded = labels.length;
    this.pieces.cost = pieceCost;
    return this;
  }

  /** The model built so far (by {@link runPart}: the items of the lines it read). */
  get result(): MarkdownModel {
    return this.model;
  }

  /** The labels of the definitions this scan found, as written, one per `definitionLines` entry. */
  foundDefinitions(): string[] {
    return this.s.definitionLabels.slice(this.seeded);
  }

  /** The line of each link definition this scan found (its label is in {@link foundDefinitions}). */
  get definitionLines(): number[] {
    return this.s.definitionLines;
  }

  /** The lines of the pieces handed to remark, and their cost (see REMARK_BUDGET). */
  get pieceCosts(): { line: number; cost: number }[] {
    return this.pieces.costs;
  }

  /** Whether a piece was refused for the budget (the result then depends on the whole document). */
  get refused(): boolean {
    return this.pieces.refused;
  }

  /**
   * Scans from line `from`, where the block parser of the whole document has nothing open
   * (a sync line; after any front matter), up to the first later sync line that `stop`
   * accepts, or the end. The model then holds what those lines hold; returns the line
   * where the scan stopped. The caller sees to it that the text needs no limitNesting.
   */
  runPart(from: number, stop: (line: number) => boolean): number {
    const s = this.s;
    const count = this.lines.lineCount;
    let n = from;
    for (; n < count; n++) {
      if (s.tip === s.doc) {
        if (n > from && stop(n)) break;
        this.syncs.push(n);
      }
      incorporateLine(s, n);
    }
    closeAll(s);
    assemble(s, this.model, this.pieces);
    return n;
  }
}

/**
 * Whether some line (from `from` on) might open more than MAX_NESTING containers, so that
 * {@link limitNesting} could change the text: when not, it is not called (its own test is
 * a regex over the whole text). Each of a line's container markers holds one of `>`, `-`,
 * `*`, `+` or the `.`/`)` after an ordered marker's digits, and its prefix holds only these,
 * digits, spaces and tabs: fewer than 101 of those characters there cannot be too deep.
 */
function mayNestTooDeep(text: string, lines: LineIndex, from: number): boolean {
  const starts = lines.starts;
  const n = text.length;
  for (let l = -1; l < starts.length; l++) {
    // The part of a line from `from`, then every line start after it.
    const start = l < 0 ? from : starts[l];
    if (l >= 0 && start <= from) continue;
    let markers = 0;
    for (let k = start; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 62 || c === 45 || c === 42 || c === 43 || c === 46 || c === 41) markers++;
      else if (c !== 32 && c !== 9 && !(c >= 48 && c <= 57)) break;
    }
    if (markers > MAX_NESTING) return true;
  }
  return false;
}
